/**
 * Reads numbers out of whatever the user selected: JSON arrays, Python lists and tuples,
 * `np.array(...)`, `torch.tensor(...)`, MATLAB matrices, CSV/TSV/whitespace rows, one number
 * per line. This file finds what the selection starts with (an assignment, a call, a bracket or
 * rows) and names the notation; `bracketedParser` and `rowParser` read the numbers, with the
 * `scanner` they share. One left-to-right scan: the time is linear in the length of the selection.
 */
import { runToEnd } from '../steps';
import { parseNested } from './bracketedParser';
import { findDtype } from './dtype';
import type { CoreMessage } from './messages';
import type { Notation, NotationKind } from './notation';
import { ParseFailure, SelectionParseError } from './parseError';
import { parseMatlab, parseRows } from './rowParser';
import { characters, Scanner } from './scanner';

const { APOSTROPHE, CLOSE_BRACKET, CLOSE_PAREN, COMMA, DOT, EQUALS, HASH, isDigit, isIdentifierPart, isIdentifierStart, NEWLINE, NO_COMMENTS, OPEN_BRACKET, OPEN_PAREN, PERCENT, QUOTE, SEMICOLON } = characters;

export { SelectionParseError } from './parseError';

export interface ParsedSelection {
  readonly shape: number[];
  readonly data: Float64Array;
  readonly notation: Notation;
  /** Things the user may want to know, e.g. "skipped a header row". */
  readonly notes: CoreMessage[];
}

export interface ParseOptions {
  /** The document's language id; decides between JSON and Python for a bare `[1, 2]`, and whether `#` starts a comment. */
  readonly languageId?: string;
}

export type ParseResult = { readonly ok: true; readonly selection: ParsedSelection } | { readonly ok: false; readonly error: SelectionParseError };

/** Characters read between two yields of `parseSelectionSteps`: a few milliseconds of parsing here. */
const PARSE_SLICE_CHARS = 256 * 1024;

/** Parses the selection, returning what it read or the problem and where it is. */
export function tryParseSelection(text: string, options: ParseOptions = {}): ParseResult {
  return runToEnd(parseSelectionSteps(text, options));
}

/**
 * `tryParseSelection` in steps: a generator that yields after every `sliceChars` characters or
 * so (at a row boundary in rows of values), so a host can let the editor breathe while it reads a
 * million numbers. Where it pauses changes nothing in what it reads.
 */
export function* parseSelectionSteps(text: string, options: ParseOptions = {}, sliceChars = PARSE_SLICE_CHARS): Generator<void, ParseResult, void> {
  const result = yield* readSelection(new Scanner(text), options, Math.max(1, sliceChars));
  if (result instanceof ParseFailure) return { ok: false, error: new SelectionParseError(text, result.offset, result.template, result.args) };
  return { ok: true, selection: result };
}

/** Parses the selection. Throws `SelectionParseError` for anything it cannot read. */
export function parseSelection(text: string, options: ParseOptions = {}): ParsedSelection {
  const result = tryParseSelection(text, options);
  if (!result.ok) throw result.error;
  return result.selection;
}

/** JSON has no comments; everywhere else a list may be Python, where `#` starts one. */
function commentMarkerFor(options: ParseOptions): number {
  const language = options.languageId;
  return language === 'json' || language === 'jsonc' || language === 'jsonl' ? NO_COMMENTS : HASH;
}

function* readSelection(scanner: Scanner, options: ParseOptions, sliceChars: number): Generator<void, ParsedSelection | ParseFailure, void> {
  const text = scanner.text;
  const first = scanner.skipSpace(0, text.length);
  const last = scanner.skipSpaceBackwards(text.length, first);
  if (first === last) return scanner.fail(0, 'the selection is empty; select the numbers to normalize, e.g. a Python list or a CSV block');
  const leading = text.slice(0, first);
  const trailing = text.slice(last);
  scanner.commentMarker = commentMarkerFor(options);
  // Comment lines above a Python list stay in the prefix, written back as they are.
  const start = text.charCodeAt(first) === scanner.commentMarker ? scanner.skipBlank(first, last) : first;
  const head = readPrefix(scanner, start, last);
  if (head) return yield* parseBracketed(scanner, { ...head, prefixStart: first }, last, leading, trailing, options, sliceChars);
  scanner.commentMarker = NO_COMMENTS;
  return yield* parseRows(scanner, first, last, leading, trailing, sliceChars);
}

interface Head {
  /** Where the bracket that starts the numbers is. */
  readonly literalStart: number;
  /** Where the text before the bracket (kept verbatim as the prefix) starts. */
  readonly prefixStart: number;
  /** The called name, as in `np.array(`. */
  readonly wrapper: string | undefined;
}

/**
 * Recognises `[`/`(` at the start, optionally after `name =` (or `const x: T =`) and a call
 * such as `np.array(`. Returns undefined when the selection does not start with a list.
 */
