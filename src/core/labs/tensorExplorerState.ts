/**
 * The tensor explorer's state and how each thing a learner does changes it:
 * `updateExplorer(state, event) → state`. The page draws a state and turns DOM events into
 * `ExplorerEvent`s; every number and group in a state comes from the engine (`computePooling`).
 */
import type { GroupStats, OpName, OpParams } from '../engine/types';
import {
  computePooling,
  EXPLORER_LIMITS,
  EXPLORER_OPS,
  explorerParams,
  layoutOf,
  MAX_DRAWN_CELLS,
  nearestGroupCount,
  type PooledTensor,
  randomTensor,
  type TensorExplorerOptions,
} from './tensorExplorer';
import { cellCount, type GridCell, gridCellOf, type GridKey, moveInGrid } from './tensorGrid';

/** What the tensor area shows: the pooled tensor, or why there is none. */
export type ExplorerPicture =
  | { readonly kind: 'pooled'; readonly pooling: PooledTensor }
  | { readonly kind: 'tooMany'; readonly count: number; readonly limit: number }
  | { readonly kind: 'refused'; readonly message: string };

/** What a screen reader is told after an event (the page words it). */
export type ExplorerAnnouncement =
  | { readonly kind: 'pooling' }
  | { readonly kind: 'cell'; readonly index: number }
  | { readonly kind: 'newValues' }
  | { readonly kind: 'valuesReset' }
  | { readonly kind: 'refused'; readonly message: string };

export interface ExplorerState {
  /** What the explorer was started with; its op keeps the params it came with. */
  readonly start: TensorExplorerOptions;
  /** The values are a user's selection: the shape is fixed and "new values" restores them. */
  readonly fromSelection: boolean;
  readonly op: OpName;
  readonly shape: readonly number[];
  /** GroupNorm's group count, always a divisor of C. */
  readonly groups: number;
  readonly seed: number;
  readonly data: Float64Array;
  /** Cells show the values after normalizing rather than before. */
  readonly showAfter: boolean;
  /** The cell with the keyboard focus stop, whose value the value field edits. */
  readonly selected: number;
  readonly hovered: number | undefined;
  readonly picture: ExplorerPicture;
  /** What to say aloud about the event that made this state; undefined: nothing new to say. */
  readonly announcement: ExplorerAnnouncement | undefined;
}

export type ExplorerEvent =
  | { readonly type: 'chooseOp'; readonly op: OpName }
  /** Snapped to the divisor of C nearest to `groups`. */
  | { readonly type: 'chooseGroups'; readonly groups: number }
  /** One of (N, C, H·W); rounded and kept within 1 and `EXPLORER_LIMITS`. Only without a selection. */
  | { readonly type: 'resize'; readonly axis: 0 | 1 | 2; readonly size: number }
  | { readonly type: 'show'; readonly after: boolean }
  /** New random values, or a selection's own values back. */
  | { readonly type: 'newValues' }
  /** The selected cell's new value as typed; anything but a finite number is ignored. */
  | { readonly type: 'editValue'; readonly text: string }
  | { readonly type: 'hover'; readonly index: number | undefined }
  /** A click on a cell, or focus moving into it. */
  | { readonly type: 'select'; readonly index: number }
  | { readonly type: 'move'; readonly key: GridKey };

export const SIZE_LIMITS = [EXPLORER_LIMITS.batch, EXPLORER_LIMITS.channels, EXPLORER_LIMITS.positions] as const;

export function channelsOf(shape: readonly number[]): number {
  return shape.length >= 2 ? shape[1] : 1;
}

/** The ops the picker offers: the five norms, and the starting op if it is another. */
export function opChoices(state: ExplorerState): OpName[] {
  const choices: OpName[] = [...EXPLORER_OPS];
  if (!choices.includes(state.start.op)) choices.push(state.start.op);
  return choices;
}

/** The engine params for the state's op: the starting op keeps its own (a selection's eps, weight, …) except GroupNorm's count. */
export function engineParams(state: Pick<ExplorerState, 'start' | 'op' | 'shape' | 'groups'>): Partial<OpParams> {
  const { start, op, shape, groups } = state;
  if (op === start.op && start.params) return { ...start.params, ...(op === 'group_norm' && { num_groups: groups }) };
  return explorerParams(op, shape, groups);
}

type Inputs = Omit<ExplorerState, 'picture' | 'announcement' | 'hovered'>;

