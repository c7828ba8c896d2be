/**
 * One function per operation: validate the arguments, describe the pooling as a Layout, run the
 * moment kernel, then write the output in a loop over flat arrays. Semantics: PyTorch's, in
 * float64, as pinned by `test/golden/README.md`.
 */
import {
  axisLayout,
  channelLayout,
  contiguousLayout,
  groupBase,
  groupCountOf,
  groupIndexMap,
  groupSizeOf,
  type Layout,
} from './layout';
import {
  allocateMoments,
  centeredRunMoments,
  computeMoments,
  firstNonFinite,
  inverseRootFactor,
  inverseRootOf,
  NonFiniteInput,
  reduceGroup,
  type Moments,
} from './moments';
import { plural, type Pooling } from './pooling';
import type { GroupStats, OpParams, OpResult, Tensor, TensorLike } from './types';
import {
  checkAxis,
  checkBoolean,
  checkEps,
  checkInput,
  checkNormalizedShape,
  checkNumber,
  checkVector,
  fail,
  product,
} from './validate';

function tensor(shape: number[], data: Float64Array): Tensor {
  return { shape, data };
}

function result(
  shape: number[],
  output: Float64Array,
  extra: Record<string, Tensor>,
  layout: Layout,
  groupStats: GroupStats[],
  pooling: Pooling,
): OpResult {
  let map: Int32Array | undefined;
  return {
    output: tensor(shape, output),
    extra,
    groupCount: groupCountOf(layout),
    groupStats,
    groupOf: () => (map ??= groupIndexMap(layout, output.length)),
    pooling,
  };
}

/** The caller's output buffer when it fits, otherwise a fresh one. */
function outputFor(op: string, length: number, output: Float64Array | undefined): Float64Array {
  if (output === undefined) return new Float64Array(length);
  if (!(output instanceof Float64Array) || output.length !== length) {
    fail(op, 'output', `a Float64Array of ${length} values`, `the output buffer must be a Float64Array of ${length} values (one per input element)`);
  }
  return output;
}

function requireFinite(data: ArrayLike<number>): void {
  const index = firstNonFinite(data);
  if (index >= 0) throw new NonFiniteInput(index);
}

// ---- Shared output loops ------------------------------------------------------------------

/** Per-group factor and reported statistics for the mean/variance ops. */
interface Normalizer {
  readonly factor: Float64Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly std: Float64Array;
  readonly rstd: Float64Array;
}

function allocateNormalizer(groups: number): Normalizer {
  return {
    factor: new Float64Array(groups),
    mean: new Float64Array(groups),
    variance: new Float64Array(groups),
    std: new Float64Array(groups),
    rstd: new Float64Array(groups),
  };
}

/** Group g's rstd = 1/sqrt(var_biased + eps); a constant group gets factor 0 (its output is 0 + bias). */
function normalizeGroup(normalizer: Normalizer, moments: Moments, g: number, n: number, eps: number): void {
  const scale = moments.scale[g];
  const varianceScaled = moments.m2Scaled[g] / n;
  const f = inverseRootFactor(varianceScaled, scale, eps);
  normalizer.factor[g] = moments.constant[g] ? 0 : f;
  normalizer.rstd[g] = inverseRootOf(varianceScaled, scale, eps);
  normalizer.mean[g] = moments.meanScaled[g] / scale;
  normalizer.variance[g] = varianceScaled / scale / scale;
  normalizer.std[g] = Math.sqrt(varianceScaled) / scale; // finite even where the variance is not
}

function varianceNormalizer(moments: Moments, n: number, eps: number): Normalizer {
  const groups = moments.scale.length;
  const normalizer = allocateNormalizer(groups);
  for (let g = 0; g < groups; g++) normalizeGroup(normalizer, moments, g, n, eps);
  return normalizer;
}

/**
 * y = (x·s − c)·f over `count` contiguous values from `start`. Four at a time (fewer loop checks
 * per value), and without the multiplication when s = 1, where it is exact anyway.
 */
