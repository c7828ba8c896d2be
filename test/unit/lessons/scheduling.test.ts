import { describe, expect, it } from 'vitest';
import { isDue, rateCard, type CardRecord, type ReviewRating } from '../../../src/core/lessons/scheduling';

const start = new Date('2026-05-04T08:00:00.000Z');
const days = (from: Date, to: string) => (Date.parse(to) - from.getTime()) / 86_400_000;

describe('the FSRS adapter', () => {
  it('gives a new card due dates by rating from a fixed clock: again, hard and good tomorrow, easy in eight days', () => {
    const due = (rating: ReviewRating) => days(start, rateCard(undefined, rating, start).due);
    expect({ again: due('again'), hard: due('hard'), good: due('good'), easy: due('easy') }).toEqual({ again: 1, hard: 1, good: 1, easy: 8 });
  });

  it('spaces the second review by the first rating: good after good waits longer than after hard, again comes back tomorrow', () => {
    const second = (first: ReviewRating, then: ReviewRating) => {
      const card = rateCard(undefined, first, start);
      const at = new Date(card.due);
      return days(at, rateCard(card, then, at).due);
    };
    expect(second('good', 'good')).toBe(7);
    expect(second('hard', 'good')).toBe(5);
    expect(second('good', 'again')).toBe(1);
    expect(second('good', 'easy')).toBeGreaterThan(second('good', 'good'));
  });

  it('replays a history to the same card every time, and it survives JSON (globalState)', () => {
    const replay = (history: readonly ReviewRating[]) => {
      let card: CardRecord | undefined;
      let at = start;
      for (const rating of history) {
        card = rateCard(card, rating, at, 1000);
        at = new Date(card.due);
      }
      return card!;
    };
    const history: ReviewRating[] = ['good', 'good', 'again', 'hard', 'good', 'easy'];
    const card = replay(history);
    expect(replay(history)).toEqual(card);
    expect(card.reps).toBe(6);
    expect(card.lapses).toBe(1);
    expect(card.log.map((entry) => entry.rating)).toEqual(history);
    const revived = JSON.parse(JSON.stringify(card)) as CardRecord;
    const next = new Date(card.due);
    expect(rateCard(revived, 'good', next)).toEqual(rateCard(card, 'good', next));
    // After the lapse the intervals start over and grow again.
    const intervals = history.map((_, index) => replay(history.slice(0, index + 1)).scheduledDays);
    expect(intervals[2]).toBeLessThan(intervals[1]!);
    expect(intervals[5]).toBeGreaterThan(intervals[4]!);
  });

  it('is due from its due date on, not a millisecond before', () => {
    const card = rateCard(undefined, 'good', start);
    expect(isDue(card, new Date(Date.parse(card.due) - 1))).toBe(false);
    expect(isDue(card, new Date(card.due))).toBe(true);
  });

  it('keeps only the last eight reviews in the log', () => {
    let card = rateCard(undefined, 'good', start);
    for (let review = 0; review < 12; review++) card = rateCard(card, 'good', new Date(card.due), review);
    expect(card.log).toHaveLength(8);
    expect(card.log.at(-1)!.ms).toBe(11);
  });
});
