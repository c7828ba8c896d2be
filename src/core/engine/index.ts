/**
 * The normalization engine: PyTorch's semantics in float64 (see `test/golden/README.md`),
 * robust where PyTorch is not (large offsets, magnitudes near overflow and underflow, constant
 * slices). Pure: no `vscode`, no DOM.
 *
 * NaN and ±Infinity in the input are rejected with an EngineError whose message gives the flat
 * (row-major) index of the first such element: in a teaching tool they almost always mean broken
 * data, and a NaN-filled result would hide where it came from.
 */
import { NonFiniteInput } from './moments';
import { batchNorm, groupNorm, instanceNorm, l2Normalize, layerNorm, minMax, rmsNorm, softmax, zScore } from './ops';
import { EngineError, type OpName, type OpParams, type OpResult, type TensorLike } from './types';

export { EngineError } from './types';
export type { GroupStats, OpName, OpParams, OpResult, Tensor, TensorLike } from './types';
export type { Pooling } from './pooling';
export { product as elementCount } from './validate';
export { BACKWARD_OPS, type BackwardOpName, type BackwardResult, isBackwardOp, normalizeBackward } from './backward';

interface OperationInfo {
  readonly label: string;
  /** The parameters it accepts, in the golden file's spelling. */
  readonly params: readonly string[];
}

export const OPERATIONS: Record<OpName, OperationInfo> = {
  batch_norm: {
    label: 'Batch normalization',
    params: ['training', 'momentum', 'eps', 'weight', 'bias', 'running_mean', 'running_var'],
  },
  layer_norm: {
    label: 'Layer normalization',
    params: ['normalized_shape', 'eps', 'weight', 'bias'],
  },
  instance_norm: {
    label: 'Instance normalization',
    params: ['eps', 'weight', 'bias'],
  },
  group_norm: {
    label: 'Group normalization',
    params: ['num_groups', 'eps', 'weight', 'bias'],
  },
  rms_norm: {
    label: 'RMS normalization',
    params: ['normalized_shape', 'eps', 'weight'],
  },
  l2_normalize: {
    label: 'L2 normalization',
    params: ['dim', 'eps'],
  },
  min_max: {
    label: 'Min-max scaling',
    params: ['axis'],
  },
  z_score: {
    label: 'Z-score standardization',
    params: ['axis', 'ddof'],
  },
  softmax: {
    label: 'Softmax',
    params: ['dim'],
  },
};

/** PyTorch's defaults; rms_norm's eps is 1e-6 and l2_normalize's 1e-12 in this format. */
function defaults(op: OpName): Partial<OpParams> {
  switch (op) {
    case 'batch_norm':
      return { training: true, momentum: 0.1, eps: 1e-5, weight: null, bias: null, running_mean: null, running_var: null };
    case 'layer_norm':
      return { eps: 1e-5, weight: null, bias: null };
    case 'instance_norm':
      return { eps: 1e-5, weight: null, bias: null };
    case 'group_norm':
      return { eps: 1e-5, weight: null, bias: null };
    case 'rms_norm':
      return { eps: 1e-6, weight: null };
    case 'l2_normalize':
      return { dim: -1, eps: 1e-12 };
    case 'min_max':
      return { axis: null };
    case 'z_score':
      return { axis: null, ddof: 0 };
    case 'softmax':
      return { dim: -1 };
  }
}

const KERNELS: Record<OpName, (input: TensorLike, params: OpParams, output?: Float64Array) => OpResult> = {
  batch_norm: batchNorm,
  layer_norm: layerNorm,
  instance_norm: instanceNorm,
  group_norm: groupNorm,
  rms_norm: rmsNorm,
  l2_normalize: l2Normalize,
  min_max: minMax,
  z_score: zScore,
  softmax,
};

export function isOpName(value: unknown): value is OpName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OPERATIONS, value);
}

export interface NormalizeOptions {
  /**
   * Where to write the output (a Float64Array with one value per input element, not the input's
   * own data): repeated calls on same-sized inputs then skip allocating, and page-faulting, a
   * fresh array. The result's `output.data` is this array. When the call throws (a NaN or an
   * infinity found part-way), the array may already hold some of the output: it is scratch space,
   * not something a failed call leaves as it was.
   */
  readonly output?: Float64Array;
}

/**
 * Runs one operation. Missing (or undefined) params get PyTorch's defaults; unknown params are
 * refused, so a misspelt name cannot be silently ignored. Throws EngineError for every input it
 * refuses, never returns NaN for finite input.
 */
export function normalize(op: OpName, input: TensorLike, params: Partial<OpParams> = {}, options: NormalizeOptions = {}): OpResult {
  if (!isOpName(op)) {
    throw new EngineError(String(op), 'op', `one of ${Object.keys(OPERATIONS).join(', ')}`, `unknown operation; expected one of ${Object.keys(OPERATIONS).join(', ')}`);
  }
  const merged: Record<string, unknown> = { ...defaults(op) };
  const accepted = OPERATIONS[op].params;
  for (const [key, value] of Object.entries(params ?? {})) {
    if (!accepted.includes(key)) {
      throw new EngineError(op, key, `one of ${accepted.join(', ')}`, `unknown parameter "${key}"; expected one of ${accepted.join(', ')}`);
    }
    if (value !== undefined) merged[key] = value;
  }
  try {
    if (options.output !== undefined && options.output === (input.data as unknown)) {
      throw new EngineError(op, 'output', 'a buffer other than the input', 'the output buffer must not be the input\'s own data');
    }
    return KERNELS[op](input, merged as unknown as OpParams, options.output);
  } catch (error) {
    if (error instanceof NonFiniteInput) {
      const value = input.data[error.index];
      throw new EngineError(
        op,
        'input',
        'finite numbers',
        `input[${error.index}] (flat, row-major index) is ${value}; expected finite numbers (NaN and Infinity are rejected because they almost always mean broken data)`,
      );
    }
    throw error;
  }
}