function applyRun(data: ArrayLike<number>, out: Float64Array, start: number, count: number, scale: number, center: number, f: number): void {
  let i = start;
  const end = start + count;
  const end4 = start + (count & ~3);
  if (scale === 1) {
    for (; i < end4; i += 4) {
      out[i] = (data[i] - center) * f;
      out[i + 1] = (data[i + 1] - center) * f;
      out[i + 2] = (data[i + 2] - center) * f;
      out[i + 3] = (data[i + 3] - center) * f;
    }
    for (; i < end; i++) out[i] = (data[i] - center) * f;
  } else {
    for (; i < end4; i += 4) {
      out[i] = (data[i] * scale - center) * f;
      out[i + 1] = (data[i + 1] * scale - center) * f;
      out[i + 2] = (data[i + 2] * scale - center) * f;
      out[i + 3] = (data[i + 3] * scale - center) * f;
    }
    for (; i < end; i++) out[i] = (data[i] * scale - center) * f;
  }
}

/** y = (x·s − c)·f · weight[j] + bias[j] over one row of `length` values from `base`. */
function applyRow(
  data: ArrayLike<number>,
  out: Float64Array,
  base: number,
  length: number,
  scale: number,
  center: number,
  f: number,
  weight: ArrayLike<number> | null,
  bias: ArrayLike<number> | null,
): void {
  if (weight === null && bias === null) {
    applyRun(data, out, base, length, scale, center, f);
    return;
  }
  for (let j = 0; j < length; j++) {
    const w = weight === null ? 1 : weight[j];
    const b = bias === null ? 0 : bias[j];
    out[base + j] = (data[base + j] * scale - center) * f * w + b;
  }
}

/** applyRow over every row (rms_norm). */
function applyRows(
  data: ArrayLike<number>,
  out: Float64Array,
  length: number,
  moments: Moments,
  factor: Float64Array,
  weight: ArrayLike<number> | null,
  bias: ArrayLike<number> | null,
): void {
  for (let r = 0; r < factor.length; r++) {
    applyRow(data, out, r * length, length, moments.scale[r], moments.meanScaled[r], factor[r], weight, bias);
  }
}

/**
 * y = (x·s − c)·f·weight[c] + bias[c] for (N, C, S) data; the group of (n, c) is
 * n·groupsPerSample + channelGroup[c] (batch_norm, instance_norm, group_norm).
 */
function applyChannels(
  data: ArrayLike<number>,
  out: Float64Array,
  dims: { samples: number; channels: number; spatial: number },
  groupsPerSample: number,
  channelGroup: Int32Array,
  scaleOf: Float64Array,
  centerOf: Float64Array,
  factor: Float64Array,
  weight: ArrayLike<number> | null,
  bias: ArrayLike<number> | null,
): void {
  const { samples, channels, spatial } = dims;
  if (spatial === 1 && groupsPerSample === 0) {
    applyColumns(data, out, samples, channels, scaleOf, centerOf, factor, weight, bias);
    return;
  }
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const g = n * groupsPerSample + channelGroup[c];
      const k = weight === null ? factor[g] : factor[g] * weight[c];
      const b = bias === null ? 0 : bias[c];
      applyAffineRun(data, out, (n * channels + c) * spatial, spatial, scaleOf[g], centerOf[g], k, b);
    }
  }
}

/** y = (x·s − c)·k + b over `count` contiguous values from `start`, four at a time. */
function applyAffineRun(
  data: ArrayLike<number>,
  out: Float64Array,
  start: number,
  count: number,
  scale: number,
  center: number,
  k: number,
  b: number,
): void {
  let i = start;
  const end = start + count;
  const end4 = start + (count & ~3);
  for (; i < end4; i += 4) {
    out[i] = (data[i] * scale - center) * k + b;
    out[i + 1] = (data[i + 1] * scale - center) * k + b;
    out[i + 2] = (data[i + 2] * scale - center) * k + b;
    out[i + 3] = (data[i + 3] * scale - center) * k + b;
  }
  for (; i < end; i++) out[i] = (data[i] * scale - center) * k + b;
}

/**
 * batch_norm of (N, C): one value per sample and channel, so each row of C values is one value
 * of every group. Row by row in memory order with per-channel coefficients, instead of a loop of
 * one value per (sample, channel).
 */
