/**
 * Moment kernels over flat arrays: no validation of arguments (the ops do that), no allocation
 * per element.
 *
 * Algorithm: two passes (mean, then the sum of squared deviations from it), each summed
 * pairwise: leaves of at most LEAF values with four accumulators, halves added recursively,
 * so rounding error grows like log n rather than n. Never E[x²] − E[x]². Contiguous runs
 * longer than CHUNK are cut into chunks that stay in L1 cache between their two passes, and
 * the chunks' (count, mean, m2) are merged pairwise with Chan et al.'s update (every term of
 * the merged m2 is ≥ 0, so nothing cancels), as PyTorch's moments_utils.h merges its chunks:
 * one pass over memory instead of two. Within a chunk, one pass about a shift replaces the two
 * when a check proves it loses at most one bit (see chunkMoments).
 *
 * Range: the first attempt works in the data's own units. When a sum overflows, when the sum
 * of squares is tiny enough that squares may have underflowed (below 2^-900), or when the
 * slice may be constant, the group is redone carefully: every value is multiplied by a power
 * of two s (exact) that brings the largest magnitude near 1, both passes are repeated in those
 * units, and the slice is checked for being exactly constant. Results are kept in scaled units
 * (`meanScaled`, `m2Scaled`, `scale`); the ops turn them into outputs without leaving them.
 */
import { groupBase, groupCountOf, groupSizeOf, type Layout } from './layout';

const LEAF = 128;
/** Below this sum of squares, squares of small deviations may have lost bits to underflow. */
const UNDERFLOW_GUARD = 2 ** -900;
/** Blocks summed one after another in the lane kernel before pairwise merging takes over. */
const LANE_CHUNK = 64;
/** Longest contiguous run whose two passes are made back to back (16 KiB: stays in L1 cache). */
const CHUNK = 2048;

/** Σ x·scale over `count` values `stride` apart, pairwise (leaves of LEAF values, four accumulators). */
function sumLeaf(data: ArrayLike<number>, start: number, count: number, stride: number, scale: number): number {
  if (count > LEAF) {
    const half = count >> 1;
    return (
      sumLeaf(data, start, half, stride, scale) + sumLeaf(data, start + half * stride, count - half, stride, scale)
    );
  }
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = start;
  const step = 4 * stride;
  const end4 = start + (count & ~3) * stride;
  const end = start + count * stride;
  if (scale === 1) {
    for (; i < end4; i += step) {
      a0 += data[i];
      a1 += data[i + stride];
      a2 += data[i + 2 * stride];
      a3 += data[i + 3 * stride];
    }
    for (; i < end; i += stride) a0 += data[i];
  } else {
    for (; i < end4; i += step) {
      a0 += data[i] * scale;
      a1 += data[i + stride] * scale;
      a2 += data[i + 2 * stride] * scale;
      a3 += data[i + 3 * stride] * scale;
    }
    for (; i < end; i += stride) a0 += data[i] * scale;
  }
  return a0 + a1 + (a2 + a3);
}

/** Σ (x·scale − center)², pairwise. */
function squaresLeaf(
  data: ArrayLike<number>,
  start: number,
  count: number,
  stride: number,
  scale: number,
  center: number,
): number {
  if (count > LEAF) {
    const half = count >> 1;
    return (
      squaresLeaf(data, start, half, stride, scale, center) +
      squaresLeaf(data, start + half * stride, count - half, stride, scale, center)
    );
  }
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = start;
  const step = 4 * stride;
  const end4 = start + (count & ~3) * stride;
  const end = start + count * stride;
  if (scale === 1) {
    for (; i < end4; i += step) {
      const d0 = data[i] - center;
      const d1 = data[i + stride] - center;
      const d2 = data[i + 2 * stride] - center;
      const d3 = data[i + 3 * stride] - center;
      a0 += d0 * d0;
      a1 += d1 * d1;
      a2 += d2 * d2;
      a3 += d3 * d3;
    }
    for (; i < end; i += stride) {
      const d = data[i] - center;
      a0 += d * d;
    }
  } else {
    for (; i < end4; i += step) {
      const d0 = data[i] * scale - center;
      const d1 = data[i + stride] * scale - center;
      const d2 = data[i + 2 * stride] * scale - center;
      const d3 = data[i + 3 * stride] * scale - center;
      a0 += d0 * d0;
      a1 += d1 * d1;
      a2 += d2 * d2;
      a3 += d3 * d3;
    }
    for (; i < end; i += stride) {
      const d = data[i] * scale - center;
      a0 += d * d;
    }
  }
  return a0 + a1 + (a2 + a3);
}

