// The engine's layer_norm and batch_norm against a naive two-pass JavaScript kernel on the same
// float64 data, side by side in one process. Both allocate their output on every call, as the
// engine must. Target: engine / naive <= 1.3. GB/s counts 16 bytes per element (one float64
// read, one written), a lower bound on the memory traffic.
import { normalize } from '../../src/core/engine/index';

const WARMUP = 5;
const RUNS = 15;
const EPS = 1e-5;

/** The baseline: mean, then biased variance, then the output, per row; no scaling, no checks. */
function naiveLayerNorm(x: Float64Array, rows: number, length: number, out = new Float64Array(x.length)): Float64Array {
  for (let r = 0; r < rows; r++) {
    const base = r * length;
    let sum = 0;
    for (let j = 0; j < length; j++) sum += x[base + j];
    const mean = sum / length;
    let squares = 0;
    for (let j = 0; j < length; j++) {
      const d = x[base + j] - mean;
      squares += d * d;
    }
    const rstd = 1 / Math.sqrt(squares / length + EPS);
    for (let j = 0; j < length; j++) out[base + j] = (x[base + j] - mean) * rstd;
  }
  return out;
}

/** The baseline for (N, C, S): per-channel sums accumulated in memory order, two passes. */
function naiveBatchNorm(x: Float64Array, samples: number, channels: number, spatial: number): Float64Array {
  const out = new Float64Array(x.length);
  const sums = new Float64Array(channels);
  const squares = new Float64Array(channels);
  const count = samples * spatial;
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * spatial;
      let s = 0;
      for (let j = 0; j < spatial; j++) s += x[base + j];
      sums[c] += s;
    }
  }
  const means = new Float64Array(channels);
  for (let c = 0; c < channels; c++) means[c] = sums[c] / count;
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * spatial;
      const mean = means[c];
      let s = 0;
      for (let j = 0; j < spatial; j++) {
        const d = x[base + j] - mean;
        s += d * d;
      }
      squares[c] += s;
    }
  }
  const rstds = new Float64Array(channels);
  for (let c = 0; c < channels; c++) rstds[c] = 1 / Math.sqrt(squares[c] / count + EPS);
  for (let n = 0; n < samples; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * spatial;
      const mean = means[c];
      const rstd = rstds[c];
      for (let j = 0; j < spatial; j++) out[base + j] = (x[base + j] - mean) * rstd;
    }
  }
  return out;
}

function randomData(size: number, seed: number): Float64Array {
  // xorshift32: the same data on every run, so runs are comparable.
  let state = seed >>> 0 || 1;
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    data[i] = (state / 2 ** 32) * 4 - 1.5;
  }
  return data;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Timing {
  engine: number;
  naive: number;
  engineBest: number;
  naiveBest: number;
  maxDiff: number;
}

/** Median (and best) milliseconds of RUNS calls of each after WARMUP, interleaved so drift hits both. */
function timePair(engine: () => Float64Array, naive: () => Float64Array): Timing {
  for (let i = 0; i < WARMUP; i++) {
    engine();
    naive();
  }
  const engineTimes: number[] = [];
  const naiveTimes: number[] = [];
  let maxDiff = 0;
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so garbage collection of the previous outputs hits both alike.
    const order = i % 2 === 0 ? [engine, naive] : [naive, engine];
    const outputs: Float64Array[] = [];
    for (const kernel of order) {
      const start = performance.now();
      outputs.push(kernel());
      (kernel === engine ? engineTimes : naiveTimes).push(performance.now() - start);
    }
    if (i === 0) {
      const [a, b] = outputs;
      for (let k = 0; k < a.length; k++) maxDiff = Math.max(maxDiff, Math.abs(a[k] - b[k]));
    }
  }
  return {
    engine: median(engineTimes),
    naive: median(naiveTimes),
    engineBest: Math.min(...engineTimes),
    naiveBest: Math.min(...naiveTimes),
    maxDiff,
  };
}

function report(name: string, elements: number, t: Timing): void {
  const gbPerSecond = (ms: number): string => ((elements * 16) / (ms / 1000) / 1e9).toFixed(2);
  console.log(
    `${name.padEnd(37)} engine ${t.engine.toFixed(1).padStart(6)} ms (${gbPerSecond(t.engine)} GB/s)  ` +
      `naive ${t.naive.toFixed(1).padStart(6)} ms (${gbPerSecond(t.naive)} GB/s)  ` +
      `engine/naive ${(t.engine / t.naive).toFixed(2)} (best runs ${(t.engineBest / t.naiveBest).toFixed(2)})  ` +
      `max |diff| ${t.maxDiff.toExponential(1)}`,
  );
}

export function run(): void {
  console.log(`float64, median of ${RUNS} runs after ${WARMUP} warm-ups (ratio of the best runs in brackets); target engine/naive <= 1.30`);
  const matrix = randomData(4096 * 1024, 7);
  const images = randomData(256 * 64 * 32 * 32, 11);

  report(
    'layer_norm (4096, 1024) last dim',
    matrix.length,
    timePair(
      () => normalize('layer_norm', { shape: [4096, 1024], data: matrix }).output.data,
      () => naiveLayerNorm(matrix, 4096, 1024),
    ),
  );
  // For scale: how much of the time above is the fresh output's page faults, not arithmetic.
  const preallocated = new Float64Array(matrix.length);
  const kernelOnly: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    naiveLayerNorm(matrix, 4096, 1024, preallocated);
    if (i >= WARMUP) kernelOnly.push(performance.now() - start);
  }
  console.log(`  (naive layer_norm (4096, 1024) into a preallocated output: ${median(kernelOnly).toFixed(1)} ms)`);
  report(
    'layer_norm (256, 64, 32, 32) [C,H,W]',
    images.length,
    timePair(
      () => normalize('layer_norm', { shape: [256, 64, 32, 32], data: images }, { normalized_shape: [64, 32, 32] }).output.data,
      () => naiveLayerNorm(images, 256, 64 * 32 * 32),
    ),
  );
  report(
    'batch_norm (4096, 1024) training',
    matrix.length,
    timePair(
      () => normalize('batch_norm', { shape: [4096, 1024], data: matrix }).output.data,
      () => naiveBatchNorm(matrix, 4096, 1024, 1),
    ),
  );
  report(
    'batch_norm (256, 64, 32, 32) training',
    images.length,
    timePair(
      () => normalize('batch_norm', { shape: [256, 64, 32, 32], data: images }).output.data,
      () => naiveBatchNorm(images, 256, 64, 32 * 32),
    ),
  );
}
