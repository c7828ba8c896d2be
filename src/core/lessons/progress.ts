import { z } from 'zod';
import { afterAnswer, afterHint, afterReveal, freshAttempt, ratingOf, type AttemptState } from './attempt';
import type { QuizResponse, Verdict } from './grade';
import type { Seed } from './random';
import { isDue, LOG_LENGTH, rateCard, REVIEW_RATINGS, type CardRecord } from './scheduling';
import { isRecord } from '../guards';

/**
 * The learner's progress as stored in `globalState`: pure data and pure functions, so loading,
 * migration and scoring are tested without VS Code. Bump `PROGRESS_VERSION` and add a step to
 * `migrations` whenever the stored shape changes.
 */
export const PROGRESS_VERSION = 2;
export const PROGRESS_KEY = 'normalizationLab.progress';

const seedSchema = z.number().int().min(0).max(0xffffffff);
const timestamp = z.string().min(1);
const date = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date');
const count = z.number().int().nonnegative();

const attemptSchema = z.object({
  seed: seedSchema,
  response: z.unknown(),
  status: z.enum(['correct', 'wrong']),
  at: timestamp,
});

/** Where an attempt stands (see `attempt.ts`); absent means nothing answered yet. */
const attemptStateSchema = z.object({ tries: count, solved: z.boolean(), revealed: z.boolean(), hintsUsed: count });

/** A card's FSRS state (see `scheduling.ts`). */
const cardSchema = z.object({
  due: date,
  stability: z.number().nonnegative(),
  difficulty: z.number(),
  scheduledDays: z.number().nonnegative(),
  learningSteps: count,
  reps: count,
  lapses: count,
  state: z.number().int().min(0).max(3),
  lastReview: date.optional(),
  log: z.array(z.object({ at: date, rating: z.enum(REVIEW_RATINGS), ms: z.number().nonnegative().optional() })).max(LOG_LENGTH),
});

/** An item being reviewed: its own seed (new numbers and a new order), and how the review attempt stands. */
const reviewSchema = attemptStateSchema.extend({ seed: seedSchema, last: attemptSchema.optional() });
export type ReviewRecord = z.infer<typeof reviewSchema>;

const quizRecordSchema = z.object({
  /** The seed of the attempt currently shown (numbers and choice order stay the same across reloads). */
  seed: seedSchema,
  /** Graded answers over all attempts. */
  attempts: count,
  /** Whether the first graded answer was right: the score. */
  firstCorrect: z.boolean().optional(),
  /** Whether it was ever answered right: the final result. */
  solved: z.boolean(),
  last: attemptSchema.optional(),
  /** The lesson attempt with `seed`. */
  current: attemptStateSchema.optional(),
  card: cardSchema.optional(),
  review: reviewSchema.optional(),
});
export type QuizRecord = z.infer<typeof quizRecordSchema>;

const lessonRecordSchema = z.object({
  openedAt: timestamp.optional(),
  completedAt: timestamp.optional(),
  quizzes: z.record(z.string(), quizRecordSchema),
});
export type LessonRecord = z.infer<typeof lessonRecordSchema>;

export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  readonly lessons: Readonly<Record<string, LessonRecord>>;
  /** The lesson shown last, reopened by Explain Normalization. */
  readonly lastLesson?: string;
}

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, lessons: {} });

/** Why (part of) the saved progress was reset; the host words it in the display language. */
export type ProgressWarning =
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'newerVersion'; readonly version: number }
  | { readonly kind: 'unknownVersion'; readonly version: number }
  | { readonly kind: 'noLessons' }
  | { readonly kind: 'lessonReset'; readonly lessonId: string }
  | { readonly kind: 'quizzesReset'; readonly lessonId: string; readonly count: number };

export interface LoadedProgress {
  readonly progress: Progress;
  /** One per lesson (or for the whole store) that had to be migrated or reset. */
  readonly warnings: readonly ProgressWarning[];
  /** True when the stored value differs from `progress` and should be written back. */
  readonly changed: boolean;
}

/**
 * Version 0 was the prototype's shape: the lesson records at the top level, without a version
 * field. Each step takes the stored value of one version and returns the next version's.
 */