/** Pairwise sum over blocks [b0, b1) of a group's runs; `squares` picks Σ(x·s − c)² over Σ x·s. */
function reduceBlocks(
  data: ArrayLike<number>,
  layout: Layout,
  base: number,
  b0: number,
  b1: number,
  squares: boolean,
  scale: number,
  center: number,
): number {
  if (b1 - b0 === 1) {
    const start = base + b0 * layout.blockStride;
    return squares
      ? squaresLeaf(data, start, layout.run, 1, scale, center)
      : sumLeaf(data, start, layout.run, 1, scale);
  }
  const mid = (b0 + b1) >> 1;
  return (
    reduceBlocks(data, layout, base, b0, mid, squares, scale, center) +
    reduceBlocks(data, layout, base, mid, b1, squares, scale, center)
  );
}

/** Pairwise Σ x·scale (or Σ (x·scale − center)²) over one group. */
export function reduceGroup(
  data: ArrayLike<number>,
  layout: Layout,
  base: number,
  squares: boolean,
  scale: number,
  center: number,
): number {
  if (layout.run === 1) {
    // A strided sequence: one pairwise leaf walk with the block stride.
    return squares
      ? squaresLeaf(data, base, layout.blocks, layout.blockStride, scale, center)
      : sumLeaf(data, base, layout.blocks, layout.blockStride, scale);
  }
  return reduceBlocks(data, layout, base, 0, layout.blocks, squares, scale, center);
}

/** Largest |x| of a group; NaN when the group holds a NaN. */
export function maxAbsOfGroup(data: ArrayLike<number>, layout: Layout, base: number): number {
  let largest = 0;
  for (let b = 0; b < layout.blocks; b++) {
    const start = base + b * layout.blockStride;
    for (let i = start; i < start + layout.run; i++) {
      const magnitude = Math.abs(data[i]);
      if (!(magnitude <= largest)) largest = magnitude; // also lets NaN through
    }
  }
  return largest;
}

/** True when every value of the group equals the first (−0 equals +0). */
export function isConstantGroup(data: ArrayLike<number>, layout: Layout, base: number): boolean {
  const first = data[base];
  for (let b = 0; b < layout.blocks; b++) {
    const start = base + b * layout.blockStride;
    for (let i = start; i < start + layout.run; i++) if (data[i] !== first) return false;
  }
  return true;
}

/** Flat index of the first NaN or ±Infinity, or −1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (x - x !== 0) return i; // NaN − NaN and ∞ − ∞ are NaN; finite − itself is 0
  }
  return -1;
}

/** A power of two that brings `largest` (finite, > 0) near 1, kept representable. */
export function scaleFor(largest: number): number {
  const exponent = Math.floor(Math.log2(largest));
  return 2 ** Math.min(1000, Math.max(-1022, -exponent));
}

/** Per-group moments in scaled units: mean = meanScaled / scale, Σ(x − mean)² = m2Scaled / scale². */
export interface Moments {
  readonly meanScaled: Float64Array;
  readonly m2Scaled: Float64Array;
  readonly scale: Float64Array;
  /** 1 when every value of the group is exactly equal (only computed for centred moments). */
  readonly constant: Uint8Array;
}

export function allocateMoments(groups: number): Moments {
  return {
    meanScaled: new Float64Array(groups),
    m2Scaled: new Float64Array(groups),
    scale: new Float64Array(groups).fill(1),
    constant: new Uint8Array(groups),
  };
}

