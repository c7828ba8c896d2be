import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/engine/index';
import { exactMoments, exactVariance } from './exactReference';

// Rows longer than the kernel's 2048-value chunk are cut into chunks merged by Chan's update;
// within a chunk one pass about a shift is taken only when it provably loses at most one bit.
// These pin both paths against exact arithmetic.

/** Deterministic values in [0, 1). */
function uniform(count: number, seed: number): number[] {
  let state = seed;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    values.push(state / 2147483648);
  }
  return values;
}

function expectMoments(values: number[], mean: number, variance: number): void {
  const exactMean = exactMoments(values, 0).mean;
  const exactVar = exactVariance(values, 0);
  expect(Math.abs(mean - exactMean) / Math.abs(exactMean)).toBeLessThanOrEqual(4e-16);
  expect(Math.abs(variance - exactVar) / exactVar).toBeLessThanOrEqual(1e-14);
}

describe('chunked moments match exact arithmetic', () => {
  const cases: Record<string, number[]> = {
    // 1e9 + u: a naive E[x²] − E[x]² would lose every digit of the variance.
    'a 10,000-value row at offset 1e9 (several chunks, shifted one pass)': uniform(10_000, 3).map((u) => 1e9 + u),
    // Sorted values: the eight samples' mean is far from the chunk's mean for short prefixes, and
    // the ramp makes every chunk's mean differ, so the two-pass fallback and the merges both run.
    'a sorted 5,000-value ramp at offset 1e6': Array.from({ length: 5000 }, (_, i) => 1e6 + i * 1e-3),
    // A chunk whose values are almost all equal except one far outlier: the shift misses the mean.
    'a 3,000-value row of 1 with one 1e8 outlier': Array.from({ length: 3000 }, (_, i) => (i === 2999 ? 1e8 : 1)),
  };
  for (const [name, values] of Object.entries(cases)) {
    it(`layer_norm: ${name}`, () => {
      const r = normalize('layer_norm', { shape: [values.length], data: values }, { eps: 0 });
      expectMoments(values, r.extra.mean.data[0], r.groupStats[0].variance!);
    });
    it(`batch_norm over (N, C, S), C = 1 and 2: ${name}`, () => {
      const samples = 4;
      const spatial = values.length / samples;
      const single = normalize('batch_norm', { shape: [samples, 1, spatial], data: values }, { eps: 0 });
      expectMoments(values, single.extra.mean.data[0], single.groupStats[0].variance!);
      // Two channels: channel 1 holds the values, channel 0 their negatives.
      const data = new Float64Array(2 * values.length);
      for (let n = 0; n < samples; n++) {
        for (let j = 0; j < spatial; j++) {
          data[(2 * n + 1) * spatial + j] = values[n * spatial + j];
          data[2 * n * spatial + j] = -values[n * spatial + j];
        }
      }
      const pair = normalize('batch_norm', { shape: [samples, 2, spatial], data }, { eps: 0 });
      expectMoments(values, pair.extra.mean.data[1], pair.groupStats[1].variance!);
      expectMoments(values.map((v) => -v), pair.extra.mean.data[0], pair.groupStats[0].variance!);
    });
  }

  it('a constant 5,000-value row at 0.1 still gives exact zeros across chunks', () => {
    const values = new Float64Array(5000).fill(0.1);
    const r = normalize('layer_norm', { shape: [5000], data: values });
    expect(r.output.data.every((y) => y === 0)).toBe(true);
    expect(r.extra.mean.data[0]).toBe(0.1);
  });

  it('a 5,000-value row near 1e300 does not overflow across chunks', () => {
    const values = uniform(5000, 9).map((u) => (1 + u) * 1e300);
    const r = normalize('layer_norm', { shape: [5000], data: values }, { eps: 0 });
    const scaled = normalize('layer_norm', { shape: [5000], data: values.map((v) => v / 1e300) }, { eps: 0 });
    for (let i = 0; i < values.length; i++) expect(Math.abs(r.output.data[i] - scaled.output.data[i])).toBeLessThan(1e-12);
  });
});

describe('the output buffer option', () => {
  const data = Float64Array.from(uniform(24, 5));

  it('writes into the given buffer, with the same values as a fresh output', () => {
    for (const [op, params] of [
      ['layer_norm', {}],
      ['batch_norm', {}],
      ['group_norm', { num_groups: 2 }],
      ['softmax', {}],
      ['z_score', { axis: 1 }],
    ] as const) {
      const buffer = new Float64Array(24).fill(Number.NaN);
      const fresh = normalize(op, { shape: [2, 4, 3], data }, params);
      const reused = normalize(op, { shape: [2, 4, 3], data }, params, { output: buffer });
      expect(reused.output.data, op).toBe(buffer);
      expect(Array.from(buffer), op).toEqual(Array.from(fresh.output.data));
    }
  });

  it('min_max writes the zeros of a constant slice into a dirty buffer', () => {
    const buffer = new Float64Array(4).fill(7);
    const r = normalize('min_max', { shape: [2, 2], data: [3, 3, 1, 2] }, { axis: 1 }, { output: buffer });
    expect(Array.from(r.output.data)).toEqual([0, 0, 0, 1]);
  });

  it('refuses a buffer of the wrong length or type, and the input itself, naming the output', () => {
    expect(() => normalize('layer_norm', { shape: [24], data }, {}, { output: new Float64Array(23) })).toThrow(/output buffer must be a Float64Array of 24 values/);
    expect(() => normalize('layer_norm', { shape: [24], data }, {}, { output: new Float32Array(24) as never })).toThrow(/output/);
    expect(() => normalize('layer_norm', { shape: [24], data }, {}, { output: data })).toThrow(/must not be the input/);
  });
});
