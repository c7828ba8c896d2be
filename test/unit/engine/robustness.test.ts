import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/engine/index';

const relativeClose = (actual: ArrayLike<number>, expected: number[], relative = 1e-12) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const allowed = relative * Math.abs(expected[i]);
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(allowed);
  }
};

const standard3 = Math.sqrt(1.5); // z-scores of [1, 2, 3] with ddof 0: ±sqrt(3/2)

describe('one element', () => {
  it('layer_norm, batch-free ops and z_score map a single value to 0, softmax to 1, rms to about ±1', () => {
    expect(Array.from(normalize('layer_norm', { shape: [1], data: [42] }).output.data)).toEqual([0]);
    expect(Array.from(normalize('layer_norm', { shape: [1], data: [42] }, { bias: [0.5] }).output.data)).toEqual([0.5]);
    expect(Array.from(normalize('z_score', { shape: [1], data: [-3] }).output.data)).toEqual([0]);
    expect(Array.from(normalize('min_max', { shape: [1], data: [7] }).output.data)).toEqual([0]);
    expect(Array.from(normalize('softmax', { shape: [1], data: [-800] }).output.data)).toEqual([1]);
    expect(Array.from(normalize('l2_normalize', { shape: [1], data: [-3] }).output.data)).toEqual([-1]);
    relativeClose(normalize('rms_norm', { shape: [1], data: [-4] }).output.data, [-4 / Math.sqrt(16 + 1e-6)]);
  });
});

describe('constant slices give exactly 0 (plus bias), even when the float64 mean is not the value', () => {
  for (const [value, n] of [[0.1, 3], [0.1, 5], [1 / 3, 7], [1e9 + 0.1, 3], [-7.3e-200, 5], [1.5e300, 3]]) {
    it(`constant ${value} repeated ${n} times`, () => {
      const data: number[] = Array(n).fill(value);
      const zeros: number[] = Array(n).fill(0);
      expect(Array.from(normalize('layer_norm', { shape: [n], data }, { bias: Array(n).fill(0.25) }).output.data)).toEqual(Array(n).fill(0.25));
      expect(Array.from(normalize('z_score', { shape: [n], data }).output.data)).toEqual(zeros);
      expect(normalize('z_score', { shape: [n], data }, { ddof: 1 }).extra.std.data[0]).toBe(0);
      expect(Array.from(normalize('min_max', { shape: [n], data }).output.data)).toEqual(zeros);
      expect(Array.from(normalize('batch_norm', { shape: [n, 1], data }).output.data)).toEqual(zeros);
      expect(Array.from(normalize('batch_norm', { shape: [n, 3], data: Array(3 * n).fill(value) }).output.data)).toEqual(Array(3 * n).fill(0));
      expect(Array.from(normalize('instance_norm', { shape: [1, 1, n], data }).output.data)).toEqual(zeros);
      relativeClose(normalize('softmax', { shape: [n], data }).output.data, Array(n).fill(1 / n), 1e-15);
    });
  }

  it('the reported mean of a constant slice is the value itself', () => {
    expect(normalize('layer_norm', { shape: [3], data: [0.1, 0.1, 0.1] }).extra.mean.data[0]).toBe(0.1);
  });
});

describe('huge offsets (naive E[x²] − E[x]² cancels)', () => {
  it('layer_norm and z_score of 1e9 + [1, 2, 3]', () => {
    const data = [1e9 + 1, 1e9 + 2, 1e9 + 3];
    relativeClose(normalize('layer_norm', { shape: [3], data }, { eps: 0 }).output.data, [-standard3, 0, standard3]);
    relativeClose(normalize('z_score', { shape: [3], data }).output.data, [-standard3, 0, standard3]);
  });

  it('batch_norm of 1e15 + [0, 1, 2, 3] in a (4, 1) batch', () => {
    const data = [1e15, 1e15 + 1, 1e15 + 2, 1e15 + 3];
    const k = 1 / Math.sqrt(1.25);
    relativeClose(normalize('batch_norm', { shape: [4, 1], data }, { eps: 0 }).output.data, [-1.5 * k, -0.5 * k, 0.5 * k, 1.5 * k]);
  });

  it('batch_norm of 1e9-offset columns in a wide (N, C) batch (lane kernel)', () => {
    const samples = 300;
    const channels = 5;
    const data = new Float64Array(samples * channels);
    for (let n = 0; n < samples; n++) for (let c = 0; c < channels; c++) data[n * channels + c] = 1e9 * (c + 1) + (n % 2);
    const r = normalize('batch_norm', { shape: [samples, channels], data }, { eps: 0 });
    for (let i = 0; i < data.length; i++) expect(Math.abs(Math.abs(r.output.data[i]) - 1)).toBeLessThan(1e-9);
  });
});

