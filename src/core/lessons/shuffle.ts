import { seededRandom, type Seed } from './random';

/** Mixed into the attempt's seed so the choice order does not follow the params drawn from the same seed. */
const CHOICE_SALT = 0x5bd1e995;

/**
 * The order a `single` or `multi` item shows its choices in for the attempt with `seed`: a
 * uniform permutation (Fisher–Yates) of the unpinned choices over the places they leave free,
 * while every `pin: true` choice keeps its listed place. The same seed always gives the same
 * order, so a reloaded panel shows what it showed before; a new attempt has a new seed.
 */
export function choiceOrder<T extends { readonly id: string; readonly pin?: boolean }>(choices: readonly T[], seed: Seed): T[] {
  const random = seededRandom((seed ^ CHOICE_SALT) >>> 0);
  const free = choices.filter((choice) => choice.pin !== true);
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  let next = 0;
  return choices.map((choice) => (choice.pin === true ? choice : free[next++]!));
}
