/**
 * The backward pass of the normalizations, as PyTorch's autograd computes it, in float64: given
 * the gradient of a loss with respect to the output, the gradients with respect to the input and
 * to the affine weight γ and bias β.
 *
 * For one pooled group of n values with x̂ = (x − μ)·rstd, rstd = 1/√(var + eps) and the
 * upstream gradient g (times γ where there is one, g' = γ ⊙ g):
 *
 *   ∂L/∂x = rstd · (g' − mean(g') − x̂ · mean(g' ⊙ x̂))          centring ops, pooled statistics
 *   ∂L/∂x = rstd · (g' − x̂ · mean(g' ⊙ x̂))                      rms_norm (x̂ = x·rstd)
 *   ∂L/∂x = rstd · g'                                             batch_norm in eval (running statistics)
 *   ∂L/∂γ_j = Σ g ⊙ x̂,  ∂L/∂β_j = Σ g                             over every element using γ_j, β_j
 *
 * The formula is exact for any eps (differentiating rstd itself gives the x̂ term). So the
 * gradient of a centring op always sums to zero over a group, and with eps = 0 it is also
 * orthogonal to x̂, since then Σ x̂² = n.
 *
 * Robustness: x̂ and rstd come from the forward op (two-pass moments, power-of-two rescaling:
 * never E[x²] − E[x]²), and every mean and sum here is summed pairwise, so error grows like
 * log n. The forward validates the arguments and names what it refuses.
 */
import { normalize } from './index';
import { EngineError, type OpName, type OpParams, type Tensor, type TensorLike } from './types';
import { product } from './validate';

export const BACKWARD_OPS = ['batch_norm', 'layer_norm', 'instance_norm', 'group_norm', 'rms_norm'] as const;
export type BackwardOpName = (typeof BACKWARD_OPS)[number];

export interface BackwardResult {
  /** ∂L/∂x, the input's shape. */
  readonly gradInput: Tensor;
  /**
   * ∂L/∂γ, one per element of `normalized_shape` (layer_norm, rms_norm) or per channel: the
   * gradient at the given weight, or at γ = 1 when the op has none (PyTorch reports it only for an
   * affine op; a lesson wants it either way).
   */
  readonly gradWeight: Tensor;
  /** ∂L/∂β, shaped like `gradWeight`; null for rms_norm, which has no bias. */
  readonly gradBias: Tensor | null;
  /** x̂, the normalized input before the affine, as the forward computed it. */
  readonly normalized: Tensor;
  /** rstd of each pooled group (running statistics in batch_norm's eval mode), in group order. */
  readonly rstd: Float64Array;
  /** For each element (flat, row-major), the index of its group. */
  readonly groupOf: Int32Array;
}

export function isBackwardOp(value: unknown): value is BackwardOpName {
  return typeof value === 'string' && (BACKWARD_OPS as readonly string[]).includes(value);
}

/** Pairwise Σ values[indices[k]]·weights[indices[k]] for k in [from, to) (weights optional). */
function pairwiseSum(values: ArrayLike<number>, weights: ArrayLike<number> | null, indices: Int32Array, from: number, to: number): number {
  const count = to - from;
  if (count <= 8) {
    let sum = 0;
    for (let k = from; k < to; k++) {
      const i = indices[k];
      sum += weights === null ? values[i] : values[i] * weights[i];
    }
    return sum;
  }
  const mid = from + (count >> 1);
  return pairwiseSum(values, weights, indices, from, mid) + pairwiseSum(values, weights, indices, mid, to);
}

/** The flat indices of each bucket, bucket by bucket (a counting sort of `bucketOf`). */
function bucketIndices(bucketOf: ArrayLike<number>, buckets: number): { indices: Int32Array; starts: Int32Array } {
  const starts = new Int32Array(buckets + 1);
  for (let i = 0; i < bucketOf.length; i++) starts[bucketOf[i] + 1]++;
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  const next = starts.slice(0, buckets);
  const indices = new Int32Array(bucketOf.length);
  for (let i = 0; i < bucketOf.length; i++) indices[next[bucketOf[i]]++] = i;
  return { indices, starts };
}

/** Which γ/β each element uses: a feature of the trailing dims, or a channel of (N, C, …). */
function affineMap(op: BackwardOpName, shape: readonly number[], groupSize: number): { affineOf: Int32Array; affineShape: number[] } {
  const total = product(shape);
  const affineOf = new Int32Array(total);
  if (op === 'layer_norm' || op === 'rms_norm') {
    for (let i = 0; i < total; i++) affineOf[i] = i % groupSize;
    return { affineOf, affineShape: [groupSize] };
  }
  const channels = shape[1];
  const spatial = product(shape.slice(2));
  for (let i = 0; i < total; i++) affineOf[i] = Math.floor(i / spatial) % channels;
  return { affineOf, affineShape: [channels] };
}