/** Thrown by kernels when the data holds NaN or ±Infinity; the op turns it into an EngineError. */
export class NonFiniteInput extends Error {
  constructor(readonly index: number) {
    super(`non-finite input at flat index ${index}`);
  }
}

function nonFinite(data: ArrayLike<number>): never {
  throw new NonFiniteInput(firstNonFinite(data));
}

/** Whether a first, unscaled attempt must be redone carefully (overflow, underflow, maybe constant). */
function needsCarefulPass(centered: boolean, n: number, mean: number, m2: number): boolean {
  if (!(m2 < Infinity) || !(m2 >= UNDERFLOW_GUARD)) return true;
  if (!centered) return false;
  const spread = Math.abs(mean) * n * 2 ** -50; // generous bound on the rounding error of the mean
  return m2 <= n * spread * spread;
}

/**
 * The careful path for one group: scale by a power of two near 1/max|x|, redo both passes and
 * detect exactly constant slices (reported with their exact value and m2 = 0).
 */
function carefulGroup(
  data: ArrayLike<number>,
  layout: Layout,
  group: number,
  centered: boolean,
  out: Moments,
): void {
  const base = groupBase(layout, group);
  const largest = maxAbsOfGroup(data, layout, base);
  if (!(largest < Infinity)) nonFinite(data);
  if (largest === 0) {
    out.meanScaled[group] = 0;
    out.m2Scaled[group] = 0;
    out.scale[group] = 1;
    out.constant[group] = 1;
    return;
  }
  const scale = scaleFor(largest);
  out.scale[group] = scale;
  if (centered && isConstantGroup(data, layout, base)) {
    out.meanScaled[group] = data[base] * scale;
    out.m2Scaled[group] = 0;
    out.constant[group] = 1;
    return;
  }
  const n = groupSizeOf(layout);
  const mean = centered ? reduceGroup(data, layout, base, false, scale, 0) / n : 0;
  out.meanScaled[group] = mean;
  out.m2Scaled[group] = reduceGroup(data, layout, base, true, scale, mean);
  out.constant[group] = 0;
}

/** Where runMoments puts its result: [mean − shift, Σ(x − mean)²]. */
const runResult = new Float64Array(2);
/** Where shiftedLeaf puts Σ(x − shift) and Σ(x − shift)². */
const shiftedSums = new Float64Array(2);

/** Σ(x − shift) and Σ(x − shift)² over `count` contiguous values, pairwise (leaves of LEAF, four accumulators each). */
function shiftedLeaf(data: ArrayLike<number>, start: number, count: number, shift: number): void {
  if (count > LEAF) {
    const half = count >> 1;
    shiftedLeaf(data, start, half, shift);
    const s1 = shiftedSums[0];
    const s2 = shiftedSums[1];
    shiftedLeaf(data, start + half, count - half, shift);
    shiftedSums[0] += s1;
    shiftedSums[1] += s2;
    return;
  }
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let i = start;
  const end4 = start + (count & ~3);
  const end = start + count;
  for (; i < end4; i += 4) {
    const d0 = data[i] - shift;
    const d1 = data[i + 1] - shift;
    const d2 = data[i + 2] - shift;
    const d3 = data[i + 3] - shift;
    a0 += d0;
    a1 += d1;
    a2 += d2;
    a3 += d3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
  }
  for (; i < end; i++) {
    const d = data[i] - shift;
    a0 += d;
    q0 += d * d;
  }
  shiftedSums[0] = a0 + a1 + (a2 + a3);
  shiftedSums[1] = q0 + q1 + (q2 + q3);
}

/**
 * One chunk (at most CHUNK values, so it stays in cache): sums about the group's shift K give
 * m2 = Σ(x − K)² − n·d² with d = mean − K. That is taken when n·d² ≤ Σ(x − K)² / 2, so the
 * subtraction loses at most one bit (no cancellation, unlike E[x²] − E[x]² about 0). Otherwise
 * the corrected two-pass: the same sums about the chunk's own mean, whose correction is tiny.
 */