function applyColumns(
  data: ArrayLike<number>,
  out: Float64Array,
  samples: number,
  channels: number,
  scaleOf: Float64Array,
  centerOf: Float64Array,
  factor: Float64Array,
  weight: ArrayLike<number> | null,
  bias: ArrayLike<number> | null,
): void {
  const k = new Float64Array(channels);
  const b = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    k[c] = weight === null ? factor[c] : factor[c] * weight[c];
    b[c] = bias === null ? 0 : bias[c];
  }
  // Four rows per visit of a channel's coefficients: a quarter of their loads.
  let n = 0;
  for (; n + 4 <= samples; n += 4) {
    const row0 = n * channels;
    const row1 = row0 + channels;
    const row2 = row1 + channels;
    const row3 = row2 + channels;
    for (let c = 0; c < channels; c++) {
      const scale = scaleOf[c];
      const center = centerOf[c];
      const kc = k[c];
      const bc = b[c];
      out[row0 + c] = (data[row0 + c] * scale - center) * kc + bc;
      out[row1 + c] = (data[row1 + c] * scale - center) * kc + bc;
      out[row2 + c] = (data[row2 + c] * scale - center) * kc + bc;
      out[row3 + c] = (data[row3 + c] * scale - center) * kc + bc;
    }
  }
  for (; n < samples; n++) {
    const row = n * channels;
    for (let c = 0; c < channels; c++) out[row + c] = (data[row + c] * scaleOf[c] - centerOf[c]) * k[c] + b[c];
  }
}

/**
 * Eval-mode BatchNorm: y = (x − running_mean) · factor · weight + bias per channel. When x and the
 * running mean are finite but of opposite sign near ±1.7e308, their difference overflows although
 * the result need not: then the halves are subtracted instead and the product doubled, exactly.
 */
function applyRunningStatistics(
  data: ArrayLike<number>,
  out: Float64Array,
  dims: { samples: number; channels: number; spatial: number },
  center: Float64Array,
  factor: Float64Array,
  weight: ArrayLike<number> | null,
  bias: ArrayLike<number> | null,
): void {
  const { samples, channels, spatial } = dims;
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const mean = center[c];
      const k = weight === null ? factor[c] : factor[c] * weight[c];
      const b = bias === null ? 0 : bias[c];
      const start = (n * channels + c) * spatial;
      const end = start + spatial;
      for (let i = start; i < end; i++) {
        const difference = data[i] - mean;
        out[i] = Number.isFinite(difference) ? difference * k + b : (data[i] * 0.5 - mean * 0.5) * k * 2 + b;
      }
    }
  }
}

function meanRstdStats(n: number, normalizer: Normalizer): GroupStats[] {
  const stats: GroupStats[] = [];
  for (let g = 0; g < normalizer.factor.length; g++) {
    stats.push({
      count: n,
      mean: normalizer.mean[g],
      variance: normalizer.variance[g],
      std: normalizer.std[g],
      rstd: normalizer.rstd[g],
    });
  }
  return stats;
}

// ---- layer_norm, rms_norm -------------------------------------------------------------------

function trailingDims(op: 'layer_norm' | 'rms_norm', shape: number[], normalizedShape: unknown) {
  const value = normalizedShape ?? (shape.length > 0 ? [shape[shape.length - 1]] : undefined);
  if (value === undefined) {
    fail(op, 'normalized_shape', 'an input with at least one dim', `a 0-d input has no trailing dims to normalize; expected at least 1-d input`);
  }
  const covered = checkNormalizedShape(op, value, shape);
  const length = product(shape.slice(shape.length - covered));
  const kept = shape.slice(0, shape.length - covered);
  return { length, rows: product(kept), kept, normalized: shape.slice(shape.length - covered) };
}

export function layerNorm(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'layer_norm';
  const shape = checkInput(op, input);
  const { length, rows, kept, normalized } = trailingDims(op, shape, p.normalized_shape);
  const eps = checkEps(op, p.eps);
  const weight = checkVector(op, 'weight', p.weight, length, `one per element of normalized_shape [${normalized.join(', ')}]`);
  const bias = checkVector(op, 'bias', p.bias, length, `one per element of normalized_shape [${normalized.join(', ')}]`);

  const layout = contiguousLayout(rows, length);
  const out = outputFor(op, input.data.length, output);
  const moments = allocateMoments(rows);
  const normalizer = allocateNormalizer(rows);
  for (let r = 0; r < rows; r++) {
    // A row's output right after its moments, while the row is still in cache: one read from memory.
    centeredRunMoments(input.data, layout, r, moments);
    normalizeGroup(normalizer, moments, r, length, eps);
    const { scale, meanScaled } = moments;
    applyRow(input.data, out, r * length, length, scale[r], meanScaled[r], normalizer.factor[r], weight, bias);
  }
  return result(
    shape,
    out,
    { mean: tensor(kept, normalizer.mean), rstd: tensor([...kept], normalizer.rstd) },
    layout,
    meanRstdStats(length, normalizer),
    { kind: 'trailing', rows, length, normalizedShape: normalized },
  );
}

