import * as vscode from 'vscode';
import { OPERATIONS, type OpName } from '../../core/engine';
import type { ParamQuestion } from '../../core/selection/normalizeOptions';
import { opPoolingLine, textLanguage } from '../../core/text/pooling';

interface Choice<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/** A Quick Pick whose default (or last) choice is preselected; resolves to undefined when dismissed. */
function pick<T>(title: string, placeholder: string, choices: readonly Choice<T>[], active: T): Promise<T | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<Choice<T>>();
    quickPick.title = title;
    quickPick.placeholder = placeholder;
    quickPick.items = choices;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    const preselected = choices.find((choice) => JSON.stringify(choice.value) === JSON.stringify(active));
    if (preselected) quickPick.activeItems = [preselected];
    let chosen: T | undefined;
    quickPick.onDidAccept(() => {
      chosen = quickPick.selectedItems[0]?.value ?? quickPick.activeItems[0]?.value;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
  });
}

export function pickOperation(active: OpName, shape: readonly number[]): Promise<OpName | undefined> {
  const choices = (Object.keys(OPERATIONS) as OpName[]).map((op) => ({
    label: vscode.l10n.t(OPERATIONS[op].label),
    description: op,
    detail: opPoolingLine(textLanguage(vscode.env.language), op),
    value: op,
  }));
  return pick(vscode.l10n.t('Normalize Selection ({0})', `[${shape.join(', ')}]`), vscode.l10n.t('Choose an operation'), choices, active);
}

function axisName(axis: number, rank: number): string {
  const positive = axis < 0 ? axis + rank : axis;
  if (positive === rank - 1) return vscode.l10n.t('last axis');
  if (rank === 2 && positive === 0) return vscode.l10n.t('down the columns');
  return vscode.l10n.t('axis {0}', positive);
}

/** One question; undefined when the user dismissed it. */
async function ask(question: ParamQuestion, shape: readonly number[], active: unknown): Promise<{ value: unknown } | undefined> {
  const rank = shape.length;
  const title = vscode.l10n.t('Normalize Selection: {0}', question.name);
  switch (question.name) {
    case 'normalized_shape': {
      const choices = question.choices.map((dims) => ({
        label: `[${dims.join(', ')}]`,
        description: dims.length === 1 ? vscode.l10n.t('the last axis') : vscode.l10n.t('the last {0} axes', dims.length),
        value: dims,
      }));
      return wrap(await pick(title, vscode.l10n.t('Normalize over which trailing dims?'), choices, active));
    }
    case 'num_groups': {
      const channels = shape[1] ?? 1;
      const choices = question.choices.map((groups) => ({
        label: String(groups),
        description: vscode.l10n.t('{0} groups of {1} channels', groups, channels / groups),
        value: groups,
      }));
      return wrap(await pick(title, vscode.l10n.t('How many groups? (must divide the {0} channels)', channels), choices, active));
    }
    case 'dim': {
      const choices = question.choices.map((dim) => ({ label: String(dim), description: axisName(dim, rank), value: dim }));
      return wrap(await pick(title, vscode.l10n.t('Along which dim?'), choices, active));
    }
    case 'axis': {
      const choices = question.choices.map((axis) => ({
        label: axis === null ? 'None' : String(axis),
        description: axis === null ? vscode.l10n.t('the whole array as one group') : vscode.l10n.t('each slice along {0}', axisName(axis, rank)),
        value: axis,
      }));
      return wrap(await pick(title, vscode.l10n.t('Pool along which axis?'), choices, active));
    }
    case 'training': {
      const choices = [
        { label: vscode.l10n.t('Training'), description: vscode.l10n.t('normalize with the statistics of this batch'), value: true },
        { label: vscode.l10n.t('Eval'), description: vscode.l10n.t('use running statistics (a new layer: mean 0, variance 1)'), value: false },
      ];
      return wrap(await pick(title, vscode.l10n.t('Training or eval mode?'), choices, active));
    }
    case 'ddof': {
      const choices = [
        { label: '0', description: vscode.l10n.t('population standard deviation (divide by n)'), value: 0 },
        { label: '1', description: vscode.l10n.t('sample standard deviation (divide by n − 1)'), value: 1 },
      ];
      return wrap(await pick(title, vscode.l10n.t('Degrees of freedom for the std'), choices, active));
    }
    case 'eps': {
      const value = await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t('Added to the variance inside the square root, so a constant group does not divide by zero.'),
        value: String(active),
        validateInput: (text) => {
          const eps = Number(text.trim());
          return text.trim() !== '' && Number.isFinite(eps) && eps >= 0 ? undefined : vscode.l10n.t('Enter a number ≥ 0, e.g. 1e-5.');
        },
      });
      return value === undefined ? undefined : { value: Number(value.trim()) };
    }
  }
}

function wrap<T>(value: T | undefined): { value: T } | undefined {
  return value === undefined ? undefined : { value };
}

/** Asks each question in turn, starting from `defaults`; undefined when the user cancelled. */
export async function askParams(questions: readonly ParamQuestion[], shape: readonly number[], defaults: Readonly<Record<string, unknown>>): Promise<Record<string, unknown> | undefined> {
  const params: Record<string, unknown> = {};
  for (const question of questions) {
    const answer = await ask(question, shape, defaults[question.name]);
    if (!answer) return undefined;
    params[question.name] = answer.value;
  }
  return params;
}
