/**
 * Every message between the webview pages and the extension host, one schema per message and
 * one union per direction and page; the TypeScript types are derived from the schemas
 * (valibot: it adds about 8 kB to a page where zod/mini adds 38 kB). Both sides import this
 * file; everything that arrives is checked with the `parse…` functions (or `checkMessage`, which
 * says which field failed) before it is used.
 */

import * as v from 'valibot';
import { parseSelectionExplorer, type SelectionExplorer } from './core/labs/selectionExplorer';
import type { AttemptState } from './core/lessons/attempt';
import { quizResponseSchema, type QuizResponse, type Verdict } from './core/lessons/grade';
import { seedSchema } from './core/lessons/random';
import { LESSON_COMMANDS } from './core/markdown/lessonCommands';
import { quizViewSchema, type QuizView } from './core/render/quizViewSchema';

// ---- Checking ----------------------------------------------------------------------------

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** One issue as `path: what was wrong`, e.g. `view.labels.copy: Invalid type: Expected string but received undefined`. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((item) => String(item.key)).join('.');
  return `${path || '(message)'}: ${issue.message}`;
}

/** Checks `value` against `schema`; a failure names the field that failed (the first one). */
export function checkMessage<Schema extends v.GenericSchema>(schema: Schema, value: unknown): Checked<v.InferOutput<Schema>> {
  const result = v.safeParse(schema, value);
  return result.success ? { ok: true, value: result.output } : { ok: false, problem: describeIssue(result.issues[0]) };
}

const parser =
  <Schema extends v.GenericSchema>(schema: Schema) =>
  (value: unknown): v.InferOutput<Schema> | undefined => {
    const result = v.safeParse(schema, value);
    return result.success ? result.output : undefined;
  };

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const labelsOf = <const Keys extends readonly string[]>(keys: Keys) =>
  v.object(Object.fromEntries(keys.map((key) => [key, v.string()])) as { [Key in Keys[number]]: v.StringSchema<undefined> });

// ---- Lesson page ------------------------------------------------------------------------

/** A quiz attempt as the page shows it; built by the host with `quizView` from the core. */
export type { QuizView, QuizResponse, Verdict };

/** Where an attempt stands (tries, reveal, hints), as the page remembers it. */
const attemptStateSchema = v.object({
  tries: count,
  solved: v.boolean(),
  revealed: v.boolean(),
  hintsUsed: count,
}) satisfies v.GenericSchema<unknown, AttemptState>;

/**
 * What the page remembers about a quiz between visits: the last graded answer, re-graded on
 * display, and where the attempt shown stands. A last answer the page cannot read is dropped,
 * not the whole lesson.
 */
const quizProgressViewSchema = v.object({
  attempts: count,
  last: v.optional(v.fallback(v.optional(v.object({ seed: seedSchema, response: quizResponseSchema })), undefined)),
  /** Absent: nothing done yet. */
  state: v.optional(v.fallback(v.optional(attemptStateSchema), undefined)),
});
export type QuizProgressView = v.InferOutput<typeof quizProgressViewSchema>;

/** Which presentation a quiz message belongs to: the lesson, or the review session. */
const quizModeSchema = v.picklist(['lesson', 'review']);
export type QuizMode = v.InferOutput<typeof quizModeSchema>;

/** The review session as the panel shows it: the first due item, or when the next one comes. */
export const reviewPayloadSchema = v.object({
  /** Cards due now, the one shown included. */
  due: count,
  item: v.optional(
    v.object({
      lessonId: v.string(),
      lessonTitle: v.string(),
      /** The section heading the item sits in, rendered inline. */
      sectionHtml: v.optional(v.string()),
      view: quizViewSchema,
      progress: quizProgressViewSchema,
    }),
  ),
  /** With nothing due: when the next card is due, as an ISO time, and as the host words it. */
  nextDue: v.optional(v.string()),
  nextDueText: v.optional(v.string()),
});
export type ReviewPayload = v.InferOutput<typeof reviewPayloadSchema>;

/** An answer time over an hour is not a measurement of thinking; it is dropped. */
const MAX_ANSWER_MS = 3_600_000;

/** What the page measured and remembers about the attempt an answer, reveal or hint belongs to. */
export const quizContextSchema = v.object({
  mode: quizModeSchema,
  hintsUsed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  /** Milliseconds from the item being shown (review) or first touched (lesson) to this answer; an implausible time is dropped. */
  ms: v.optional(
    v.fallback(
      v.optional(
        v.pipe(
          v.number(),
          v.finite(),
          v.minValue(0),
          v.maxValue(MAX_ANSWER_MS),
          v.transform((ms) => Math.round(ms)),
        ),
      ),
      undefined,
    ),
  ),
});
export type QuizContext = v.InferOutput<typeof quizContextSchema>;