export function rmsNorm(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'rms_norm';
  const shape = checkInput(op, input);
  const { length, rows, normalized } = trailingDims(op, shape, p.normalized_shape);
  const eps = checkEps(op, p.eps);
  const weight = checkVector(op, 'weight', p.weight, length, `one per element of normalized_shape [${normalized.join(', ')}]`);

  const layout = contiguousLayout(rows, length);
  const moments = computeMoments(input.data, layout, false);
  const factor = new Float64Array(rows);
  const stats: GroupStats[] = [];
  for (let r = 0; r < rows; r++) {
    const scale = moments.scale[r];
    const meanSquareScaled = moments.m2Scaled[r] / length;
    // An all-zero row outputs zeros, also with eps 0 (where 0/0 would give NaN).
    factor[r] = meanSquareScaled === 0 ? 0 : inverseRootFactor(meanSquareScaled, scale, eps);
    stats.push({ count: length, rms: Math.sqrt(meanSquareScaled) / scale, rstd: inverseRootOf(meanSquareScaled, scale, eps) });
  }
  const out = outputFor(op, input.data.length, output);
  applyRows(input.data, out, length, moments, factor, weight, null);
  return result(shape, out, {}, layout, stats, { kind: 'trailing', rows, length, normalizedShape: normalized });
}

// ---- batch_norm, instance_norm, group_norm ------------------------------------------------

function channelDims(op: 'batch_norm' | 'instance_norm' | 'group_norm', shape: number[]) {
  if (shape.length < 2) {
    fail(op, 'input.shape', '(N, C, ...) with at least 2 dims', `input shape [${shape.join(', ')}] must be (N, C, ...) with at least 2 dims`);
  }
  return { samples: shape[0], channels: shape[1], spatial: product(shape.slice(2)) };
}

function identityGroups(channels: number): Int32Array {
  const map = new Int32Array(channels);
  for (let c = 0; c < channels; c++) map[c] = c;
  return map;
}

