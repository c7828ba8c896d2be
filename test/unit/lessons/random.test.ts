import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, sampleParams, seededRandom, shuffledIndices } from '../../../src/core/lessons/random';

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const random = seededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const value = random();
          if (!(value >= 0 && value < 1)) return false;
        }
        return true;
      }),
    );
  });

  it('draws ints inside their inclusive range and reaches both ends', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 200; seed++) seen.add(sampleParams({ a: { int: [1, 4] } }, seed).a!);
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('draws choices only from the list', () => {
    for (let seed = 0; seed < 50; seed++) expect([10, 12, 14]).toContain(sampleParams({ c: { choice: [10, 12, 14] } }, seed).c);
  });

  it('is reproducible: the same seed gives the same params', () => {
    const specs = { a: { int: [1, 4] as [number, number] }, b: { choice: [5, 6, 7] } };
    expect(sampleParams(specs, 123)).toEqual(sampleParams(specs, 123));
  });

  it('shuffles order items into a permutation that is never the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 0xffffffff }), (count, seed) => {
        const order = shuffledIndices(count, seed);
        return [...order].sort((x, y) => x - y).every((value, index) => value === index) && order.some((value, index) => value !== index);
      }),
    );
    expect(shuffledIndices(1, 5)).toEqual([0]);
  });
});

describe('interpolate', () => {
  it('fills in known names and leaves TeX braces alone', () => {
    expect(interpolate('[{a}, {b}] and $\\frac{1}{n}$ {answer}', { a: 1, b: 2.5, answer: '0.7' })).toBe('[1, 2.5] and $\\frac{1}{n}$ 0.7');
  });
});
