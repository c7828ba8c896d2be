import { z } from 'zod';
import type { QuizResponse, Verdict } from './grade';
import type { Seed } from './random';
import { isRecord } from '../guards';

/**
 * The learner's progress as stored in `globalState`: pure data and pure functions, so loading,
 * migration and scoring are tested without VS Code. Bump `PROGRESS_VERSION` and add a step to
 * `migrations` whenever the stored shape changes.
 */
export const PROGRESS_VERSION = 1;
export const PROGRESS_KEY = 'normalizationLab.progress';

const seedSchema = z.number().int().min(0).max(0xffffffff);
const timestamp = z.string().min(1);

const attemptSchema = z.object({
  seed: seedSchema,
  response: z.unknown(),
  status: z.enum(['correct', 'wrong']),
  at: timestamp,
});

const quizRecordSchema = z.object({
  /** The seed of the attempt currently shown (numbers stay the same across reloads). */
  seed: seedSchema,
  attempts: z.number().int().nonnegative(),
  /** Whether the first graded answer was right (shown as "first try" next to the score). */
  firstCorrect: z.boolean().optional(),
  solved: z.boolean(),
  last: attemptSchema.optional(),
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
};

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

function salvageLesson(raw: unknown): { record: LessonRecord; dropped: number } | undefined {
  if (!isRecord(raw)) return undefined;
  const quizzes: Record<string, QuizRecord> = {};
  let dropped = 0;
  for (const [quizId, rawQuiz] of Object.entries(isRecord(raw.quizzes) ? raw.quizzes : {})) {
    const parsed = quizRecordSchema.safeParse(rawQuiz);
    if (parsed.success) quizzes[quizId] = parsed.data;
    else dropped += 1;
  }
  if (!isRecord(raw.quizzes)) dropped += 1;
  const openedAt = timestamp.safeParse(raw.openedAt);
  return { record: { quizzes, ...(openedAt.success ? { openedAt: openedAt.data } : {}) }, dropped };
}

export type LessonState = 'notStarted' | 'inProgress' | 'done';

export interface LessonStatus {
  readonly state: LessonState;
  /** Quizzes answered right (at any attempt): the score the sidebar shows. */
  readonly correct: number;
  /** Quizzes answered right at the first attempt. */
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
    return { ...record, quizzes: { ...record.quizzes, [quizId]: { ...quiz, seed } } };
  });
}

/**
 * Records a graded answer with the seed it was graded under. `quizIds` (all quizzes of the
 * lesson) decides completion; an invalid verdict records nothing.
 */
export function recordAnswer(
  progress: Progress,
  answer: { lessonId: string; quizId: string; seed: Seed; response: QuizResponse; verdict: Verdict; now: string; quizIds: readonly string[] },
): Progress {
  const { verdict } = answer;
  if (verdict.status === 'invalid') return progress;
  const updated = updateLesson(progress, answer.lessonId, (record) => {
    const previous = record.quizzes[answer.quizId] ?? { seed: answer.seed, attempts: 0, solved: false };
    const quiz: QuizRecord = {
      ...previous,
      seed: answer.seed,
      attempts: previous.attempts + 1,
      firstCorrect: previous.firstCorrect ?? verdict.status === 'correct',
      solved: previous.solved || verdict.status === 'correct',
      last: { seed: answer.seed, response: answer.response, status: verdict.status, at: answer.now },
    };
    return { ...record, openedAt: record.openedAt ?? answer.now, quizzes: { ...record.quizzes, [answer.quizId]: quiz } };
  });
  const record = updated.lessons[answer.lessonId]!;
  if (!record.completedAt && lessonStatus(record, answer.quizIds).state === 'done') {
    return updateLesson(updated, answer.lessonId, (current) => ({ ...current, completedAt: answer.now }));
  }
  return updated;
}
