import { describe, expect, it } from 'vitest';
import {
  checkMessage,
  hostToLessonPageSchema,
  lessonPageToHostSchema,
  parseHostToLessonPage,
  parseLessonPageMessage,
  parseLessonPanelState,
  parseQuizResponse,
} from '../../../src/messages';

describe('lesson page messages', () => {
  it('accepts every well-formed message from the page', () => {
    expect(parseLessonPageMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseLessonPageMessage({ type: 'navigate', direction: 'next' })).toEqual({ type: 'navigate', direction: 'next' });
    expect(parseLessonPageMessage({ type: 'answer', lessonId: 'l', quizId: 'q', seed: 7, response: { type: 'short', text: 'x' }, extra: 1 })).toEqual({
      type: 'answer',
      lessonId: 'l',
      quizId: 'q',
      seed: 7,
      response: { type: 'short', text: 'x' },
    });
    expect(parseLessonPageMessage({ type: 'newAttempt', lessonId: 'l', quizId: 'q' })).toEqual({ type: 'newAttempt', lessonId: 'l', quizId: 'q' });
  });

  it('refuses malformed messages', () => {
    for (const message of [
      null,
      'ready',
      { type: 'navigate', direction: 'sideways' },
      { type: 'answer', lessonId: 'l', quizId: 'q', seed: -1, response: { type: 'short', text: 'x' } },
      { type: 'answer', lessonId: 'l', quizId: 'q', seed: 2 ** 32, response: { type: 'short', text: 'x' } },
      { type: 'answer', lessonId: 'l', quizId: 'q', seed: 1, response: { type: 'short', text: 3 } },
      { type: 'answer', lessonId: 1, quizId: 'q', seed: 1, response: { type: 'short', text: 'x' } },
      { type: 'unknown' },
    ]) {
      expect(parseLessonPageMessage(message)).toBeUndefined();
    }
  });

  it('reads each response type and nothing that does not fit it', () => {
    expect(parseQuizResponse({ type: 'single', choice: 'a' })).toEqual({ type: 'single', choice: 'a' });
    expect(parseQuizResponse({ type: 'multi', choices: ['a', 'b'] })).toEqual({ type: 'multi', choices: ['a', 'b'] });
    expect(parseQuizResponse({ type: 'numeric', value: '1.5' })).toEqual({ type: 'numeric', value: '1.5' });
    expect(parseQuizResponse({ type: 'axes', axes: ['N'] })).toEqual({ type: 'axes', axes: ['N'] });
    expect(parseQuizResponse({ type: 'order', order: [1, 0] })).toEqual({ type: 'order', order: [1, 0] });
    expect(parseQuizResponse({ type: 'short', text: 'x' })).toEqual({ type: 'short', text: 'x' });
    expect(parseQuizResponse({ type: 'multi', choices: ['a', 1] })).toBeUndefined();
    expect(parseQuizResponse({ type: 'order', order: [0.5] })).toBeUndefined();
    expect(parseQuizResponse({ type: 'numeric', value: 1.5 })).toBeUndefined();
  });

  it('checks the envelope of host messages in the page', () => {
    expect(parseHostToLessonPage({ type: 'showProblem', title: 't', problems: ['a:1: b'] })).toEqual({ type: 'showProblem', title: 't', problems: ['a:1: b'] });
    expect(parseHostToLessonPage({ type: 'showLesson', lesson: { html: 1, quizzes: [] }, scrollY: 0 })).toBeUndefined();
    expect(parseHostToLessonPage({ type: 'quizUpdated', lessonId: 'l' })).toBeUndefined();
  });

  it('restores a saved panel state and clamps a bad scroll position', () => {
    expect(parseLessonPanelState({ lessonId: 'l', scrollY: 120 })).toEqual({ lessonId: 'l', scrollY: 120 });
    expect(parseLessonPanelState({ lessonId: 'l', scrollY: -5 })).toEqual({ lessonId: 'l', scrollY: 0 });
    expect(parseLessonPanelState({ lessonId: 'l', scrollY: 'far' })).toEqual({ lessonId: 'l', scrollY: 0 });
    expect(parseLessonPanelState(undefined)).toBeUndefined();
  });

  it.each([
    ['an answer without a quiz id', { type: 'answer', lessonId: 'l', seed: 1, response: { type: 'short', text: 'x' } }, /^quizId: /],
    ['an answer whose response has no text', { type: 'answer', lessonId: 'l', quizId: 'q', seed: 1, response: { type: 'short' } }, /^response\.text: /],
    ['a response of an unknown type', { type: 'answer', lessonId: 'l', quizId: 'q', seed: 1, response: { type: 'essay' } }, /^response\.type: /],
    ['a message of an unknown type', { type: 'jump' }, /^type: /],
    ['a seed beyond 32 bits', { type: 'answer', lessonId: 'l', quizId: 'q', seed: 2 ** 32, response: { type: 'short', text: 'x' } }, /^seed: /],
  ])('the problem with %s names the field', (_, message, problem) => {
    const checked = checkMessage(lessonPageToHostSchema, message);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problem).toMatch(problem);
  });

  const quiz = {
    id: 'q1',
    type: 'short',
    seed: 3,
    randomized: false,
    promptHtml: '<p>?</p>',
    explainHtml: '<p>!</p>',
    hintsHtml: [],
    quiz: { id: 'q1', type: 'short', prompt: '?', explain: '!', accept: ['x'] },
  };
  const lesson = { id: 'l', title: 'L', position: 1, count: 2, html: '<p></p>', quizzes: [quiz], progress: {}, problems: [] };

  it('checks a whole lesson sent to the page, down to its quizzes', () => {
    expect(parseHostToLessonPage({ type: 'showLesson', lesson, scrollY: 0 })).toEqual({ type: 'showLesson', lesson, scrollY: 0 });
    const checked = checkMessage(hostToLessonPageSchema, { type: 'showLesson', lesson: { ...lesson, quizzes: [{ ...quiz, promptHtml: undefined }] }, scrollY: 0 });
    expect(!checked.ok && checked.problem).toMatch(/^lesson\.quizzes\.0\.promptHtml: /);
  });

  it('drops a last answer it cannot read but keeps the lesson', () => {
    const progress = { q1: { attempts: 2, last: { seed: 3, response: { type: 'short', text: 7 } } } };
    const message = parseHostToLessonPage({ type: 'showLesson', lesson: { ...lesson, progress }, scrollY: 0 });
    expect(message?.type === 'showLesson' && message.lesson.progress).toEqual({ q1: { attempts: 2 } });
  });
});
