/**
 * Reads numbers out of whatever the user selected: JSON arrays, Python lists and tuples,
 * `np.array(...)`, `torch.tensor(...)`, MATLAB matrices, CSV/TSV/whitespace rows, one number
 * per line. One hand-written left-to-right scan, no regular expressions: the time is linear in
 * the length of the selection, so a million numbers parse in about the time `JSON.parse` takes.
 */
import { type CoreMessage, fillTemplate } from './messages';
import type { Level, Notation, NotationKind } from './notation';

export interface ParsedSelection {
  readonly shape: number[];
  readonly data: Float64Array;
  readonly notation: Notation;
  /** Things the user may want to know, e.g. "skipped a header row". */
  readonly notes: CoreMessage[];
}

export interface ParseOptions {
  /** The document's language id; decides between JSON and Python for a bare `[1, 2]`. */
  readonly languageId?: string;
}

/** A problem in the selection, with its place: `offset` from the start, `line`/`column` 1-based. */
export class SelectionParseError extends Error {
  readonly template: string;
  readonly args: readonly (string | number)[];
  readonly offset: number;
  readonly line: number;
  readonly column: number;

  constructor(text: string, offset: number, template: string, args: readonly (string | number)[] = []) {
    super(fillTemplate(template, args));
    this.name = 'SelectionParseError';
    this.template = template;
    this.args = args;
    this.offset = Math.max(0, Math.min(offset, text.length));
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < this.offset; index++) {
      if (text.charCodeAt(index) === NEWLINE) {
        line++;
        lineStart = index + 1;
      }
    }
    this.line = line;
    this.column = this.offset - lineStart + 1;
  }
}

const TAB = 9;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const QUOTE = 34;
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

const MAX_DEPTH = 32;
/** Powers of ten that are exact doubles: with at most 15 significant digits, m / 10^k is correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Long tokens are cut in messages, which must fit in a notification. */
function shorten(token: string): string {
  return token.length > 24 ? `${token.slice(0, 20)}…` : token;
}

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

/** Growable Float64Array: doubling keeps appends amortised O(1). */
class NumberSink {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  grow(): void {
    const bigger = new Float64Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }
  finish(): Float64Array {
    // A view, not a copy: at most half the buffer is spare after doubling, and copying 8 MB costs more than keeping it.
    return this.data.subarray(0, this.length);
  }
}

/**
 * The scanner. Numbers are read by `scanNumber`, which leaves the end offset in `end` (a field,
 * not a returned pair, so the hot loop allocates nothing).
 */
class Scanner {
  end = 0;
  sawUnderscore = false;
  sawBareDot = false;

  constructor(readonly text: string) {}

  fail(offset: number, template: string, ...args: (string | number)[]): never {
    throw new SelectionParseError(this.text, offset, template, args);
  }

