/**
 * Every message between the webview pages and the extension host, one union per direction
 * and page. Both sides import this file; everything that arrives is validated with the
 * `parse…` functions before it is used.
 */

import { parseSelectionExplorer, type SelectionExplorer } from './core/labs/selectionExplorer';
import type { AttemptState } from './core/lessons/attempt';
import type { QuizResponse, Verdict } from './core/lessons/grade';
import type { QuizView } from './core/render/quizView';
import { isRecord } from './core/guards';

// ---- Lesson page ------------------------------------------------------------------------

/** A quiz attempt as the page shows it; built by the host with `quizView` from the core. */
export type { QuizView, QuizResponse, Verdict };

/** What the page remembers about a quiz between visits: the last graded answer, re-graded on display. */
export interface QuizProgressView {
  readonly attempts: number;
  readonly last?: { readonly seed: number; readonly response: QuizResponse };
  /** Where the attempt shown stands (tries, reveal, hints); absent: nothing done yet. */
  readonly state?: AttemptState;
}

/** Which presentation a quiz message belongs to: the lesson, or the review session. */
export type QuizMode = 'lesson' | 'review';

/** The review session as the panel shows it: the first due item, or when the next one comes. */
export interface ReviewPayload {
  /** Cards due now, the one shown included. */
  readonly due: number;
  readonly item?: {
    readonly lessonId: string;
    readonly lessonTitle: string;
    /** The section heading the item sits in, rendered inline. */
    readonly sectionHtml?: string;
    readonly view: QuizView;
    readonly progress: QuizProgressView;
  };
  /** With nothing due: when the next card is due, as an ISO time, and as the host words it. */
  readonly nextDue?: string;
  readonly nextDueText?: string;
}

/** What the page measured and remembers about the attempt an answer, reveal or hint belongs to. */
export interface QuizContext {
  readonly mode: QuizMode;
  readonly hintsUsed: number;
  /** Milliseconds from the item being shown (review) or first touched (lesson) to this answer. */
  readonly ms?: number;
}

export interface LessonPayload {
  readonly id: string;
  readonly title: string;
  /** 1-based position in the course and the course length, for "Lesson 2 of 6". */
  readonly position: number;
  readonly count: number;
  readonly html: string;
  readonly quizzes: readonly QuizView[];
  readonly progress: Readonly<Record<string, QuizProgressView>>;
  readonly previous?: { readonly id: string; readonly title: string };
  readonly next?: { readonly id: string; readonly title: string };
  /** `file:line: message` for each problem of this lesson file; also shown in place. */
  readonly problems: readonly string[];
}

export type LessonPageToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'navigate'; readonly direction: 'previous' | 'next' }
  | { readonly type: 'answer'; readonly lessonId: string; readonly quizId: string; readonly seed: number; readonly response: QuizResponse; readonly context?: QuizContext }
  | { readonly type: 'newAttempt'; readonly lessonId: string; readonly quizId: string }
  /** "Show answer", or a hint opened: both are remembered with the attempt. */
  | { readonly type: 'reveal' | 'hint'; readonly lessonId: string; readonly quizId: string; readonly seed: number; readonly context: QuizContext }
  /** Show the review session (again): after a finished item, the next one. */
  | { readonly type: 'review' }
  /** A review item's link back to its lesson section. */
  | { readonly type: 'openSection'; readonly lessonId: string; readonly quizId: string };

export type HostToLessonPage =
  /** `focusQuiz`: scroll to the section of that quiz (the review's link back). */
  | { readonly type: 'showLesson'; readonly lesson: LessonPayload; readonly scrollY: number; readonly focusQuiz?: string }
  /** A lesson file that could not be read at all. */
  | { readonly type: 'showProblem'; readonly title: string; readonly problems: readonly string[] }
  | { readonly type: 'quizUpdated'; readonly lessonId: string; readonly view: QuizView }
  | { readonly type: 'showReview'; readonly review: ReviewPayload };

