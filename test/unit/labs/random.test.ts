import { describe, expect, it } from 'vitest';
import { createRandom, gaussian, roundedGaussians } from '../../../src/core/labs/random';

describe('seeded randomness for labs', () => {
  it('the same seed gives the same sequence, another seed another one', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('uniform draws stay in [0, 1) and spread over it', () => {
    const random = createRandom(3);
    const draws = Array.from({ length: 10000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('gaussian draws have mean about 0 and variance about 1', () => {
    const random = createRandom(4);
    const draws = Array.from({ length: 20000 }, () => gaussian(random));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('rounded values have at most two decimals', () => {
    const values = roundedGaussians(createRandom(9), 50, 0, 2);
    for (const value of values) expect(Math.abs(value * 100 - Math.round(value * 100))).toBeLessThan(1e-6);
  });
});
