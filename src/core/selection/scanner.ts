/**
 * The scanner the parsers share: character classes, skipping whitespace and comments, and the one
 * number lexer. No regular expressions and no allocation per number, so the parsers stay linear
 * and about as fast as `JSON.parse`. Problems are returned as `ParseFailure` values, never thrown.
 */
import { lineAndColumn, ParseFailure, shorten } from './parseError';

const TAB = 9;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const APOSTROPHE = 39;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const SEMICOLON = 59;
const EQUALS = 61;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const UNDERSCORE = 95;
const LOWER_E = 101;
const UPPER_E = 69;
const LOWER_J = 106;
const UPPER_J = 74;
/** `commentMarker` when the notation has no comments: no character code equals it. */
const NO_COMMENTS = -1;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === NEWLINE || c === CARRIAGE_RETURN;
}
function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}
function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === UNDERSCORE;
}
function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c);
}
function isNumberStart(c: number): boolean {
  return isDigit(c) || c === MINUS || c === PLUS || c === DOT;
}

/**
 * The character codes and classes, for the parsers to bind locally:
 * `const { SPACE, isSpace } = characters;`. A local binding is read directly, while an imported
 * one becomes a property read per use once the modules are compiled to CommonJS (tsx, vitest),
 * which costs the hot loops a third of their speed.
 */
export const characters = {
  TAB,
  NEWLINE,
  CARRIAGE_RETURN,
  SPACE,
  QUOTE,
  HASH,
  PERCENT,
  APOSTROPHE,
  OPEN_PAREN,
  CLOSE_PAREN,
  COMMA,
  DOT,
  SEMICOLON,
  EQUALS,
  OPEN_BRACKET,
  CLOSE_BRACKET,
  NO_COMMENTS,
  isSpace,
  isDigit,
  isIdentifierStart,
  isIdentifierPart,
  isNumberStart,
} as const;

/** Powers of ten that are exact doubles: with at most 15 significant digits, m / 10^k is correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Below this length the text is read as it is. */
const FLATTEN_FROM = 1 << 16;

/**
 * The same characters as one flat string. V8 keeps a string built by concatenation as a tree of
 * pieces, and reading it a character at a time walks that tree on every read: a million numbers
 * parse about a quarter slower. Splitting at a character that is not there hands back the
 * flattened string. A text that contains NUL is read as it is.
 */
export function flatText(text: string): string {
  if (text.length < FLATTEN_FROM) return text;
  const pieces = text.split('\u0000');
  return pieces.length === 1 ? pieces[0]! : text;
}

/** Growable Float64Array: doubling keeps appends amortised O(1). */
export class NumberSink {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  finish(): Float64Array {
    // A view, not a copy: at most half the buffer is spare after doubling, and copying 8 MB costs more than keeping it.
    return this.data.subarray(0, this.length);
  }
}

export class Scanner {
  /** Where the last number read by `scanNumber` ends (a field, not a returned pair, so the hot loop allocates nothing). */
  end = 0;
  /** Set when `scanNumber` returns NaN. */
  failure: ParseFailure | undefined;
  sawUnderscore = false;
  sawBareDot = false;
  sawComment = false;
  /** The character that starts a comment running to the end of the line (`#`, `%`), or `NO_COMMENTS`. */
  commentMarker = NO_COMMENTS;

  readonly text: string;

  constructor(text: string) {
    this.text = flatText(text);
  }

  fail(offset: number, template: string, ...args: (string | number)[]): ParseFailure {
    return new ParseFailure(offset, template, args);
  }

  place(offset: number): [number, number] {
    return lineAndColumn(this.text, offset);
  }

  /** The first offset from `index` (before `end`) that is not whitespace. */
  skipSpace(index: number, end: number): number {
    while (index < end && isSpace(this.text.charCodeAt(index))) index++;
    return index;
  }