/** Asks the engine about the inputs; a new picture is drawn afresh, so nothing stays hovered. */
function settle(inputs: Inputs, announce: ExplorerAnnouncement | undefined): ExplorerState {
  const selected = Math.max(0, Math.min(inputs.selected, inputs.data.length - 1));
  const base = { ...inputs, selected, hovered: undefined };
  if (inputs.data.length > MAX_DRAWN_CELLS) {
    return { ...base, picture: { kind: 'tooMany', count: inputs.data.length, limit: MAX_DRAWN_CELLS }, announcement: undefined };
  }
  try {
    const pooling = computePooling({ op: inputs.op, shape: inputs.shape, data: inputs.data, params: engineParams(inputs) });
    return { ...base, picture: { kind: 'pooled', pooling }, announcement: announce };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, picture: { kind: 'refused', message }, announcement: { kind: 'refused', message } };
  }
}

export function startExplorer(options: TensorExplorerOptions): ExplorerState {
  const fromSelection = options.data !== undefined;
  const seed = options.seed ?? 1;
  return settle(
    {
      start: options,
      fromSelection,
      op: options.op,
      shape: [...options.shape],
      groups: nearestGroupCount(channelsOf(options.shape), options.groups ?? 2),
      seed,
      data: options.data !== undefined ? Float64Array.from(options.data) : randomTensor(options.shape, seed),
      showAfter: false,
      selected: 0,
    },
    undefined,
  );
}

function drawnCells(state: ExplorerState): number {
  return state.picture.kind === 'pooled' ? cellCount(state.picture.pooling.layout) : 0;
}

function selectCell(state: ExplorerState, index: number): ExplorerState {
  if (!Number.isInteger(index) || index < 0 || index >= drawnCells(state)) return state;
  return { ...state, selected: index, hovered: undefined, announcement: { kind: 'cell', index } };
}

export function updateExplorer(state: ExplorerState, event: ExplorerEvent): ExplorerState {
  switch (event.type) {
    case 'chooseOp':
      if (!opChoices(state).includes(event.op)) return state;
      return settle({ ...state, op: event.op }, { kind: 'pooling' });
    case 'chooseGroups':
      return settle({ ...state, groups: nearestGroupCount(channelsOf(state.shape), event.groups) }, { kind: 'pooling' });
    case 'resize': {
      if (state.fromSelection || state.shape.length !== 3) return state;
      const size = Math.min(SIZE_LIMITS[event.axis], Math.max(1, Math.round(event.size || 1)));
      const shape = state.shape.map((old, axis) => (axis === event.axis ? size : old));
      return settle(
        { ...state, shape, data: randomTensor(shape, state.seed), groups: nearestGroupCount(channelsOf(shape), state.groups) },
        { kind: 'pooling' },
      );
    }
    case 'show':
      if (event.after === state.showAfter) return state;
      return { ...state, showAfter: event.after, hovered: undefined, announcement: undefined };
    case 'newValues':
      if (state.fromSelection) return settle({ ...state, data: Float64Array.from(state.start.data ?? []) }, { kind: 'valuesReset' });
      return settle({ ...state, seed: state.seed + 1, data: randomTensor(state.shape, state.seed + 1) }, { kind: 'newValues' });
    case 'editValue': {
      const value = Number(event.text);
      if (event.text.trim() === '' || !Number.isFinite(value)) return state;
      const data = Float64Array.from(state.data);
      data[state.selected] = value;
      return settle({ ...state, data }, { kind: 'cell', index: state.selected });
    }
    case 'hover': {
      const index = event.index !== undefined && event.index >= 0 && event.index < drawnCells(state) ? event.index : undefined;
      if (index === state.hovered) return state;
      return { ...state, hovered: index, announcement: undefined };
    }
    case 'select':
      return selectCell(state, event.index);
    case 'move':
      if (state.picture.kind !== 'pooled') return state;
      return selectCell(state, moveInGrid(state.picture.pooling.layout, state.selected, event.key));
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** The cell whose group is lit and described: the hovered one, else the selected one. */
export function activeCell(state: ExplorerState): number {
  return state.hovered ?? state.selected;
}

/** What the page says about a cell: where it is, its group and that group's statistics, its value before and after. */
export interface CellFacts {
  readonly index: number;
  readonly rank: number;
  readonly cell: GridCell;
  /** Counted from 0. */
  readonly group: number;
  readonly groupCount: number;
  readonly stats: GroupStats | undefined;
  readonly before: number;
  readonly after: number;
}

export function cellFacts(state: ExplorerState, index: number): CellFacts | undefined {
  if (state.picture.kind !== 'pooled') return undefined;
  const { pooling } = state.picture;
  const group = pooling.groupOf[index];
  if (group === undefined) return undefined;
  return {
    index,
    rank: pooling.shape.length,
    cell: gridCellOf(layoutOf(pooling.shape), index),
    group,
    groupCount: pooling.groups.length,
    stats: pooling.groups[group]?.stats,
    before: pooling.input[index],
    after: pooling.output[index],
  };
}
