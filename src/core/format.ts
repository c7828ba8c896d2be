/** How `formatNumber` writes a number; the defaults are what a learner would type. */
export interface NumberFormat {
  /** Significant digits, 1–17 (default 6); the number is rounded to them and written as briefly as possible. */
  readonly digits?: number;
  /** Exponent form, with `digits − 2` decimals, for magnitudes from 1e5 up and below 1e-3: for a narrow cell or label. */
  readonly compact?: boolean;
  /** `−` (U+2212) for the sign, as set in a page's text. */
  readonly typographicMinus?: boolean;
  /** How NaN and the infinities are written; default `NaN`, `Infinity`, `-Infinity`. */
  readonly nonFinite?: (value: number) => string;
}

/** The one number formatter: lessons, quizzes, the selection written back and the labs all write numbers with it. */
export function formatNumber(value: number, format: NumberFormat = {}): string {
  if (!Number.isFinite(value)) return format.nonFinite ? format.nonFinite(value) : String(value);
  if (value === 0) return '0';
  const digits = Math.min(17, Math.max(1, Math.round(format.digits ?? 6)));
  const magnitude = Math.abs(value);
  const text =
    format.compact && (magnitude >= 1e5 || magnitude < 1e-3) ? value.toExponential(Math.max(0, digits - 2)) : String(digits === 17 ? value : Number(value.toPrecision(digits)));
  return format.typographicMinus ? text.replace('-', '−') : text;
}