  /**
   * Reads `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`. Up to 15 digits with a
   * power of ten within ±22 are computed exactly (Clinger's fast path: both operands are exact
   * doubles, so the one division or multiplication rounds correctly); anything else, and
   * Python's `1_000`, goes through `Number()`, which also rounds correctly.
   */
  scanNumber(start: number): number {
    const text = this.text;
    let index = start;
    let c = text.charCodeAt(index);
    let negative = false;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      c = text.charCodeAt(++index);
      if (isIdentifierStart(c)) this.failWord(start, index);
    }
    let mantissa = 0;
    const integerStart = index;
    while (c >= DIGIT_0 && c <= DIGIT_9) {
      mantissa = mantissa * 10 + (c - DIGIT_0);
      c = text.charCodeAt(++index);
    }
    let digits = index - integerStart;
    let scale = 0;
    if (c === DOT) {
      const fractionStart = ++index;
      c = text.charCodeAt(index);
      while (c >= DIGIT_0 && c <= DIGIT_9) {
        mantissa = mantissa * 10 + (c - DIGIT_0);
        c = text.charCodeAt(++index);
      }
      scale = fractionStart - index;
      if (digits === 0 || scale === 0) this.sawBareDot = true;
      digits -= scale;
    }
    if (c === UNDERSCORE) return this.scanNumberWithUnderscores(start);
    if (digits === 0) this.fail(start, 'expected a number at line {0}, column {1}', ...this.place(start));
    if (c === LOWER_E || c === UPPER_E) {
      let exponentIndex = index + 1;
      let e = text.charCodeAt(exponentIndex);
      let exponentNegative = false;
      if (e === MINUS || e === PLUS) {
        exponentNegative = e === MINUS;
        e = text.charCodeAt(++exponentIndex);
      }
      if (!isDigit(e)) this.fail(index, 'the exponent of the number at line {0}, column {1} has no digits', ...this.place(start));
      let exponent = 0;
      while (isDigit(e)) {
        if (exponent < 100000) exponent = exponent * 10 + (e - DIGIT_0);
        e = text.charCodeAt(++exponentIndex);
      }
      scale += exponentNegative ? -exponent : exponent;
      index = exponentIndex;
    }
    this.end = index;
    if (digits <= 15 && scale >= -22 && scale <= 22) {
      const value = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
      return negative ? -value : value;
    }
    return this.checkedNumber(start, text.slice(start, index));
  }

  /** `1_000.5`: underscores only between digits, as in Python. Rare, so no fast path. */
  private scanNumberWithUnderscores(start: number): number {
    const text = this.text;
    let index = start;
    let c = text.charCodeAt(index);
    if (c === MINUS || c === PLUS) c = text.charCodeAt(++index);
    const digitsAndUnderscores = () => {
      let digits = 0;
      while (true) {
        if (isDigit(c)) digits++;
        else if (!(c === UNDERSCORE && digits > 0 && isDigit(text.charCodeAt(index + 1)))) break;
        c = text.charCodeAt(++index);
      }
      return digits;
    };
    let digits = digitsAndUnderscores();
    if (c === DOT) {
      c = text.charCodeAt(++index);
      digits += digitsAndUnderscores();
    }
    if (digits === 0) this.fail(start, 'expected a number at line {0}, column {1}', ...this.place(start));
    if (c === LOWER_E || c === UPPER_E) {
      let e = text.charCodeAt(index + 1);
      let exponentIndex = index + 1;
      if (e === MINUS || e === PLUS) e = text.charCodeAt(++exponentIndex);
      if (!isDigit(e)) this.fail(index, 'the exponent of the number at line {0}, column {1} has no digits', ...this.place(start));
      index = exponentIndex;
      c = e;
      digitsAndUnderscores();
    }
    this.end = index;
    this.sawUnderscore = true;
    return this.checkedNumber(start, text.slice(start, index).split('_').join(''));
  }

  private checkedNumber(start: number, literal: string): number {
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      this.fail(start, '{0} at line {1}, column {2} is too large for a 64-bit float; scale the data down first', shorten(literal), ...this.place(start));
    }
    return value;
  }

  place(offset: number): [number, number] {
    const error = new SelectionParseError(this.text, offset, '');
    return [error.line, error.column];
  }

  /** A word where a number was expected: say what it is and what to do about it. */
  failWord(start: number, wordStart: number): never {
    const text = this.text;
    let index = wordStart;
    while (index < text.length && (isIdentifierPart(text.charCodeAt(index)) || text.charCodeAt(index) === DOT)) index++;
    const word = shorten(text.slice(start, index));
    const bare = text.slice(wordStart, index);
    const lastPart = bare.slice(bare.lastIndexOf('.') + 1).toLowerCase();
    const [line, column] = this.place(start);
    if (lastPart === 'nan' || lastPart === 'inf' || lastPart === 'infinity' || (bare === 'float' && text.charCodeAt(index) === OPEN_PAREN)) {
      this.fail(start, '{0} at line {1}, column {2} is not a finite number; normalization of NaN or Infinity is undefined, so remove or replace it', word, line, column);
    }
    if (bare === 'True' || bare === 'False' || bare === 'true' || bare === 'false') {
      this.fail(start, 'the boolean {0} at line {1}, column {2} is not a number; write 1 or 0 instead', word, line, column);
    }
    if (bare === 'None' || bare === 'null' || bare === 'NA' || bare === 'NULL' || bare === 'undefined') {
      this.fail(start, 'missing value {0} at line {1}, column {2}; fill it in or remove the element', word, line, column);
    }
    this.fail(start, '"{0}" at line {1}, column {2} is not a number; select only the numbers (and their brackets)', word, line, column);
  }

  /** Something other than a number where a number was expected. */
  failItem(offset: number): never {
    const c = this.text.charCodeAt(offset);
    if (isIdentifierStart(c)) this.failWord(offset, offset);
    const [line, column] = this.place(offset);
    if (c === QUOTE || c === APOSTROPHE) {
      this.fail(offset, 'quoted text at line {0}, column {1} is not a number; select only numbers', line, column);
    }
    if (Number.isNaN(c)) this.fail(offset, 'the selection ends where a number was expected (line {0}, column {1})', line, column);
    this.fail(offset, 'unexpected "{0}" at line {1}, column {2} where a number was expected', this.text[offset]!, line, column);
  }

  /** The character after a number must end it. */
  failAfterNumber(start: number, offset: number): never {
    const c = this.text.charCodeAt(offset);
    const [line, column] = this.place(start);
    if (c === LOWER_J || c === UPPER_J) {
      this.fail(start, 'complex number at line {0}, column {1}; only real numbers can be normalized', line, column);
    }
    let index = offset;
    while (index < this.text.length && index - offset < 20) {
      const code = this.text.charCodeAt(index);
      if (isSpace(code) || code === COMMA || code === CLOSE_BRACKET || code === CLOSE_PAREN || code === SEMICOLON) break;
      index++;
    }
    this.fail(start, '"{0}" at line {1}, column {2} is not a number', shorten(this.text.slice(start, index)), line, column);
  }
}