describe('magnitudes near overflow', () => {
  it('layer_norm of ±1.7e308 gives ±1', () => {
    relativeClose(normalize('layer_norm', { shape: [2], data: [1.7e308, -1.7e308] }).output.data, [1, -1]);
  });

  it('scale invariance at 1e300: layer_norm, z_score, rms_norm, l2_normalize, batch_norm', () => {
    const base = [1, 2, 3, 5];
    const huge = base.map((x) => x * 1e300);
    const reference = (op: 'layer_norm' | 'z_score' | 'rms_norm' | 'l2_normalize', params = {}) =>
      Array.from(normalize(op, { shape: [4], data: base }, params).output.data);
    relativeClose(normalize('layer_norm', { shape: [4], data: huge }).output.data, reference('layer_norm', { eps: 0 }));
    relativeClose(normalize('z_score', { shape: [4], data: huge }, { ddof: 1 }).output.data, reference('z_score', { ddof: 1 }));
    relativeClose(normalize('rms_norm', { shape: [4], data: huge }).output.data, reference('rms_norm', { eps: 0 }));
    relativeClose(normalize('l2_normalize', { shape: [4], data: huge }).output.data, reference('l2_normalize'));
    relativeClose(
      normalize('batch_norm', { shape: [4, 1], data: huge }).output.data,
      Array.from(normalize('batch_norm', { shape: [4, 1], data: base }, { eps: 0 }).output.data),
    );
  });

  it('batch_norm in eval mode does not overflow when x and the running mean straddle zero near ±1.7e308', () => {
    // (1.5e308 − (−1.5e308)) / sqrt(1e300) = 3e158: the difference alone overflows float64.
    const r = normalize('batch_norm', { shape: [2, 1], data: [1.5e308, -1.5e308] }, {
      training: false,
      running_mean: [-1.5e308],
      running_var: [1e300],
      eps: 0,
    });
    relativeClose(r.output.data, [3e158, 0]);
  });

  it('min_max across the whole float64 range does not overflow the range', () => {
    relativeClose(normalize('min_max', { shape: [3], data: [-1.7e308, 0, 1.7e308] }).output.data, [0, 0.5, 1]);
  });

  it('groupStats keep std finite at 1e300 although the variance 1e600 is not representable', () => {
    const [stats] = normalize('layer_norm', { shape: [2], data: [1e300, -1e300] }).groupStats;
    expect(stats).toEqual({ count: 2, mean: 0, variance: Infinity, std: 1e300, rstd: 1e-300 });
  });

  it('layer_norm extras stay finite at 1e300: mean and rstd', () => {
    const r = normalize('layer_norm', { shape: [2], data: [1e300, 3e300] });
    relativeClose(r.extra.mean.data, [2e300]);
    relativeClose(r.extra.rstd.data, [1e-300]);
  });
});

describe('magnitudes near underflow and subnormals', () => {
  it('z_score of [1, 2, 3]·1e-300 equals z_score of [1, 2, 3]', () => {
    relativeClose(normalize('z_score', { shape: [3], data: [1e-300, 2e-300, 3e-300] }).output.data, [-standard3, 0, standard3]);
  });

  it('z_score of subnormals [1, 2, 3]·5e-324', () => {
    relativeClose(normalize('z_score', { shape: [3], data: [5e-324, 1e-323, 1.5e-323] }).output.data, [-standard3, 0, standard3]);
  });

  it('layer_norm at 1e-300: eps dominates, y = (x − mean)/sqrt(eps)', () => {
    const r = normalize('layer_norm', { shape: [3], data: [1e-300, 2e-300, 3e-300] });
    relativeClose([r.output.data[0], r.output.data[2]], [-1e-300 / Math.sqrt(1e-5), 1e-300 / Math.sqrt(1e-5)], 1e-12);
    expect(Math.abs(r.output.data[1])).toBeLessThan(1e-310);
  });

  it('layer_norm with eps 0 at 1e-300 still has unit variance', () => {
    relativeClose(normalize('layer_norm', { shape: [3], data: [1e-300, 2e-300, 3e-300] }, { eps: 0 }).output.data, [-standard3, 0, standard3]);
  });

  it('rms_norm with eps 0 and l2_normalize with eps 0 on tiny values', () => {
    relativeClose(normalize('rms_norm', { shape: [2], data: [3e-310, 4e-310] }, { eps: 0 }).output.data, [3 / Math.sqrt(12.5), 4 / Math.sqrt(12.5)], 1e-9);
    relativeClose(normalize('l2_normalize', { shape: [2], data: [3e-300, 4e-300] }, { eps: 0 }).output.data, [0.6, 0.8]);
  });

  it('l2_normalize below the eps floor divides by eps, even with a large eps and tiny data', () => {
    relativeClose(normalize('l2_normalize', { shape: [2], data: [3e-300, 4e-300] }).output.data, [3e-288, 4e-288]);
    relativeClose(normalize('l2_normalize', { shape: [2], data: [3e-300, 4e-300] }, { eps: 1e10 }).output.data, [3e-310, 4e-310], 1e-6);
  });

  it('softmax of tiny differences is uniform-ish and exact in sum', () => {
    const r = normalize('softmax', { shape: [2], data: [1e-300, -1e-300] });
    relativeClose(r.output.data, [0.5, 0.5], 1e-15);
  });
});

