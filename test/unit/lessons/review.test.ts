import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/core/lessons/grade';
import {
  PROGRESS_VERSION,
  emptyProgress,
  lessonStatus,
  loadProgress,
  nextDue,
  parseCourseOutline,
  recordAnswer,
  recordHint,
  recordReveal,
  reviewQueue,
  setSeed,
  startReview,
  type Progress,
} from '../../../src/core/lessons/progress';

const right: Verdict = { status: 'correct', score: 1, marks: {}, expected: '' };
const wrong: Verdict = { status: 'wrong', score: 0, marks: {}, expected: '' };
const day0 = '2026-06-01T10:00:00.000Z';
const day1 = new Date('2026-06-02T10:00:00.000Z');
const outline = [
  { id: 'a', quizIds: ['a1', 'a2', 'a3'] },
  { id: 'b', quizIds: ['b1', 'b2'] },
];

function answer(progress: Progress, lessonId: string, quizId: string, verdict: Verdict, extra: { now?: string; seed?: number; mode?: 'lesson' | 'review'; hintsUsed?: number } = {}) {
  return recordAnswer(progress, {
    lessonId,
    quizId,
    seed: extra.seed ?? 1,
    response: { type: 'short', text: 'x' },
    verdict,
    now: extra.now ?? day0,
    quizIds: outline.find((lesson) => lesson.id === lessonId)!.quizIds,
    ...(extra.mode ? { mode: extra.mode } : {}),
    ...(extra.hintsUsed === undefined ? {} : { hintsUsed: extra.hintsUsed }),
  });
}

const quizOf = (progress: Progress, lessonId: string, quizId: string) => progress.lessons[lessonId]!.quizzes[quizId]!;

describe('progress version 2', () => {
  it('migrates a version 1 store: answers kept, answered items revealed and scheduled from their last answer', () => {
    const stored = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/progress/version1.json'), 'utf8'));
    const { progress, warnings, changed } = loadProgress(stored);
    expect(warnings).toEqual([]);
    expect(changed).toBe(true);
    expect(progress.version).toBe(PROGRESS_VERSION);
    expect(progress.lastLesson).toBe('layer-norm');
    const axes = progress.lessons['batch-norm']!.quizzes['bn-axes']!;
    expect(axes).toMatchObject({ seed: 11, attempts: 1, firstCorrect: true, solved: true, current: { tries: 1, solved: true, revealed: true, hintsUsed: 0 } });
    expect(axes.card).toMatchObject({ due: '2026-03-02T09:10:00.000Z', log: [{ at: '2026-03-01T09:10:00.000Z', rating: 'good' }] });
    expect(progress.lessons['batch-norm']!.quizzes['bn-eval']!.card!.log[0]!.rating).toBe('again');
    // A new attempt had been drawn after the answer: it is not revealed, but the item is scheduled.
    const renewed = progress.lessons['layer-norm']!.quizzes['ln-new-numbers']!;
    expect(renewed.current).toBeUndefined();
    expect(renewed.card).toBeDefined();
    expect(progress.lessons['layer-norm']!.quizzes['ln-unanswered']).toEqual({ seed: 5, attempts: 0, solved: false });
    expect(lessonStatus(progress.lessons['batch-norm'], ['bn-axes', 'bn-eval'])).toMatchObject({ state: 'done', firstTry: 1, correct: 2 });
    // Loaded again, the migrated value is current and unchanged.
    expect(loadProgress(JSON.parse(JSON.stringify(progress)))).toEqual({ progress, warnings: [], changed: false });
  });

  it('drops only the schedule of a damaged card, keeping the answer', () => {
    const progress = answer(emptyProgress(), 'a', 'a1', right);
    const damaged = JSON.parse(JSON.stringify(progress));
    damaged.lessons.a.quizzes.a1.card.due = 'soon';
    const loaded = loadProgress(damaged);
    expect(loaded.warnings).toEqual([{ kind: 'quizzesReset', lessonId: 'a', count: 1 }]);
    expect(quizOf(loaded.progress, 'a', 'a1')).toMatchObject({ solved: true, firstCorrect: true });
    expect(quizOf(loaded.progress, 'a', 'a1').card).toBeUndefined();
  });
});

