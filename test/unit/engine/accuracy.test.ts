import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/engine/index';
import { exactMoments, exactVariance, rationalToNumber, toUnits } from './exactReference';

describe('the exact reference itself', () => {
  it('round-trips doubles through 2^-1074 units, from subnormals to the largest finite', () => {
    for (const x of [0.1, -3, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308, 1e-300, 123456.789]) {
      expect(rationalToNumber(toUnits(x), 1n, -1074)).toBe(x);
    }
  });

  it('knows the float64 mean of [0.1, 0.1, 0.1] is not 0.1 but the exact one is', () => {
    expect((0.1 + 0.1 + 0.1) / 3).not.toBe(0.1);
    expect(exactMoments([0.1, 0.1, 0.1], 0).mean).toBe(0.1);
    expect(exactMoments([0.1, 0.1, 0.1], 0).constant).toBe(true);
    expect(exactVariance([1, 2, 3, 4], 1)).toBe(5 / 3);
  });
});

/**
 * Rows of up to 40 values: (v + offset) · 10^exponent with v in [-1, 1], offset in [-10, 10]
 * and one exponent per row from -320 to 300, so rows run from subnormals to near overflow.
 */
const row = fc
  .tuple(
    fc.integer({ min: -320, max: 300 }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }),
  )
  .map(([exponent, offset, spread]) => spread.map((v) => (v + offset) * 10 ** exponent))
  .filter((values) => values.every(Number.isFinite));

/** y = (x − mean) / sqrt(var + eps), each piece exactly rounded; 0 for a constant row. */
function exactNormalized(values: number[], eps: number): number[] {
  const exact = exactMoments(values, eps);
  if (exact.constant) return values.map(() => 0);
  return exact.scaledDeviations.map((d) => d / exact.scaledRoot);
}

/**
 * What float64 cannot avoid: the mean is rounded (relative 2^-53, times log n for the sum),
 * and that error is amplified by |mean| / spread in every deviation.
 */
function allowedError(values: number[]): number {
  const mean = exactMoments(values, 0).mean;
  const spread = Math.max(...values.map((v) => Math.abs(v - mean)));
  return 1e-13 + 8 * values.length * 2 ** -52 * (spread > 0 ? Math.abs(mean) / spread : 0);
}

describe('accuracy against exact arithmetic, from subnormals to 1e300', () => {
  it('layer_norm (eps 0) and z_score match the exactly rounded result', () => {
    fc.assert(
      fc.property(row, (values) => {
        const n = values.length;
        const exact = exactNormalized(values, 0);
        const allowed = allowedError(values);
        for (const op of ['layer_norm', 'z_score'] as const) {
          const y = normalize(op, { shape: [n], data: values }, op === 'layer_norm' ? { eps: 0 } : {}).output.data;
          for (let i = 0; i < n; i++) {
            expect(Math.abs(y[i] - exact[i]), `${op}[${i}] ${y[i]} vs ${exact[i]}`).toBeLessThanOrEqual(allowed * Math.max(1, Math.abs(exact[i])));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('layer_norm with eps 1e-5 matches it too, also where eps dominates and outputs are near 1e-300', () => {
    fc.assert(
      fc.property(row, (values) => {
        const n = values.length;
        const exact = exactNormalized(values, 1e-5);
        const largest = Math.max(...exact.map(Math.abs));
        const y = normalize('layer_norm', { shape: [n], data: values }).output.data;
        // Relative to the row's largest output, so tiny outputs are checked, not just "close to 0";
        // plus a few subnormal steps, the absolute precision of outputs below 2^-1022.
        const allowed = allowedError(values) * largest + 4 * 5e-324;
        for (let i = 0; i < n; i++) {
          expect(Math.abs(y[i] - exact[i]), `[${i}] ${y[i]} vs ${exact[i]}`).toBeLessThanOrEqual(allowed);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('batch_norm of (N, C), column by column in one pass over the rows, matches the exactly rounded result per column', () => {
    // Columns of one length N (past the 64-row chunks and not a multiple of 4), each with its own
    // magnitude from subnormals to 1e300, some constant.
    const column = (n: number) =>
      fc.oneof(
        fc.tuple(fc.integer({ min: -320, max: 300 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }))
          .map(([exponent, offset, spread]) => spread.map((v) => (v + offset) * 10 ** exponent))
          .filter((values) => values.every(Number.isFinite)),
        fc.double({ min: -1e300, max: 1e300, noNaN: true }).map((value) => new Array<number>(n).fill(value)),
      );
    const table = fc.integer({ min: 2, max: 200 }).chain((n) => fc.array(column(n), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(table, (columns) => {
        const n = columns[0]!.length;
        const c = columns.length;
        const data = new Array<number>(n * c);
        for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) data[i * c + j] = columns[j]![i]!;
        const y = normalize('batch_norm', { shape: [n, c], data }, { eps: 0 }).output.data;
        columns.forEach((values, j) => {
          const exact = exactNormalized(values, 0);
          const allowed = allowedError(values);
          for (let i = 0; i < n; i++) {
            const got = y[i * c + j]!;
            expect(Math.abs(got - exact[i]!), `column ${j} row ${i}: ${got} vs ${exact[i]}`).toBeLessThanOrEqual(allowed * Math.max(1, Math.abs(exact[i]!)));
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('batch_norm running statistics: the mean and the unbiased variance, exactly rounded', () => {
    fc.assert(
      fc.property(row, (values) => {
        fc.pre(values.length > 1);
        const n = values.length;
        const r = normalize('batch_norm', { shape: [n, 1], data: values }, { running_mean: [0], running_var: [0], momentum: 1 });
        const mean = exactMoments(values, 0).mean;
        const largest = Math.max(...values.map(Math.abs));
        expect(Math.abs(r.extra.running_mean.data[0] - mean)).toBeLessThanOrEqual(4 * n * 2 ** -53 * largest);
        const variance = exactVariance(values, 1);
        fc.pre(variance > 1e-290 && variance < Infinity); // outside that, the variance itself is not representable
        const relative = Math.abs(r.extra.running_var.data[0] - variance) / variance;
        const spread = Math.max(...values.map((v) => Math.abs(v - mean)));
        // The mean's rounding enters the variance only squared; the sum of squares rounds like the mean.
        expect(relative).toBeLessThanOrEqual(8 * n * 2 ** -52 * (1 + (Math.abs(mean) / spread) ** 2 * 2 ** -52) + 1e-14);
      }),
      { numRuns: 300 },
    );
  });
});
