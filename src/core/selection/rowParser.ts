/**
 * Rows of values: CSV, TSV, `;`-separated, whitespace-separated or one number per line, with an
 * optional header row; and the inside of a MATLAB matrix, where `;` ends a row too and `%` starts
 * a comment.
 */
import type { CoreMessage } from './messages';
import type { Level, Notation, NotationKind } from './notation';
import { ParseFailure } from './parseError';
import { characters, NumberSink, type Scanner, withoutComments } from './scanner';
import type { ParsedSelection } from './parseSelection';

const { APOSTROPHE, CARRIAGE_RETURN, CLOSE_BRACKET, COMMA, DOT, isDigit, isIdentifierStart, isNumberStart, isSpace, NEWLINE, OPEN_BRACKET, OPEN_PAREN, PERCENT, QUOTE, SEMICOLON, SPACE, TAB } = characters;

interface Rows {
  readonly data: Float64Array;
  readonly rows: number;
  readonly columns: number;
  readonly delimiter: string;
  /** The text between the first two values of the first row, and between the first two rows. */
  readonly valueSeparator: string | undefined;
  readonly rowSeparator: string | undefined;
}

/**
 * Reads rows from `start` to `end` (exclusive); `matlab` also ends rows at `;` and skips `%`
 * comments. Yields at the first row that starts `sliceChars` or more after the last yield.
 */
function* scanRows(scanner: Scanner, start: number, end: number, delimiter: number, matlab: boolean, sliceChars: number): Generator<void, Rows | ParseFailure, void> {
  const text = scanner.text;
  const sink = new NumberSink(Math.min(1 << 20, (end - start) >> 1));
  const whitespaceDelimited = delimiter === SPACE;
  // Locals, not closures or field reads: this loop runs once per value.
  const rowMark = matlab ? SEMICOLON : NEWLINE;
  const comment = scanner.commentMarker;
  const tabIsBlank = delimiter !== TAB;
  let rows = 0;
  let columns = -1;
  let index = start;
  let valueSeparator: string | undefined;
  let rowSeparator: string | undefined;
  let lastValueEnd = start;
  let pauseAt = start + sliceChars;
  while (index < end) {
    if (index >= pauseAt) {
      yield;
      pauseAt = index + sliceChars;
    }
    // Start of a line (or, in MATLAB, of a row after `;`): skip blanks, comments and empty rows.
    let c = text.charCodeAt(index);
    if (isSpace(c) || c === rowMark) {
      index++;
      continue;
    }
    if (c === comment) {
      index = scanner.skipComment(index, end);
      continue;
    }
    const rowStart = index;
    if (rows === 1 && rowSeparator === undefined) rowSeparator = text.slice(lastValueEnd, rowStart);
    let count = 0;
    while (true) {
      c = text.charCodeAt(index);
      if (!isNumberStart(c)) return scanner.itemFailure(index);
      const value = scanner.scanNumber(index);
      if (value !== value) return scanner.failure!;
      sink.push(value);
      count++;
      if (columns !== -1 && count > columns) {
        return scanner.fail(index, 'row {0} has more than {1} values, the rows above have {1} (line {2}, column {3}); every row needs the same length', rows + 1, columns, ...scanner.place(index));
      }
      const valueEnd = scanner.end;
      lastValueEnd = valueEnd;
      // The common case, the delimiter and then the next value, without the checks below.
      if (valueEnd + 1 < end && text.charCodeAt(valueEnd) === delimiter && !whitespaceDelimited && isNumberStart(text.charCodeAt(valueEnd + 1))) {
        if (rows === 0 && count === 1 && valueSeparator === undefined) valueSeparator = text.slice(valueEnd, valueEnd + 1);
        index = valueEnd + 1;
        continue;
      }
      index = scanner.skipRowSpace(valueEnd, end, tabIsBlank);
      c = index < end ? text.charCodeAt(index) : NEWLINE;
      if (c === NEWLINE || c === rowMark) break;
      if (c === comment) {
        index = scanner.skipComment(index, end);
        break;
      }
      if (c === delimiter && !whitespaceDelimited) {
        index = scanner.skipSpacesAndTabs(index + 1, end, tabIsBlank);
        const after = index < end ? text.charCodeAt(index) : NEWLINE;
        if (after === NEWLINE || after === rowMark || after === CARRIAGE_RETURN || after === delimiter) {
          return scanner.fail(index, 'empty value at line {0}, column {1}: two delimiters with nothing between them', ...scanner.place(index));
        }
      } else if (index === valueEnd || !(whitespaceDelimited || matlab)) {
        if (!isNumberStart(c) || index === valueEnd) return scanner.afterNumberFailure(findTokenStart(text, valueEnd), valueEnd);
        return scanner.fail(index, 'expected "{0}" at line {1}, column {2} between values', delimiter === TAB ? '\\t' : String.fromCharCode(delimiter), ...scanner.place(index));
      }
      if (rows === 0 && count === 1 && valueSeparator === undefined) valueSeparator = text.slice(valueEnd, index);
    }
    if (columns === -1) columns = count;
    else if (count !== columns) {
      return scanner.fail(rowStart, 'row {0} has {1} values, the rows above have {2} (line {3}, column {4}); every row needs the same length', rows + 1, count, columns, ...scanner.place(rowStart));
    }
    rows++;
  }
  return { data: sink.finish(), rows, columns, delimiter: String.fromCharCode(delimiter), valueSeparator, rowSeparator };
}