function chunkMoments(data: ArrayLike<number>, start: number, count: number, shift: number): void {
  shiftedLeaf(data, start, count, shift);
  if (fromShiftedSums(shiftedSums[0], shiftedSums[1], count)) return;
  const center = shift + shiftedSums[0] / count;
  shiftedLeaf(data, start, count, center);
  fromCenteredSums(shiftedSums[0], shiftedSums[1], count, center - shift);
}

/**
 * A chunk's (mean − K, m2) into runResult from its sums Σ(x − K) and Σ(x − K)² about the shift K,
 * when n·d² ≤ Σ(x − K)²/2 proves at most one bit lost; false when the chunk must be summed again
 * about its own mean (fromCenteredSums).
 */
function fromShiftedSums(s1: number, s2: number, count: number): boolean {
  const d = s1 / count;
  if (!(s1 * d <= s2 * 0.5 && s2 < Infinity)) return false;
  runResult[0] = d;
  runResult[1] = s2 - s1 * d;
  return true;
}

/** The corrected two-pass finish: sums t1, t2 about a center `offset` above the shift, into runResult. */
function fromCenteredSums(t1: number, t2: number, count: number, offset: number): void {
  const e = t1 / count;
  runResult[0] = offset + e;
  runResult[1] = t2 - t1 * e; // non-finite on overflow, which sends the group to the careful path
}

/**
 * Mean (relative to `shift`) and Σ(x − mean)² of `count` contiguous values into runResult:
 * chunks of at most CHUNK values, halves merged pairwise (Chan et al.). Means are kept relative
 * to one shift for the whole group, so merging never subtracts two large, rounded means.
 */
function runMoments(data: ArrayLike<number>, start: number, count: number, shift: number): void {
  if (count <= CHUNK) {
    chunkMoments(data, start, count, shift);
    return;
  }
  const half = count >> 1;
  runMoments(data, start, half, shift);
  const meanA = runResult[0];
  const m2A = runResult[1];
  runMoments(data, start + half, count - half, shift);
  mergeMoments(half, meanA, m2A, count - half, runResult[0], runResult[1]);
}

/** Chan et al.'s merge of two parts' (count, mean, m2) into runResult. Overflow shows as a non-finite m2. */
function mergeMoments(countA: number, meanA: number, m2A: number, countB: number, meanB: number, m2B: number): void {
  const count = countA + countB;
  const delta = meanB - meanA;
  runResult[0] = meanA + delta * (countB / count);
  runResult[1] = m2A + m2B + delta * delta * ((countA * countB) / count);
}

/** Merges blocks [b0, b1) of lane l's per-run moments (means relative to the lane's shift) into runResult, pairwise. */
function mergeBlocks(means: Float64Array, m2s: Float64Array, lanes: number, l: number, b0: number, b1: number, run: number): void {
  if (b1 - b0 === 1) {
    runResult[0] = means[b0 * lanes + l];
    runResult[1] = m2s[b0 * lanes + l];
    return;
  }
  const mid = (b0 + b1) >> 1;
  mergeBlocks(means, m2s, lanes, l, b0, mid, run);
  const meanA = runResult[0];
  const m2A = runResult[1];
  mergeBlocks(means, m2s, lanes, l, mid, b1, run);
  mergeMoments((mid - b0) * run, meanA, m2A, (b1 - mid) * run, runResult[0], runResult[1]);
}

/** A shift near a group's mean: the mean of eight of its values spread over it (no overflow). */
function shiftOf(data: ArrayLike<number>, layout: Layout, base: number): number {
  let shift = 0;
  for (let k = 0; k < 8; k++) {
    const b = Math.floor((k * layout.blocks) / 8);
    const j = Math.floor((k * layout.run) / 8);
    shift += data[base + b * layout.blockStride + j] / 8;
  }
  return shift;
}