export function batchNorm(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'batch_norm';
  const shape = checkInput(op, input);
  const dims = channelDims(op, shape);
  const { samples, channels, spatial } = dims;
  const training = checkBoolean(op, 'training', p.training);
  const momentum = checkNumber(op, 'momentum', p.momentum);
  const eps = checkEps(op, p.eps);
  const perChannel = `one per channel, C = ${channels}`;
  const weight = checkVector(op, 'weight', p.weight, channels, perChannel);
  const bias = checkVector(op, 'bias', p.bias, channels, perChannel);
  const runningMean = checkVector(op, 'running_mean', p.running_mean, channels, perChannel);
  const runningVar = checkVector(op, 'running_var', p.running_var, channels, perChannel);
  if ((runningMean === null) !== (runningVar === null)) {
    fail(op, runningMean === null ? 'running_mean' : 'running_var', 'running_mean and running_var given together', 'running_mean and running_var must both be given or both be null');
  }
  if (runningVar !== null) {
    for (let c = 0; c < channels; c++) {
      if (runningVar[c] < 0) fail(op, 'running_var', 'values >= 0', `running_var[${c}] = ${runningVar[c]} must be >= 0`);
    }
  }
  const layout = channelLayout(samples, channels, spatial);
  const out = outputFor(op, input.data.length, output);

  if (!training) {
    if (runningMean === null || runningVar === null) {
      fail(op, 'running_mean', 'running_mean and running_var in eval mode', 'eval mode (training = false) needs running_mean and running_var; got null');
    }
    requireFinite(input.data);
    const factor = new Float64Array(channels);
    const center = new Float64Array(channels);
    const stats: GroupStats[] = [];
    for (let c = 0; c < channels; c++) {
      if (!(runningVar[c] + eps > 0)) {
        fail(op, 'running_var', 'running_var + eps > 0', `running_var[${c}] + eps = 0; expected a positive variance or eps`);
      }
      factor[c] = 1 / Math.sqrt(runningVar[c] + eps);
      center[c] = runningMean[c];
      stats.push({ count: samples * spatial, mean: runningMean[c], variance: runningVar[c], std: Math.sqrt(runningVar[c]), rstd: factor[c] });
    }
    applyRunningStatistics(input.data, out, dims, center, factor, weight, bias);
    return result(
      shape,
      out,
      {},
      layout,
      stats,
      { kind: 'runningStatistics', channels },
    );
  }

  const n = samples * spatial;
  if (n <= 1) {
    fail(op, 'input', 'more than 1 value per channel when training', `expected more than 1 value per channel when training, got input shape [${shape.join(', ')}]`);
  }
  const moments = computeMoments(input.data, layout, true);
  const normalizer = varianceNormalizer(moments, n, eps);
  applyChannels(input.data, out, dims, 0, identityGroups(channels), moments.scale, moments.meanScaled, normalizer.factor, weight, bias);
  const extra: Record<string, Tensor> = {
    mean: tensor([channels], normalizer.mean),
    rstd: tensor([channels], normalizer.rstd),
  };
  if (runningMean !== null && runningVar !== null) {
    const nextMean = new Float64Array(channels);
    const nextVar = new Float64Array(channels);
    for (let c = 0; c < channels; c++) {
      // The running variance uses the unbiased estimate (divisor n − 1), as PyTorch does.
      const unbiased = moments.m2Scaled[c] / (n - 1) / moments.scale[c] / moments.scale[c];
      nextMean[c] = (1 - momentum) * runningMean[c] + momentum * normalizer.mean[c];
      nextVar[c] = (1 - momentum) * runningVar[c] + momentum * unbiased;
    }
    extra.running_mean = tensor([channels], nextMean);
    extra.running_var = tensor([channels], nextVar);
  }
  return result(
    shape,
    out,
    extra,
    layout,
    meanRstdStats(n, normalizer),
    { kind: 'channels', channels, samples, spatial },
  );
}

export function instanceNorm(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'instance_norm';
  const shape = checkInput(op, input);
  const dims = channelDims(op, shape);
  const { samples, channels, spatial } = dims;
  if (shape.length < 3 || spatial <= 1) {
    fail(op, 'input', 'more than 1 spatial element per (sample, channel)', `expected more than 1 spatial element per (sample, channel), got input shape [${shape.join(', ')}]`);
  }
  const eps = checkEps(op, p.eps);
  const perChannel = `one per channel, C = ${channels}`;
  const weight = checkVector(op, 'weight', p.weight, channels, perChannel);
  const bias = checkVector(op, 'bias', p.bias, channels, perChannel);

  const layout = contiguousLayout(samples * channels, spatial);
  const moments = computeMoments(input.data, layout, true);
  const normalizer = varianceNormalizer(moments, spatial, eps);
  const out = outputFor(op, input.data.length, output);
  applyChannels(input.data, out, dims, channels, identityGroups(channels), moments.scale, moments.meanScaled, normalizer.factor, weight, bias);
  return result(
    shape,
    out,
    { mean: tensor([samples, channels], normalizer.mean), rstd: tensor([samples, channels], normalizer.rstd) },
    layout,
    meanRstdStats(spatial, normalizer),
    { kind: 'instances', pairs: samples * channels, spatial },
  );
}

