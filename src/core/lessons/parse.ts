import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { isRecord } from '../guards';
import { getMarkdown } from '../markdown/markdown';
import {
  QUIZ_TYPES,
  answerOutsideChoices,
  frontMatterSchema,
  labBlockSchema,
  normalizeBlockSchema,
  quizSchemas,
  type FrontMatter,
  type LabBlock,
  type NormalizeBlock,
  type Quiz,
  type QuizType,
} from './schema';

/** A problem in a lesson file, always with the 1-based line it concerns. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  /** A warning is reported but does not fail `lessons:check`; everything else is an error. */
  readonly severity?: 'warning';
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}: ${diagnostic.severity === 'warning' ? 'warning: ' : ''}${diagnostic.message}`;
}

/** A fenced block the extension understands, found at `line` (the line of its opening fence). */
export type LessonBlock =
  | { readonly kind: 'quiz'; readonly line: number; readonly quiz: Quiz }
  | { readonly kind: 'normalize'; readonly line: number; readonly block: NormalizeBlock }
  | { readonly kind: 'lab'; readonly line: number; readonly lab: LabBlock }
  | {
      readonly kind: 'invalid';
      readonly line: number;
      readonly fence: string;
      readonly diagnostics: readonly Diagnostic[];
      /** The quiz id, when the broken block still names one (so the language comparison does not report it twice). */
      readonly quizId?: string;
    };

export interface Lesson extends FrontMatter {
  readonly file: string;
  /** The Markdown after the front matter. */
  readonly body: string;
  /** How many lines precede `body` in the file (front matter and its fences). */
  readonly bodyOffset: number;
  /** Understood blocks by the 0-based line of their fence inside `body`. */
  readonly blocks: ReadonlyMap<number, LessonBlock>;
  readonly quizzes: readonly Quiz[];
}

export interface ParseResult {
  /** Absent when the front matter itself is unusable; then nothing of the file can be shown. */
  readonly lesson?: Lesson;
  readonly diagnostics: readonly Diagnostic[];
}

export const FENCES = ['quiz', 'normalize', 'lab'] as const;
type Fence = (typeof FENCES)[number];

export function fenceName(info: string): Fence | undefined {
  const name = info.trim().split(/\s+/)[0];
  return (FENCES as readonly string[]).includes(name ?? '') ? (name as Fence) : undefined;
}

/** Reads a YAML body and validates it, reporting every problem at the line of the offending key. */
function readYaml<T>(
  file: string,
  source: string,
  firstLine: number,
  validate: (value: unknown, lineOf: (path: readonly PropertyKey[]) => number) => { value?: T; diagnostics: Diagnostic[] },
): { value?: T; diagnostics: Diagnostic[]; raw?: unknown } {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      diagnostics: document.errors.map((error) => ({
        file,
        line: firstLine + (lineCounter.linePos(error.pos[0]).line - 1),
        message: `YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]) => firstLine + (nodeLine(document, lineCounter, path) - 1);
  const raw: unknown = document.toJS();
  return { ...validate(raw, lineOf), raw };
}

