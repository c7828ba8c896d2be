import { describe, expect, it } from 'vitest';
import { afterAnswer, afterHint, afterReveal, DEFAULT_MEDIAN_MS, freshAttempt, medianAnswerMs, ratingOf } from '../../../src/core/lessons/attempt';
import type { Verdict } from '../../../src/core/lessons/grade';

const right: Verdict = { status: 'correct', score: 1, marks: {}, expected: '' };
const wrong: Verdict = { status: 'wrong', score: 0, marks: {}, expected: '' };

describe('retry before reveal', () => {
  it('keeps the answer hidden after one wrong try and reveals it after the second', () => {
    const once = afterAnswer(freshAttempt, wrong);
    expect(once).toEqual({ tries: 1, solved: false, revealed: false, hintsUsed: 0 });
    expect(afterAnswer(once, wrong)).toEqual({ tries: 2, solved: false, revealed: true, hintsUsed: 0 });
  });

  it('reveals after a right answer, at the first or the second try', () => {
    expect(afterAnswer(freshAttempt, right)).toMatchObject({ tries: 1, solved: true, revealed: true });
    expect(afterAnswer(afterAnswer(freshAttempt, wrong), right)).toMatchObject({ tries: 2, solved: true, revealed: true });
  });

  it('reveals on Show answer, and takes no answer once revealed', () => {
    const shown = afterReveal(freshAttempt);
    expect(shown).toMatchObject({ tries: 0, solved: false, revealed: true });
    expect(afterAnswer(shown, right)).toBe(shown);
  });

  it('ignores an invalid answer', () => {
    expect(afterAnswer(freshAttempt, { status: 'invalid', reason: 'empty' })).toBe(freshAttempt);
  });

  it('counts hints only while the attempt is open', () => {
    expect(afterHint(freshAttempt, 2).hintsUsed).toBe(2);
    expect(afterHint(afterReveal(freshAttempt), 2).hintsUsed).toBe(0);
  });
});

describe('the rating of a finished attempt', () => {
  const firstTry = afterAnswer(freshAttempt, right);
  it('is good at the first try, easy when also quick and without a hint', () => {
    expect(ratingOf(firstTry)).toBe('good');
    expect(ratingOf(firstTry, { ms: 9_000, medianMs: 20_000 })).toBe('easy');
    expect(ratingOf(firstTry, { ms: 10_000, medianMs: 20_000 })).toBe('good');
    expect(ratingOf(afterAnswer(afterHint(freshAttempt, 1), right), { ms: 1_000, medianMs: 20_000 })).toBe('hard');
  });

  it('is hard after a retry and again when never right', () => {
    expect(ratingOf(afterAnswer(afterAnswer(freshAttempt, wrong), right))).toBe('hard');
    expect(ratingOf(afterAnswer(afterAnswer(freshAttempt, wrong), wrong))).toBe('again');
    expect(ratingOf(afterReveal(freshAttempt))).toBe('again');
  });

  it("takes the median from the item's own times, else its type's, else the default", () => {
    expect(medianAnswerMs('single', [4, 1, 9], [])).toBe(4);
    expect(medianAnswerMs('single', [4, 1], [10, 2, 6, 8, 4, 12])).toBe(7);
    expect(medianAnswerMs('numeric', [4], [1, 2])).toBe(DEFAULT_MEDIAN_MS.numeric);
  });
});
