import * as vscode from 'vscode';
import { EngineError, normalize, OPERATIONS, isOpName, type OpName, type OpParams, type OpResult } from '../../core/engine';
import { type CoreMessage, type NotationKind, type ParsedSelection, parseSelectionSteps, writeSelection, type WrittenSelection } from '../../core/selection';
import { pause, runInSlices } from '../slices';
import {
  checkNormalizeArguments,
  completeParams,
  defaultParams,
  describeParams,
  type NormalizeArguments,
  type OutputMode,
  paramQuestions,
} from '../../core/selection/normalizeOptions';
import { notationName } from './notationName';
import type { ResultAction } from '../../messages';
import { copyOutput, type EditTarget, insertBelow, replaceSelection } from './applyOutput';
import { askParams, pickOperation } from './pickers';
import { ResultPanel } from './resultPanel';
import { buildResultView } from './resultView';

/** What the command returns, so keybindings, tasks and tests can see what happened. */
export type NormalizeSelectionResult =
  | {
      readonly ok: true;
      readonly op: OpName;
      readonly params: Record<string, unknown>;
      readonly shape: number[];
      readonly notation: NotationKind;
      readonly output: OutputMode;
      /** The result in the selection's notation, as written by replace. */
      readonly text: string;
      readonly groupCount: number;
      /** What the writing changed besides the numbers (e.g. an integer dtype made floating point), localized. */
      readonly notes: readonly string[];
      readonly elapsedMs: number;
      /** Milliseconds per step of the command (for `npm run bench:vscode`). */
      readonly timings: Readonly<Record<string, number>>;
    }
  | { readonly ok: false; readonly cancelled?: true; readonly error?: string; readonly position?: { readonly line: number; readonly character: number } };

const LAST_CHOICE_KEY = 'normalizationLab.normalize.lastChoice';
/** From this many numbers on, the work runs under a progress notification and yields between slices. */
const LARGE_SELECTION = 100_000;
const FORMAT_SLICE = 50_000;

interface LastChoice {
  readonly op?: string;
  readonly params?: Record<string, Record<string, unknown>>;
}

const localize = (message: CoreMessage) => vscode.l10n.t(message.template, ...message.args);

class Cancelled extends Error {}

function fail(message: string, position?: vscode.Position): NormalizeSelectionResult {
  void vscode.window.showErrorMessage(vscode.l10n.t('Normalize Selection: {0}', message));
  return { ok: false, error: message, ...(position ? { position: { line: position.line, character: position.character } } : {}) };
}

/** The engine's refusal, with what to do about it. */
function explainEngineError(op: OpName, error: EngineError, shape: readonly number[]): string {
  const detail = error.message.replace(/^[a-z_]+: /, '');
  const label = vscode.l10n.t(OPERATIONS[op].label);
  const shapeText = `[${shape.join(', ')}]`;
  let hint = '';
  if (error.argument === 'input.shape') hint = vscode.l10n.t('Select a 2-D array or deeper: rows are samples (N), columns are channels (C).');
  else if (error.argument === 'num_groups') hint = vscode.l10n.t('Choose a number of groups that divides the channel count (shape[1] = {0}).', shape[1] ?? 0);
  else if (error.argument === 'normalized_shape') hint = vscode.l10n.t('normalized_shape must be the last dims of {0}, e.g. [{1}].', shapeText, shape[shape.length - 1] ?? 1);
  else if (error.argument === 'input' && op === 'instance_norm') hint = vscode.l10n.t('InstanceNorm needs (N, C, L) with L > 1: select a 3-D array.');
  else if (error.argument === 'dim' || error.argument === 'axis') hint = vscode.l10n.t('The selection has {0} axes; use an axis from {1} to {2}.', shape.length, -shape.length, shape.length - 1);
  return vscode.l10n.t('{0} cannot take this {1} selection: {2} {3}', label, shapeText, detail, hint).trim();
}

/** Writes the output with the core's writer, yielding between its slices so a million numbers do not stall the extension host. */
async function formatOutput(parsed: ParsedSelection, data: Float64Array, digits: number, progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<WrittenSelection> {
  const large = data.length >= LARGE_SELECTION;
  const writing = writeSelection(parsed.shape, data, parsed.notation, { significantDigits: digits, ...(large ? { sliceSize: FORMAT_SLICE } : {}) });
  let written = 0;
  for (let step = writing.next(); ; step = writing.next()) {
    const done = step.done ? data.length : step.value;
    progress?.report({ message: vscode.l10n.t('writing {0} of {1} numbers', done.toLocaleString(), data.length.toLocaleString()), increment: (50 * (done - written)) / data.length });
    written = done;
    if (step.done) return step.value;
    await pause();
    if (token?.isCancellationRequested) throw new Cancelled();
  }
}

async function withOptionalProgress<T>(large: boolean, title: string, work: (progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken) => Promise<T>): Promise<T> {
  if (!large) return work();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => work(progress, token));
}