/** Stores a first attempt's centred moments, or redoes the group carefully when they demand it. */
function storeCentered(data: ArrayLike<number>, layout: Layout, g: number, n: number, mean: number, m2: number, out: Moments): void {
  if (!(Math.abs(mean) < Infinity) || needsCarefulPass(true, n, mean, m2)) {
    if (!(Math.abs(mean) < Infinity) && firstNonFinite(data) >= 0) nonFinite(data);
    carefulGroup(data, layout, g, true, out);
  } else {
    out.meanScaled[g] = mean;
    out.m2Scaled[g] = m2;
  }
}

/**
 * Centred moments of group g when it is one contiguous run (layer_norm's rows): chunked one
 * pass about a shift, chunks merged pairwise, the careful path when the result demands it.
 * layer_norm calls it row by row so that a row is normalized while it is still in cache.
 */
export function centeredRunMoments(data: ArrayLike<number>, layout: Layout, g: number, out: Moments): void {
  const base = groupBase(layout, g);
  const n = groupSizeOf(layout);
  const shift = shiftOf(data, layout, base);
  runMoments(data, base, n, shift);
  storeCentered(data, layout, g, n, shift + runResult[0], runResult[1], out);
}

/**
 * Moments of every group. `centered`: mean and Σ(x − mean)² (two-pass); otherwise mean 0 and
 * Σ x² (for rms_norm and l2_normalize). Throws NonFiniteInput on NaN or ±Infinity.
 */
export function computeMoments(data: ArrayLike<number>, layout: Layout, centered: boolean): Moments {
  const groups = groupCountOf(layout);
  const out = allocateMoments(groups);
  if (layout.run === 1 && layout.laneStride === 1 && layout.lanes > 1) {
    for (let o = 0; o < layout.outer; o++) {
      if (centered) laneCenteredMoments(data, layout, o, out);
      else laneMoments(data, layout, o, false, out);
    }
    return out;
  }
  if (centered && layout.run > 1 && layout.blocks > 1) {
    for (let o = 0; o < layout.outer; o++) blockedCenteredMoments(data, layout, o, out);
    return out;
  }
  if (layout.run > 1 && layout.blocks > 1 && layout.lanes > 1) {
    for (let o = 0; o < layout.outer; o++) blockedMoments(data, layout, o, centered, out);
    return out;
  }
  const n = groupSizeOf(layout);
  if (centered && layout.blocks === 1) {
    for (let g = 0; g < groups; g++) centeredRunMoments(data, layout, g, out);
    return out;
  }
  for (let g = 0; g < groups; g++) {
    const base = groupBase(layout, g);
    let mean = 0;
    if (centered) {
      const sum = reduceGroup(data, layout, base, false, 1, 0);
      if (!(Math.abs(sum) < Infinity)) {
        if (firstNonFinite(data) >= 0) nonFinite(data);
        carefulGroup(data, layout, g, centered, out);
        continue;
      }
      mean = sum / n;
    }
    const m2 = reduceGroup(data, layout, base, true, 1, mean);
    if (needsCarefulPass(centered, n, mean, m2)) {
      carefulGroup(data, layout, g, centered, out);
    } else {
      out.meanScaled[g] = mean;
      out.m2Scaled[g] = m2;
    }
  }
  return out;
}

/** Σ over rows [r0, r1) of each lane's value (or squared deviation from center[l]), pairwise over chunks of rows. */
function laneAccumulate(
  data: ArrayLike<number>,
  slab: number,
  rowStride: number,
  lanes: number,
  r0: number,
  r1: number,
  target: Float64Array,
  scratch: Float64Array[],
  level: number,
  center: Float64Array | null,
): void {
  if (r1 - r0 <= LANE_CHUNK) {
    if (center === null) {
      for (let r = r0; r < r1; r++) {
        const row = slab + r * rowStride;
        for (let l = 0; l < lanes; l++) target[l] += data[row + l];
      }
    } else {
      for (let r = r0; r < r1; r++) {
        const row = slab + r * rowStride;
        for (let l = 0; l < lanes; l++) {
          const d = data[row + l] - center[l];
          target[l] += d * d;
        }
      }
    }
    return;
  }
  const mid = (r0 + r1) >> 1;
  laneAccumulate(data, slab, rowStride, lanes, r0, mid, target, scratch, level + 1, center);
  const right = scratch[level];
  right.fill(0);
  laneAccumulate(data, slab, rowStride, lanes, mid, r1, right, scratch, level + 1, center);
  for (let l = 0; l < lanes; l++) target[l] += right[l];
}

