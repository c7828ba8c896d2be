/**
 * Writes numbers back in the notation they were read from: the same wrapper and dtype, the same
 * brackets, the same separators and line breaks, so replacing a selection changes only the numbers.
 */
import { elementCount } from '../engine';
import { formatNumber as formatAnyNumber } from '../format';
import { type Notation, type NotationKind, usesPythonFloats } from './notation';

export interface FormatOptions {
  /** Significant digits, 1–17. Numbers are written in their shortest form after rounding. */
  readonly significantDigits: number;
}

/** One number, rounded to `significantDigits` and written as briefly as possible; Python floats keep a `.0`. */
export function formatNumber(value: number, significantDigits: number, kind: NotationKind): string {
  const text = formatAnyNumber(value, { digits: significantDigits, nonFinite: (special) => spellNonFinite(special, kind) });
  return usesPythonFloats(kind) && Number.isFinite(value) && !text.includes('.') && !text.includes('e') ? `${text}.0` : text;
}

/** The engine only produces these from finite input in degenerate cases; written the way the notation spells them. */
function spellNonFinite(value: number, kind: NotationKind): string {
  if (Number.isNaN(value)) return usesPythonFloats(kind) ? "float('nan')" : kind === 'json' ? 'null' : 'NaN';
  return usesPythonFloats(kind) ? `float('${value > 0 ? '' : '-'}inf')` : value > 0 ? 'Infinity' : '-Infinity';
}

/** Formats `data[from..to)` into `out` (so a host can format a large tensor in slices and yield between them). */
export function formatNumbers(data: ArrayLike<number>, from: number, to: number, options: FormatOptions, kind: NotationKind, out: string[]): void {
  for (let index = from; index < to; index++) out[index] = formatNumber(data[index]!, options.significantDigits, kind);
}

/** Lays formatted numbers out in the notation's brackets and separators. */
export function layoutNumbers(shape: readonly number[], numbers: readonly string[], notation: Notation): string {
  const levels = notation.levels;
  if (levels.length !== shape.length) {
    throw new Error(`the notation has ${levels.length} levels but the tensor has ${shape.length} dimensions`);
  }
  const parts: string[] = [notation.leading, notation.prefix];
  let next = 0;
  const write = (level: number): void => {
    const { open, close, afterOpen, separator, beforeClose } = levels[level]!;
    parts.push(open, afterOpen);
    const size = shape[level]!;
    const leaf = level === shape.length - 1;
    for (let index = 0; index < size; index++) {
      if (index > 0) parts.push(separator);
      if (leaf) parts.push(numbers[next++]!);
      else write(level + 1);
    }
    parts.push(beforeClose, close);
  };
  write(0);
  parts.push(notation.suffix, notation.trailing);
  return parts.join('');
}

/** Formats a whole tensor in `notation`. */
export function formatSelection(shape: readonly number[], data: ArrayLike<number>, notation: Notation, options: FormatOptions): string {
  const count = elementCount(shape);
  if (count !== data.length) throw new Error(`shape [${shape.join(', ')}] holds ${count} numbers, data has ${data.length}`);
  const numbers = new Array<string>(count);
  formatNumbers(data, 0, count, options, notation.kind, numbers);
  return layoutNumbers(shape, numbers, notation);
}
