/**
 * Writes numbers back in the notation they were read from: the same wrapper, the same brackets,
 * separators, line breaks and comments, so replacing a selection changes only the numbers (and an
 * integer dtype, which could not hold them).
 */
import { elementCount } from '../engine';
import { runToEnd } from '../steps';
import { formatNumber as formatAnyNumber } from '../format';
import { notationForResult } from './dtype';
import type { CoreMessage } from './messages';
import { type Notation, type NotationKind, usesPythonFloats } from './notation';

export interface FormatOptions {
  /** Significant digits, 1–17. Numbers are written in their shortest form after rounding. */
  readonly significantDigits: number;
}

/** One number, rounded to `significantDigits` and written as briefly as possible; Python floats keep a `.0`. */
export function formatNumber(value: number, significantDigits: number, kind: NotationKind): string {
  // Finite values, the million-number case, without building a format object per number.
  const text = Number.isFinite(value) ? formatAnyNumber(value, digitsFormat(significantDigits)) : spellNonFinite(value, kind);
  return usesPythonFloats(kind) && Number.isFinite(value) && !text.includes('.') && !text.includes('e') ? `${text}.0` : text;
}

const digitsFormats = new Map<number, { readonly digits: number }>();
const digitsFormat = (digits: number): { readonly digits: number } => {
  let format = digitsFormats.get(digits);
  if (!format) digitsFormats.set(digits, (format = { digits }));
  return format;
};

/** The engine only produces these from finite input in degenerate cases; written the way the notation spells them. */
function spellNonFinite(value: number, kind: NotationKind): string {
  if (Number.isNaN(value)) return usesPythonFloats(kind) ? "float('nan')" : kind === 'json' ? 'null' : 'NaN';
  return usesPythonFloats(kind) ? `float('${value > 0 ? '' : '-'}inf')` : value > 0 ? 'Infinity' : '-Infinity';
}

/** A result written in the selection's notation. */
export interface WrittenSelection {
  /** With the selection's own surrounding whitespace: what replaces the selection. */
  readonly replacement: string;
  /** Without it: what is inserted below the selection or copied. */
  readonly block: string;
  /** What was written differently from the source besides the numbers, e.g. a floating-point dtype for an integer one. */
  readonly notes: CoreMessage[];
}

export interface WriteOptions extends FormatOptions {
  /** Numbers formatted between two yields; the default formats everything in one step. */
  readonly sliceSize?: number;
}

/**
 * Writes a tensor in `notation`, the one path from numbers to text: the notation's brackets and
 * separators with its commented gaps verbatim, and each number formatted as it is laid out. It
 * writes `sliceSize` numbers at a time and yields how many are done, so a host can report
 * progress and let the editor breathe between slices; `formatSelection` runs it to the end in one
 * go. Each slice is joined into one string at once, so a million numbers never live as a million
 * strings (which made the last step, and the garbage collector, stall the host).
 */
export function* writeSelection(shape: readonly number[], data: ArrayLike<number>, source: Notation, options: WriteOptions): Generator<number, WrittenSelection, void> {
  const count = elementCount(shape);
  if (count !== data.length) throw new Error(`shape [${shape.join(', ')}] holds ${count} numbers, data has ${data.length}`);
  const { notation, notes } = notationForResult(source);
  const { levels, kind } = notation;
  if (levels.length !== shape.length) throw new Error(`the notation has ${levels.length} levels but the tensor has ${shape.length} dimensions`);
  const digits = options.significantDigits;
  const slice = Math.max(1, options.sliceSize ?? count);
  const chunks: string[] = [];
  let parts: string[] = [notation.leading, notation.prefix];
  const verbatim = notation.comments ?? [];
  let gap = 0;
  let nextVerbatim = 0;
  // Gaps are counted in writing order, as the parser counted them when it kept a commented one.
  const pushGap = (text: string): void => {
    if (nextVerbatim < verbatim.length && verbatim[nextVerbatim]!.gap === gap) parts.push(verbatim[nextVerbatim++]!.text);
    else parts.push(text);
    gap++;
  };
  const leaf = shape.length - 1;
  // The position in each dimension; `level` is the dimension being written.
  const index = new Array<number>(shape.length).fill(0);
  let level = 0;
  let written = 0;
  parts.push(levels[0]!.open);
  pushGap(levels[0]!.afterOpen);
  for (;;) {
    const { separator, beforeClose, close } = levels[level]!;
    if (index[level]! < shape[level]!) {
      if (index[level]! > 0) pushGap(separator);
      if (level < leaf) {
        level++;
        index[level] = 0;
        parts.push(levels[level]!.open);
        pushGap(levels[level]!.afterOpen);
        continue;
      }
      parts.push(formatNumber(data[written]!, digits, kind));
      index[level]!++;
      if (++written % slice === 0 && written < count) {
        chunks.push(parts.join(''));
        parts = [];
        yield written;
      }
      continue;
    }
    pushGap(beforeClose);
    parts.push(close);
    if (level === 0) break;
    level--;
    index[level]!++;
  }
  parts.push(notation.suffix, notation.trailing);
  chunks.push(parts.join(''));
  const replacement = chunks.join('');
  return { replacement, block: replacement.slice(notation.leading.length, replacement.length - notation.trailing.length), notes };
}

/** Writes a whole tensor in `notation` at once; returns the text that replaces the selection. */
export function formatSelection(shape: readonly number[], data: ArrayLike<number>, notation: Notation, options: FormatOptions): string {
  return runToEnd(writeSelection(shape, data, notation, options)).replacement;
}