/** Stores lane l's first-attempt results, or sends it to the careful path. */
function finishLanes(
  data: ArrayLike<number>,
  layout: Layout,
  o: number,
  centered: boolean,
  n: number,
  sums: Float64Array,
  means: Float64Array,
  m2: Float64Array,
  out: Moments,
): void {
  for (let l = 0; l < layout.lanes; l++) {
    const g = o * layout.lanes + l;
    if (centered && !(Math.abs(sums[l]) < Infinity)) {
      if (firstNonFinite(data) >= 0) nonFinite(data);
      carefulGroup(data, layout, g, centered, out);
    } else if (needsCarefulPass(centered, n, means[l], m2[l])) {
      carefulGroup(data, layout, g, centered, out);
    } else {
      out.meanScaled[g] = means[l];
      out.m2Scaled[g] = m2[l];
    }
  }
}

/**
 * Lane kernel for groups that are columns of a row-major slab (batch_norm with one value per
 * channel and sample, axis ops over a non-last axis): rows are read in memory order, every lane
 * accumulated at once, LANE_CHUNK rows summed sequentially and chunks merged pairwise.
 */
function laneMoments(data: ArrayLike<number>, layout: Layout, o: number, centered: boolean, out: Moments): void {
  const lanes = layout.lanes;
  const rows = layout.blocks;
  const slab = o * layout.slabStride;
  const depth = Math.max(1, Math.ceil(Math.log2(Math.max(1, rows / LANE_CHUNK))) + 2);
  const scratch: Float64Array[] = [];
  for (let k = 0; k < depth; k++) scratch.push(new Float64Array(lanes));
  const sums = new Float64Array(lanes);
  const means = new Float64Array(lanes);
  if (centered) {
    laneAccumulate(data, slab, layout.blockStride, lanes, 0, rows, sums, scratch, 0, null);
    for (let l = 0; l < lanes; l++) means[l] = sums[l] / rows;
  }
  const m2 = new Float64Array(lanes);
  laneAccumulate(data, slab, layout.blockStride, lanes, 0, rows, m2, scratch, 0, means);
  finishLanes(data, layout, o, centered, rows, sums, means, m2, out);
}

/** Per-lane (mean relative to the lane's shift, m2) of a range of rows. */
interface LaneMoments {
  readonly mean: Float64Array;
  readonly m2: Float64Array;
}

/**
 * One chunk of at most LANE_CHUNK rows, every lane at once, as chunkMoments does for a run: Σ(x − K)
 * and Σ(x − K)² about the lane's shift K, four rows per visit of a lane's accumulators, taken
 * where n·d² ≤ Σ(x − K)²/2 proves at most one bit lost; otherwise that lane's corrected two-pass
 * about its chunk mean (the chunk's rows are still in cache).
 */
