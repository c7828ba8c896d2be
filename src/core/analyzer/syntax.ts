/**
 * Small helpers over @lezer/python's tree: node names only, never the text sliced by pattern.
 */
import type { SyntaxNode, TreeCursor } from '@lezer/common';

export const isError = (node: SyntaxNode): boolean => node.type.isError;

/** The first child named `name`: `node.getChild(name)` without the cursor it builds (this runs for most nodes the analyzer looks at). */
export function childNamed(node: SyntaxNode, name: string): SyntaxNode | null {
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name === name) return child;
  return null;
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
}

/** Punctuation and keywords that are not expressions in an argument or element list. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', 'AssignOp', '*', '**', '.']);

export interface CallArgument {
  /** The keyword, for `eps=1e-3`. */
  readonly keyword?: string;
  readonly value: SyntaxNode;
  /** `*args` or `**kwargs`. */
  readonly splat?: '*' | '**';
  /** From the keyword (or the value) to the end of the value. */
  readonly from: number;
  readonly to: number;
}

/** The arguments of an ArgList, split at commas; incomplete pieces (an `eps=` with no value) are dropped. */
export function callArguments(argList: SyntaxNode, text: string): CallArgument[] {
  const args: CallArgument[] = [];
  let piece: SyntaxNode[] = [];
  const flush = () => {
    const parts = piece;
    piece = [];
    if (parts.length === 0) return;
    const [first, second, third] = parts;
    if (parts.length >= 3 && first.name === 'VariableName' && second.name === 'AssignOp' && !isError(third)) {
      args.push({ keyword: text.slice(first.from, first.to), value: third, from: first.from, to: third.to });
    } else if (parts.length >= 2 && (first.name === '*' || first.name === '**') && !isError(second)) {
      args.push({ splat: first.name, value: second, from: first.from, to: second.to });
    } else if (parts.length === 1 && !PUNCTUATION.has(first.name) && !isError(first)) {
      args.push({ value: first, from: first.from, to: first.to });
    } else if (parts.length > 1 && first.name !== 'VariableName') {
      // Something half-typed (`eps=`, `1 2`): no argument the analyzer can stand on.
      args.push({ splat: '*', value: first, from: first.from, to: parts[parts.length - 1].to });
    }
  };
  for (let child = argList.firstChild; child; child = child.nextSibling) {
    if (child.name === '(' || child.name === ')') continue;
    if (child.name === ',') flush();
    else piece.push(child);
  }
  flush();
  return args;
}

/** Elements of a list/tuple literal (children that are expressions). */
export function elements(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((child) => !PUNCTUATION.has(child.name) && !isError(child));
}

/** The innermost enclosing node of one of `names`, or null. */
export function enclosing(node: SyntaxNode, names: ReadonlySet<string>): SyntaxNode | null {
  for (let parent = node.parent; parent; parent = parent.parent) if (names.has(parent.name)) return parent;
  return null;
}

/** Python's number syntax: 1_000, 0x10, 1e-5, 3.; complex (1j) is not a size. */
export function parseNumber(literal: string): number | undefined {
  const clean = literal.replace(/_/g, '').toLowerCase();
  if (clean.endsWith('j')) return undefined;
  if (/^0[xob]/.test(clean)) {
    const radix = clean[1] === 'x' ? 16 : clean[1] === 'o' ? 8 : 2;
    const value = parseInt(clean.slice(2), radix);
    return Number.isNaN(value) ? undefined : value;
  }
  const value = Number(clean.endsWith('l') ? clean.slice(0, -1) : clean);
  return Number.isFinite(value) ? value : undefined;
}

/** A plain string literal's contents ('abc', "abc"); undefined for f-strings and prefixed or implicit concatenations. */
export function parseString(literal: string): string | undefined {
  const quote = literal[0];
  if (quote !== '"' && quote !== "'") return undefined;
  const triple = literal.startsWith(quote.repeat(3));
  const inner = triple ? literal.slice(3, -3) : literal.slice(1, -1);
  if (literal.length < (triple ? 6 : 2) || inner.includes('\\')) return undefined;
  return inner;
}

/**
 * Visits every node inside `node` (itself included), in document order, with a cursor on it:
 * check `cursor.name` before asking for `cursor.node` (making node objects is what costs).
 * `visit` returning false skips the node's children.
 */
export function forEachNode(node: SyntaxNode, visit: (cursor: TreeCursor) => boolean | void): void {
  const cursor = node.cursor();
  let depth = 0;
  for (;;) {
    if (visit(cursor) !== false && cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}
