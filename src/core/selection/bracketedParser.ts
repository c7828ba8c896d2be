/**
 * Nested lists: JSON arrays, Python lists and tuples, the list inside `np.array(...)` or
 * `torch.tensor(...)`, printed NumPy arrays. `[` or `(` opens a list, the matching bracket closes
 * it, items are separated by commas or (printed arrays) by whitespace. The shape is the item count
 * at each depth; every list at a depth must have the same count, or the error names the list
 * that differs. The layout around the first items of each depth is recorded for writing back.
 */
import type { Level, VerbatimGap } from './notation';
import { ParseFailure } from './parseError';
import { characters, NumberSink, type Scanner, withoutComments } from './scanner';

const { CARRIAGE_RETURN, CLOSE_BRACKET, CLOSE_PAREN, COMMA, HASH, isNumberStart, isSpace, NEWLINE, NO_COMMENTS, OPEN_BRACKET, OPEN_PAREN, PERCENT, SEMICOLON, SPACE, TAB } = characters;

export interface NestedLists {
  readonly shape: number[];
  readonly data: Float64Array;
  readonly levels: Level[];
  /** Just after the closing bracket. */
  readonly end: number;
  readonly spaceSeparated: boolean;
  /** Tuples or a trailing comma: only Python writes these. */
  readonly pythonOnly: boolean;
  readonly comments: VerbatimGap[];
}

/** `[1 2; 3 4]` or `[1 2 % comment`: a MATLAB matrix, which the row parser reads. */
export interface MatlabMatrix {
  readonly matlabAt: number;
}

export type NestedOutcome = NestedLists | MatlabMatrix | ParseFailure;

const MAX_DEPTH = 32;
const COMMA_MODE = 1;
const SPACE_MODE = 2;

/**
 * Reads the lists that open at `start` (a `[` or `(`); stops after the bracket that closes them.
 * It yields after every `sliceChars` characters or so, so a host can pause between slices.
 */
export function* parseNested(scanner: Scanner, start: number, last: number, allowMatlab: boolean, sliceChars: number): Generator<void, NestedOutcome, void> {
  const parser = new NestedListParser(scanner, start, last, allowMatlab);
  for (;;) {
    const outcome = parser.advance(sliceChars);
    if (outcome) return outcome;
    yield;
  }
}

/** A failed step returns this instead of the next offset; the failure is in `failure`. */
const FAILED = -1;

class NestedListParser {
  private readonly text: string;
  private readonly sink: NumberSink;
  // Per depth (1 = outermost list): items so far, the size all lists there must have (-1 until
  // the first one closes), where the open list starts and ends its last item, where a too-long
  // list overflows, and the layout text seen around its first items.
  private readonly counts = new Int32Array(MAX_DEPTH + 1);
  private readonly dims = new Int32Array(MAX_DEPTH + 1).fill(-1);
  private readonly openAt = new Int32Array(MAX_DEPTH + 1);
  private readonly lastItemEnd = new Int32Array(MAX_DEPTH + 1);
  private readonly extraAt = new Int32Array(MAX_DEPTH + 1).fill(-1);
  private readonly openChars: string[] = [];
  private readonly afterOpen: (string | undefined)[] = [];
  private readonly separators: (string | undefined)[] = [];
  private readonly beforeClose: (string | undefined)[] = [];
  private depth = 0;
  private maxDepth = 0;
  /** The depth that holds numbers, once the first number is seen. */
  private leafDepth = -1;
  // The item count and expected size of the innermost open list: the hot path reads them here.
  private count = 0;
  private expected = -1;
  private mode = 0;
  private expectItem = true;
  private lastWasComma = false;
  private pythonOnly = false;
  // Comments: brackets and numbers are counted as tokens; the gap before a token that follows a
  // comment is kept verbatim, numbered as the writer numbers gaps.
  private tokens = 0;
  private lastTokenEnd = 0;
  private commentPending = false;
  private readonly comments: VerbatimGap[] = [];
  private failure: ParseFailure | undefined;
  /** Where `advance` goes on from. */
  private index: number;

  constructor(
    private readonly scanner: Scanner,
    private readonly start: number,
    private readonly last: number,
    private readonly allowMatlab: boolean,
  ) {
    this.text = scanner.text;
    this.index = start;
    this.sink = new NumberSink(Math.min(1 << 20, (last - start) >> 1));
  }