function readPrefix(scanner: Scanner, first: number, last: number): Head | undefined {
  const text = scanner.text;
  let index = first;
  let c = text.charCodeAt(index);
  if (c === OPEN_BRACKET || c === OPEN_PAREN) return { literalStart: index, prefixStart: first, wrapper: undefined };
  if (!isIdentifierStart(c)) return undefined;
  // `x = ...`: an `=` on the first line, before any comma or parenthesis.
  for (let scan = index; scan < last; scan++) {
    c = text.charCodeAt(scan);
    if (c === NEWLINE || c === COMMA || c === OPEN_PAREN || (c === OPEN_BRACKET && isDigit(text.charCodeAt(scan + 1)))) break;
    if (c === EQUALS) {
      if (text.charCodeAt(scan + 1) !== EQUALS) index = scanner.skipBlank(scan + 1, last);
      break;
    }
  }
  c = text.charCodeAt(index);
  if (c === OPEN_BRACKET || c === OPEN_PAREN) return { literalStart: index, prefixStart: first, wrapper: undefined };
  if (!isIdentifierStart(c)) return undefined;
  const nameStart = index;
  while (index < last && (isIdentifierPart(text.charCodeAt(index)) || text.charCodeAt(index) === DOT)) index++;
  const name = text.slice(nameStart, index);
  index = scanner.skipSpacesAndTabs(index, last, true);
  if (text.charCodeAt(index) !== OPEN_PAREN) return undefined;
  return { literalStart: scanner.skipBlank(index + 1, last), prefixStart: first, wrapper: name };
}

function wrapperKind(name: string): NotationKind {
  if (name.startsWith('torch.') || name === 'tensor') return 'torch';
  if (name.startsWith('np.') || name.startsWith('numpy.') || name === 'array' || name === 'asarray') return 'numpy';
  return 'call';
}

/** From just after the list to the `)` that closes the call, skipping strings and comments; -1 if it is not closed. */
function callEnd(scanner: Scanner, start: number, last: number): number {
  const text = scanner.text;
  let depth = 1;
  let quote = 0;
  for (let index = start; index < last; index++) {
    const c = text.charCodeAt(index);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOSTROPHE) quote = c;
    else if (c === scanner.commentMarker) index = scanner.skipComment(index, last);
    else if (c === OPEN_PAREN || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_PAREN || c === CLOSE_BRACKET) && --depth === 0) return index;
  }
  return -1;
}

function* parseBracketed(
  scanner: Scanner,
  head: Head,
  last: number,
  leading: string,
  trailing: string,
  options: ParseOptions,
  sliceChars: number,
): Generator<void, ParsedSelection | ParseFailure, void> {
  const text = scanner.text;
  const { literalStart, wrapper } = head;
  const c = text.charCodeAt(literalStart);
  if (c !== OPEN_BRACKET && c !== OPEN_PAREN) return scanner.fail(literalStart, 'expected a list after "{0}("', wrapper ?? '');
  const prefix = text.slice(head.prefixStart, literalStart);
  const nested = yield* parseNested(scanner, literalStart, last, wrapper === undefined, sliceChars);
  if (nested instanceof ParseFailure) return nested;
  if ('matlabAt' in nested) return yield* parseMatlab(scanner, nested.matlabAt, last, leading, trailing, prefix, sliceChars);

  // After the literal: the rest of the call's arguments, then an optional `;`.
  let index = scanner.skipBlank(nested.end, last);
  let dtype: { at: number; value: string } | undefined;
  if (wrapper !== undefined) {
    const argsStart = index;
    const close = callEnd(scanner, argsStart, last);
    if (close < 0) return scanner.fail(last, 'the call "{0}(" is not closed with ")"', wrapper);
    if (close > argsStart && text.charCodeAt(argsStart) !== COMMA) {
      return scanner.fail(argsStart, 'unexpected text at line {0}, column {1} after the list', ...scanner.place(argsStart));
    }
    dtype = findDtype(scanner, argsStart, close);
    index = scanner.skipBlank(close + 1, last);
  }
  if (index < last && text.charCodeAt(index) === SEMICOLON) index++;
  index = scanner.skipBlank(index, last);
  // `[1 2 3]; % weights`: a flat list followed by a MATLAB comment is a MATLAB row vector.
  const matlabComment = wrapper === undefined && nested.shape.length === 1 && nested.levels[0]!.open === '[' && text.charCodeAt(index) === PERCENT;
  if (matlabComment) index = scanner.skipSpace(scanner.skipComment(index, last), last);
  if (index < last) {
    return scanner.fail(index, 'unexpected text at line {0}, column {1} after the closing bracket; select one array at a time', ...scanner.place(index));
  }

  let kind: NotationKind;
  if (wrapper !== undefined) kind = wrapperKind(wrapper);
  else if (matlabComment) kind = 'matlab';
  else if (nested.spaceSeparated) kind = nested.shape.length === 1 && nested.levels[0]!.open === '[' && !scanner.sawComment ? 'matlab' : 'numpy';
  else if (nested.pythonOnly || scanner.sawUnderscore || scanner.sawBareDot || scanner.sawComment || options.languageId === 'python') kind = 'python';
  else kind = 'json';
  if (kind === 'json' && (options.languageId === 'matlab' || options.languageId === 'octave') && nested.shape.length === 1) kind = 'matlab';

  const notation: Notation = {
    kind,
    leading,
    trailing,
    prefix,
    suffix: text.slice(nested.end, last),
    levels: nested.levels,
    ...(dtype !== undefined ? { dtype: dtype.value, dtypeAt: dtype.at - nested.end } : {}),
    ...(nested.comments.length > 0 ? { comments: nested.comments } : {}),
  };
  return { shape: nested.shape, data: nested.data, notation, notes: [] };
}