/** The labels the lesson page writes, localized by the host (`vscode.l10n`) and passed as initial state. */
export interface LessonPageLabels {
  readonly check: string;
  readonly hint: string;
  readonly noMoreHints: string;
  readonly newNumbers: string;
  readonly correct: string;
  readonly wrong: string;
  readonly expected: string;
  readonly explanation: string;
  readonly previous: string;
  readonly next: string;
  readonly lessonOf: string;
  readonly yourAnswer: string;
  readonly moveUp: string;
  readonly moveDown: string;
  /** Announced after a move: "{0} is now at position {1} of {2}". */
  readonly movedTo: string;
  readonly markCorrect: string;
  readonly markWrong: string;
  readonly markMissed: string;
  readonly invalid: Readonly<Record<'empty' | 'notANumber' | 'wrongType' | 'unknownChoice' | 'notAPermutation', string>>;
  readonly problems: string;
  readonly loading: string;
  readonly wrongTryAgain: string;
  readonly showAnswer: string;
  readonly newAttempt: string;
  readonly cellsGrid: string;
  readonly cellsSample: string;
  readonly cell: string;
  readonly cellTarget: string;
  readonly cellsSelected: string;
  readonly review: string;
  readonly reviewDue: string;
  readonly reviewFrom: string;
  readonly reviewNext: string;
  readonly reviewEmpty: string;
  readonly reviewNothingYet: string;
}

export interface LessonPageState {
  readonly labels: LessonPageLabels;
}

/** What the page keeps with `setState`, and the serializer gets back after a reload. */
export interface LessonPanelState {
  /** Empty while the review session is shown. */
  readonly lessonId: string;
  readonly scrollY: number;
  readonly review?: boolean;
}

// ---- Result page (Normalize Selection) ---------------------------------------------------

export type ResultAction = 'replace' | 'insertBelow' | 'copy';

/** One pooled group's statistics, as the engine reports them (absent when the op does not compute one). */
export interface ResultGroupView {
  readonly index: number;
  readonly count: number;
  readonly mean?: number;
  readonly std?: number;
  readonly rstd?: number;
  readonly min?: number;
  readonly max?: number;
}

/** The tensor as rows × columns (last axis = columns), cut to what fits on screen; `groups[i]` is the group of cell i. */
export interface ResultGridView {
  readonly rows: number;
  readonly columns: number;
  readonly totalRows: number;
  readonly totalColumns: number;
  readonly groups: readonly number[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Every word the page writes, localized by the host. */
export interface ResultLabels {
  readonly input: string;
  readonly output: string;
  readonly shape: string;
  readonly notation: string;
  readonly params: string;
  readonly pooling: string;
  readonly groups: string;
  readonly group: string;
  readonly count: string;
  readonly mean: string;
  readonly std: string;
  readonly rstd: string;
  readonly min: string;
  readonly max: string;
  readonly grid: string;
  readonly gridCell: string;
  readonly replace: string;
  readonly insertBelow: string;
  readonly copy: string;
  readonly truncated: string;
  readonly moreGroups: string;
  readonly editUnavailable: string;
  readonly notes: string;
  readonly explore: string;
  readonly exploreIntro: string;
}

export interface ResultView {
  readonly title: string;
  readonly pooling: string;
  readonly params: string;
  readonly shape: readonly number[];
  readonly notation: string;
  readonly count: number;
  readonly groupCount: number;
  /** Input and output in the selection's notation, cut to a readable length when `truncated`. */
  readonly input: string;
  readonly output: string;
  readonly truncated: boolean;
  readonly groups: readonly ResultGroupView[];
  readonly grid: ResultGridView;
  /** The selection's numbers for the tensor explorer; absent when it cannot show them (see `selectionExplorer`). */
  readonly explorer?: SelectionExplorer;
  readonly notes: readonly string[];
  /** False after a reload: the selection the result came from is gone, only Copy still works. */
  readonly canEdit: boolean;
  readonly labels: ResultLabels;
}

export type ResultPageToHost = { readonly type: 'ready' } | { readonly type: 'apply'; readonly action: ResultAction };

export type HostToResultPage =
  | { readonly type: 'showResult'; readonly view: ResultView }
  | { readonly type: 'actionDone'; readonly action: ResultAction; readonly ok: boolean; readonly message: string };

// ---- Validation --------------------------------------------------------------------------

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/** A quiz response of any type, or undefined when the shape is wrong (the grader checks the content). */
export function parseQuizResponse(value: unknown): QuizResponse | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'single':
      return isString(value.choice) ? { type: 'single', choice: value.choice } : undefined;
    case 'multi':
      return isStringArray(value.choices) ? { type: 'multi', choices: [...value.choices] } : undefined;
    case 'numeric':
      return isString(value.value) ? { type: 'numeric', value: value.value } : undefined;
    case 'axes':
      return isStringArray(value.axes) ? { type: 'axes', axes: [...value.axes] } : undefined;
    case 'order':
      return Array.isArray(value.order) && value.order.every((item) => Number.isInteger(item))
        ? { type: 'order', order: [...(value.order as number[])] }
        : undefined;
    case 'short':
      return isString(value.text) ? { type: 'short', text: value.text } : undefined;
    case 'cells':
      return Array.isArray(value.cells) && value.cells.every((item) => Number.isInteger(item)) ? { type: 'cells', cells: [...(value.cells as number[])] } : undefined;
    default:
      return undefined;
  }
}

