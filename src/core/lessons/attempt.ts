/**
 * Retry before reveal. A wrong answer shows that answer's own feedback and lets the learner try
 * again; the right answer and the explanation appear after a right answer, after the second
 * wrong try, or when the learner asks for them. The page and the host both step this model, so
 * what the page shows is what the host records.
 */
import type { Verdict } from './grade';
import type { ReviewRating } from './scheduling';
import type { QuizType } from './schema';

/** Wrong tries after which the answer is shown anyway. */
export const TRIES_BEFORE_REVEAL = 2;

/** One attempt (one seed) of an item. */
export interface AttemptState {
  /** Graded answers given in this attempt. */
  readonly tries: number;
  /** Answered right in this attempt. */
  readonly solved: boolean;
  /** The answer and explanation are shown; the attempt is over and takes no more answers. */
  readonly revealed: boolean;
  /** Hints opened before the attempt was over. */
  readonly hintsUsed: number;
}

export const freshAttempt: AttemptState = { tries: 0, solved: false, revealed: false, hintsUsed: 0 };

/** A graded answer; an invalid one (and any answer once revealed) changes nothing. */
export function afterAnswer(state: AttemptState, verdict: Verdict): AttemptState {
  if (verdict.status === 'invalid' || state.revealed) return state;
  const tries = state.tries + 1;
  const solved = verdict.status === 'correct';
  return { ...state, tries, solved, revealed: solved || tries >= TRIES_BEFORE_REVEAL };
}

/** "Show answer". */
export function afterReveal(state: AttemptState): AttemptState {
  return state.revealed ? state : { ...state, revealed: true };
}

/** A hint opened; counted only while the attempt is still open. */
export function afterHint(state: AttemptState, shown: number): AttemptState {
  return state.revealed ? state : { ...state, hintsUsed: Math.max(state.hintsUsed, shown) };
}

/** Answers faster than this fraction of the item's median time count as easy. */
export const EASY_FRACTION = 0.5;

/**
 * How a finished attempt rates its card: right at the first try → good (easy when no hint was
 * opened and it took under half the item's median time), right after a hint or a retry → hard,
 * not right at all → again.
 */
export function ratingOf(state: AttemptState, timing?: { readonly ms?: number; readonly medianMs: number }): ReviewRating {
  if (!state.solved) return 'again';
  if (state.tries > 1 || state.hintsUsed > 0) return 'hard';
  if (timing?.ms !== undefined && timing.ms < timing.medianMs * EASY_FRACTION) return 'easy';
  return 'good';
}

/**
 * Until the learner has answered an item three times (or items of its type five times), its
 * median time is this guess: enough to read the prompt and think, per type.
 */
export const DEFAULT_MEDIAN_MS: Readonly<Record<QuizType, number>> = {
  single: 25_000,
  multi: 35_000,
  numeric: 60_000,
  axes: 25_000,
  order: 35_000,
  short: 30_000,
  cells: 40_000,
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The item's median answer time, from this learner's own timed answers: of the item itself
 * once there are three, else of all items of its type once there are five, else the default.
 * Personal on purpose: a reader of the Chinese lessons and a reader of the English ones, or a
 * slow and a fast reader, each get "well under my usual time".
 */
export function medianAnswerMs(type: QuizType, ownTimes: readonly number[], typeTimes: readonly number[]): number {
  if (ownTimes.length >= 3) return median(ownTimes);
  if (typeTimes.length >= 5) return median(typeTimes);
  return DEFAULT_MEDIAN_MS[type];
}