  /**
   * Reads on for about `budget` characters from where it stopped: the outcome once the lists are
   * read (or fail), undefined when it paused and `advance` should be called again.
   */
  advance(budget: number): NestedOutcome | undefined {
    const { text, last, scanner } = this;
    const stop = Math.min(last, this.index + budget);
    let index = this.index;
    while (index < stop) {
      const c = text.charCodeAt(index);
      if (c === SPACE || c === NEWLINE || c === TAB || c === CARRIAGE_RETURN) {
        index++;
        continue;
      }
      if (isNumberStart(c)) {
        if (this.depth === 0) return this.finish(index);
        index = this.number(index);
      } else if (c === COMMA) {
        if (this.depth === 0) return this.finish(index);
        index = this.comma(index);
      } else if (c === OPEN_BRACKET || c === OPEN_PAREN) {
        index = this.open(index, c);
      } else if (c === CLOSE_BRACKET || c === CLOSE_PAREN) {
        if (this.depth === 0) return this.finish(index);
        index = this.close(index, c);
        if (index !== FAILED && this.depth === 0) return this.finish(index);
      } else if (c === scanner.commentMarker) {
        index = scanner.skipComment(index, last);
        this.commentPending = true;
      } else if ((c === SEMICOLON || c === PERCENT) && this.isMatlabRow()) {
        return { matlabAt: this.start };
      } else {
        if (this.depth === 0) return this.finish(index);
        return this.unexpected(index, c);
      }
      if (index === FAILED) return this.failure!;
    }
    if (index < last) {
      this.index = index;
      return undefined;
    }
    return this.finish(index);
  }

  private number(index: number): number {
    const { text, scanner, depth } = this;
    if (this.leafDepth !== depth) {
      if (this.leafDepth === -1 && this.maxDepth === depth) this.leafDepth = depth;
      else return this.fail(index, 'expected a list at line {0}, column {1}: the items around it are lists, so this number makes the array ragged', ...scanner.place(index));
    }
    if (!this.expectItem && !this.whitespaceSeparator(index)) return FAILED;
    this.token(index);
    if (++this.count <= 2 || this.count === this.expected + 1) this.noteItem(index);
    const numberStart = index;
    const value = scanner.scanNumber(index);
    if (value !== value) return this.failWith(scanner.failure!);
    this.sink.push(value);
    index = scanner.end;
    const next = text.charCodeAt(index);
    if (!(next === COMMA || next === CLOSE_BRACKET || next === CLOSE_PAREN || isSpace(next) || next === SEMICOLON || next === scanner.commentMarker || index >= this.last)) {
      return this.failWith(scanner.afterNumberFailure(numberStart, index));
    }
    this.lastItemEnd[depth] = index;
    this.lastTokenEnd = index;
    // The common case, a comma right after the number, without another trip round the loop.
    if (next === COMMA && this.mode !== SPACE_MODE) {
      this.mode = COMMA_MODE;
      this.expectItem = true;
      this.lastWasComma = true;
      index++;
      while (text.charCodeAt(index) === SPACE) index++;
      return index;
    }
    this.expectItem = false;
    this.lastWasComma = false;
    return index;
  }

  private comma(index: number): number {
    if (this.expectItem) {
      return this.fail(index, this.count === 0 ? 'a list cannot start with a comma (line {0}, column {1})' : 'two commas in a row at line {0}, column {1}: a value is missing', ...this.scanner.place(index));
    }
    if (this.mode === SPACE_MODE) return this.fail(index, 'a comma at line {0}, column {1} in a list whose other items are separated by spaces', ...this.scanner.place(index));
    this.mode = COMMA_MODE;
    this.expectItem = true;
    this.lastWasComma = true;
    return index + 1;
  }

  private open(index: number, c: number): number {
    const depth = this.depth;
    if (depth > 0) {
      if (this.leafDepth !== -1 && depth >= this.leafDepth) {
        return this.fail(index, 'expected a number at line {0}, column {1}: the items around it are numbers, so this list makes the array ragged', ...this.scanner.place(index));
      }
      if (!this.expectItem && !this.whitespaceSeparator(index)) return FAILED;
      if (++this.count <= 2 || this.count === this.expected + 1) this.noteItem(index);
      this.counts[depth] = this.count;
    }
    if (depth === MAX_DEPTH) return this.fail(index, 'lists are nested more than {0} deep', MAX_DEPTH);
    this.token(index);
    this.depth = depth + 1;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
    this.count = 0;
    this.expected = this.dims[this.depth]!;
    this.openAt[this.depth] = index;
    this.openChars[this.depth] ??= this.text[index]!;
    if (c === OPEN_PAREN) this.pythonOnly = true;
    this.expectItem = true;
    this.lastWasComma = false;
    this.lastTokenEnd = index + 1;
    return index + 1;
  }

  private close(index: number, c: number): number {
    const { depth, text, scanner } = this;
    const openAt = this.openAt[depth]!;
    if ((text.charCodeAt(openAt) === OPEN_BRACKET) !== (c === CLOSE_BRACKET)) {
      return this.fail(index, '"{0}" at line {1}, column {2} does not match the "{3}" at line {4}, column {5}', text[index]!, ...scanner.place(index), text[openAt]!, ...scanner.place(openAt));
    }
    this.token(index);
    if (this.lastWasComma) this.pythonOnly = true;
    if (this.beforeClose[depth] === undefined && this.count > 0) this.beforeClose[depth] = text.slice(this.lastItemEnd[depth], index);
    if (this.expected === -1) this.dims[depth] = this.count;
    else if (this.count !== this.expected) return this.failWith(this.raggedList(this.count > this.expected ? this.extraAt[depth]! : index));
    this.depth = depth - 1;
    this.count = this.counts[this.depth]!;
    this.expected = this.dims[this.depth]!;
    this.lastItemEnd[this.depth] = index + 1;
    this.lastTokenEnd = index + 1;
    this.expectItem = false;
    this.lastWasComma = false;
    return index + 1;
  }

