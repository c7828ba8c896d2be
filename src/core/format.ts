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
    format.compact && (magnitude >= 1e5 || magnitude < 1e-3) ? value.toExponential(Math.max(0, digits - 2)) : digits === 17 ? String(value) : roundedText(value, digits);
  return format.typographicMinus ? text.replace('-', '−') : text;
}

/** 10^0 … 10^22, each exactly a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * `String(Number(value.toPrecision(digits)))`, for a finite non-zero value, about five times
 * faster (Normalize Selection writes a million of them). For up to 15 digits the rounded decimal
 * n × 10^k round-trips through a double, so its shortest form is n without trailing zeros, laid
 * out by JavaScript's own rules. The scaled value is one rounding away from exact, so where its
 * fraction is within that of a tie, or the exponent guess is off by one, the slow way decides.
 */
export function roundedText(value: number, digits: number): string {
  const magnitude = value < 0 ? -value : value;
  if (digits <= 15 && magnitude >= 1e-300 && magnitude < 1e300) {
    const exponent = Math.floor(Math.log10(magnitude));
    const shift = digits - 1 - exponent;
    if (shift >= -22 && shift <= 22) {
      const scaled = shift >= 0 ? magnitude * POWERS_OF_TEN[shift]! : magnitude / POWERS_OF_TEN[-shift]!;
      const whole = Math.floor(scaled);
      const margin = scaled - whole - 0.5;
      let n = margin < 0 ? whole : whole + 1;
      const clearOfTie = margin > scaled * 2 ** -52 || margin < -scaled * 2 ** -52;
      if (clearOfTie && n >= POWERS_OF_TEN[digits - 1]! && n < POWERS_OF_TEN[digits]!) {
        while (n % 10 === 0) n /= 10;
        const mantissa = String(n);
        const point = exponent + 1;
        let text: string;
        if (point >= mantissa.length && point <= 21) text = mantissa + '0'.repeat(point - mantissa.length);
        else if (point > 0 && point <= 21) text = `${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
        else if (point <= 0 && point > -6) text = `0.${'0'.repeat(-point)}${mantissa}`;
        else {
          const power = point - 1;
          text = `${mantissa.length === 1 ? mantissa : `${mantissa[0]}.${mantissa.slice(1)}`}e${power < 0 ? '-' : '+'}${Math.abs(power)}`;
        }
        return value < 0 ? `-${text}` : text;
      }
    }
  }
  return String(Number(value.toPrecision(digits)));
}

