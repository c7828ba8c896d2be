/**
 * The engine's public types. Parameter names follow the golden file
 * (`test/golden/README.md`), which follows PyTorch: snake_case on purpose.
 */
import type { Pooling } from './pooling';

export type OpName =
  | 'batch_norm'
  | 'layer_norm'
  | 'instance_norm'
  | 'group_norm'
  | 'rms_norm'
  | 'l2_normalize'
  | 'min_max'
  | 'z_score'
  | 'softmax';

/** Any row-major tensor. Float64Array, Float32Array and number[] are read in place, never copied. */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

export interface Tensor {
  readonly shape: number[];
  readonly data: Float64Array;
}

/**
 * What a lesson or the result page shows for one pooled group. Which fields are set depends on
 * the op (mean/variance/std/rstd for the centring ops, rms/rstd for rms_norm, norm for
 * l2_normalize, min/max for min_max, max for softmax). `variance` is Infinity when the true value
 * exceeds float64 (spreads above about 1e154); `std` and the output are still computed exactly.
 */
export interface GroupStats {
  count: number;
  mean?: number;
  variance?: number;
  std?: number;
  rstd?: number;
  min?: number;
  max?: number;
  rms?: number;
  norm?: number;
}

export interface OpResult {
  output: Tensor;
  /** Golden-file names: mean, rstd, running_mean, running_var, min, max, std. */
  extra: Record<string, Tensor>;
  groupCount: number;
  groupStats: GroupStats[];
  /** For each input element (flat, row-major), the index of the group it was pooled into. Computed on demand. */
  groupOf(): Int32Array;
  /** What was pooled together, as data; `core/text/pooling.ts` says it in words. */
  pooling: Pooling;
}

/** Every parameter of every op; each op reads the ones listed in `OPERATIONS[op].params`. */
export interface OpParams {
  eps: number;
  momentum: number;
  training: boolean;
  weight: ArrayLike<number> | null;
  bias: ArrayLike<number> | null;
  running_mean: ArrayLike<number> | null;
  running_var: ArrayLike<number> | null;
  normalized_shape: readonly number[];
  num_groups: number;
  dim: number;
  axis: number | null;
  ddof: number;
}

/**
 * Thrown for every input the engine refuses. The message names the op, the argument and what
 * was expected, e.g. "group_norm: num_groups = 3 must divide the 4 channels (C)".
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(
    readonly op: OpName | string,
    readonly argument: string,
    readonly expected: string,
    detail: string,
  ) {
    super(`${op}: ${detail}`);
  }
}