/** An answer time over an hour is not a measurement of thinking; it is dropped. */
const MAX_ANSWER_MS = 3_600_000;

export function parseQuizContext(value: unknown): QuizContext | undefined {
  if (!isRecord(value) || (value.mode !== 'lesson' && value.mode !== 'review')) return undefined;
  if (!Number.isInteger(value.hintsUsed) || (value.hintsUsed as number) < 0 || (value.hintsUsed as number) > 100) return undefined;
  const ms = typeof value.ms === 'number' && Number.isFinite(value.ms) && value.ms >= 0 && value.ms <= MAX_ANSWER_MS ? Math.round(value.ms) : undefined;
  return { mode: value.mode, hintsUsed: value.hintsUsed as number, ...(ms === undefined ? {} : { ms }) };
}

const isSeed = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;

export function parseLessonPageMessage(value: unknown): LessonPageToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'navigate':
      return value.direction === 'previous' || value.direction === 'next'
        ? { type: 'navigate', direction: value.direction }
        : undefined;
    case 'answer': {
      const response = parseQuizResponse(value.response);
      const context = value.context === undefined ? undefined : parseQuizContext(value.context);
      return isString(value.lessonId) && isString(value.quizId) && isSeed(value.seed) && response && (value.context === undefined || context)
        ? { type: 'answer', lessonId: value.lessonId, quizId: value.quizId, seed: value.seed, response, ...(context ? { context } : {}) }
        : undefined;
    }
    case 'newAttempt':
      return isString(value.lessonId) && isString(value.quizId) ? { type: 'newAttempt', lessonId: value.lessonId, quizId: value.quizId } : undefined;
    case 'reveal':
    case 'hint': {
      const context = parseQuizContext(value.context);
      return isString(value.lessonId) && isString(value.quizId) && isSeed(value.seed) && context
        ? { type: value.type, lessonId: value.lessonId, quizId: value.quizId, seed: value.seed, context }
        : undefined;
    }
    case 'review':
      return { type: 'review' };
    case 'openSection':
      return isString(value.lessonId) && isString(value.quizId) ? { type: 'openSection', lessonId: value.lessonId, quizId: value.quizId } : undefined;
    default:
      return undefined;
  }
}

/**
 * Checks the envelope of what the host sent (the host builds the contents from validated
 * lesson files); anything else is ignored by the page.
 */
