/**
 * The tensor explorer on a user's own selection, inside Normalize Selection's result panel:
 * when it is offered, what it is started with, and the check the page runs on what arrives.
 */
import type { OpName, OpParams } from '../engine/types';
import { type ExplorerOp, isExplorerOp, MAX_DRAWN_CELLS, parseExplorerOptions } from './tensorExplorer';

/** What the result page needs to start the explorer on the selection: the numbers and the op as chosen. */
export interface SelectionExplorer {
  readonly op: ExplorerOp;
  readonly shape: readonly number[];
  readonly data: readonly number[];
  /** The params the result was computed with, so the explorer's first picture is that result. */
  readonly params: Partial<OpParams>;
  /** GroupNorm's group count as chosen, where the explorer's group slider starts. */
  readonly groups?: number;
}

/**
 * The explorer for a selection, or undefined when it cannot show it: an op other than the five
 * norms it switches between, a vector (the norms need (N, C, …); a 1-D selection would only show
 * refusals), or more values than it draws.
 */
export function selectionExplorer(op: OpName, shape: readonly number[], data: ArrayLike<number>, params: Readonly<Record<string, unknown>>): SelectionExplorer | undefined {
  if (!isExplorerOp(op) || shape.length < 2 || data.length > MAX_DRAWN_CELLS) return undefined;
  const groups = params.num_groups;
  return {
    op,
    shape: [...shape],
    data: Array.from(data),
    params: { ...(params as Partial<OpParams>) },
    ...(op === 'group_norm' && Number.isInteger(groups) && (groups as number) >= 1 && { groups: groups as number }),
  };
}

/**
 * Checks an explorer that arrives in a message or from saved state: the explorer's own option
 * check, plus what the result page relies on — one of the five norms, the selection's numbers
 * (at most `MAX_DRAWN_CELLS`), rank 2 or more, and the result's own shape when one is given.
 */
export function parseSelectionExplorer(value: unknown, shape?: readonly number[]): SelectionExplorer | undefined {
  const options = parseExplorerOptions(value);
  if (!options || !isExplorerOp(options.op) || options.data === undefined || options.params === undefined) return undefined;
  if (options.shape.length < 2 || options.data.length > MAX_DRAWN_CELLS) return undefined;
  if (shape && (shape.length !== options.shape.length || shape.some((size, axis) => size !== options.shape[axis]))) return undefined;
  return {
    op: options.op,
    shape: options.shape,
    data: Array.from(options.data),
    params: options.params,
    ...(options.groups !== undefined && { groups: options.groups }),
  };
}