/** Parses the selection. Throws `SelectionParseError` for anything it cannot read. */
export function parseSelection(text: string, options: ParseOptions = {}): ParsedSelection {
  let first = 0;
  while (first < text.length && isSpace(text.charCodeAt(first))) first++;
  let last = text.length;
  while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
  if (first === last) {
    throw new SelectionParseError(text, 0, 'the selection is empty; select the numbers to normalize, e.g. a Python list or a CSV block');
  }
  const scanner = new Scanner(text);
  const leading = text.slice(0, first);
  const trailing = text.slice(last);

  const head = readPrefix(text, first, last);
  if (head) return parseBracketed(scanner, head, last, leading, trailing, options);
  return parseRows(scanner, first, last, leading, trailing);
}

interface Head {
  /** Where the bracket that starts the numbers is. */
  readonly literalStart: number;
  /** Text from the first non-space character to the bracket. */
  readonly prefixStart: number;
  readonly wrapper: string | undefined;
}

/**
 * Recognises `[`/`(` at the start, optionally after `name =` (or `const x: T =`) and a call
 * such as `np.array(`. Returns undefined when the selection does not start with a list.
 */
function readPrefix(text: string, first: number, last: number): Head | undefined {
  let index = first;
  let c = text.charCodeAt(index);
  if (c === OPEN_BRACKET || c === OPEN_PAREN) return { literalStart: index, prefixStart: first, wrapper: undefined };
  if (!isIdentifierStart(c)) return undefined;
  // `x = ...`: an `=` on the first line, before any comma or parenthesis.
  let scan = index;
  while (scan < last) {
    c = text.charCodeAt(scan);
    if (c === NEWLINE || c === COMMA || c === OPEN_PAREN || c === OPEN_BRACKET && isDigit(text.charCodeAt(scan + 1))) break;
    if (c === EQUALS) {
      if (text.charCodeAt(scan + 1) === EQUALS) break;
      index = scan + 1;
      while (index < last && isSpace(text.charCodeAt(index))) index++;
      break;
    }
    scan++;
  }
  c = text.charCodeAt(index);
  if (c === OPEN_BRACKET || c === OPEN_PAREN) return { literalStart: index, prefixStart: first, wrapper: undefined };
  if (!isIdentifierStart(c)) return undefined;
  const nameStart = index;
  while (index < last && (isIdentifierPart(text.charCodeAt(index)) || text.charCodeAt(index) === DOT)) index++;
  const name = text.slice(nameStart, index);
  while (index < last && (text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB)) index++;
  if (text.charCodeAt(index) !== OPEN_PAREN) return undefined;
  index++;
  while (index < last && isSpace(text.charCodeAt(index))) index++;
  return { literalStart: index, prefixStart: first, wrapper: name };
}

function wrapperKind(name: string): NotationKind {
  if (name.startsWith('torch.') || name === 'tensor') return 'torch';
  if (name.startsWith('np.') || name.startsWith('numpy.') || name === 'array' || name === 'asarray') return 'numpy';
  return 'call';
}

/** Reads `name=value` for `dtype` out of a call's keyword arguments. */
function findDtype(args: string): string | undefined {
  const at = args.indexOf('dtype');
  if (at < 0) return undefined;
  let index = at + 5;
  while (index < args.length && args.charCodeAt(index) === SPACE) index++;
  if (args.charCodeAt(index) !== EQUALS) return undefined;
  index++;
  while (index < args.length && args.charCodeAt(index) === SPACE) index++;
  const start = index;
  while (index < args.length) {
    const c = args.charCodeAt(index);
    if (!(isIdentifierPart(c) || c === DOT || c === QUOTE || c === APOSTROPHE)) break;
    index++;
  }
  return index > start ? args.slice(start, index) : undefined;
}