const migrations: Record<number, (value: Record<string, unknown>) => Record<string, unknown>> = {
  0: (value) => ({ version: 1, lessons: value }),
  1: (value) => ({ ...value, version: 2, lessons: mapQuizRecords(value.lessons, quizRecordFromVersion1) }),
};

function mapQuizRecords(lessons: unknown, map: (record: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!isRecord(lessons)) return lessons;
  return Object.fromEntries(
    Object.entries(lessons).map(([lessonId, lesson]) => {
      if (!isRecord(lesson) || !isRecord(lesson.quizzes)) return [lessonId, lesson];
      const quizzes = Object.fromEntries(Object.entries(lesson.quizzes).map(([quizId, quiz]) => [quizId, isRecord(quiz) ? map(quiz) : quiz]));
      return [lessonId, { ...lesson, quizzes }];
    }),
  );
}

/**
 * Version 1 showed the answer and explanation after any graded answer and had no review. An
 * answered item's attempt is therefore revealed, and it gets a card rated by its first answer
 * at the time of its last one, so lessons finished before the update come up for review.
 */
function quizRecordFromVersion1(quiz: Record<string, unknown>): Record<string, unknown> {
  const last = quiz.last;
  if (!isRecord(last) || typeof last.at !== 'string' || Number.isNaN(Date.parse(last.at)) || quiz.attempts === 0) return quiz;
  const right = typeof quiz.firstCorrect === 'boolean' ? quiz.firstCorrect : last.status === 'correct';
  const current = last.seed === quiz.seed ? { current: { tries: 1, solved: last.status === 'correct', revealed: true, hintsUsed: 0 } } : {};
  return { ...quiz, ...current, card: rateCard(undefined, right ? 'good' : 'again', new Date(last.at)) };
}

/**
 * Reads whatever was stored, never throws: an older version is migrated, and anything that
 * does not validate is dropped lesson by lesson (and within a lesson quiz by quiz), so one
 * damaged record never costs the learner the rest of their progress.
 */