/** Chooses op and params: from the argument object without asking, else with Quick Picks that start at the last choice. */
async function chooseOperation(
  context: vscode.ExtensionContext,
  args: NormalizeArguments | undefined,
  shape: readonly number[],
): Promise<{ op: OpName; params: Record<string, unknown> } | undefined> {
  const settings = vscode.workspace.getConfiguration('normalizationLab.normalize');
  const defaultEps = settings.get<number>('defaultEps', 1e-5);
  if (args?.op) {
    const questions = paramQuestions(args.op, shape, { defaultEps });
    // Given params win; the ones not given get the same defaults the pickers would offer.
    return { op: args.op, params: { ...defaultParams(questions), ...(args.params ?? {}) } };
  }
  const last = context.globalState.get<LastChoice>(LAST_CHOICE_KEY) ?? {};
  const configured = settings.get<string>('defaultOperation', 'layer_norm');
  const preselected = isOpName(last.op) ? last.op : isOpName(configured) ? configured : 'layer_norm';
  const op = await pickOperation(preselected, shape);
  if (!op) return undefined;
  const questions = paramQuestions(op, shape, { defaultEps });
  const params = await askParams(questions, shape, defaultParams(questions, last.params?.[op] ?? {}));
  if (!params) return undefined;
  await context.globalState.update(LAST_CHOICE_KEY, { op, params: { ...(last.params ?? {}), [op]: params } } satisfies LastChoice);
  return { op, params };
}

/** The command: read the selection, choose, normalize, then show or write the result. */
export async function normalizeSelection(context: vscode.ExtensionContext, rawArgs: unknown): Promise<NormalizeSelectionResult> {
  const started = Date.now();
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - mark);
    mark = now;
  };
  const checked = checkNormalizeArguments(rawArgs);
  if (!checked.ok) return fail(localize(checked.message));
  const args = checked.args;

  const editor = vscode.window.activeTextEditor;
  if (!editor) return fail(vscode.l10n.t('Open a file and select the numbers to normalize first.'));
  const document = editor.document;
  const selection = editor.selection;
  if (selection.isEmpty) return fail(vscode.l10n.t('The selection is empty. Select the numbers to normalize, e.g. a Python list, an np.array(...) or a CSV block.'));
  const target: EditTarget = { uri: document.uri, range: new vscode.Range(selection.start, selection.end), version: document.version };
  const text = document.getText(selection);
  lap('getText');

  // In slices: reading a million numbers takes 80–240 ms, too long to hold the extension host.
  const read = await runInSlices(parseSelectionSteps(text, { languageId: document.languageId }));
  lap('parse');
  if (!read.ok) {
    const { error } = read;
    const position = document.positionAt(document.offsetAt(selection.start) + error.offset);
    // Put the cursor where the problem is, so the message's line and column are easy to find.
    if (vscode.window.activeTextEditor === editor) {
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    const where = vscode.l10n.t('(document line {0}, column {1})', position.line + 1, position.character + 1);
    return fail(`${localize(error)} ${where}`, position);
  }
  const parsed = read.selection;

  const choice = await chooseOperation(context, args, parsed.shape);
  if (!choice) return { ok: false, cancelled: true };
  lap('choose');
  const settings = vscode.workspace.getConfiguration('normalizationLab.normalize');
  const output: OutputMode = args?.output ?? settings.get<OutputMode>('defaultOutput', 'panel');
  const digits = Math.min(17, Math.max(1, settings.get<number>('significantDigits', 6)));
  const { op } = choice;
  const completed = completeParams(op, parsed.shape, choice.params);
  const large = parsed.data.length >= LARGE_SELECTION;

  let result: OpResult;
  let outputText: WrittenSelection;
  try {
    ({ result, outputText } = await withOptionalProgress(large, vscode.l10n.t('Normalizing {0} numbers', parsed.data.length.toLocaleString()), async (progress, token) => {
      progress?.report({ message: vscode.l10n.t('normalizing'), increment: 10 });
      await pause();
      const computed = normalize(op, parsed, completed.params as Partial<OpParams>);
      lap('normalize');
      if (token?.isCancellationRequested) throw new Cancelled();
      const written = await formatOutput(parsed, computed.output.data, digits, progress, token);
      lap('format');
      return { result: computed, outputText: written };
    }));
  } catch (error) {
    if (error instanceof Cancelled) return { ok: false, cancelled: true };
    if (error instanceof EngineError) return fail(explainEngineError(op, error, parsed.shape));
    throw error;
  }

  const act = async (action: ResultAction | 'panel'): Promise<string> => {
    switch (action) {
      case 'replace':
        await replaceSelection(target, outputText);
        return vscode.l10n.t('Replaced the selection.');
      case 'insertBelow':
        await insertBelow(target, outputText);
        return vscode.l10n.t('Inserted the result below the selection.');
      case 'copy':
        await copyOutput(outputText);
        return vscode.l10n.t('Copied the output.');
      case 'panel': {
        const notes = [...parsed.notes, ...completed.notes, ...outputText.notes].map(localize);
        const view = buildResultView({
          title: vscode.l10n.t('{0} of {1}', vscode.l10n.t(OPERATIONS[op].label), `[${parsed.shape.join(', ')}]`),
          op,
          opParams: completed.params,
          params: describeParams(completed.params),
          notation: notationName(parsed.notation),
          shape: parsed.shape,
          inputData: parsed.data,
          inputText: text.trim(),
          outputText: outputText.block,
          result,
          notes,
        });
        ResultPanel.show(context.extensionUri, view, (pressed) => act(pressed));
        return '';
      }
    }
  };
  try {
    await act(output === 'clipboard' ? 'copy' : output);
    lap(output);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const writtenNotes = outputText.notes.map(localize);
  // The panel lists them; when the text goes straight out, say what was written differently.
  if (output !== 'panel') for (const note of writtenNotes) void vscode.window.showInformationMessage(vscode.l10n.t('Normalize Selection: {0}', note));
  return {
    ok: true,
    op,
    params: completed.params,
    shape: parsed.shape,
    notation: parsed.notation.kind,
    output,
    text: outputText.replacement,
    groupCount: result.groupCount,
    notes: writtenNotes,
    elapsedMs: Date.now() - started,
    timings,
  };
}