  /** A `;` or `%` inside a flat `[...]`: MATLAB's row separator or comment. */
  private isMatlabRow(): boolean {
    return this.depth === 1 && this.allowMatlab && this.maxDepth === 1 && this.text.charCodeAt(this.start) === OPEN_BRACKET;
  }

  private unexpected(index: number, c: number): ParseFailure {
    if (c === HASH && this.scanner.commentMarker === NO_COMMENTS) {
      return this.scanner.fail(index, 'a "#" comment at line {0}, column {1}: JSON has no comments; remove it or select the list in a Python file', ...this.scanner.place(index));
    }
    if (this.expectItem) return this.scanner.itemFailure(index);
    return this.scanner.fail(index, 'unexpected "{0}" at line {1}, column {2}; items must be separated by commas', this.text[index]!, ...this.scanner.place(index));
  }

  /** Counts a bracket or number; after a comment, keeps the gap before it verbatim. */
  private token(index: number): void {
    if (this.commentPending) {
      this.comments.push({ gap: this.tokens - 1, text: this.text.slice(this.lastTokenEnd, index) });
      this.commentPending = false;
    }
    this.tokens++;
  }

  /** Items separated by whitespace only: a printed NumPy array or a MATLAB row. */
  private whitespaceSeparator(offset: number): boolean {
    if (offset === this.lastItemEnd[this.depth]) {
      this.failure = this.scanner.itemFailure(offset);
      return false;
    }
    if (this.mode === COMMA_MODE) {
      this.fail(offset, 'missing comma before line {0}, column {1}', ...this.scanner.place(offset));
      return false;
    }
    this.mode = SPACE_MODE;
    return true;
  }

  /** Records the layout around the first two items of a list, and where a too-long list first overflows. */
  private noteItem(offset: number): void {
    const depth = this.depth;
    if (this.count === 1) this.afterOpen[depth] ??= this.text.slice(this.openAt[depth]! + 1, offset);
    else if (this.count === 2) this.separators[depth] ??= this.text.slice(this.lastItemEnd[depth], offset);
    if (this.count === this.expected + 1) this.extraAt[depth] = offset;
  }

  private raggedList(offset: number): ParseFailure {
    const { depth, leafDepth, counts, count, expected, scanner } = this;
    const [line, column] = scanner.place(offset);
    if (depth === 2 && leafDepth === 2) {
      return scanner.fail(offset, 'row {0} has {1} values, the rows above have {2} (line {3}, column {4}); every row needs the same length', counts[1]!, count, expected, line, column);
    }
    let path = '';
    for (let level = 1; level < depth; level++) path += `[${counts[level]! - 1}]`;
    return scanner.fail(offset, 'the list at index {0} has {1} items, the lists before it have {2} (line {3}, column {4}); the array is ragged', path, count, expected, line, column);
  }

  private finish(end: number): NestedLists | ParseFailure {
    const { depth, scanner } = this;
    if (depth > 0) {
      const openAt = this.openAt[depth]!;
      return scanner.fail(openAt, 'the "{0}" at line {1}, column {2} is never closed', this.text[openAt]!, ...scanner.place(openAt));
    }
    if (this.leafDepth === -1 || this.sink.length === 0) return scanner.fail(this.start, 'the selection contains no numbers, only empty lists');
    const marker = String.fromCharCode(HASH);
    const gap = (text: string) => (this.comments.length > 0 ? withoutComments(text, marker) : text);
    const levels: Level[] = [];
    for (let level = 1; level <= this.leafDepth; level++) {
      const open = this.openChars[level] ?? '[';
      levels.push({
        open,
        close: open === '(' ? ')' : ']',
        afterOpen: gap(this.afterOpen[level] ?? ''),
        separator: gap(this.separators[level] ?? (this.mode === SPACE_MODE ? ' ' : ', ')),
        beforeClose: gap(this.beforeClose[level] ?? ''),
      });
    }
    return {
      shape: Array.from(this.dims.subarray(1, this.leafDepth + 1)),
      data: this.sink.finish(),
      levels,
      end,
      spaceSeparated: this.mode === SPACE_MODE,
      pythonOnly: this.pythonOnly || this.comments.length > 0,
      comments: this.comments,
    };
  }

  private fail(offset: number, template: string, ...args: (string | number)[]): number {
    return this.failWith(this.scanner.fail(offset, template, ...args));
  }

  private failWith(failure: ParseFailure): number {
    this.failure = failure;
    return FAILED;
  }
}