describe('signed zeros', () => {
  it('are a constant slice for every op that centres or ranges', () => {
    const data = [-0, 0, -0];
    expect(Array.from(normalize('layer_norm', { shape: [3], data }).output.data).map(Math.abs)).toEqual([0, 0, 0]);
    expect(Array.from(normalize('z_score', { shape: [3], data }).output.data).map(Math.abs)).toEqual([0, 0, 0]);
    expect(Array.from(normalize('min_max', { shape: [3], data }).output.data)).toEqual([0, 0, 0]);
    expect(Array.from(normalize('rms_norm', { shape: [3], data }).output.data).map(Math.abs)).toEqual([0, 0, 0]);
    expect(Array.from(normalize('l2_normalize', { shape: [3], data }).output.data).map(Math.abs)).toEqual([0, 0, 0]);
    relativeClose(normalize('softmax', { shape: [3], data }).output.data, [1 / 3, 1 / 3, 1 / 3], 1e-15);
  });
});

describe('softmax subtracts the max', () => {
  it('[1000, 1001, 1002] equals [0, 1, 2] and [-1000, -1001, -1002] does not become 0/0', () => {
    const small = Array.from(normalize('softmax', { shape: [3], data: [0, 1, 2] }).output.data);
    relativeClose(normalize('softmax', { shape: [3], data: [1000, 1001, 1002] }).output.data, small, 1e-14);
    relativeClose(normalize('softmax', { shape: [3], data: [-1000, -1001, -1002] }).output.data, [...small].reverse(), 1e-14);
  });

  it('[1.7e308, -1.7e308] gives [1, 0]', () => {
    expect(Array.from(normalize('softmax', { shape: [2], data: [1.7e308, -1.7e308] }).output.data)).toEqual([1, 0]);
  });
});

describe('pairwise summation', () => {
  // 2^20 values alternating 0.3 and 0.1: the exactly rounded mean is 0.2. A sequential float64
  // sum is off by about 1.5e-12 relative here; pairwise summation stays within a few ulps.
  const n = 1 << 20;
  const alternating = new Float64Array(n);
  const alternatingRows = new Float64Array(n); // rows of 4 values, the rows alternate
  for (let i = 0; i < n; i++) {
    alternating[i] = i % 2 ? 0.1 : 0.3;
    alternatingRows[i] = Math.floor(i / 4) % 2 ? 0.1 : 0.3;
  }

  it('keeps the mean of 2^20 values within 1e-15 relative in every kernel layout', () => {
    const means = [
      normalize('layer_norm', { shape: [n], data: alternating }).extra.mean.data[0],
      ...normalize('batch_norm', { shape: [1024, 2, 512], data: alternating }).extra.mean.data,
      ...normalize('batch_norm', { shape: [n / 4, 4], data: alternatingRows }).extra.mean.data,
      ...normalize('z_score', { shape: [n / 4, 2, 2], data: alternatingRows }, { axis: 0 }).extra.mean.data,
    ];
    expect(means).toHaveLength(1 + 2 + 4 + 4);
    for (const mean of means) expect(Math.abs(mean - 0.2) / 0.2).toBeLessThanOrEqual(1e-15);
  });
});