function findTokenStart(text: string, offset: number): number {
  let index = offset;
  while (index > 0) {
    const c = text.charCodeAt(index - 1);
    if (isSpace(c) || c === COMMA || c === OPEN_BRACKET || c === OPEN_PAREN) break;
    index--;
  }
  return index;
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

/** `nan` or `True` alone on the first line is a bad value, not a header. */
function isLoneSpecialWord(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end).trim().toLowerCase();
  return word === 'nan' || word === 'inf' || word === 'true' || word === 'false' || word === 'none' || word === 'null';
}

const plain = (separator: string): Level => ({ open: '', close: '', afterOpen: '', separator, beforeClose: '' });

/** Delimited rows or one number per line, from `first` to `last`, with an optional header line. */
export function* parseRows(scanner: Scanner, first: number, last: number, leading: string, trailing: string, sliceChars: number): Generator<void, ParsedSelection | ParseFailure, void> {
  const text = scanner.text;
  const notes: CoreMessage[] = [];
  let dataStart = first;
  // A header row: the first line starts with a word or quoted text and more lines follow.
  const c = text.charCodeAt(first);
  if (!isNumberStart(c) || (c !== DOT && !isDigit(c) && isIdentifierStart(text.charCodeAt(first + 1)))) {
    const newline = text.indexOf('\n', first);
    const headerEnd = newline < 0 || newline > last ? last : newline;
    const looksLikeHeader = headerEnd < last && (isIdentifierStart(c) || c === QUOTE || c === APOSTROPHE) && !isLoneSpecialWord(text, first, headerEnd);
    if (!looksLikeHeader) return scanner.itemFailure(first);
    dataStart = scanner.skipSpace(headerEnd + 1, last);
    notes.push({ template: 'skipped the header row "{0}"; it is kept when the result is written back', args: [text.slice(first, headerEnd).trim()] });
  }
  const delimiter = detectDelimiter(text, dataStart, last);
  const rows = yield* scanRows(scanner, dataStart, last, delimiter, false, sliceChars);
  if (rows instanceof ParseFailure) return rows;
  const defaultSeparator = delimiter === COMMA ? ', ' : delimiter === SPACE ? ' ' : rows.delimiter;
  const valueSeparator = rows.valueSeparator ?? defaultSeparator;
  const rowSeparator = rows.rowSeparator ?? '\n';
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
    prefix: text.slice(first, dataStart),
    suffix: '',
    levels,
    ...(kind === 'delimited' ? { delimiter: rows.delimiter } : {}),
  };
  return { shape, data: rows.data, notation, notes };
}

/** The `]` that closes the MATLAB matrix at `bracket`, not counting one inside a `%` comment; -1 if none. */
function findMatrixEnd(scanner: Scanner, bracket: number, last: number): number {
  const text = scanner.text;
  for (let index = bracket + 1; index < last; index++) {
    const c = text.charCodeAt(index);
    if (c === CLOSE_BRACKET) return index;
    if (c === PERCENT) index = scanner.skipComment(index, last);
  }
  return -1;
}

/**
 * A MATLAB matrix `[1 2; 3 4]` whose `[` is at `bracket`. Its `%` comments are skipped and not
 * written back (a comment after the matrix is kept, as part of the suffix).
 */
export function* parseMatlab(scanner: Scanner, bracket: number, last: number, leading: string, trailing: string, prefix: string, sliceChars: number): Generator<void, ParsedSelection | ParseFailure, void> {
  const text = scanner.text;
  scanner.commentMarker = PERCENT;
  const close = findMatrixEnd(scanner, bracket, last);
  if (close < 0) return scanner.fail(bracket, 'the "[" at line {0}, column {1} is never closed', ...scanner.place(bracket));
  let index = scanner.skipSpace(close + 1, last);
  if (index < last && text.charCodeAt(index) === SEMICOLON) index++;
  index = scanner.skipBlank(index, last);
  if (index < last) return scanner.fail(index, 'unexpected text at line {0}, column {1} after the closing bracket; select one array at a time', ...scanner.place(index));
  const bodyStart = scanner.skipSpace(bracket + 1, close);
  const bodyEnd = scanner.skipSpaceBackwards(close, bodyStart);
  if (bodyStart === bodyEnd) return scanner.fail(bracket, 'the selection contains no numbers, only an empty matrix');
  const rows = yield* scanRows(scanner, bodyStart, bodyEnd, COMMA, true, sliceChars);
  if (rows instanceof ParseFailure) return rows;
  if (rows.rows === 0) return scanner.fail(bracket, 'the selection contains no numbers, only an empty matrix');
  const afterOpen = text.slice(bracket + 1, bodyStart);
  const beforeClose = text.slice(bodyEnd, close);
  const valueSeparator = rows.valueSeparator ?? ' ';
  const rowSeparator = withoutComments(rows.rowSeparator ?? '; ', '%');
  const shape = rows.rows === 1 ? [rows.columns] : [rows.rows, rows.columns];
  const levels: Level[] =
    rows.rows === 1
      ? [{ open: '[', close: ']', afterOpen, separator: valueSeparator, beforeClose }]
      : [{ open: '[', close: ']', afterOpen, separator: rowSeparator, beforeClose }, plain(valueSeparator)];
  const notation: Notation = { kind: 'matlab', leading, trailing, prefix, suffix: text.slice(close + 1, last), levels };
  return { shape, data: rows.data, notation, notes: [] };
}