class MatlabSignal {
  constructor(readonly bracket: number) {}
}

function parseBracketed(scanner: Scanner, head: Head, last: number, leading: string, trailing: string, options: ParseOptions): ParsedSelection {
  const text = scanner.text;
  const notes: CoreMessage[] = [];
  const c = text.charCodeAt(head.literalStart);
  if (c !== OPEN_BRACKET && c !== OPEN_PAREN) {
    scanner.fail(head.literalStart, 'expected a list after "{0}("', head.wrapper ?? '');
  }
  let nested: NestedResult;
  try {
    nested = parseNested(scanner, head.literalStart, last, head.wrapper === undefined);
  } catch (signal) {
    if (signal instanceof MatlabSignal) return parseMatlab(scanner, signal.bracket, last, leading, trailing, text.slice(head.prefixStart, head.literalStart));
    throw signal;
  }
  // After the literal: the rest of the call's arguments, then an optional `;`.
  let index = nested.end;
  while (index < last && isSpace(text.charCodeAt(index))) index++;
  let dtype: string | undefined;
  if (head.wrapper !== undefined) {
    const argsStart = index;
    let depth = 1;
    let quote = 0;
    while (index < last && depth > 0) {
      const code = text.charCodeAt(index);
      if (quote) {
        if (code === quote) quote = 0;
      } else if (code === QUOTE || code === APOSTROPHE) quote = code;
      else if (code === OPEN_PAREN || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_PAREN || code === CLOSE_BRACKET) depth--;
      index++;
    }
    if (depth > 0) scanner.fail(last, 'the call "{0}(" is not closed with ")"', head.wrapper);
    const args = text.slice(argsStart, index - 1);
    if (args.trim() !== '' && text.charCodeAt(argsStart) !== COMMA) {
      scanner.fail(argsStart, 'unexpected text at line {0}, column {1} after the list', ...scanner.place(argsStart));
    }
    dtype = findDtype(args);
    if (dtype && /int|long|short|bool|uint/i.test(dtype)) {
      notes.push({ template: 'the dtype {0} holds whole numbers; normalized values need a floating-point dtype such as float32', args: [dtype], warning: true });
    }
    while (index < last && isSpace(text.charCodeAt(index))) index++;
  }
  if (index < last && text.charCodeAt(index) === SEMICOLON) index++;
  while (index < last && isSpace(text.charCodeAt(index))) index++;
  if (index < last) {
    scanner.fail(index, 'unexpected text at line {0}, column {1} after the closing bracket; select one array at a time', ...scanner.place(index));
  }

  let kind: NotationKind;
  if (head.wrapper !== undefined) kind = wrapperKind(head.wrapper);
  else if (nested.spaceSeparated) kind = nested.shape.length === 1 && nested.levels[0]!.open === '[' ? 'matlab' : 'numpy';
  else if (nested.pythonOnly || scanner.sawUnderscore || scanner.sawBareDot || options.languageId === 'python') kind = 'python';
  else kind = 'json';
  if (kind === 'json' && (options.languageId === 'matlab' || options.languageId === 'octave') && nested.shape.length === 1) kind = 'matlab';

  const notation: Notation = {
    kind,
    leading,
    trailing,
    prefix: text.slice(head.prefixStart, head.literalStart),
    suffix: text.slice(nested.end, last),
    levels: nested.levels,
    ...(dtype !== undefined ? { dtype } : {}),
  };
  return { shape: nested.shape, data: nested.data, notation, notes };
}

interface NestedResult {
  readonly shape: number[];
  readonly data: Float64Array;
  readonly levels: Level[];
  readonly end: number;
  readonly spaceSeparated: boolean;
  readonly pythonOnly: boolean;
}

const COMMA_MODE = 1;
const SPACE_MODE = 2;

/**
 * Nested brackets: `[` or `(` opens a list, the matching bracket closes it, items are separated
 * by commas or (printed NumPy arrays) by whitespace. The shape is the item count at each depth;
 * every list at a depth must have the same count, or the error names the list that differs.
 */
