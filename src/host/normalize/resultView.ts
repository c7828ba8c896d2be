import * as vscode from 'vscode';
import type { OpResult } from '../../core/engine';
import type { OpName } from '../../core/engine/types';
import { selectionExplorer } from '../../core/labs/selectionExplorer';
import { lessonLanguage } from '../../core/lessons/languages';
import { poolingSentence } from '../../core/text/pooling';
import { formatNumber } from '../../core/selection';
import type { ResultGroupView, ResultLabels, ResultView } from '../../messages';

/** The page shows this much of the input and output text; the edit always uses all of it. */
const PREVIEW_CHARACTERS = 20_000;
const GRID_ROWS = 32;
const GRID_COLUMNS = 24;
const LISTED_GROUPS = 64;
const CELL_DIGITS = 4;

export function resultLabels(): ResultLabels {
  return {
    input: vscode.l10n.t('Input'),
    output: vscode.l10n.t('Output'),
    shape: vscode.l10n.t('Shape'),
    notation: vscode.l10n.t('Notation'),
    params: vscode.l10n.t('Parameters'),
    pooling: vscode.l10n.t('Pooling'),
    groups: vscode.l10n.t('Per-group statistics'),
    group: vscode.l10n.t('Group'),
    count: vscode.l10n.t('Count'),
    mean: vscode.l10n.t('Mean'),
    std: vscode.l10n.t('Std'),
    rstd: vscode.l10n.t('Rstd'),
    min: vscode.l10n.t('Min'),
    max: vscode.l10n.t('Max'),
    grid: vscode.l10n.t('Which elements were pooled together (one colour and number per group)'),
    gridCell: vscode.l10n.t('Row {0}, column {1}: {2} becomes {3}, group {4}'),
    replace: vscode.l10n.t('Replace selection'),
    insertBelow: vscode.l10n.t('Insert below'),
    copy: vscode.l10n.t('Copy'),
    truncated: vscode.l10n.t('Showing the first {0} rows and {1} columns of {2} × {3}.'),
    moreGroups: vscode.l10n.t('Showing {0} of {1} groups.'),
    editUnavailable: vscode.l10n.t('Restored after a reload: the original selection is gone, so only Copy is available.'),
    notes: vscode.l10n.t('Notes'),
    explore: vscode.l10n.t('Explore the pooling'),
    exploreIntro: vscode.l10n.t(
      "Your numbers under each normalization: switch the operation to see which values it pools together, hover a cell for its group's mean and std and its value before and after, or edit a value to see its group's statistics move.",
    ),
  };
}

function preview(text: string): { text: string; cut: boolean } {
  return text.length > PREVIEW_CHARACTERS ? { text: `${text.slice(0, PREVIEW_CHARACTERS)}…`, cut: true } : { text, cut: false };
}

export interface ResultViewInput {
  readonly title: string;
  readonly op: OpName;
  /** The params the result was computed with (PyTorch names), for the explorer. */
  readonly opParams: Readonly<Record<string, unknown>>;
  /** The same params as one line of text, for the summary. */
  readonly params: string;
  readonly notation: string;
  readonly shape: readonly number[];
  readonly inputData: ArrayLike<number>;
  readonly inputText: string;
  readonly outputText: string;
  readonly result: OpResult;
  readonly notes: readonly string[];
}

/**
 * What the result page shows: texts cut to a readable length, the first groups, a grid of the
 * first rows and columns, and the selection for the tensor explorer when it can show it.
 */
export function buildResultView(input: ResultViewInput): ResultView {
  const { shape, result } = input;
  const totalColumns = shape.length === 0 ? 1 : shape[shape.length - 1]!;
  const totalRows = totalColumns === 0 ? 0 : input.inputData.length / totalColumns;
  const rows = Math.min(totalRows, GRID_ROWS);
  const columns = Math.min(totalColumns, GRID_COLUMNS);
  const groupOf = result.groupOf();
  const groups: number[] = [];
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const flat = row * totalColumns + column;
      groups.push(groupOf[flat]!);
      inputs.push(formatNumber(input.inputData[flat]!, CELL_DIGITS, 'json'));
      outputs.push(formatNumber(result.output.data[flat]!, CELL_DIGITS, 'json'));
    }
  }
  const listed: ResultGroupView[] = result.groupStats.slice(0, LISTED_GROUPS).map((stats, index) => ({
    index,
    count: stats.count,
    ...(stats.mean !== undefined ? { mean: stats.mean } : {}),
    ...(stats.std !== undefined ? { std: stats.std } : {}),
    ...(stats.rstd !== undefined ? { rstd: stats.rstd } : {}),
    ...(stats.min !== undefined ? { min: stats.min } : {}),
    ...(stats.max !== undefined ? { max: stats.max } : {}),
  }));
  const explorer = selectionExplorer(input.op, shape, input.inputData, input.opParams);
  const inputPreview = preview(input.inputText);
  const outputPreview = preview(input.outputText);
  return {
    title: input.title,
    pooling: poolingSentence(lessonLanguage(vscode.env.language), result.pooling),
    params: input.params,
    shape: [...shape],
    notation: input.notation,
    count: input.inputData.length,
    groupCount: result.groupCount,
    input: inputPreview.text,
    output: outputPreview.text,
    truncated: inputPreview.cut || outputPreview.cut,
    groups: listed,
    grid: { rows, columns, totalRows, totalColumns, groups, inputs, outputs },
    ...(explorer && { explorer }),
    notes: [...input.notes],
    canEdit: true,
    labels: resultLabels(),
  };
}
