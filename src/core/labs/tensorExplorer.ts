/**
 * The tensor-explorer lab's model: which cells of an (N, C, H·W) tensor each normalization pools
 * together, with each pool's statistics and every cell's value before and after. Every number
 * and every group comes from the engine (`normalize(…).groupOf()` and `groupStats`); this file
 * only chooses the op's parameters and arranges the answer for drawing.
 */
import { elementCount, normalize, OPERATIONS } from '../engine';
import type { GroupStats, OpName, OpParams } from '../engine/types';
import { createRandom, roundedGaussians } from './random';

/** The norms the lab's op picker offers, in the order of the lessons. */
export const EXPLORER_OPS = ['batch_norm', 'layer_norm', 'instance_norm', 'group_norm', 'rms_norm'] as const;
export type ExplorerOp = (typeof EXPLORER_OPS)[number];

export const EXPLORER_OP_LABELS: Record<ExplorerOp, string> = {
  batch_norm: 'BatchNorm',
  layer_norm: 'LayerNorm',
  instance_norm: 'InstanceNorm',
  group_norm: 'GroupNorm',
  rms_norm: 'RMSNorm',
};

/** Largest sizes the lab lets a learner pick, so every cell stays big enough to read and hover. */
export const EXPLORER_LIMITS = { batch: 8, channels: 16, positions: 16 } as const;

export function isExplorerOp(value: unknown): value is ExplorerOp {
  return typeof value === 'string' && (EXPLORER_OPS as readonly string[]).includes(value);
}

/** The group counts GroupNorm accepts for `channels` channels: the divisors of C. */
export function groupChoices(channels: number): number[] {
  return Array.from({ length: channels }, (_, i) => i + 1).filter((g) => channels % g === 0);
}

/** The divisor of `channels` nearest to `wanted` (ties go to the smaller one). */
export function nearestGroupCount(channels: number, wanted: number): number {
  return groupChoices(channels).reduce((best, g) => (Math.abs(g - wanted) < Math.abs(best - wanted) ? g : best), 1);
}

/**
 * The engine parameters that make `op` act on an (N, C, …) tensor the way the lessons describe:
 * LayerNorm and RMSNorm over everything but N, BatchNorm in training mode, GroupNorm with `groups`.
 */
export function explorerParams(op: OpName, shape: readonly number[], groups: number): Partial<OpParams> {
  switch (op) {
    case 'layer_norm':
    case 'rms_norm':
      return { normalized_shape: shape.slice(1) };
    case 'group_norm':
      return { num_groups: groups };
    case 'batch_norm':
      return { training: true };
    default:
      return {};
  }
}

/**
 * How a tensor of any rank is drawn: as N blocks of C rows × P columns. Rank 3 is (N, C, L) as is;
 * rank 4 (N, C, H, W) flattens H·W; rank 2 (rows, columns) is one block; rank 1 is one row.
 */
export function layoutOf(shape: readonly number[]): [number, number, number] {
  if (shape.length === 0) return [1, 1, 1];
  if (shape.length === 1) return [1, 1, shape[0]];
  if (shape.length === 2) return [1, shape[0], shape[1]];
  return [shape[0], shape[1], elementCount(shape.slice(2))];
}

export interface PooledGroup {
  readonly index: number;
  /** Flat row-major indices of the cells pooled into this group. */
  readonly cells: readonly number[];
  readonly stats: GroupStats;
}

export interface PooledTensor {
  readonly op: OpName;
  readonly shape: readonly number[];
  readonly layout: readonly [number, number, number];
  readonly input: Float64Array;
  readonly output: Float64Array;
  /** For each cell, the index of its group. */
  readonly groupOf: Int32Array;
  readonly groups: readonly PooledGroup[];
  readonly describePooling: string;
}

export interface PoolingRequest {
  readonly op: OpName;
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
  readonly params?: Partial<OpParams>;
}

/** Runs the engine once and arranges its answer per group. Throws the engine's EngineError as is. */
export function computePooling(request: PoolingRequest): PooledTensor {
  const input = Float64Array.from(request.data as ArrayLike<number>);
  const result = normalize(request.op, { shape: request.shape, data: input }, request.params ?? {});
  const groupOf = result.groupOf();
  const members: number[][] = Array.from({ length: result.groupCount }, () => []);
  groupOf.forEach((group, cell) => members[group]?.push(cell));
  return {
    op: request.op,
    shape: [...request.shape],
    layout: layoutOf(request.shape),
    input,
    output: result.output.data,
    groupOf,
    groups: members.map((cells, index) => ({ index, cells, stats: result.groupStats[index] })),
    describePooling: result.describePooling,
  };
}

/** The cells pooled with `index` (its whole group, itself included), in row-major order; empty outside the tensor. */
export function pooledWith(pooling: PooledTensor, index: number): readonly number[] {
  const group = pooling.groupOf[index];
  return group === undefined ? [] : (pooling.groups[group]?.cells ?? []);
}

/**
 * What the explorer is started with (its initial config): a lesson's starting values, or a user's
 * selection. A lesson block, the result page and anything else that opens the explorer preset
 * (e.g. on a model layer's op, groups and shape) builds one of these.
 */
export interface TensorExplorerOptions {
  /** The norm shown first. */
  readonly op: OpName;
  /** The tensor's shape as the engine sees it; (N, C, H·W) in lessons, any rank from a selection. */
  readonly shape: readonly number[];
  /** Values to show (a selection); without them values are random from `seed` and sizes are adjustable. */
  readonly data?: ArrayLike<number>;
  /** GroupNorm's group count; snapped to a divisor of C. */
  readonly groups?: number;
  readonly seed?: number;
  /** Engine params for `op` as first given (e.g. the selection's eps); other ops get the lab's defaults. */
  readonly params?: Partial<OpParams>;
}

/** More cells than this are not drawn: the page would crawl and no one could read them anyway. */
export const MAX_DRAWN_CELLS = 2048;

/**
 * Checks explorer options that arrive in a message (the result page gets the user's selection
 * from the host). Structure only: the engine itself judges the params and says what is wrong.
 */
export function parseExplorerOptions(value: unknown): TensorExplorerOptions | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { op, shape, data, params, groups, seed } = record;
  if (typeof op !== 'string' || !Object.hasOwn(OPERATIONS, op)) return undefined;
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((size) => Number.isInteger(size) && size >= 1)) return undefined;
  const count = elementCount(shape as number[]);
  if (data !== undefined && (!Array.isArray(data) || data.length !== count || !data.every((v) => typeof v === 'number' && Number.isFinite(v)))) return undefined;
  if (data === undefined && count > MAX_DRAWN_CELLS) return undefined;
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) return undefined;
  if (groups !== undefined && !(Number.isInteger(groups) && (groups as number) >= 1)) return undefined;
  if (seed !== undefined && !(Number.isInteger(seed) && (seed as number) >= 0)) return undefined;
  return {
    op: op as OpName,
    shape: [...(shape as number[])],
    ...(data !== undefined && { data: [...(data as number[])] }),
    ...(params !== undefined && { params: { ...(params as Partial<OpParams>) } }),
    ...(groups !== undefined && { groups: groups as number }),
    ...(seed !== undefined && { seed: seed as number }),
  };
}

/** Random starting values, reproducible from the seed, rounded so a learner can read them. */
export function randomTensor(shape: readonly number[], seed: number): Float64Array {
  const count = elementCount(shape);
  return roundedGaussians(createRandom(seed), count, 0, 2);
}