function parseNested(scanner: Scanner, start: number, last: number, allowMatlab: boolean): NestedResult {
  const text = scanner.text;
  const sink = new NumberSink(Math.min(1 << 20, (last - start) >> 1));
  const counts = new Int32Array(MAX_DEPTH + 1);
  const dims = new Int32Array(MAX_DEPTH + 1).fill(-1);
  const openAt = new Int32Array(MAX_DEPTH + 1);
  const extraAt = new Int32Array(MAX_DEPTH + 1).fill(-1);
  const lastItemEnd = new Int32Array(MAX_DEPTH + 1);
  const openChars: string[] = [];
  const afterOpen: (string | undefined)[] = [];
  const separators: (string | undefined)[] = [];
  const beforeClose: (string | undefined)[] = [];
  let depth = 0;
  let leafDepth = -1;
  let mode = 0;
  let expectItem = true;
  let lastWasComma = false;
  let pythonOnly = false;
  let maxDepth = 0;
  let index = start;

  // The item count and expected size of the innermost open list live in locals (the hot path);
  // `counts`/`dims` hold them for the enclosing lists.
  let count = 0;
  let expected = -1;

  /** Items separated by whitespace only: a printed NumPy array or a MATLAB row. */
  const whitespaceSeparator = (offset: number): void => {
    if (offset === lastItemEnd[depth]) scanner.failItem(offset);
    if (mode === COMMA_MODE) scanner.fail(offset, 'missing comma before line {0}, column {1}', ...scanner.place(offset));
    mode = SPACE_MODE;
  };
  /** Records the layout around the first two items of a list, and where a too-long list first overflows. */
  const noteItem = (offset: number): void => {
    if (count === 1) {
      if (afterOpen[depth] === undefined) afterOpen[depth] = text.slice(openAt[depth]! + 1, offset);
    } else if (count === 2 && separators[depth] === undefined) separators[depth] = text.slice(lastItemEnd[depth], offset);
    if (count === expected + 1) extraAt[depth] = offset;
  };

  while (index < last) {
    const c = text.charCodeAt(index);
    if (c === SPACE || c === NEWLINE || c === TAB || c === CARRIAGE_RETURN) {
      index++;
      continue;
    }
    if (isNumberStart(c)) {
      if (depth === 0) break;
      if (leafDepth !== depth) {
        if (leafDepth === -1 && maxDepth === depth) leafDepth = depth;
        else scanner.fail(index, 'expected a list at line {0}, column {1}: the items around it are lists, so this number makes the array ragged', ...scanner.place(index));
      }
      if (!expectItem) whitespaceSeparator(index);
      if (++count <= 2 || count === expected + 1) noteItem(index);
      const numberStart = index;
      const value = scanner.scanNumber(index);
      if (sink.length === sink.data.length) sink.grow();
      sink.data[sink.length++] = value;
      index = scanner.end;
      const next = text.charCodeAt(index);
      if (!(next === COMMA || next === CLOSE_BRACKET || next === CLOSE_PAREN || next === SPACE || next === NEWLINE || next === TAB || next === CARRIAGE_RETURN || next === SEMICOLON || index >= last)) {
        scanner.failAfterNumber(numberStart, index);
      }
      lastItemEnd[depth] = index;
      // The common case, a comma right after the number, without another trip round the loop.
      if (next === COMMA && mode !== SPACE_MODE) {
        mode = COMMA_MODE;
        expectItem = true;
        lastWasComma = true;
        index++;
        while (text.charCodeAt(index) === SPACE) index++;
        continue;
      }
      expectItem = false;
      lastWasComma = false;
      continue;
    }
    if (c === COMMA) {
      if (depth === 0) break;
      if (expectItem) {
        scanner.fail(index, count === 0 ? 'a list cannot start with a comma (line {0}, column {1})' : 'two commas in a row at line {0}, column {1}: a value is missing', ...scanner.place(index));
      }
      if (mode === SPACE_MODE) scanner.fail(index, 'a comma at line {0}, column {1} in a list whose other items are separated by spaces', ...scanner.place(index));
      mode = COMMA_MODE;
      expectItem = true;
      lastWasComma = true;
      index++;
      continue;
    }
    if (c === OPEN_BRACKET || c === OPEN_PAREN) {
      if (depth > 0) {
        if (leafDepth !== -1 && depth >= leafDepth) {
          scanner.fail(index, 'expected a number at line {0}, column {1}: the items around it are numbers, so this list makes the array ragged', ...scanner.place(index));
        }
        if (!expectItem) whitespaceSeparator(index);
        if (++count <= 2 || count === expected + 1) noteItem(index);
        counts[depth] = count;
      }
      if (depth === MAX_DEPTH) scanner.fail(index, 'lists are nested more than {0} deep', MAX_DEPTH);
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      count = 0;
      expected = dims[depth]!;
      openAt[depth] = index;
      if (openChars[depth] === undefined) openChars[depth] = text[index]!;
      if (c === OPEN_PAREN) pythonOnly = true;
      expectItem = true;
      lastWasComma = false;
      index++;
      continue;
    }
    if (c === CLOSE_BRACKET || c === CLOSE_PAREN) {
      if (depth === 0) break;
      const opener = text.charCodeAt(openAt[depth]!);
      if ((opener === OPEN_BRACKET) !== (c === CLOSE_BRACKET)) {
        scanner.fail(index, '"{0}" at line {1}, column {2} does not match the "{3}" at line {4}, column {5}', text[index]!, ...scanner.place(index), text[openAt[depth]!]!, ...scanner.place(openAt[depth]!));
      }
      if (lastWasComma) pythonOnly = true;
      if (beforeClose[depth] === undefined && count > 0) beforeClose[depth] = text.slice(lastItemEnd[depth], index);
      if (expected === -1) dims[depth] = count;
      else if (count !== expected) raggedList(scanner, depth, leafDepth, counts, expected, count, count > expected ? extraAt[depth]! : index);
      depth--;
      count = counts[depth]!;
      expected = dims[depth]!;
      index++;
      lastItemEnd[depth] = index;
      expectItem = false;
      lastWasComma = false;
      if (depth === 0) break;
      continue;
    }
    if (c === SEMICOLON && depth === 1 && allowMatlab && maxDepth === 1 && text.charCodeAt(start) === OPEN_BRACKET) {
      throw new MatlabSignal(start);
    }
    if (depth === 0) break;
    if (expectItem) scanner.failItem(index);
    scanner.fail(index, 'unexpected "{0}" at line {1}, column {2}; items must be separated by commas', text[index]!, ...scanner.place(index));
  }
  if (depth > 0) {
    scanner.fail(openAt[depth]!, 'the "{0}" at line {1}, column {2} is never closed', text[openAt[depth]!]!, ...scanner.place(openAt[depth]!));
  }
  if (leafDepth === -1 || sink.length === 0) {
    scanner.fail(start, 'the selection contains no numbers, only empty lists');
  }
  const shape = Array.from(dims.subarray(1, leafDepth + 1));
  const levels: Level[] = [];
  const closeOf = (open: string) => (open === '(' ? ')' : ']');
  for (let level = 1; level <= leafDepth; level++) {
    const open = openChars[level] ?? '[';
    levels.push({
      open,
      close: closeOf(open),
      afterOpen: afterOpen[level] ?? '',
      separator: separators[level] ?? (mode === SPACE_MODE ? ' ' : ', '),
      beforeClose: beforeClose[level] ?? '',
    });
  }
  // A one-element tuple needs its trailing comma: `(1,)`.
  return { shape, data: sink.finish(), levels, end: index, spaceSeparated: mode === SPACE_MODE, pythonOnly };
}