const lessonLinkSchema = v.object({ id: v.string(), title: v.string() });

export const lessonPayloadSchema = v.object({
  id: v.string(),
  title: v.string(),
  /** 1-based position in the course and the course length, for "Lesson 2 of 6". */
  position: count,
  count: count,
  html: v.string(),
  quizzes: v.array(quizViewSchema),
  progress: v.record(v.string(), quizProgressViewSchema),
  previous: v.optional(lessonLinkSchema),
  next: v.optional(lessonLinkSchema),
  /** `file:line: message` for each problem of this lesson file; also shown in place. */
  problems: v.array(v.string()),
});
export type LessonPayload = v.InferOutput<typeof lessonPayloadSchema>;

export const lessonPageToHostSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({ type: v.literal('navigate'), direction: v.picklist(['previous', 'next']) }),
  v.object({ type: v.literal('answer'), lessonId: v.string(), quizId: v.string(), seed: seedSchema, response: quizResponseSchema, context: v.optional(quizContextSchema) }),
  v.object({ type: v.literal('newAttempt'), lessonId: v.string(), quizId: v.string() }),
  /** "Show answer", or a hint opened: both are remembered with the attempt. */
  v.object({ type: v.picklist(['reveal', 'hint']), lessonId: v.string(), quizId: v.string(), seed: seedSchema, context: quizContextSchema }),
  /** Show the review session (again): after a finished item, the next one. */
  v.object({ type: v.literal('review') }),
  /** A review item's link back to its lesson section. */
  v.object({ type: v.literal('openSection'), lessonId: v.string(), quizId: v.string() }),
  /** A lesson's `command:` link was followed; only the allow-listed commands pass. */
  v.object({ type: v.literal('runCommand'), command: v.picklist(LESSON_COMMANDS) }),
]);
export type LessonPageToHost = v.InferOutput<typeof lessonPageToHostSchema>;

export const hostToLessonPageSchema = v.variant('type', [
  /** `focusQuiz`: scroll to the section of that quiz (the review's link back). */
  v.object({ type: v.literal('showLesson'), lesson: lessonPayloadSchema, scrollY: v.number(), focusQuiz: v.optional(v.string()) }),
  /** A lesson file that could not be read at all. */
  v.object({ type: v.literal('showProblem'), title: v.string(), problems: v.array(v.string()) }),
  v.object({ type: v.literal('quizUpdated'), lessonId: v.string(), view: quizViewSchema }),
  /** Scroll to a quiz of the lesson on show and focus it (Quiz me from a CodeLens in model code). */
  v.object({ type: v.literal('revealQuiz'), lessonId: v.string(), quizId: v.string() }),
  v.object({ type: v.literal('showReview'), review: reviewPayloadSchema }),
]);
export type HostToLessonPage = v.InferOutput<typeof hostToLessonPageSchema>;

/** The labels the lesson page writes, localized by the host (`vscode.l10n`) and passed as initial state. */
export const lessonPageLabelsSchema = v.object({
  ...labelsOf([
    'check',
    'hint',
    'noMoreHints',
    'newNumbers',
    'correct',
    'wrong',
    'expected',
    'explanation',
    'previous',
    'next',
    'lessonOf',
    'yourAnswer',
    'moveUp',
    'moveDown',
    /** Announced after a move: "{0} is now at position {1} of {2}". */
    'movedTo',
    'markCorrect',
    'markWrong',
    'markMissed',
    'problems',
    'loading',
    'wrongTryAgain',
    'showAnswer',
    'newAttempt',
    'cellsGrid',
    'cellsSample',
    'cell',
    'cellTarget',
    'cellsSelected',
    'review',
    'reviewDue',
    'reviewFrom',
    'reviewNext',
    'reviewEmpty',
    'reviewNothingYet',
  ] as const).entries,
  invalid: labelsOf(['empty', 'notANumber', 'wrongType', 'unknownChoice', 'notAPermutation'] as const),
});
export type LessonPageLabels = v.InferOutput<typeof lessonPageLabelsSchema>;

export const lessonPageStateSchema = v.object({ labels: lessonPageLabelsSchema });
export type LessonPageState = v.InferOutput<typeof lessonPageStateSchema>;

/**
 * What the page keeps with `setState`, and the serializer gets back after a reload; a bad scroll
 * position becomes 0. `lessonId` is empty while the review session is shown (`review: true`).
 */
export const lessonPanelStateSchema = v.object({
  lessonId: v.string(),
  scrollY: v.pipe(
    v.fallback(v.pipe(v.number(), v.finite()), 0),
    v.transform((scrollY) => Math.max(0, scrollY)),
  ),
  review: v.optional(v.fallback(v.optional(v.boolean()), undefined)),
});
export type LessonPanelState = v.InferOutput<typeof lessonPanelStateSchema>;