/**
 * The backward pass of `op` at `input` for the upstream gradient `gradOutput` (same shape).
 * Params as for `normalize` (PyTorch's defaults when missing). Throws EngineError for what the
 * forward refuses, for a gradient of the wrong shape or with non-finite values, and for a
 * constant group with eps = 0, where 1/σ and so the gradient are infinite.
 */
export function normalizeBackward(op: BackwardOpName, input: TensorLike, gradOutput: TensorLike, params: Partial<OpParams> = {}): BackwardResult {
  if (!isBackwardOp(op)) {
    throw new EngineError(String(op), 'op', `one of ${BACKWARD_OPS.join(', ')}`, `no backward pass; expected one of ${BACKWARD_OPS.join(', ')}`);
  }
  // The full forward validates every argument (weight length, running statistics, …).
  const forward = normalize(op as OpName, input, params);
  const shape = forward.output.shape;
  const gradShape = gradOutput?.shape;
  if (!Array.isArray(gradShape) || gradShape.length !== shape.length || gradShape.some((d, i) => d !== shape[i]) || gradOutput.data?.length !== input.data.length) {
    throw new EngineError(op, 'grad_output', `a tensor of shape [${shape.join(', ')}]`, `grad_output must have the input's shape [${shape.join(', ')}], got [${Array.isArray(gradShape) ? gradShape.join(', ') : String(gradShape)}]`);
  }
  const grad = gradOutput.data;
  for (let i = 0; i < grad.length; i++) {
    if (!Number.isFinite(grad[i])) {
      throw new EngineError(op, 'grad_output', 'finite numbers', `grad_output[${i}] (flat, row-major index) is ${grad[i]}; expected finite numbers`);
    }
  }
  const plain = normalize(op as OpName, input, op === 'rms_norm' ? { ...params, weight: null } : { ...params, weight: null, bias: null });
  const normalized = plain.output.data;
  const groupOf = plain.groupOf();
  const groups = plain.groupCount;
  const eps = params.eps ?? (op === 'rms_norm' ? 1e-6 : 1e-5);
  const rstd = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const r = plain.groupStats[g].rstd ?? NaN;
    if (!Number.isFinite(r)) {
      throw new EngineError(
        op,
        'input',
        'a group that is not constant, or eps > 0',
        `group ${g} is ${op === 'rms_norm' ? 'all zeros' : 'constant'} and eps = ${eps}: 1/σ is infinite there, and so is the gradient; use eps > 0`,
      );
    }
    rstd[g] = r;
  }

  const groupSize = input.data.length / groups;
  const { affineOf, affineShape } = affineMap(op, shape, groupSize);
  const weight = params.weight ?? null;
  // g' = γ ⊙ g, the gradient reaching x̂.
  const scaled = new Float64Array(grad.length);
  for (let i = 0; i < grad.length; i++) scaled[i] = weight === null ? grad[i] : grad[i] * weight[affineOf[i]];

  const gradInput = new Float64Array(grad.length);
  const evalMode = op === 'batch_norm' && params.training === false;
  const { indices, starts } = bucketIndices(groupOf, groups);
  for (let g = 0; g < groups; g++) {
    const from = starts[g];
    const to = starts[g + 1];
    const n = to - from;
    const r = rstd[g];
    if (evalMode) {
      for (let k = from; k < to; k++) gradInput[indices[k]] = r * scaled[indices[k]];
      continue;
    }
    const meanGrad = op === 'rms_norm' ? 0 : pairwiseSum(scaled, null, indices, from, to) / n;
    const meanProjection = pairwiseSum(scaled, normalized, indices, from, to) / n;
    for (let k = from; k < to; k++) {
      const i = indices[k];
      gradInput[i] = r * (scaled[i] - meanGrad - normalized[i] * meanProjection);
    }
  }

  const features = affineShape[0];
  const byFeature = bucketIndices(affineOf, features);
  const gradWeight = new Float64Array(features);
  const gradBias = new Float64Array(features);
  for (let j = 0; j < features; j++) {
    gradWeight[j] = pairwiseSum(grad, normalized, byFeature.indices, byFeature.starts[j], byFeature.starts[j + 1]);
    gradBias[j] = pairwiseSum(grad, null, byFeature.indices, byFeature.starts[j], byFeature.starts[j + 1]);
  }
  return {
    gradInput: { shape: [...shape], data: gradInput },
    gradWeight: { shape: affineShape, data: gradWeight },
    gradBias: op === 'rms_norm' ? null : { shape: [...affineShape], data: gradBias },
    normalized: { shape: [...shape], data: Float64Array.from(normalized) },
    rstd,
    groupOf,
  };
}
