/**
 * An exact reference for mean and variance: every float64 is an integer multiple of 2^-1074, so
 * sums, means and variances are exact rationals of BigInts. Each result is rounded to float64
 * once (up to a second rounding in the last bit), whatever the magnitudes.
 */

const SUBNORMAL_SHIFT = 1074n;

/** x = units · 2^-1074 exactly. */
export function toUnits(x: number): bigint {
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = (bits >> 52n) & 0x7ffn;
  const fraction = bits & 0xfffffffffffffn;
  const units = exponent === 0n ? fraction : (fraction | (1n << 52n)) << (exponent - 1n);
  return negative ? -units : units;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : (value < 0n ? -value : value).toString(2).length;
}

/** 2^k for any integer k that keeps the product representable, applied in safe steps. */
function timesPowerOfTwo(value: number, k: number): number {
  let result = value;
  let remaining = k;
  while (remaining > 1000) {
    result *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000) {
    result *= 2 ** -1000;
    remaining += 1000;
  }
  return result * 2 ** remaining;
}

/** The float64 nearest p/q · 2^power (q > 0). */
export function rationalToNumber(p: bigint, q: bigint, power = 0): number {
  if (p === 0n) return 0;
  const negative = p < 0n;
  const magnitude = negative ? -p : p;
  const k = bitLength(magnitude) - bitLength(q) - 64;
  const quotient = k >= 0 ? magnitude / (q << BigInt(k)) : (magnitude << BigInt(-k)) / q;
  const value = timesPowerOfTwo(Number(quotient), k + power);
  return negative ? -value : value;
}

export interface ExactMoments {
  /** mean = meanNumerator / (n · 2^1074) */
  readonly mean: number;
  /** Deviation x_i − mean, rounded once; then scaled by 2^-k with k making the variance near 1. */
  readonly scaledDeviations: number[];
  /** sqrt((variance + eps) · 2^-2k), computed from the exactly rounded scaled value. */
  readonly scaledRoot: number;
  /** Whether every value is exactly equal. */
  readonly constant: boolean;
}

/**
 * Exact two-pass moments of `values`, with variance divisor `n − ddof`, plus eps. Returns the
 * deviations and the root both scaled by the same power of two, so y = deviation / root can be
 * formed in float64 without overflow or underflow.
 */
export function exactMoments(values: readonly number[], eps: number, ddof = 0): ExactMoments {
  const n = BigInt(values.length);
  const units = values.map(toUnits);
  const sum = units.reduce((a, b) => a + b, 0n);
  // Work in units of 2^-1074 / n: value_i · n − sum is n · (x_i − mean).
  const deviations = units.map((u) => u * n - sum);
  const squares = deviations.reduce((a, d) => a + d * d, 0n); // Σ (n·(x − mean))², in 2^-2148 units
  // variance + eps = squares / (n² · (n − ddof)) · 2^-2148 + eps
  const divisor = n * n * (n - BigInt(ddof));
  const epsUnits = toUnits(eps); // eps = epsUnits · 2^-1074 = epsUnits · 2^1074 · 2^-2148
  const total = squares + epsUnits * (1n << SUBNORMAL_SHIFT) * divisor;
  // Pick k so that (variance + eps) · 2^-2k is near 1.
  const log2Total = bitLength(total) - bitLength(divisor) - 2148;
  const k = Math.floor(log2Total / 2);
  const scaledRoot = Math.sqrt(rationalToNumber(total, divisor, -2148 - 2 * k));
  return {
    mean: rationalToNumber(sum, n, -1074),
    scaledDeviations: deviations.map((d) => rationalToNumber(d, n, -1074 - k)),
    scaledRoot,
    constant: deviations.every((d) => d === 0n),
  };
}

/** The exactly rounded variance (divisor n − ddof); Infinity or 0 when outside float64's range. */
export function exactVariance(values: readonly number[], ddof: number): number {
  const n = BigInt(values.length);
  const units = values.map(toUnits);
  const sum = units.reduce((a, b) => a + b, 0n);
  const squares = units.reduce((a, u) => a + (u * n - sum) ** 2n, 0n);
  return rationalToNumber(squares, n * n * (n - BigInt(ddof)), -2148);
}
