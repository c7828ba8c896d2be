import { describe, expect, it } from 'vitest';
import {
  PROGRESS_VERSION,
  emptyProgress,
  lessonStatus,
  loadProgress,
  markOpened,
  recordAnswer,
  setSeed,
  type Progress,
} from '../../../src/core/lessons/progress';

const quizRecord = { seed: 5, attempts: 1, firstCorrect: true, solved: true };
const now = '2026-01-01T00:00:00.000Z';

function answer(progress: Progress, quizId: string, status: 'correct' | 'wrong', quizIds = ['q1', 'q2']) {
  return recordAnswer(progress, {
    lessonId: 'l',
    quizId,
    seed: 9,
    response: { type: 'short', text: 'x' },
    verdict: { status, score: status === 'correct' ? 1 : 0, marks: {}, expected: 'x' },
    now,
    quizIds,
  });
}

describe('loadProgress', () => {
  it('starts empty without a warning when nothing is stored', () => {
    expect(loadProgress(undefined)).toEqual({ progress: emptyProgress(), warnings: [], changed: false });
  });

  it('keeps valid current data unchanged', () => {
    const stored = { version: PROGRESS_VERSION, lessons: { a: { openedAt: now, quizzes: { q: quizRecord } } }, lastLesson: 'a' };
    expect(loadProgress(stored)).toEqual({ progress: stored, warnings: [], changed: false });
  });

  it('resets unreadable data with a warning instead of throwing', () => {
    for (const stored of ['garbage', 42, [1, 2]]) {
      const loaded = loadProgress(stored);
      expect(loaded.progress).toEqual(emptyProgress());
      expect(loaded.warnings).toEqual([{ kind: 'unreadable' }]);
      expect(loaded.changed).toBe(true);
    }
  });

  it('migrates the unversioned prototype shape (lessons at the top level)', () => {
    const loaded = loadProgress({ a: { quizzes: { q: quizRecord } } });
    expect(loaded.progress.version).toBe(PROGRESS_VERSION);
    expect(loaded.progress.lessons.a!.quizzes.q).toMatchObject(quizRecord);
    expect(loaded.changed).toBe(true);
  });

  it('resets only the damaged lesson and keeps the others', () => {
    const loaded = loadProgress({ version: 1, lessons: { good: { quizzes: { q: quizRecord } }, bad: 'oops' } });
    expect(loaded.progress.lessons).toEqual({ good: { quizzes: { q: quizRecord } } });
    expect(loaded.warnings).toEqual([{ kind: 'lessonReset', lessonId: 'bad' }]);
  });

  it('within a lesson, drops only the damaged quiz records', () => {
    const loaded = loadProgress({ version: 1, lessons: { a: { openedAt: now, quizzes: { ok: quizRecord, broken: { seed: -1 } } } } });
    expect(loaded.progress.lessons).toEqual({ a: { openedAt: now, quizzes: { ok: quizRecord } } });
    expect(loaded.warnings).toEqual([{ kind: 'quizzesReset', lessonId: 'a', count: 1 }]);
  });

  it('resets a record without lessons, with a warning', () => {
    expect(loadProgress({ version: 1, lessons: [1] })).toEqual({ progress: emptyProgress(), warnings: [{ kind: 'noLessons' }], changed: true });
  });

  it('keeps what it can read from a newer version, with a warning', () => {
    const loaded = loadProgress({ version: 99, lessons: { a: { quizzes: {} } } });
    expect(loaded.progress.lessons).toEqual({ a: { quizzes: {} } });
    expect(loaded.warnings).toEqual([{ kind: 'newerVersion', version: 99 }]);
  });
});

describe('lesson status and answers', () => {
  it('is not started, then in progress when opened, then done when every quiz is answered', () => {
    let progress = emptyProgress();
    expect(lessonStatus(progress.lessons.l, ['q1', 'q2'])).toEqual({ state: 'notStarted', correct: 0, firstTry: 0, answered: 0, total: 2 });
    progress = markOpened(progress, 'l', now);
    expect(progress.lastLesson).toBe('l');
    expect(lessonStatus(progress.lessons.l, ['q1', 'q2']).state).toBe('inProgress');
    progress = answer(progress, 'q1', 'wrong');
    progress = answer(progress, 'q1', 'correct');
    expect(progress.lessons.l!.completedAt).toBeUndefined();
    progress = answer(progress, 'q2', 'correct');
    expect(lessonStatus(progress.lessons.l, ['q1', 'q2'])).toEqual({ state: 'done', correct: 2, firstTry: 1, answered: 2, total: 2 });
    expect(progress.lessons.l!.completedAt).toBe(now);
  });

  it('remembers whether the first answer was right, whether it was ever right, and the last attempt with its seed', () => {
    const progress = answer(answer(emptyProgress(), 'q1', 'wrong'), 'q1', 'correct');
    expect(progress.lessons.l!.quizzes.q1).toEqual({
      seed: 9,
      attempts: 2,
      firstCorrect: false,
      solved: true,
      last: { seed: 9, response: { type: 'short', text: 'x' }, status: 'correct', at: now },
      current: { tries: 2, solved: true, revealed: true, hintsUsed: 0 },
      card: expect.objectContaining({ due: '2026-01-02T00:00:00.000Z', log: [{ at: now, rating: 'hard' }] }),
    });
  });

  it('records nothing for an invalid answer', () => {
    const progress = emptyProgress();
    const after = recordAnswer(progress, {
      lessonId: 'l',
      quizId: 'q1',
      seed: 1,
      response: { type: 'short', text: '' },
      verdict: { status: 'invalid', reason: 'empty' },
      now,
      quizIds: ['q1'],
    });
    expect(after).toBe(progress);
  });

  it('a lesson without quizzes is done once opened', () => {
    expect(lessonStatus(markOpened(emptyProgress(), 'l', now).lessons.l, []).state).toBe('done');
  });

  it('stores the seed of a new attempt without counting an attempt', () => {
    const progress = setSeed(answer(emptyProgress(), 'q1', 'wrong'), 'l', 'q1', 77);
    expect(progress.lessons.l!.quizzes.q1).toMatchObject({ seed: 77, attempts: 1 });
  });

  it('survives a JSON round trip (what globalState does) unchanged', () => {
    const progress = answer(markOpened(emptyProgress(), 'l', now), 'q1', 'correct');
    expect(loadProgress(JSON.parse(JSON.stringify(progress)))).toEqual({ progress, warnings: [], changed: false });
  });
});
