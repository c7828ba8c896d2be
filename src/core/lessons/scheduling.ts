/**
 * Spaced review: every graded item is a card scheduled by FSRS. This is the only module that
 * imports `ts-fsrs` (pinned to 5.x: 6.0 changes the API); the rest of the extension sees plain,
 * JSON-storable `CardRecord`s and four ratings.
 *
 * Intervals are whole days. Both learning steps are one day, so whatever was learned today
 * comes back tomorrow (Again, Hard and Good), Easy after about a week, and from then on FSRS
 * spaces each card by its own stability (90 % retention). Fuzz is off, so the same history
 * always gives the same dates.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';

export const REVIEW_RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

/** What "now" is: `() => new Date()` in the extension, a fixed or moved date in tests. */
export type Clock = () => Date;

/** One review of a card: when, how it went, and how long the answer took when that was measured. */
export interface ReviewLogEntry {
  readonly at: string;
  readonly rating: ReviewRating;
  readonly ms?: number;
}

/** A card as stored with the learner's progress: the FSRS memory state and the due date, as JSON. */
export interface CardRecord {
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  /** FSRS's state: 0 new, 1 learning, 2 review, 3 relearning. */
  readonly state: number;
  readonly lastReview?: string;
  /** The most recent reviews, newest last (at most `LOG_LENGTH`); answer times feed the Easy rule. */
  readonly log: ReviewLogEntry[];
}

export const LOG_LENGTH = 8;

const scheduler = fsrs({ enable_fuzz: false, enable_short_term: true, learning_steps: ['1d', '1d'], relearning_steps: ['1d'] });

const GRADES: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

function toCard(record: CardRecord | undefined, now: Date): Card {
  if (!record) return createEmptyCard(now);
  const lastReview = record.lastReview === undefined ? undefined : new Date(record.lastReview);
  return {
    due: new Date(record.due),
    stability: record.stability,
    difficulty: record.difficulty,
    // Deprecated in ts-fsrs 5 and recomputed from last_review; kept for the 5.x type.
    elapsed_days: lastReview ? Math.max(0, Math.floor((now.getTime() - lastReview.getTime()) / 86_400_000)) : 0,
    scheduled_days: record.scheduledDays,
    learning_steps: record.learningSteps,
    reps: record.reps,
    lapses: record.lapses,
    state: (record.state in State ? record.state : State.New) as State,
    ...(lastReview ? { last_review: lastReview } : {}),
  };
}

/** Rates a card (a new one when `record` is undefined) at `now` and returns its next state and due date. */
export function rateCard(record: CardRecord | undefined, rating: ReviewRating, now: Date, ms?: number): CardRecord {
  const { card } = scheduler.next(toCard(record, now), now, GRADES[rating]);
  const entry: ReviewLogEntry = { at: now.toISOString(), rating, ...(ms === undefined ? {} : { ms }) };
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { lastReview: card.last_review.toISOString() } : {}),
    log: [...(record?.log ?? []), entry].slice(-LOG_LENGTH),
  };
}

export function isDue(card: CardRecord, now: Date): boolean {
  return Date.parse(card.due) <= now.getTime();
}