/** A quiz response of any type, or undefined when the shape is wrong (the grader checks the content). */
export const parseQuizResponse = parser(quizResponseSchema);
export const parseQuizContext = parser(quizContextSchema);
export const parseLessonPageMessage = parser(lessonPageToHostSchema);
export const parseHostToLessonPage = parser(hostToLessonPageSchema);
/** The panel state the serializer gets back; anything unreadable means "start at the first lesson". */
export const parseLessonPanelState = parser(lessonPanelStateSchema);

// ---- Result page (Normalize Selection) ---------------------------------------------------

export const resultActionSchema = v.picklist(['replace', 'insertBelow', 'copy']);
export type ResultAction = v.InferOutput<typeof resultActionSchema>;

/** One pooled group's statistics, as the engine reports them (absent when the op does not compute one). */
export const resultGroupViewSchema = v.object({
  index: count,
  count: count,
  mean: v.optional(v.number()),
  std: v.optional(v.number()),
  rstd: v.optional(v.number()),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
});
export type ResultGroupView = v.InferOutput<typeof resultGroupViewSchema>;

const gridFieldsSchema = v.object({
  rows: count,
  columns: count,
  totalRows: count,
  totalColumns: count,
  groups: v.array(count),
  inputs: v.array(v.string()),
  outputs: v.array(v.string()),
});

type GridFields = v.InferOutput<typeof gridFieldsSchema>;

const oneEntryPerCell = (field: 'groups' | 'inputs' | 'outputs') =>
  v.forward(
    v.check((grid: GridFields) => grid[field].length === grid.rows * grid.columns, 'needs one entry per cell (rows × columns)'),
    [field] as const,
  );

/** The tensor as rows × columns (last axis = columns), cut to what fits on screen; `groups[i]` is the group of cell i. */
export const resultGridViewSchema = v.pipe(gridFieldsSchema, oneEntryPerCell('groups'), oneEntryPerCell('inputs'), oneEntryPerCell('outputs'));
export type ResultGridView = v.InferOutput<typeof resultGridViewSchema>;

/** Every word the page writes, localized by the host. */
export const resultLabelsSchema = labelsOf([
  'input',
  'output',
  'shape',
  'notation',
  'params',
  'pooling',
  'groups',
  'group',
  'count',
  'mean',
  'std',
  'rstd',
  'min',
  'max',
  'grid',
  'gridCell',
  'replace',
  'insertBelow',
  'copy',
  'truncated',
  'moreGroups',
  'editUnavailable',
  'notes',
  'explore',
  'exploreIntro',
] as const);
export type ResultLabels = v.InferOutput<typeof resultLabelsSchema>;

/** The explorer's own check (`parseSelectionExplorer`); the view checks that its shape is the result's. */
const selectionExplorerSchema = v.custom<SelectionExplorer>((value) => parseSelectionExplorer(value) !== undefined);

export const resultViewSchema = v.pipe(
  v.object({
    title: v.string(),
    pooling: v.string(),
    params: v.string(),
    shape: v.array(count),
    notation: v.string(),
    count: count,
    groupCount: count,
    /** Input and output in the selection's notation, cut to a readable length when `truncated`. */
    input: v.string(),
    output: v.string(),
    truncated: v.boolean(),
    groups: v.array(resultGroupViewSchema),
    grid: resultGridViewSchema,
    /** The selection's numbers for the tensor explorer; absent when it cannot show them (see `selectionExplorer`). */
    explorer: v.optional(selectionExplorerSchema),
    notes: v.array(v.string()),
    /** False after a reload: the selection the result came from is gone, only Copy still works. */
    canEdit: v.boolean(),
    labels: resultLabelsSchema,
  }),
  v.forward(
    v.check((view) => view.explorer === undefined || parseSelectionExplorer(view.explorer, view.shape) !== undefined, "the explorer's shape is not the result's"),
    ['explorer'],
  ),
);
export type ResultView = v.InferOutput<typeof resultViewSchema>;

export const resultPageToHostSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({ type: v.literal('apply'), action: resultActionSchema }),
]);
export type ResultPageToHost = v.InferOutput<typeof resultPageToHostSchema>;

export const hostToResultPageSchema = v.variant('type', [
  v.object({ type: v.literal('showResult'), view: resultViewSchema }),
  v.object({ type: v.literal('actionDone'), action: resultActionSchema, ok: v.boolean(), message: v.string() }),
]);
export type HostToResultPage = v.InferOutput<typeof hostToResultPageSchema>;

export const parseResultPageMessage = parser(resultPageToHostSchema);
/** A whole result view: from the host, or from the page's saved state after a reload. */
export const parseResultView = parser(resultViewSchema);
export const parseHostToResultPage = parser(hostToResultPageSchema);