describe('lesson attempts', () => {
  it('keeps the first try as the score and the final result apart, and schedules the card when the attempt ends', () => {
    let progress = answer(emptyProgress(), 'a', 'a1', wrong);
    expect(quizOf(progress, 'a', 'a1')).toMatchObject({ firstCorrect: false, solved: false, current: { tries: 1, revealed: false } });
    expect(quizOf(progress, 'a', 'a1').card).toBeUndefined();
    progress = answer(progress, 'a', 'a1', right);
    expect(quizOf(progress, 'a', 'a1')).toMatchObject({ firstCorrect: false, solved: true, current: { tries: 2, revealed: true } });
    expect(quizOf(progress, 'a', 'a1').card!.log).toEqual([{ at: day0, rating: 'hard' }]);
    expect(lessonStatus(progress.lessons.a, outline[0]!.quizIds)).toMatchObject({ firstTry: 0, correct: 1 });
  });

  it('takes no answer after the reveal, and a new attempt (new seed) starts over without touching the card', () => {
    let progress = recordReveal(emptyProgress(), { lessonId: 'a', quizId: 'a1', seed: 1, now: day0, quizIds: outline[0]!.quizIds });
    const card = quizOf(progress, 'a', 'a1').card;
    expect(card!.log[0]!.rating).toBe('again');
    expect(answer(progress, 'a', 'a1', right)).toBe(progress);
    progress = setSeed(progress, 'a', 'a1', 2);
    expect(quizOf(progress, 'a', 'a1').current).toBeUndefined();
    progress = answer(progress, 'a', 'a1', right, { seed: 2 });
    // Not due yet: practice in the lesson does not move the schedule.
    expect(quizOf(progress, 'a', 'a1').card).toEqual(card);
  });

  it('remembers hints, so an answer after a hint rates hard even after a reload', () => {
    let progress = recordHint(emptyProgress(), { lessonId: 'a', quizId: 'a1', seed: 1, now: day0, quizIds: outline[0]!.quizIds, hintsUsed: 1 });
    progress = loadProgress(JSON.parse(JSON.stringify(progress))).progress;
    progress = answer(progress, 'a', 'a1', right);
    expect(quizOf(progress, 'a', 'a1').card!.log[0]!.rating).toBe('hard');
  });
});

describe('the review queue', () => {
  function finishedYesterday(): Progress {
    let progress = emptyProgress();
    for (const lesson of outline) for (const quizId of lesson.quizIds) progress = answer(progress, lesson.id, quizId, right);
    return progress;
  }

  it('is empty on the day of the lesson and says when the next card is due', () => {
    const progress = finishedYesterday();
    expect(reviewQueue(progress, outline, new Date(day0))).toEqual([]);
    expect(nextDue(progress, outline, new Date(day0))).toBe(day1.toISOString());
    expect(nextDue(emptyProgress(), outline, new Date(day0))).toBeUndefined();
  });

  it('holds everything learned yesterday, interleaved across lessons', () => {
    const queue = reviewQueue(finishedYesterday(), outline, day1).map((item) => `${item.lessonId}/${item.quizId}`);
    expect(queue).toEqual(['a/a1', 'b/b1', 'a/a2', 'b/b2', 'a/a3']);
  });

  it('ignores the card of an item the lessons no longer have (deleted or renamed)', () => {
    const renamed = [{ id: 'a', quizIds: ['a1', 'a2-renamed', 'a3'] }, outline[1]!];
    expect(reviewQueue(finishedYesterday(), renamed, day1).map((item) => item.quizId)).toEqual(['a1', 'b1', 'a3', 'b2']);
  });

  it('reviews an item with its own seed, retry before reveal, and takes it off the queue once rated', () => {
    let progress = startReview(finishedYesterday(), 'b', 'b1', 777);
    expect(startReview(progress, 'b', 'b1', 888)).toBe(progress);
    const at = day1.toISOString();
    progress = answer(progress, 'b', 'b1', wrong, { seed: 777, mode: 'review', now: at });
    expect(quizOf(progress, 'b', 'b1').review).toMatchObject({ seed: 777, tries: 1, revealed: false });
    expect(reviewQueue(progress, outline, day1).map((item) => item.quizId)).toContain('b1');
    progress = answer(progress, 'b', 'b1', right, { seed: 777, mode: 'review', now: at });
    const quiz = quizOf(progress, 'b', 'b1');
    expect(quiz.review).toBeUndefined();
    expect(quiz.card!.log.map((entry) => entry.rating)).toEqual(['good', 'hard']);
    expect(quiz.seed).toBe(1);
    expect(reviewQueue(progress, outline, day1).map((item) => item.quizId)).toEqual(['a1', 'b2', 'a2', 'a3']);
  });

  it('ignores a review answer with another seed or for a card that is not due', () => {
    const progress = startReview(finishedYesterday(), 'b', 'b1', 777);
    expect(answer(progress, 'b', 'b1', right, { seed: 778, mode: 'review', now: day1.toISOString() })).toBe(progress);
    expect(answer(progress, 'b', 'b1', right, { seed: 777, mode: 'review', now: day0 })).toBe(progress);
  });
});

describe('the cached course outline', () => {
  it('reads back what the host stored, and the queue from it equals the queue from the lessons', () => {
    const stored: unknown = JSON.parse(JSON.stringify(outline));
    expect(parseCourseOutline(stored)).toEqual(outline);
    let progress = answer(emptyProgress(), 'a', 'a1', wrong, { now: day0 });
    progress = answer(progress, 'b', 'b1', wrong, { now: day0 });
    expect(reviewQueue(progress, parseCourseOutline(stored)!, day1)).toEqual(reviewQueue(progress, outline, day1));
  });

  it('refuses a damaged cache as a whole, so the host waits for the lessons instead of counting from it', () => {
    for (const damaged of [undefined, null, 'a', {}, [{ id: 'a' }], [{ id: 1, quizIds: [] }], [{ id: 'a', quizIds: ['a1', 2] }], [null]]) {
      expect(parseCourseOutline(damaged)).toBeUndefined();
    }
    expect(parseCourseOutline([])).toEqual([]);
  });
});
