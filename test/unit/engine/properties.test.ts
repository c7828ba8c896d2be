import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, type OpName } from '../../../src/core/engine/index';

const RUNS = { numRuns: 150 };

/** Plain two-pass mean and biased variance, for values of moderate size. */
function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return { mean, variance: squares / values.length };
}

const moderate = fc.double({ min: -1e3, max: 1e3, noNaN: true });
const integerValued = fc.integer({ min: -1000, max: 1000 });

/** rows × cols matrix, flat, with the given element arbitrary. */
function matrix(element: fc.Arbitrary<number>, maxRows = 6, maxCols = 12) {
  return fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([rows, cols]) => fc.array(element, { minLength: rows * cols, maxLength: rows * cols }).map((data) => ({ rows, cols, data })));
}

function transpose(data: number[], rows: number, cols: number): number[] {
  const out = new Array<number>(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}

describe('layer_norm properties', () => {
  it('each row comes out with mean ≈ 0 and variance var/(var + eps)', () => {
    fc.assert(
      fc.property(matrix(moderate), fc.constantFrom(1e-5, 1e-2, 1), ({ rows, cols, data }, eps) => {
        const y = normalize('layer_norm', { shape: [rows, cols], data }, { eps }).output.data;
        for (let r = 0; r < rows; r++) {
          const row = data.slice(r * cols, (r + 1) * cols);
          const out = y.subarray(r * cols, (r + 1) * cols);
          const { variance } = moments(row);
          const result = moments(out);
          expect(Math.abs(result.mean)).toBeLessThanOrEqual(1e-9);
          const constant = row.every((v) => v === row[0]);
          expect(Math.abs(result.variance - (constant ? 0 : variance / (variance + eps)))).toBeLessThanOrEqual(1e-9);
        }
      }),
      RUNS,
    );
  });

  it('LN(a·x + b) = LN(x) for a > 0 (eps 0)', () => {
    fc.assert(
      fc.property(
        matrix(integerValued),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        ({ rows, cols, data }, a, b) => {
          const shape = [rows, cols];
          const plain = normalize('layer_norm', { shape, data }, { eps: 0 }).output.data;
          const moved = normalize('layer_norm', { shape, data: data.map((x) => a * x + b) }, { eps: 0 }).output.data;
          for (let i = 0; i < plain.length; i++) expect(Math.abs(moved[i] - plain[i])).toBeLessThanOrEqual(1e-8);
        },
      ),
      RUNS,
    );
  });
});

describe('batch_norm properties', () => {
  it('each channel comes out with mean ≈ 0 and variance var/(var + eps), in (N, C) and (N, C, L)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.infiniteStream(moderate),
        (samples, channels, spatial, stream) => {
          fc.pre(samples * spatial > 1);
          const size = samples * channels * spatial;
          const data = [...stream.take(size)];
          const shape = spatial === 1 ? [samples, channels] : [samples, channels, spatial];
          const y = normalize('batch_norm', { shape, data }).output.data;
          for (let c = 0; c < channels; c++) {
            const xs: number[] = [];
            const ys: number[] = [];
            for (let n = 0; n < samples; n++) {
              for (let s = 0; s < spatial; s++) {
                xs.push(data[(n * channels + c) * spatial + s]);
                ys.push(y[(n * channels + c) * spatial + s]);
              }
            }
            const { variance } = moments(xs);
            const result = moments(ys);
            expect(Math.abs(result.mean)).toBeLessThanOrEqual(1e-9);
            const constant = xs.every((v) => v === xs[0]);
            expect(Math.abs(result.variance - (constant ? 0 : variance / (variance + 1e-5)))).toBeLessThanOrEqual(1e-9);
          }
        },
      ),
      RUNS,
    );
  });

  it('BN(a_c·x + b_c) = BN(x) per channel for a_c > 0 (eps 0)', () => {
    fc.assert(
      fc.property(
        matrix(integerValued, 8, 5),
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 5, maxLength: 5 }),
        ({ rows, cols, data }, affine) => {
          fc.pre(rows > 1);
          const shape = [rows, cols];
          const moved = data.map((x, i) => affine[i % cols][0] * x + affine[i % cols][1]);
          const plain = normalize('batch_norm', { shape, data }, { eps: 0 }).output.data;
          const after = normalize('batch_norm', { shape, data: moved }, { eps: 0 }).output.data;
          for (let i = 0; i < plain.length; i++) expect(Math.abs(after[i] - plain[i])).toBeLessThanOrEqual(1e-8);
        },
      ),
      RUNS,
    );
  });

  it('batch_norm of (N, C) equals layer_norm of the transpose, also past the lane chunk of 64 rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.integer({ min: 1, max: 4 }), fc.infiniteStream(moderate), (samples, channels, stream) => {
        const data = [...stream.take(samples * channels)];
        const bn = normalize('batch_norm', { shape: [samples, channels], data });
        const ln = normalize('layer_norm', { shape: [channels, samples], data: transpose(data, samples, channels) });
        const back = transpose(Array.from(ln.output.data), channels, samples);
        for (let i = 0; i < back.length; i++) expect(Math.abs(bn.output.data[i] - back[i])).toBeLessThanOrEqual(1e-10);
        for (let c = 0; c < channels; c++) {
          expect(Math.abs(bn.extra.mean.data[c] - ln.extra.mean.data[c])).toBeLessThanOrEqual(1e-10);
        }
      }),
      { numRuns: 60 },
    );
  });
  it('batch_norm of (N, C, S) equals layer_norm of the data regrouped as (C, N·S) (blocked kernel)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 6 }),
        fc.infiniteStream(moderate),
        (samples, channels, spatial, stream) => {
          const data = [...stream.take(samples * channels * spatial)];
          const regrouped: number[] = [];
          for (let c = 0; c < channels; c++) {
            for (let n = 0; n < samples; n++) {
              for (let s = 0; s < spatial; s++) regrouped.push(data[(n * channels + c) * spatial + s]);
            }
          }
          const bn = normalize('batch_norm', { shape: [samples, channels, spatial], data });
          const ln = normalize('layer_norm', { shape: [channels, samples * spatial], data: regrouped });
          let k = 0;
          for (let c = 0; c < channels; c++) {
            for (let n = 0; n < samples; n++) {
              for (let s = 0; s < spatial; s++, k++) {
                expect(Math.abs(bn.output.data[(n * channels + c) * spatial + s] - ln.output.data[k])).toBeLessThanOrEqual(1e-10);
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('softmax properties', () => {
  it('sums to 1 along the dim and is invariant to adding a constant', () => {
    fc.assert(
      fc.property(matrix(fc.double({ min: -50, max: 50, noNaN: true })), fc.double({ min: -100, max: 100, noNaN: true }), ({ rows, cols, data }, shift) => {
        const shape = [rows, cols];
        const y = normalize('softmax', { shape, data }).output.data;
        const shifted = normalize('softmax', { shape, data: data.map((x) => x + shift) }).output.data;
        for (let r = 0; r < rows; r++) {
          let total = 0;
          for (let c = 0; c < cols; c++) total += y[r * cols + c];
          expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-12);
        }
        for (let i = 0; i < y.length; i++) expect(Math.abs(shifted[i] - y[i])).toBeLessThanOrEqual(1e-11);
      }),
      RUNS,
    );
  });
});

describe('min_max properties', () => {
  it('lands in [0, 1], with the min at exactly 0 and the max at exactly 1', () => {
    const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(anyFinite, { minLength: 1, maxLength: 20 }), (data) => {
        const y = normalize('min_max', { shape: [data.length], data }).output.data;
        const low = Math.min(...data);
        const high = Math.max(...data);
        for (let i = 0; i < data.length; i++) {
          expect(y[i]).toBeGreaterThanOrEqual(0);
          expect(y[i]).toBeLessThanOrEqual(1);
          if (data[i] === low) expect(y[i]).toBe(0);
          if (data[i] === high && low !== high) expect(y[i]).toBe(1);
        }
      }),
      RUNS,
    );
  });
});

const ALL_OPS: OpName[] = ['batch_norm', 'layer_norm', 'instance_norm', 'group_norm', 'rms_norm', 'l2_normalize', 'min_max', 'z_score', 'softmax'];

/** A shape (N, C, S...) every op accepts with default params (plus num_groups 1). */
const validShape = fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 3, maxLength: 4 });

