/**
 * How the parser reports a problem. Inside the parser a problem is a returned `ParseFailure`
 * value (the functions return it instead of throwing); `parseSelection` turns it into a
 * `SelectionParseError` with line and column for its callers.
 */
import { fillTemplate } from './messages';

/** A problem at `offset`, as an English template and its arguments (see `CoreMessage`). */
export class ParseFailure {
  constructor(
    readonly offset: number,
    readonly template: string,
    readonly args: readonly (string | number)[],
  ) {}
}

const NEWLINE = 10;

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): [line: number, column: number] {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (text.charCodeAt(index) === NEWLINE) {
      line++;
      lineStart = index + 1;
    }
  }
  return [line, offset - lineStart + 1];
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
    [this.line, this.column] = lineAndColumn(text, this.offset);
  }
}

/** Long tokens are cut in messages, which must fit in a notification. */
export function shorten(token: string): string {
  return token.length > 24 ? `${token.slice(0, 20)}…` : token;
}