function laneChunkMoments(
  data: ArrayLike<number>,
  slab: number,
  rowStride: number,
  lanes: number,
  r0: number,
  r1: number,
  shifts: Float64Array,
  target: LaneMoments,
): void {
  const sums = target.mean;
  const squares = target.m2;
  sums.fill(0);
  squares.fill(0);
  let r = r0;
  for (; r + 4 <= r1; r += 4) {
    const row0 = slab + r * rowStride;
    const row1 = row0 + rowStride;
    const row2 = row1 + rowStride;
    const row3 = row2 + rowStride;
    for (let l = 0; l < lanes; l++) {
      const shift = shifts[l];
      const d0 = data[row0 + l] - shift;
      const d1 = data[row1 + l] - shift;
      const d2 = data[row2 + l] - shift;
      const d3 = data[row3 + l] - shift;
      sums[l] += d0 + d1 + (d2 + d3);
      squares[l] += d0 * d0 + d1 * d1 + (d2 * d2 + d3 * d3);
    }
  }
  for (; r < r1; r++) {
    const row = slab + r * rowStride;
    for (let l = 0; l < lanes; l++) {
      const d = data[row + l] - shifts[l];
      sums[l] += d;
      squares[l] += d * d;
    }
  }
  const count = r1 - r0;
  for (let l = 0; l < lanes; l++) {
    if (!fromShiftedSums(sums[l], squares[l], count)) {
      const center = shifts[l] + sums[l] / count;
      let t1 = 0;
      let t2 = 0;
      for (let k = r0; k < r1; k++) {
        const e = data[slab + k * rowStride + l] - center;
        t1 += e;
        t2 += e * e;
      }
      fromCenteredSums(t1, t2, count, center - shifts[l]);
    }
    sums[l] = runResult[0];
    squares[l] = runResult[1];
  }
}

/** Lane moments of rows [r0, r1) into target: chunks of LANE_CHUNK rows, halves merged pairwise (Chan et al.). */
function laneRangeMoments(
  data: ArrayLike<number>,
  slab: number,
  rowStride: number,
  lanes: number,
  r0: number,
  r1: number,
  shifts: Float64Array,
  target: LaneMoments,
  scratch: LaneMoments[],
  level: number,
): void {
  if (r1 - r0 <= LANE_CHUNK) {
    laneChunkMoments(data, slab, rowStride, lanes, r0, r1, shifts, target);
    return;
  }
  const mid = (r0 + r1) >> 1;
  laneRangeMoments(data, slab, rowStride, lanes, r0, mid, shifts, target, scratch, level + 1);
  const right = scratch[level];
  laneRangeMoments(data, slab, rowStride, lanes, mid, r1, shifts, right, scratch, level + 1);
  for (let l = 0; l < lanes; l++) {
    mergeMoments(mid - r0, target.mean[l], target.m2[l], r1 - mid, right.mean[l], right.m2[l]);
    target.mean[l] = runResult[0];
    target.m2[l] = runResult[1];
  }
}

/**
 * Centred moments for groups that are the columns of a row-major slab (batch_norm of (N, C), an
 * axis op over a non-last axis): one pass over memory in its own order, every column accumulated
 * at once about its own shift, chunks of rows merged pairwise; never a strided walk down a column
 * (except a chunk's rare two-pass fallback, in cache).
 */
function laneCenteredMoments(data: ArrayLike<number>, layout: Layout, o: number, out: Moments): void {
  const lanes = layout.lanes;
  const rows = layout.blocks;
  const slab = o * layout.slabStride;
  const lane = (): LaneMoments => ({ mean: new Float64Array(lanes), m2: new Float64Array(lanes) });
  const depth = Math.max(1, Math.ceil(Math.log2(Math.max(1, rows / LANE_CHUNK))) + 2);
  const scratch: LaneMoments[] = [];
  for (let k = 0; k < depth; k++) scratch.push(lane());
  const shifts = new Float64Array(lanes);
  for (let l = 0; l < lanes; l++) shifts[l] = shiftOf(data, layout, slab + l * layout.laneStride);
  const total = lane();
  laneRangeMoments(data, slab, layout.blockStride, lanes, 0, rows, shifts, total, scratch, 0);
  for (let l = 0; l < lanes; l++) {
    storeCentered(data, layout, o * lanes + l, rows, shifts[l] + total.mean[l], total.m2[l], out);
  }
}

/**
 * Kernel for groups made of several runs interleaved with other groups' runs (batch_norm over
 * (N, C, spatial)): each run is reduced pairwise in memory order into partial[b·lanes + l], then
 * each lane's partials are added pairwise.
 */