function findTokenStart(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && !isSpace(text.charCodeAt(index - 1)) && text.charCodeAt(index - 1) !== COMMA && text.charCodeAt(index - 1) !== OPEN_BRACKET && text.charCodeAt(index - 1) !== OPEN_PAREN) index--;
  return index;
}

function raggedList(scanner: Scanner, depth: number, leafDepth: number, counts: Int32Array, expected: number, actual: number, offset: number): never {
  const [line, column] = scanner.place(offset);
  if (depth === 2 && leafDepth === 2) {
    scanner.fail(offset, 'row {0} has {1} values, the rows above have {2} (line {3}, column {4}); every row needs the same length', counts[1]!, actual, expected, line, column);
  }
  let path = '';
  for (let level = 1; level < depth; level++) path += `[${counts[level]! - 1}]`;
  scanner.fail(offset, 'the list at index {0} has {1} items, the lists before it have {2} (line {3}, column {4}); the array is ragged', path, actual, expected, line, column);
}

/**
 * Rows of values: CSV, TSV, `;`-separated, whitespace-separated or one per line; also the inside
 * of a MATLAB matrix, where `;` ends a row too. `end` is exclusive.
 */
interface RowsResult {
  readonly data: Float64Array;
  readonly rows: number;
  readonly columns: number;
  readonly delimiter: string;
  readonly valueSeparator: string | undefined;
  readonly rowSeparator: string | undefined;
  readonly firstRowEnd: number;
}

