/**
 * Seeded randomness for the labs: the same seed always gives the same tensor, network and data
 * set, so a lesson's `seed:` shows every learner the same starting picture and tests can pin runs.
 */

import { seededRandom, type Random } from '../random';

export type { Random };

/** The core's seeded generator (mulberry32), under the name the labs use. */
export const createRandom: (seed: number) => Random = seededRandom;

/** Uniform in [low, high). */
export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}

/** A standard normal draw by the Box–Muller transform (1 − u keeps the logarithm finite). */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Values rounded to two decimals, so the numbers a learner reads in a cell are short. */
export function roundedGaussians(random: Random, count: number, mean = 0, std = 1): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = Math.round((mean + std * gaussian(random)) * 100) / 100;
  return values;
}