export function parseHostToLessonPage(value: unknown): HostToLessonPage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'showLesson':
      return isRecord(value.lesson) && isString(value.lesson.html) && Array.isArray(value.lesson.quizzes) && typeof value.scrollY === 'number'
        ? (value as unknown as HostToLessonPage)
        : undefined;
    case 'showProblem':
      return isString(value.title) && isStringArray(value.problems) ? { type: 'showProblem', title: value.title, problems: value.problems } : undefined;
    case 'quizUpdated':
      return isString(value.lessonId) && isRecord(value.view) && isString(value.view.id) ? (value as unknown as HostToLessonPage) : undefined;
    case 'showReview':
      return isRecord(value.review) && Number.isInteger(value.review.due) && (value.review.item === undefined || (isRecord(value.review.item) && isRecord(value.review.item.view)))
        ? (value as unknown as HostToLessonPage)
        : undefined;
    default:
      return undefined;
  }
}

/** The panel state the serializer gets back; anything unreadable means "start at the first lesson". */
export function parseLessonPanelState(value: unknown): LessonPanelState | undefined {
  if (isRecord(value) && value.review === true) return { lessonId: '', scrollY: 0, review: true };
  if (!isRecord(value) || !isString(value.lessonId)) return undefined;
  return { lessonId: value.lessonId, scrollY: typeof value.scrollY === 'number' && Number.isFinite(value.scrollY) ? Math.max(0, value.scrollY) : 0 };
}

const RESULT_ACTIONS: readonly ResultAction[] = ['replace', 'insertBelow', 'copy'];
const isResultAction = (value: unknown): value is ResultAction => RESULT_ACTIONS.includes(value as ResultAction);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';
const isTexts = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
const isOptionalNumber = (value: unknown) => value === undefined || typeof value === 'number';

export function parseResultPageMessage(value: unknown): ResultPageToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'apply':
      return isResultAction(value.action) ? { type: 'apply', action: value.action } : undefined;
    default:
      return undefined;
  }
}

function isResultGroupView(value: unknown): value is ResultGroupView {
  return (
    isRecord(value) &&
    isCount(value.index) &&
    isCount(value.count) &&
    isOptionalNumber(value.mean) &&
    isOptionalNumber(value.std) &&
    isOptionalNumber(value.rstd) &&
    isOptionalNumber(value.min) &&
    isOptionalNumber(value.max)
  );
}

function isResultGridView(value: unknown): value is ResultGridView {
  if (!isRecord(value) || !isCount(value.rows) || !isCount(value.columns) || !isCount(value.totalRows) || !isCount(value.totalColumns)) return false;
  const cells = value.rows * value.columns;
  return (
    Array.isArray(value.groups) &&
    value.groups.length === cells &&
    value.groups.every(isCount) &&
    isTexts(value.inputs) &&
    value.inputs.length === cells &&
    isTexts(value.outputs) &&
    value.outputs.length === cells
  );
}

/** A whole result view: from the host, or from the page's saved state after a reload. */
export function parseResultView(value: unknown): ResultView | undefined {
  if (!isRecord(value)) return undefined;
  const labels = value.labels;
  const ok =
    isText(value.title) &&
    isText(value.pooling) &&
    isText(value.params) &&
    Array.isArray(value.shape) &&
    value.shape.every(isCount) &&
    isText(value.notation) &&
    isCount(value.count) &&
    isCount(value.groupCount) &&
    isText(value.input) &&
    isText(value.output) &&
    typeof value.truncated === 'boolean' &&
    Array.isArray(value.groups) &&
    value.groups.every(isResultGroupView) &&
    isResultGridView(value.grid) &&
    (value.explorer === undefined || parseSelectionExplorer(value.explorer, value.shape as number[]) !== undefined) &&
    isTexts(value.notes) &&
    typeof value.canEdit === 'boolean' &&
    isRecord(labels) &&
    Object.values(labels).every(isText);
  return ok ? (value as unknown as ResultView) : undefined;
}

export function parseHostToResultPage(value: unknown): HostToResultPage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'showResult': {
      const view = parseResultView(value.view);
      return view ? { type: 'showResult', view } : undefined;
    }
    case 'actionDone':
      return isResultAction(value.action) && typeof value.ok === 'boolean' && isText(value.message)
        ? { type: 'actionDone', action: value.action, ok: value.ok, message: value.message }
        : undefined;
    default:
      return undefined;
  }
}