function scanRows(scanner: Scanner, start: number, end: number, delimiter: number, matlab: boolean): RowsResult {
  const text = scanner.text;
  const sink = new NumberSink(Math.min(1 << 20, (end - start) >> 1));
  let rows = 0;
  let columns = -1;
  let index = start;
  let valueSeparator: string | undefined;
  let rowSeparator: string | undefined;
  let firstRowEnd = start;
  let lastValueEnd = start;
  const whitespaceDelimited = delimiter === SPACE;
  while (index < end) {
    // Start of a line (or, in MATLAB, of a row after `;`): skip blanks and empty rows.
    let c = text.charCodeAt(index);
    if (c === SPACE || c === TAB || c === NEWLINE || c === CARRIAGE_RETURN || (matlab && c === SEMICOLON)) {
      index++;
      continue;
    }
    const rowStart = index;
    if (rows === 1 && rowSeparator === undefined) rowSeparator = text.slice(lastValueEnd, rowStart);
    let count = 0;
    while (true) {
      c = text.charCodeAt(index);
      if (!isNumberStart(c)) scanner.failItem(index);
      const value = scanner.scanNumber(index);
      if (sink.length === sink.data.length) sink.grow();
      sink.data[sink.length++] = value;
      count++;
      if (columns !== -1 && count > columns) {
        scanner.fail(index, 'row {0} has more than {1} values, the rows above have {1} (line {2}, column {3}); every row needs the same length', rows + 1, columns, ...scanner.place(index));
      }
      const valueEnd = scanner.end;
      index = valueEnd;
      lastValueEnd = valueEnd;
      // Whitespace inside the row.
      while (index < end) {
        c = text.charCodeAt(index);
        if (c === SPACE || (c === TAB && delimiter !== TAB) || c === CARRIAGE_RETURN) index++;
        else break;
      }
      c = index < end ? text.charCodeAt(index) : NEWLINE;
      if (c === NEWLINE || (matlab && c === SEMICOLON)) break;
      if (c === delimiter && !whitespaceDelimited) {
        index++;
        while (index < end && (text.charCodeAt(index) === SPACE || (text.charCodeAt(index) === TAB && delimiter !== TAB))) index++;
        const after = index < end ? text.charCodeAt(index) : NEWLINE;
        if (after === NEWLINE || after === CARRIAGE_RETURN || after === delimiter || (matlab && after === SEMICOLON)) {
          scanner.fail(index, 'empty value at line {0}, column {1}: two delimiters with nothing between them', ...scanner.place(index));
        }
      } else if (matlab && c === COMMA) {
        index++;
        while (index < end && (text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB)) index++;
      } else if (index === valueEnd || !(whitespaceDelimited || matlab)) {
        if (!isNumberStart(c) || index === valueEnd) scanner.failAfterNumber(findTokenStart(text, valueEnd), valueEnd);
        scanner.fail(index, 'expected "{0}" at line {1}, column {2} between values', delimiter === TAB ? '\\t' : String.fromCharCode(delimiter), ...scanner.place(index));
      }
      if (rows === 0 && count === 1 && valueSeparator === undefined) valueSeparator = text.slice(valueEnd, index);
    }
    if (columns === -1) {
      columns = count;
      firstRowEnd = lastValueEnd;
    } else if (count !== columns) {
      scanner.fail(rowStart, 'row {0} has {1} values, the rows above have {2} (line {3}, column {4}); every row needs the same length', rows + 1, count, columns, ...scanner.place(rowStart));
    }
    rows++;
  }
  return { data: sink.finish(), rows, columns, delimiter: String.fromCharCode(delimiter), valueSeparator, rowSeparator, firstRowEnd };
}

/** Picks the delimiter from the first data line: tab, comma, semicolon, else whitespace. */
function detectDelimiter(text: string, start: number, end: number): number {
  let comma = false;
  let semicolon = false;
  for (let index = start; index < end; index++) {
    const c = text.charCodeAt(index);
    if (c === NEWLINE) break;
    if (c === TAB) return TAB;
    if (c === COMMA) comma = true;
    else if (c === SEMICOLON) semicolon = true;
  }
  return comma ? COMMA : semicolon ? SEMICOLON : SPACE;
}

function lineEnd(text: string, start: number, end: number): number {
  const newline = text.indexOf('\n', start);
  return newline < 0 || newline > end ? end : newline;
}