describe('properties of every op', () => {
  it('preserve the input shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_OPS), validShape, fc.infiniteStream(moderate), (op, shape, stream) => {
        const data = [...stream.take(shape.reduce((p, d) => p * d, 1))];
        const result = normalize(op, { shape, data }, op === 'group_norm' ? { num_groups: 1 } : {});
        expect(result.output.shape).toEqual(shape);
        expect(result.output.data.length).toBe(data.length);
        expect(result.groupOf().length).toBe(data.length);
        expect(result.groupStats.length).toBe(result.groupCount);
      }),
      RUNS,
    );
  });

  it('never return a non-finite number for finite input, from 5e-324 to 1.8e308', () => {
    const anyFinite = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
      fc.constantFrom(0, -0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 1e9, 1e9 + 1),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ALL_OPS), validShape, fc.infiniteStream(anyFinite), (op, shape, stream) => {
        const data = [...stream.take(shape.reduce((p, d) => p * d, 1))];
        const result = normalize(op, { shape, data }, op === 'group_norm' ? { num_groups: 1 } : {});
        for (let i = 0; i < result.output.data.length; i++) expect(Number.isFinite(result.output.data[i])).toBe(true);
        for (const name of ['mean', 'rstd', 'min', 'max']) {
          const extra = result.extra[name];
          if (extra) for (const v of extra.data) expect(Number.isFinite(v), `${op} extra ${name}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
