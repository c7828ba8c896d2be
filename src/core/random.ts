/**
 * The one seeded generator of the core. Labs and quiz attempts draw from it, so the same seed
 * always shows every learner the same numbers, and tests can pin runs.
 */

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a 32-bit state generator, small, fast and well mixed; the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