  /** The offset after the whitespace that ends at `end` (going back no further than `start`). */
  skipSpaceBackwards(end: number, start: number): number {
    while (end > start && isSpace(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  /** Spaces, carriage returns and, when `tabs`, tabs: the blanks after a value in a row. */
  skipRowSpace(index: number, end: number, tabs: boolean): number {
    while (index < end) {
      const c = this.text.charCodeAt(index);
      if (!(c === SPACE || c === CARRIAGE_RETURN || (tabs && c === TAB))) break;
      index++;
    }
    return index;
  }

  /** Spaces and, when `tabs`, tabs: the blanks after a delimiter. */
  skipSpacesAndTabs(index: number, end: number, tabs: boolean): number {
    while (index < end) {
      const c = this.text.charCodeAt(index);
      if (!(c === SPACE || (tabs && c === TAB))) break;
      index++;
    }
    return index;
  }

  /** From a comment marker to the newline that ends the comment (or `end`). */
  skipComment(index: number, end: number): number {
    this.sawComment = true;
    const newline = this.text.indexOf('\n', index);
    return newline < 0 || newline > end ? end : newline;
  }

  /** Whitespace and, in notations that have them, comments. */
  skipBlank(index: number, end: number): number {
    while (index < end) {
      const c = this.text.charCodeAt(index);
      if (c === this.commentMarker) index = this.skipComment(index, end);
      else if (isSpace(c)) index++;
      else break;
    }
    return index;
  }

  /**
   * Reads `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, with Python's `1_000`
   * underscores between digits. Up to 15 digits with a power of ten within ±22 are computed
   * exactly (Clinger's fast path: both operands are exact doubles, so the one division or
   * multiplication rounds correctly); anything else goes through `Number()`, which also rounds
   * correctly. Returns NaN and sets `failure` when there is no valid number at `start`.
   */
  scanNumber(start: number): number {
    const text = this.text;
    let index = start;
    let c = text.charCodeAt(index);
    let negative = false;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      c = text.charCodeAt(++index);
      if (isIdentifierStart(c)) return this.failed(this.wordFailure(start, index));
    }
    let mantissa = 0;
    // Digits are counted as the distance walked less the underscores (rare) passed on the way.
    let underscores = 0;
    const integerStart = index;
    while (true) {
      if (c >= DIGIT_0 && c <= DIGIT_9) mantissa = mantissa * 10 + (c - DIGIT_0);
      else if (c === UNDERSCORE && this.isDigitSeparator(index)) underscores++;
      else break;
      c = text.charCodeAt(++index);
    }
    let digits = index - integerStart - underscores;
    let scale = 0;
    if (c === DOT) {
      const fractionStart = ++index;
      const underscoresBefore = underscores;
      c = text.charCodeAt(index);
      while (true) {
        if (c >= DIGIT_0 && c <= DIGIT_9) mantissa = mantissa * 10 + (c - DIGIT_0);
        else if (c === UNDERSCORE && this.isDigitSeparator(index)) underscores++;
        else break;
        c = text.charCodeAt(++index);
      }
      scale = -(index - fractionStart - (underscores - underscoresBefore));
      if (digits === 0 || scale === 0) this.sawBareDot = true;
      digits -= scale;
    }
    if (digits === 0) return this.failed(this.fail(start, 'expected a number at line {0}, column {1}', ...this.place(start)));
    if (c === LOWER_E || c === UPPER_E) {
      let exponentIndex = index + 1;
      let e = text.charCodeAt(exponentIndex);
      let exponentNegative = false;
      if (e === MINUS || e === PLUS) {
        exponentNegative = e === MINUS;
        e = text.charCodeAt(++exponentIndex);
      }
      if (!isDigit(e)) return this.failed(this.fail(index, 'the exponent of the number at line {0}, column {1} has no digits', ...this.place(start)));
      let exponent = 0;
      while (true) {
        if (isDigit(e)) {
          if (exponent < 100000) exponent = exponent * 10 + (e - DIGIT_0);
        } else if (e === UNDERSCORE && this.isDigitSeparator(exponentIndex)) underscores++;
        else break;
        e = text.charCodeAt(++exponentIndex);
      }
      scale += exponentNegative ? -exponent : exponent;
      index = exponentIndex;
    }
    this.end = index;
    if (underscores > 0) this.sawUnderscore = true;
    if (digits <= 15 && scale >= -22 && scale <= 22) {
      const value = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
      return negative ? -value : value;
    }
    const literal = underscores > 0 ? text.slice(start, index).split('_').join('') : text.slice(start, index);
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      return this.failed(this.fail(start, '{0} at line {1}, column {2} is too large for a 64-bit float; scale the data down first', shorten(literal), ...this.place(start)));
    }
    return value;
  }

  /** An underscore between two digits, as Python allows in `1_000`. */
  private isDigitSeparator(index: number): boolean {
    return isDigit(this.text.charCodeAt(index - 1)) && isDigit(this.text.charCodeAt(index + 1));
  }

  private failed(failure: ParseFailure): number {
    this.failure = failure;
    return NaN;
  }

  /** A word where a number was expected: say what it is and what to do about it. */
  wordFailure(start: number, wordStart: number): ParseFailure {
    const text = this.text;
    let index = wordStart;
    while (index < text.length && (isIdentifierPart(text.charCodeAt(index)) || text.charCodeAt(index) === DOT)) index++;
    const word = shorten(text.slice(start, index));
    const bare = text.slice(wordStart, index);
    const lastPart = bare.slice(bare.lastIndexOf('.') + 1).toLowerCase();
    const [line, column] = this.place(start);
    if (lastPart === 'nan' || lastPart === 'inf' || lastPart === 'infinity' || (bare === 'float' && text.charCodeAt(index) === OPEN_PAREN)) {
      return this.fail(start, '{0} at line {1}, column {2} is not a finite number; normalization of NaN or Infinity is undefined, so remove or replace it', word, line, column);
    }
    if (bare === 'True' || bare === 'False' || bare === 'true' || bare === 'false') {
      return this.fail(start, 'the boolean {0} at line {1}, column {2} is not a number; write 1 or 0 instead', word, line, column);
    }
    if (bare === 'None' || bare === 'null' || bare === 'NA' || bare === 'NULL' || bare === 'undefined') {
      return this.fail(start, 'missing value {0} at line {1}, column {2}; fill it in or remove the element', word, line, column);
    }
    return this.fail(start, '"{0}" at line {1}, column {2} is not a number; select only the numbers (and their brackets)', word, line, column);
  }

  /** Something other than a number where a number was expected. */
  itemFailure(offset: number): ParseFailure {
    const c = this.text.charCodeAt(offset);
    if (isIdentifierStart(c)) return this.wordFailure(offset, offset);
    const [line, column] = this.place(offset);
    if (c === QUOTE || c === APOSTROPHE) {
      return this.fail(offset, 'quoted text at line {0}, column {1} is not a number; select only numbers', line, column);
    }
    if (Number.isNaN(c)) return this.fail(offset, 'the selection ends where a number was expected (line {0}, column {1})', line, column);
    return this.fail(offset, 'unexpected "{0}" at line {1}, column {2} where a number was expected', this.text[offset]!, line, column);
  }

  /** The character after a number must end it. */
  afterNumberFailure(start: number, offset: number): ParseFailure {
    const c = this.text.charCodeAt(offset);
    const [line, column] = this.place(start);
    if (c === LOWER_J || c === UPPER_J) {
      return this.fail(start, 'complex number at line {0}, column {1}; only real numbers can be normalized', line, column);
    }
    let index = offset;
    while (index < this.text.length && index - offset < 20) {
      const code = this.text.charCodeAt(index);
      if (isSpace(code) || code === COMMA || code === CLOSE_BRACKET || code === CLOSE_PAREN || code === SEMICOLON) break;
      index++;
    }
    return this.fail(start, '"{0}" at line {1}, column {2} is not a number', shorten(this.text.slice(start, index)), line, column);
  }
}

/**
 * A gap between two items as it will be written again: comments removed with the blanks before
 * them, and lines that held only a comment dropped. (The gaps that had comments are also kept
 * verbatim, at their own place, in the notation's `comments`.)
 */
export function withoutComments(gap: string, marker: string): string {
  if (!gap.includes(marker)) return gap;
  const lines = gap.split('\n');
  const kept: string[] = [];
  lines.forEach((line, index) => {
    const at = line.indexOf(marker);
    if (at < 0) {
      kept.push(line);
      return;
    }
    const code = line.slice(0, at).trimEnd();
    if (index > 0 && code === '') return;
    kept.push(line.endsWith('\r') ? `${code}\r` : code);
  });
  return kept.join('\n');
}