export function groupNorm(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'group_norm';
  const shape = checkInput(op, input);
  const dims = channelDims(op, shape);
  const { samples, channels, spatial } = dims;
  const groups = p.num_groups as unknown;
  if (groups === undefined || groups === null) {
    fail(op, 'num_groups', 'a positive integer dividing C', `num_groups is required; expected a positive integer that divides the ${plural(channels, 'channel')} (C)`);
  }
  if (typeof groups !== 'number' || !Number.isInteger(groups) || groups < 1) {
    fail(op, 'num_groups', 'a positive integer', `num_groups = ${String(groups)} must be a positive integer`);
  }
  if (channels % groups !== 0) {
    fail(op, 'num_groups', `a divisor of C = ${channels}`, `num_groups = ${groups} must divide the ${plural(channels, 'channel')} (C)`);
  }
  const eps = checkEps(op, p.eps);
  const perChannel = `one per channel, C = ${channels}; group_norm's affine is per channel, not per group`;
  const weight = checkVector(op, 'weight', p.weight, channels, perChannel);
  const bias = checkVector(op, 'bias', p.bias, channels, perChannel);

  const channelsPerGroup = channels / groups;
  const size = channelsPerGroup * spatial;
  const layout = contiguousLayout(samples * groups, size);
  const moments = computeMoments(input.data, layout, true);
  const normalizer = varianceNormalizer(moments, size, eps);
  const channelGroup = new Int32Array(channels);
  for (let c = 0; c < channels; c++) channelGroup[c] = Math.floor(c / channelsPerGroup);
  const out = outputFor(op, input.data.length, output);
  applyChannels(input.data, out, dims, groups, channelGroup, moments.scale, moments.meanScaled, normalizer.factor, weight, bias);
  return result(
    shape,
    out,
    { mean: tensor([samples, groups], normalizer.mean), rstd: tensor([samples, groups], normalizer.rstd) },
    layout,
    meanRstdStats(size, normalizer),
    { kind: 'groups', pairs: samples * groups, channelsPerGroup, spatial },
  );
}

// ---- Axis ops: l2_normalize, min_max, z_score, softmax -------------------------------------

interface AxisSlices {
  readonly layout: Layout;
  /** Shape of one statistic per group: the input shape without the pooled axis. */
  readonly statShape: number[];
  readonly pooling: Pooling;
}

function axisSlices(shape: number[], axis: number | null): AxisSlices {
  const total = product(shape);
  if (axis === null) {
    return {
      layout: contiguousLayout(1, total),
      statShape: [],
      pooling: { kind: 'whole', length: total },
    };
  }
  const dims = shape.length === 0 ? [1] : shape;
  const outer = product(dims.slice(0, axis));
  const length = dims[axis];
  const inner = product(dims.slice(axis + 1));
  const groups = outer * inner;
  const statShape = shape.length === 0 ? [] : [...dims.slice(0, axis), ...dims.slice(axis + 1)];
  return {
    layout: axisLayout(outer, length, inner),
    statShape,
    pooling: { kind: 'axis', axis, groups, length, last: axis === dims.length - 1 },
  };
}

/** Calls visit(i) for every flat index of group g, in order. */
function forEachInGroup(layout: Layout, g: number, visit: (i: number) => void): void {
  const base = groupBase(layout, g);
  for (let b = 0; b < layout.blocks; b++) {
    const start = base + b * layout.blockStride;
    for (let i = start; i < start + layout.run; i++) visit(i);
  }
}

export function l2Normalize(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'l2_normalize';
  const shape = checkInput(op, input);
  const dim = checkAxis(op, 'dim', p.dim, shape.length);
  const eps = checkEps(op, p.eps);
  const slices = axisSlices(shape, dim);
  const { layout } = slices;
  const moments = computeMoments(input.data, layout, false);
  const out = outputFor(op, input.data.length, output);
  const data = input.data;
  const stats: GroupStats[] = [];
  for (let g = 0; g < groupCountOf(layout); g++) {
    const scale = moments.scale[g];
    const normScaled = Math.sqrt(moments.m2Scaled[g]);
    // y = x / max(‖x‖, eps): eps is a floor on the norm. The comparison is made on the side of
    // the scale that cannot overflow; dividing by the scaled norm keeps full precision.
    const normWins = scale <= 1 ? normScaled >= eps * scale : normScaled / scale >= eps;
    const f = normWins ? (normScaled > 0 ? 1 / normScaled : 0) : scale <= 1 ? 1 / (eps * scale) : 1 / scale / eps;
    forEachInGroup(layout, g, (i) => {
      out[i] = data[i] * scale * f;
    });
    stats.push({ count: groupSizeOf(layout), norm: normScaled / scale });
  }
  return result(shape, out, {}, layout, stats, slices.pooling);
}

