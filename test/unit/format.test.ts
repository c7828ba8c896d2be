import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, roundedText } from '../../src/core/format';
import { formatNumber as formatSelectionNumber } from '../../src/core/selection';

describe('the one number formatter', () => {
  it('by default writes six significant digits without trailing zeros, as a learner would type them', () => {
    expect([1.224744871, 0, -0, -0.5, 1e-7, 123456789, 2 / 3].map((value) => formatNumber(value))).toEqual(['1.22474', '0', '0', '-0.5', '1e-7', '123457000', '0.666667']);
    expect([NaN, Infinity, -Infinity].map((value) => formatNumber(value))).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  it('takes 1 to 17 digits; 17 writes the float exactly', () => {
    expect(formatNumber(Math.PI, { digits: 3 })).toBe('3.14');
    expect(formatNumber(Math.PI, { digits: 0 })).toBe('3');
    expect(formatNumber(0.1 + 0.2, { digits: 17 })).toBe('0.30000000000000004');
    expect(formatNumber(0.1 + 0.2, { digits: 40 })).toBe('0.30000000000000004');
  });

  it('writes narrow labels for the labs: exponent form outside [1e-3, 1e5), a typographic minus, its own infinities', () => {
    const lab = { digits: 4, compact: true, typographicMinus: true, nonFinite: (value: number) => (Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞') };
    expect([1.23456, -0.5, 123456, -0.000123, 12345, 0.001, -Infinity].map((value) => formatNumber(value, lab))).toEqual(['1.235', '−0.5', '1.23e+5', '−1.23e-4', '12350', '0.001', '−∞']);
  });

  it('is what the selection writes back, with the notation spelling NaN and a Python float keeping its .0', () => {
    expect(formatSelectionNumber(2, 6, 'python')).toBe('2.0');
    expect(formatSelectionNumber(2, 6, 'json')).toBe('2');
    expect(formatSelectionNumber(-0, 6, 'numpy')).toBe('0.0');
    expect(formatSelectionNumber(1 / 3, 4, 'json')).toBe(formatNumber(1 / 3, { digits: 4 }));
    expect([NaN, -Infinity].map((value) => formatSelectionNumber(value, 6, 'torch'))).toEqual(["float('nan')", "float('-inf')"]);
    expect([NaN, Infinity].map((value) => formatSelectionNumber(value, 6, 'json'))).toEqual(['null', 'Infinity']);
    expect(formatSelectionNumber(1e21, 6, 'python')).toBe('1e+21');
  });
});

describe('roundedText, the fast path of the formatter', () => {
  const slow = (value: number, digits: number) => String(Number(value.toPrecision(digits)));

  it('equals String(Number(value.toPrecision(digits))) for any finite double and 1–16 digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0), fc.integer({ min: 1, max: 16 }), (value, digits) => {
        expect(roundedText(value, digits)).toBe(slow(value, digits));
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals it for numbers as selections have them: few decimals, near powers of ten, and exact ties', () => {
    const values: number[] = [];
    for (let k = -25; k <= 25; k++) {
      for (const m of [1, 9.99995, 9.9999999, 1.5, 2.5, 0.125, 1.0000001, 123456.5, 0.3, 7.45]) values.push(m * 10 ** k, -m * 10 ** k, m / 10 ** -k);
    }
    for (let i = 0; i < 2000; i++) values.push(Math.round(((i * 7919) % 100_003) - 50_000) / 1000, ((i * 7919) % 1000) / 10 - 50);
    for (const value of values) {
      if (value === 0 || !Number.isFinite(value)) continue;
      for (let digits = 1; digits <= 16; digits++) expect(roundedText(value, digits), `${value} at ${digits}`).toBe(slow(value, digits));
    }
  });
});