export function loadProgress(stored: unknown): LoadedProgress {
  if (stored === undefined || stored === null) return { progress: emptyProgress(), warnings: [], changed: false };
  if (!isRecord(stored)) {
    return { progress: emptyProgress(), warnings: [{ kind: 'unreadable' }], changed: true };
  }
  const warnings: ProgressWarning[] = [];
  let value: Record<string, unknown> = stored;
  let version = typeof value.version === 'number' ? value.version : 0;
  if (version > PROGRESS_VERSION) {
    warnings.push({ kind: 'newerVersion', version });
    version = PROGRESS_VERSION;
  }
  while (version < PROGRESS_VERSION) {
    const migrate = migrations[version];
    if (!migrate) {
      return { progress: emptyProgress(), warnings: [{ kind: 'unknownVersion', version }], changed: true };
    }
    value = migrate(value);
    version += 1;
  }
  const lessons: Record<string, LessonRecord> = {};
  const rawLessons = isRecord(value.lessons) ? value.lessons : {};
  if (!isRecord(value.lessons)) warnings.push({ kind: 'noLessons' });
  for (const [lessonId, rawLesson] of Object.entries(rawLessons)) {
    const parsed = lessonRecordSchema.safeParse(rawLesson);
    if (parsed.success) {
      lessons[lessonId] = parsed.data;
      continue;
    }
    const salvaged = salvageLesson(rawLesson);
    if (salvaged) {
      lessons[lessonId] = salvaged.record;
      warnings.push({ kind: 'quizzesReset', lessonId, count: salvaged.dropped });
    } else {
      warnings.push({ kind: 'lessonReset', lessonId });
    }
  }
  const lastLesson = typeof value.lastLesson === 'string' ? value.lastLesson : undefined;
  const progress: Progress = { version: PROGRESS_VERSION, lessons, ...(lastLesson === undefined ? {} : { lastLesson }) };
  const changed = warnings.length > 0 || stored.version !== PROGRESS_VERSION;
  return { progress, warnings, changed };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function salvageLesson(raw: unknown): { record: LessonRecord; dropped: number } | undefined {
  if (!isRecord(raw)) return undefined;
  const quizzes: Record<string, QuizRecord> = {};
  let dropped = 0;
  for (const [quizId, rawQuiz] of Object.entries(isRecord(raw.quizzes) ? raw.quizzes : {})) {
    const parsed = quizRecordSchema.safeParse(rawQuiz);
    // A damaged card or review costs only the schedule, not the answer.
    const withoutSchedule = parsed.success || !isRecord(rawQuiz) ? parsed : quizRecordSchema.safeParse({ ...rawQuiz, card: undefined, review: undefined });
    if (withoutSchedule.success) quizzes[quizId] = stripUndefined(withoutSchedule.data);
    if (!parsed.success) dropped += 1;
  }
  if (!isRecord(raw.quizzes)) dropped += 1;
  const openedAt = timestamp.safeParse(raw.openedAt);
  return { record: { quizzes, ...(openedAt.success ? { openedAt: openedAt.data } : {}) }, dropped };
}

export type LessonState = 'notStarted' | 'inProgress' | 'done';

export interface LessonStatus {
  readonly state: LessonState;
  /** Quizzes answered right in the end (at any try or attempt). */
  readonly correct: number;
  /** Quizzes answered right at the first try: the score. */
  readonly firstTry: number;
  readonly answered: number;
  readonly total: number;
}

/** Done once every quiz has been answered (a lesson without quizzes: once opened). */
export function lessonStatus(record: LessonRecord | undefined, quizIds: readonly string[]): LessonStatus {
  const quizzes = quizIds.map((id) => record?.quizzes[id]);
  const answered = quizzes.filter((quiz) => (quiz?.attempts ?? 0) > 0).length;
  const correct = quizzes.filter((quiz) => quiz?.solved === true).length;
  const firstTry = quizzes.filter((quiz) => quiz?.firstCorrect === true).length;
  const total = quizIds.length;
  const done = total > 0 ? answered === total : record?.openedAt !== undefined;
  const state: LessonState = done ? 'done' : answered > 0 || record?.openedAt !== undefined ? 'inProgress' : 'notStarted';
  return { state, correct, firstTry, answered, total };
}

function updateLesson(progress: Progress, lessonId: string, update: (record: LessonRecord) => LessonRecord): Progress {
  const record = progress.lessons[lessonId] ?? { quizzes: {} };
  return { ...progress, lessons: { ...progress.lessons, [lessonId]: update(record) } };
}

export function markOpened(progress: Progress, lessonId: string, now: string): Progress {
  const opened = updateLesson(progress, lessonId, (record) => (record.openedAt ? record : { ...record, openedAt: now }));
  return { ...opened, lastLesson: lessonId };
}

/** Sets the seed of the attempt shown for a quiz (a first view, or "new numbers"). */
export function setSeed(progress: Progress, lessonId: string, quizId: string, seed: Seed): Progress {
  return updateLesson(progress, lessonId, (record) => {
    const quiz = record.quizzes[quizId] ?? { seed, attempts: 0, solved: false };
    // A new attempt starts with no tries, hints or reveal; the card and the totals stay.
    return { ...record, quizzes: { ...record.quizzes, [quizId]: { ...withoutKey(quiz, 'current'), seed } } };
  });
}

/** Which presentation an answer belongs to: the item in its lesson, or the item in a review session. */
export type AnswerMode = 'lesson' | 'review';

export interface AnswerEvent {
  readonly lessonId: string;
  readonly quizId: string;
  readonly seed: Seed;
  /** An ISO time; also when a card rated by this answer was reviewed. */
  readonly now: string;
  /** All quizzes of the lesson; they decide completion. */
  readonly quizIds: readonly string[];
  readonly mode?: AnswerMode;
  /** Hints opened in this attempt so far. */
  readonly hintsUsed?: number;
  /** How long the answer took (from the item being shown or first touched), when the page measured it. */
  readonly ms?: number;
  /** The item's median answer time, for the Easy rule (`medianAnswerMs`). */
  readonly medianMs?: number;
}

/** The card after an attempt ends: rated when it is new or due (a lesson attempt on a card not yet due is practice). */
function scheduleAfter(quiz: QuizRecord, state: AttemptState, event: AnswerEvent, force: boolean): CardRecord | undefined {
  const now = new Date(event.now);
  if (!force && quiz.card && !isDue(quiz.card, now)) return quiz.card;
  const timing = event.medianMs === undefined ? undefined : { ms: event.ms, medianMs: event.medianMs };
  return rateCard(quiz.card, ratingOf(state, timing), now, event.ms);
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

/**
 * Applies one step of an attempt (answer, reveal or hint) to a quiz record, in the lesson or in
 * a review. An attempt that ends here rates the card. Returns undefined when nothing changes
 * (an invalid answer, an answer after the reveal, a review of a card that is not due).
 */
function stepQuiz(
  quiz: QuizRecord,
  event: AnswerEvent,
  step: (state: AttemptState) => AttemptState,
  answered?: { response: QuizResponse; status: 'correct' | 'wrong' },
): QuizRecord | undefined {
  const last = answered ? { seed: event.seed, response: answered.response, status: answered.status, at: event.now } : undefined;
  if (event.mode === 'review') {
    const review = quiz.review;
    if (!review || review.seed !== event.seed || !quiz.card || !isDue(quiz.card, new Date(event.now))) return undefined;
    const before = afterHint(review, event.hintsUsed ?? 0);
    const after = step(before);
    if (after === review) return undefined;
    if (after.revealed) return { ...withoutKey(quiz, 'review'), card: scheduleAfter(quiz, after, event, true)! };
    return { ...quiz, review: { ...review, ...after, ...(last ? { last } : {}) } };
  }
  const fresh = quiz.seed !== event.seed;
  const before = afterHint(fresh ? freshAttempt : (quiz.current ?? freshAttempt), event.hintsUsed ?? 0);
  if (before.revealed) return undefined;
  const after = step(before);
  if (after === before && before === (quiz.current ?? freshAttempt)) return undefined;
  const card = after.revealed ? scheduleAfter(quiz, after, event, false) : quiz.card;
  const updated: QuizRecord = {
    ...quiz,
    seed: event.seed,
    current: after,
    ...(answered
      ? {
          attempts: quiz.attempts + 1,
          firstCorrect: quiz.firstCorrect ?? answered.status === 'correct',
          solved: quiz.solved || answered.status === 'correct',
          last,
        }
      : {}),
  };
  return card ? { ...updated, card } : updated;
}

function updateQuiz(progress: Progress, event: AnswerEvent, change: (quiz: QuizRecord) => QuizRecord | undefined): Progress {
  const record = progress.lessons[event.lessonId] ?? { quizzes: {} };
  const quiz = record.quizzes[event.quizId] ?? { seed: event.seed, attempts: 0, solved: false };
  const changed = change(quiz);
  if (!changed) return progress;
  const updated = updateLesson(progress, event.lessonId, (lesson) => ({
    ...lesson,
    openedAt: lesson.openedAt ?? event.now,
    quizzes: { ...lesson.quizzes, [event.quizId]: changed },
  }));
  const lesson = updated.lessons[event.lessonId]!;
  if (!lesson.completedAt && lessonStatus(lesson, event.quizIds).state === 'done') {
    return updateLesson(updated, event.lessonId, (current) => ({ ...current, completedAt: event.now }));
  }
  return updated;
}

/**
 * Records a graded answer with the seed it was graded under. `quizIds` (all quizzes of the
 * lesson) decides completion; an invalid verdict records nothing.
 */
export function recordAnswer(progress: Progress, answer: AnswerEvent & { response: QuizResponse; verdict: Verdict }): Progress {
  const { verdict } = answer;
  if (verdict.status === 'invalid') return progress;
  return updateQuiz(progress, answer, (quiz) => stepQuiz(quiz, answer, (state) => afterAnswer(state, verdict), { response: answer.response, status: verdict.status }));
}

/** "Show answer": ends the attempt (rating the card "again" unless it was already answered right). */
export function recordReveal(progress: Progress, event: AnswerEvent): Progress {
  return updateQuiz(progress, event, (quiz) => stepQuiz(quiz, event, afterReveal));
}

/** A hint was opened; stored so a reload does not forget that the answer came with help. */
export function recordHint(progress: Progress, event: AnswerEvent): Progress {
  return updateQuiz(progress, event, (quiz) => stepQuiz(quiz, event, (state) => state));
}

/** Starts reviewing an item with a fresh seed, unless a review of it is already under way (a reload keeps it). */
export function startReview(progress: Progress, lessonId: string, quizId: string, seed: Seed): Progress {
  const quiz = progress.lessons[lessonId]?.quizzes[quizId];
  if (!quiz?.card || quiz.review) return progress;
  return updateLesson(progress, lessonId, (record) => ({
    ...record,
    quizzes: { ...record.quizzes, [quizId]: { ...quiz, review: { seed, ...freshAttempt } } },
  }));
}

/** The lessons as the review queue needs them: ids in course order, with their items' ids. */
export interface CourseOutline {
  readonly id: string;
  readonly quizIds: readonly string[];
}

/**
 * The course outline as the host caches it between sessions (so the status bar can count due
 * cards without reading and parsing the lessons): undefined unless `value` is a list of
 * `{ id, quizIds }` with string ids, which a damaged cache is not.
 */
export function parseCourseOutline(value: unknown): CourseOutline[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const outline: CourseOutline[] = [];
  for (const lesson of value) {
    if (!isRecord(lesson) || typeof lesson.id !== 'string' || !Array.isArray(lesson.quizIds)) return undefined;
    if (!lesson.quizIds.every((quizId): quizId is string => typeof quizId === 'string')) return undefined;
    outline.push({ id: lesson.id, quizIds: [...lesson.quizIds] });
  }
  return outline;
}

export interface ReviewItem {
  readonly lessonId: string;
  readonly quizId: string;
  readonly due: string;
}

/** Cards of items the lessons still have (a deleted or renamed item's card is ignored), lesson by lesson. */
function cardsByLesson(progress: Progress, outline: readonly CourseOutline[]): { lessonId: string; quizId: string; card: CardRecord }[][] {
  return outline.map((lesson) =>
    lesson.quizIds.flatMap((quizId) => {
      const card = progress.lessons[lesson.id]?.quizzes[quizId]?.card;
      return card ? [{ lessonId: lesson.id, quizId, card }] : [];
    }),
  );
}

/**
 * The cards due at `now`, interleaved across lessons: one from each lesson in course order,
 * then the next from each, …; within a lesson the longest overdue first. The same progress and
 * time give the same queue, so a reload shows the same session.
 */
export function reviewQueue(progress: Progress, outline: readonly CourseOutline[], now: Date): ReviewItem[] {
  const lessons = cardsByLesson(progress, outline).map((cards) =>
    cards.filter(({ card }) => isDue(card, now)).sort((a, b) => Date.parse(a.card.due) - Date.parse(b.card.due)),
  );
  const queue: ReviewItem[] = [];
  for (let round = 0; lessons.some((cards) => cards.length > round); round++) {
    for (const cards of lessons) {
      const item = cards[round];
      if (item) queue.push({ lessonId: item.lessonId, quizId: item.quizId, due: item.card.due });
    }
  }
  return queue;
}

/** When the next card not yet due comes due; undefined when there are no cards. */
export function nextDue(progress: Progress, outline: readonly CourseOutline[], now: Date): string | undefined {
  const later = cardsByLesson(progress, outline)
    .flat()
    .filter(({ card }) => !isDue(card, now))
    .map(({ card }) => card.due)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return later[0];
}

/** The answer times logged on cards, of the items `include` selects (the Easy rule's medians). */
export function loggedTimes(progress: Progress, include: (lessonId: string, quizId: string) => boolean): number[] {
  const times: number[] = [];
  for (const [lessonId, lesson] of Object.entries(progress.lessons)) {
    for (const [quizId, quiz] of Object.entries(lesson.quizzes)) {
      if (!include(lessonId, quizId)) continue;
      for (const entry of quiz.card?.log ?? []) if (entry.ms !== undefined) times.push(entry.ms);
    }
  }
  return times;
}
