import * as vscode from 'vscode';
import { normalize, OPERATIONS } from '../../core/engine';
import { EXPLORER_LIMITS, explorerParams, isExplorerOp, randomTensor } from '../../core/labs/tensorExplorer';
import { describeParams } from '../../core/selection/normalizeOptions';
import { formatSelection, parseSelection } from '../../core/selection';
import { buildResultView } from '../normalize/resultView';
import type { ResultView } from '../../messages';
import { ResultPanel } from '../normalize/resultPanel';

/** What `normalizationLab.explorePooling` takes: an explorer op, an (N, C, H·W) shape and GroupNorm's groups. */
export interface ExplorePoolingArguments {
  readonly op: 'batch_norm' | 'layer_norm' | 'instance_norm' | 'group_norm' | 'rms_norm';
  readonly shape: readonly [number, number, number];
  readonly groups: number;
  /** The layer as written, for the panel's title. */
  readonly title?: string;
}

const EXAMPLE_SEED = 11;
const DIGITS = 4;

/** The command's argument checked, or a sentence saying what is wrong with it. */
export function parseExplorePoolingArguments(value: unknown): ExplorePoolingArguments | string {
  if (typeof value !== 'object' || value === null) return vscode.l10n.t('Explore pooling needs {0}.', '{ op, shape, groups }');
  const { op, shape, groups, title } = value as Record<string, unknown>;
  if (!isExplorerOp(op)) return vscode.l10n.t('Explore pooling: op must be batch_norm, layer_norm, instance_norm, group_norm or rms_norm.');
  const limits = [EXPLORER_LIMITS.batch, EXPLORER_LIMITS.channels, EXPLORER_LIMITS.positions];
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((size, axis) => Number.isInteger(size) && size >= 1 && size <= limits[axis])) {
    return vscode.l10n.t('Explore pooling: shape must be [N, C, H·W] with N ≤ {0}, C ≤ {1}, H·W ≤ {2}.', limits[0], limits[1], limits[2]);
  }
  const channels = shape[1] as number;
  const count = groups ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1 || channels % (count as number) !== 0) return vscode.l10n.t('Explore pooling: groups must divide the {0} channels.', channels);
  return { op, shape: shape as [number, number, number], groups: count as number, ...(typeof title === 'string' && { title }) };
}

/**
 * Opens the result panel's tensor explorer on random numbers of the layer's (small) shape, with
 * its op and groups: the same page Normalize Selection shows, without editing (no selection).
 * Returns what it opened and the view the panel shows, for tests.
 */
export function explorePooling(extensionUri: vscode.Uri, raw: unknown): { readonly opened: ExplorePoolingArguments; readonly view: ResultView | undefined } | undefined {
  const parsed = parseExplorePoolingArguments(raw);
  if (typeof parsed === 'string') {
    void vscode.window.showErrorMessage(parsed);
    return undefined;
  }
  const { op, shape, groups } = parsed;
  const data = randomTensor(shape, EXAMPLE_SEED);
  const nested = Array.from({ length: shape[0] }, (_, n) => Array.from({ length: shape[1] }, (_, c) => Array.from(data.subarray((n * shape[1] + c) * shape[2], (n * shape[1] + c + 1) * shape[2]))));
  // Written as a JSON array, the notation Copy puts on the clipboard.
  const selection = parseSelection(JSON.stringify(nested));
  const params = explorerParams(op, shape, groups) as Record<string, unknown>;
  const result = normalize(op, { shape, data }, params);
  const label = vscode.l10n.t(OPERATIONS[op].label);
  const view = buildResultView({
    title: parsed.title ? vscode.l10n.t('{0}: pooling on an example', parsed.title) : label,
    op,
    opParams: params,
    params: describeParams(params),
    notation: vscode.l10n.t('random example, shape (N, C, H·W) = ({0})', shape.join(', ')),
    shape,
    inputData: data,
    inputText: formatSelection(shape, data, selection.notation, { significantDigits: DIGITS }),
    outputText: formatSelection(shape, result.output.data, selection.notation, { significantDigits: DIGITS }),
    result,
    notes: [vscode.l10n.t('Random numbers in a small tensor with the layer\'s grouping; the sizes are cut to what the explorer can draw.')],
  });
  ResultPanel.show(extensionUri, { ...view, canEdit: false }, async (action) => {
    if (action !== 'copy') throw new Error(vscode.l10n.t('This example is not from a selection; only Copy is available.'));
    await vscode.env.clipboard.writeText(view.output);
    return vscode.l10n.t('Copied the output.');
  });
  return { opened: parsed, view: ResultPanel.shown };
}