function parseRows(scanner: Scanner, first: number, last: number, leading: string, trailing: string): ParsedSelection {
  const text = scanner.text;
  const notes: CoreMessage[] = [];
  let dataStart = first;
  // A header row: the first line starts with a word or quoted text and more lines follow.
  const c = text.charCodeAt(first);
  if (!isNumberStart(c) || (c !== DOT && !isDigit(c) && isIdentifierStart(text.charCodeAt(first + 1)))) {
    const headerEnd = lineEnd(text, first, last);
    const looksLikeHeader = headerEnd < last && (isIdentifierStart(c) || c === QUOTE || c === APOSTROPHE) && !isLoneSpecialWord(text, first, headerEnd);
    if (!looksLikeHeader) scanner.failItem(first);
    dataStart = headerEnd + 1;
    while (dataStart < last && isSpace(text.charCodeAt(dataStart))) dataStart++;
    notes.push({ template: 'skipped the header row "{0}"; it is kept when the result is written back', args: [text.slice(first, headerEnd).trim()] });
  }
  const delimiter = detectDelimiter(text, dataStart, last);
  const rows = scanRows(scanner, dataStart, last, delimiter, false);
  const prefix = text.slice(first, dataStart);
  const defaultSeparator = delimiter === COMMA ? ', ' : delimiter === SPACE ? ' ' : rows.delimiter;
  const valueSeparator = rows.valueSeparator ?? defaultSeparator;
  const rowSeparator = rows.rowSeparator ?? '\n';
  const plain = (separator: string): Level => ({ open: '', close: '', afterOpen: '', separator, beforeClose: '' });
  let shape: number[];
  let levels: Level[];
  let kind: NotationKind = 'delimited';
  if (rows.rows === 1) {
    shape = [rows.columns];
    levels = [plain(valueSeparator)];
  } else if (rows.columns === 1) {
    shape = [rows.rows];
    levels = [plain(rowSeparator)];
    kind = 'lines';
  } else {
    shape = [rows.rows, rows.columns];
    levels = [plain(rowSeparator), plain(valueSeparator)];
  }
  const notation: Notation = {
    kind,
    leading,
    trailing,
    prefix,
    suffix: '',
    levels,
    ...(kind === 'delimited' ? { delimiter: rows.delimiter } : {}),
  };
  return { shape, data: rows.data, notation, notes };
}

/** `nan` or `True` alone on the first line is a bad value, not a header. */
function isLoneSpecialWord(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end).trim().toLowerCase();
  return word === 'nan' || word === 'inf' || word === 'true' || word === 'false' || word === 'none' || word === 'null';
}

function parseMatlab(scanner: Scanner, bracket: number, last: number, leading: string, trailing: string, prefix: string): ParsedSelection {
  const text = scanner.text;
  const close = text.indexOf(']', bracket);
  if (close < 0 || close >= last) scanner.fail(bracket, 'the "[" at line {0}, column {1} is never closed', ...scanner.place(bracket));
  let index = close + 1;
  while (index < last && isSpace(text.charCodeAt(index))) index++;
  if (index < last && text.charCodeAt(index) === SEMICOLON) index++;
  while (index < last && isSpace(text.charCodeAt(index))) index++;
  if (index < last) scanner.fail(index, 'unexpected text at line {0}, column {1} after the closing bracket; select one array at a time', ...scanner.place(index));
  let bodyStart = bracket + 1;
  while (bodyStart < close && isSpace(text.charCodeAt(bodyStart))) bodyStart++;
  let bodyEnd = close;
  while (bodyEnd > bodyStart && isSpace(text.charCodeAt(bodyEnd - 1))) bodyEnd--;
  if (bodyStart === bodyEnd) scanner.fail(bracket, 'the selection contains no numbers, only an empty matrix');
  const rows = scanRows(scanner, bodyStart, bodyEnd, COMMA, true);
  const afterOpen = text.slice(bracket + 1, bodyStart);
  const beforeClose = text.slice(bodyEnd, close);
  const valueSeparator = rows.valueSeparator ?? ' ';
  const shape = rows.rows === 1 ? [rows.columns] : [rows.rows, rows.columns];
  const levels: Level[] =
    rows.rows === 1
      ? [{ open: '[', close: ']', afterOpen, separator: valueSeparator, beforeClose }]
      : [
          { open: '[', close: ']', afterOpen, separator: rows.rowSeparator ?? '; ', beforeClose },
          { open: '', close: '', afterOpen: '', separator: valueSeparator, beforeClose: '' },
        ];
  const notation: Notation = { kind: 'matlab', leading, trailing, prefix, suffix: text.slice(close + 1, last), levels };
  return { shape, data: rows.data, notation, notes: [] };
}
