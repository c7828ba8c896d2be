import * as v from 'valibot';
import { seededRandom } from '../random';
import type { ParamSpec } from './schema';

export { seededRandom };

/** A 32-bit seed as stored with an attempt. */
export const seedSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff));
export type Seed = v.InferOutput<typeof seedSchema>;

/** A fresh seed for a new attempt (not reproducible on purpose; the result is what gets stored). */
export function freshSeed(): Seed {
  return Math.floor(Math.random() * 4294967296) >>> 0;
}

/** Draws every param in declaration order, so the same seed always yields the same values. */
export function sampleParams(specs: Readonly<Record<string, ParamSpec>> | undefined, seed: Seed): Record<string, number> {
  const random = seededRandom(seed);
  const values: Record<string, number> = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    if ('int' in spec) {
      const [low, high] = spec.int;
      values[name] = low + Math.floor(random() * (high - low + 1));
    } else {
      values[name] = spec.choice[Math.floor(random() * spec.choice.length)]!;
    }
  }
  return values;
}

/** A permutation of 0..n-1 drawn by Fisher–Yates; for n > 1 never the identity, so order items start shuffled. */
export function shuffledIndices(count: number, seed: Seed): number[] {
  const random = seededRandom(seed ^ 0x9e3779b9);
  const indices = Array.from({ length: count }, (_, index) => index);
  for (let attempt = 0; attempt < 8; attempt++) {
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    if (count < 2 || indices.some((value, index) => value !== index)) return indices;
  }
  // Eight identities in a row is (almost) impossible; rotate by one to be sure.
  return indices.map((_, index) => (index + 1) % count);
}

/**
 * Replaces `{name}` by the value of a known name. Unknown names are left alone, which keeps TeX
 * such as `\frac{1}{n}` intact when no param is called `n`.
 */
export function interpolate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}