/** The line of the deepest node along `path` that exists (1-based, relative to the YAML source). */
function nodeLine(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number {
  for (let length = path.length; length >= 0; length--) {
    const keys = path.slice(0, length).map((key) => (typeof key === 'symbol' ? String(key) : key));
    const node = length === 0 ? document.contents : document.getIn(keys, true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

function issuesToDiagnostics(file: string, issues: readonly z.core.$ZodIssue[], lineOf: (path: readonly PropertyKey[]) => number, value: unknown): Diagnostic[] {
  return issues.map((issue) => ({ file, line: lineOf(issue.path), message: describeIssue(issue, value) }));
}

/** The value at `path` inside `value`, undefined where a step is missing. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const where = issue.path.length > 0 ? `\`${issue.path.map(String).join('.')}\`: ` : '';
  if (issue.code === 'unrecognized_keys') return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `\`${key}\``).join(', ')}`;
  // zod does not keep the input in its issues, so whether the field is absent is read from the value itself.
  if (issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined) return `${where}missing (required)`;
  return `${where}${issue.message}`;
}

function validateWith<T>(schema: z.ZodType<T>, file: string) {
  return (value: unknown, lineOf: (path: readonly PropertyKey[]) => number): { value?: T; diagnostics: Diagnostic[] } => {
    const result = schema.safeParse(value);
    return result.success ? { value: result.data, diagnostics: [] } : { diagnostics: issuesToDiagnostics(file, result.error.issues, lineOf, value) };
  };
}

function validateQuiz(file: string) {
  return (value: unknown, lineOf: (path: readonly PropertyKey[]) => number): { value?: Quiz; diagnostics: Diagnostic[] } => {
    if (!isRecord(value)) {
      return { diagnostics: [{ file, line: lineOf([]), message: 'a quiz block must be a YAML mapping' }] };
    }
    const type = value.type;
    if (type === undefined) return { diagnostics: [{ file, line: lineOf([]), message: `\`type\`: missing (one of ${QUIZ_TYPES.join(', ')})` }] };
    if (!(QUIZ_TYPES as readonly unknown[]).includes(type)) {
      return { diagnostics: [{ file, line: lineOf(['type']), message: `\`type\`: unknown quiz type "${String(type)}" (one of ${QUIZ_TYPES.join(', ')})` }] };
    }
    const result = validateWith(quizSchemas[type as QuizType] as z.ZodType<Quiz>, file)(value, lineOf);
    if (result.value) return result;
    // zod skips the cross-field rules when a field is missing; still report an answer not among the choices.
    const extra = answerOutsideChoices(value).filter(
      (issue) => !result.diagnostics.some((diagnostic) => diagnostic.message.endsWith(issue.message)),
    );
    return { diagnostics: [...result.diagnostics, ...extra.map((issue) => ({ file, line: lineOf(issue.path), message: `\`${issue.path.join('.')}\`: ${issue.message}` }))] };
  };
}

const frontMatterPattern = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Parses one lesson file: front matter, then every ```quiz, ```normalize and ```lab block. */
export function parseLesson(file: string, text: string): ParseResult {
  const match = frontMatterPattern.exec(text);
  if (!match) {
    return { diagnostics: [{ file, line: 1, message: 'missing front matter: the file must start with a `---` block holding id, title, order and summary' }] };
  }
  const front = readYaml(file, match[1]!, 2, validateWith(frontMatterSchema, file));
  if (!front.value) return { diagnostics: front.diagnostics };

  const bodyOffset = match[0].split('\n').length - 1;
  const body = text.slice(match[0].length);
  const diagnostics: Diagnostic[] = [];
  const blocks = new Map<number, LessonBlock>();
  const quizzes: Quiz[] = [];
  for (const token of getMarkdown().parse(body, {})) {
    const fence = token.type === 'fence' ? fenceName(token.info) : undefined;
    if (!fence || !token.map) continue;
    const fenceLine = token.map[0];
    const line = bodyOffset + fenceLine + 1;
    const contentLine = line + 1;
    let block: LessonBlock;
    if (fence === 'quiz') {
      const result = readYaml(file, token.content, contentLine, validateQuiz(file));
      const rawId = (result.raw as { id?: unknown } | null | undefined)?.id;
      block = result.value
        ? { kind: 'quiz', line, quiz: result.value }
        : { kind: 'invalid', line, fence, diagnostics: result.diagnostics, ...(typeof rawId === 'string' ? { quizId: rawId } : {}) };
      if (result.value) quizzes.push(result.value);
    } else if (fence === 'normalize') {
      const result = readYaml(file, token.content, contentLine, validateWith(normalizeBlockSchema, file));
      block = result.value ? { kind: 'normalize', line, block: result.value } : { kind: 'invalid', line, fence, diagnostics: result.diagnostics };
    } else {
      const result = readYaml(file, token.content, contentLine, validateWith(labBlockSchema, file));
      block = result.value ? { kind: 'lab', line, lab: result.value as LabBlock } : { kind: 'invalid', line, fence, diagnostics: result.diagnostics };
    }
    if (block.kind === 'invalid') diagnostics.push(...block.diagnostics);
    blocks.set(fenceLine, block);
  }
  const seen = new Map<string, number>();
  for (const block of blocks.values()) {
    if (block.kind !== 'quiz') continue;
    const first = seen.get(block.quiz.id);
    if (first !== undefined) diagnostics.push({ file, line: block.line, message: `duplicate quiz id "${block.quiz.id}" (first used on line ${first})` });
    else seen.set(block.quiz.id, block.line);
  }
  return { lesson: { ...front.value, file, body, bodyOffset, blocks, quizzes }, diagnostics };
}

/**
 * The heading of the section a quiz sits in (the last heading before its block), for the
 * review's link back; undefined when the quiz comes before any heading or is not in the lesson.
 */
export function sectionOf(lesson: Lesson, quizId: string): string | undefined {
  const fenceLine = [...lesson.blocks].find(([, block]) => block.kind === 'quiz' && block.quiz.id === quizId)?.[0];
  if (fenceLine === undefined) return undefined;
  let heading: string | undefined;
  let inFence = false;
  lesson.body
    .split('\n')
    .slice(0, fenceLine)
    .forEach((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      const match = inFence ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (match) heading = match[1];
    });
  return heading;
}