function blockedMoments(data: ArrayLike<number>, layout: Layout, o: number, centered: boolean, out: Moments): void {
  const { lanes, blocks, run } = layout;
  const slab = o * layout.slabStride;
  const partial = new Float64Array(blocks * lanes);
  const sums = new Float64Array(lanes);
  const means = new Float64Array(lanes);
  if (centered) {
    for (let b = 0; b < blocks; b++) {
      for (let l = 0; l < lanes; l++) {
        partial[b * lanes + l] = sumLeaf(data, slab + l * layout.laneStride + b * layout.blockStride, run, 1, 1);
      }
    }
    for (let l = 0; l < lanes; l++) {
      sums[l] = sumLeaf(partial, l, blocks, lanes, 1);
      means[l] = sums[l] / (blocks * run);
    }
  }
  for (let b = 0; b < blocks; b++) {
    for (let l = 0; l < lanes; l++) {
      const start = slab + l * layout.laneStride + b * layout.blockStride;
      partial[b * lanes + l] = squaresLeaf(data, start, run, 1, 1, means[l]);
    }
  }
  const m2 = new Float64Array(lanes);
  for (let l = 0; l < lanes; l++) m2[l] = sumLeaf(partial, l, blocks, lanes, 1);
  finishLanes(data, layout, o, centered, blocks * run, sums, means, m2, out);
}

/**
 * Centred moments for groups of several runs interleaved with other groups' runs (batch_norm
 * over (N, C, spatial)): one pass over memory, each run's moments two-pass in cache, then each
 * lane's runs merged pairwise.
 */
function blockedCenteredMoments(data: ArrayLike<number>, layout: Layout, o: number, out: Moments): void {
  const { lanes, blocks, run } = layout;
  const slab = o * layout.slabStride;
  const means = new Float64Array(blocks * lanes);
  const m2s = new Float64Array(blocks * lanes);
  const shifts = new Float64Array(lanes);
  for (let l = 0; l < lanes; l++) shifts[l] = shiftOf(data, layout, slab + l * layout.laneStride);
  for (let b = 0; b < blocks; b++) {
    for (let l = 0; l < lanes; l++) {
      runMoments(data, slab + l * layout.laneStride + b * layout.blockStride, run, shifts[l]);
      means[b * lanes + l] = runResult[0];
      m2s[b * lanes + l] = runResult[1];
    }
  }
  for (let l = 0; l < lanes; l++) {
    mergeBlocks(means, m2s, lanes, l, 0, blocks, run);
    storeCentered(data, layout, o * lanes + l, blocks * run, shifts[l] + runResult[0], runResult[1], out);
  }
}

/**
 * The factor f with (x·scale − meanScaled) · f = (x − mean) / sqrt(meanSquare + eps), where
 * meanSquare = meanSquareScaled / scale². The scale is applied to sqrt(eps) rather than undone on
 * the root (which could underflow), and Math.hypot combines the two without overflow.
 */
export function inverseRootFactor(meanSquareScaled: number, scale: number, eps: number): number {
  if (scale === 1) return 1 / Math.sqrt(meanSquareScaled + eps);
  const rootScaled = Math.sqrt(meanSquareScaled);
  const epsRootScaled = Math.sqrt(eps) * scale;
  if (epsRootScaled < Infinity) return 1 / Math.hypot(rootScaled, epsRootScaled);
  // eps dwarfs the data's mean square; 1/scale is an exact power of two.
  return 1 / scale / Math.hypot(rootScaled / scale, Math.sqrt(eps));
}

/** 1 / sqrt(meanSquare + eps) in the data's units; 0 when the mean square itself exceeds float64. */
export function inverseRootOf(meanSquareScaled: number, scale: number, eps: number): number {
  if (scale === 1) return 1 / Math.sqrt(meanSquareScaled + eps);
  return 1 / Math.hypot(Math.sqrt(meanSquareScaled) / scale, Math.sqrt(eps));
}