export function minMax(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'min_max';
  const shape = checkInput(op, input);
  const axis = p.axis === null || p.axis === undefined ? null : checkAxis(op, 'axis', p.axis, shape.length);
  requireFinite(input.data);
  const slices = axisSlices(shape, axis);
  const { layout } = slices;
  const groups = groupCountOf(layout);
  const data = input.data;
  const out = outputFor(op, data.length, output);
  const mins = new Float64Array(groups);
  const maxs = new Float64Array(groups);
  const stats: GroupStats[] = [];
  for (let g = 0; g < groups; g++) {
    let low = Infinity;
    let high = -Infinity;
    forEachInGroup(layout, g, (i) => {
      const x = data[i];
      if (x < low) low = x;
      if (x > high) high = x;
    });
    mins[g] = low;
    maxs[g] = high;
    stats.push({ count: groupSizeOf(layout), min: low, max: high });
    if (low === high) {
      // Constant: 0, as scikit-learn's MinMaxScaler.
      forEachInGroup(layout, g, (i) => {
        out[i] = 0;
      });
      continue;
    }
    const range = high - low;
    if (range < Infinity) {
      forEachInGroup(layout, g, (i) => {
        out[i] = (data[i] - low) / range;
      });
    } else {
      // The range overflows (values near ±1.8e308): halve everything, which is exact there.
      const halfRange = high / 2 - low / 2;
      forEachInGroup(layout, g, (i) => {
        out[i] = (data[i] / 2 - low / 2) / halfRange;
      });
    }
  }
  return result(
    shape,
    out,
    { min: tensor(slices.statShape, mins), max: tensor([...slices.statShape], maxs) },
    layout,
    stats,
    slices.pooling,
  );
}

export function zScore(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'z_score';
  const shape = checkInput(op, input);
  const axis = p.axis === null || p.axis === undefined ? null : checkAxis(op, 'axis', p.axis, shape.length);
  const ddof = p.ddof;
  if (typeof ddof !== 'number' || !Number.isInteger(ddof) || ddof < 0) {
    fail(op, 'ddof', 'a non-negative integer (0 or 1)', `ddof = ${String(ddof)} must be a non-negative integer (0 or 1)`);
  }
  const slices = axisSlices(shape, axis);
  const { layout } = slices;
  const n = groupSizeOf(layout);
  if (ddof >= n) {
    fail(op, 'ddof', `smaller than the ${n} values per slice`, `ddof = ${ddof} must be smaller than the number of values per slice (${n})`);
  }
  const moments = computeMoments(input.data, layout, true);
  const groups = groupCountOf(layout);
  const means = new Float64Array(groups);
  const stds = new Float64Array(groups);
  const out = outputFor(op, input.data.length, output);
  const data = input.data;
  const stats: GroupStats[] = [];
  for (let g = 0; g < groups; g++) {
    const scale = moments.scale[g];
    const center = moments.meanScaled[g];
    const stdScaled = moments.constant[g] ? 0 : Math.sqrt(moments.m2Scaled[g] / (n - ddof));
    // Constant slices output 0 and report std 0, as scikit-learn's StandardScaler.
    const f = stdScaled > 0 ? 1 / stdScaled : 0;
    forEachInGroup(layout, g, (i) => {
      out[i] = (data[i] * scale - center) * f;
    });
    means[g] = center / scale;
    stds[g] = stdScaled / scale;
    stats.push({ count: n, mean: means[g], variance: stds[g] * stds[g], std: stds[g] });
  }
  return result(
    shape,
    out,
    { mean: tensor(slices.statShape, means), std: tensor([...slices.statShape], stds) },
    layout,
    stats,
    slices.pooling,
  );
}

export function softmax(input: TensorLike, p: OpParams, output?: Float64Array): OpResult {
  const op = 'softmax';
  const shape = checkInput(op, input);
  const dim = checkAxis(op, 'dim', p.dim, shape.length);
  requireFinite(input.data);
  const slices = axisSlices(shape, dim);
  const { layout } = slices;
  const data = input.data;
  const out = outputFor(op, data.length, output);
  const stats: GroupStats[] = [];
  for (let g = 0; g < groupCountOf(layout); g++) {
    let high = -Infinity;
    forEachInGroup(layout, g, (i) => {
      if (data[i] > high) high = data[i];
    });
    // Subtracting the max keeps every exp in (0, 1]: no overflow, and the max term is exactly 1.
    forEachInGroup(layout, g, (i) => {
      out[i] = Math.exp(data[i] - high);
    });
    const total = reduceGroup(out, layout, groupBase(layout, g), false, 1, 0);
    forEachInGroup(layout, g, (i) => {
      out[i] /= total;
    });
    stats.push({ count: groupSizeOf(layout), max: high });
  }
  return result(shape, out, {}, layout, stats, slices.pooling);
}
