import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LessonFile } from '../../../src/core/lessons/languages';
import { parseLesson } from '../../../src/core/lessons/parse';
import { choiceOrder } from '../../../src/core/lessons/shuffle';
import type { Quiz } from '../../../src/core/lessons/schema';
import { quizView } from '../../../src/core/render/quizView';
import { lessonWithQuiz } from './fixtures';
import { readLessonFiles } from './lessonFiles';

const lessonText = lessonWithQuiz(
  'id: q\ntype: single\nprompt: P?\nchoices:\n  - { id: a, text: A }\n  - { id: b, text: B }\n  - { id: c, text: C }\n  - { id: none, text: None of the above, pin: true }\nanswer: a\nexplain: E.',
);

const choices = (count: number, pinned: readonly number[] = []) =>
  Array.from({ length: count }, (_, index) => ({ id: `c${index}`, ...(pinned.includes(index) ? { pin: true } : {}) }));

describe('choiceOrder', () => {
  it('is a permutation of the choices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 0xffffffff }), (count, seed) => {
        const order = choiceOrder(choices(count), seed).map((choice) => choice.id);
        expect([...order].sort()).toEqual(choices(count).map((choice) => choice.id).sort());
      }),
    );
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const list = choices(5);
    expect(choiceOrder(list, 42)).toEqual(choiceOrder(list, 42));
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => choiceOrder(list, seed).map((choice) => choice.id).join()));
    expect(orders.size).toBeGreaterThan(30);
  });

  it('keeps pinned choices at their listed place and shuffles the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const order = choiceOrder(choices(5, [4, 1]), seed);
        expect(order[4]!.id).toBe('c4');
        expect(order[1]!.id).toBe('c1');
      }),
    );
    const firsts = new Set(Array.from({ length: 100 }, (_, seed) => choiceOrder(choices(5, [4]), seed)[0]!.id));
    expect([...firsts].sort()).toEqual(['c0', 'c1', 'c2', 'c3']);
  });

  it('is the order the quiz view shows, stable for a seed and new for a new seed', () => {
    const quiz = parseLesson('t.md', lessonText).lesson!.quizzes[0]!;
    const ids = (seed: number) => quizView(quiz, seed).choices!.map((choice) => choice.id);
    expect(ids(3)).toEqual(choiceOrder((quiz as Extract<Quiz, { type: 'single' }>).choices, 3).map((choice) => choice.id));
    expect(ids(3)).toEqual(ids(3));
    expect(new Set([0, 1, 2, 3, 4, 5, 6, 7].map((seed) => ids(seed).join())).size).toBeGreaterThan(1);
    expect(ids(5).at(-1)).toBe('none');
  });

  it('puts a given choice at every free place about equally often (uniform)', () => {
    const counts = [0, 0, 0, 0];
    for (let seed = 0; seed < 4000; seed++) counts[choiceOrder(choices(4), seed).findIndex((choice) => choice.id === 'c0')]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(850);
  });
});

/** Where the correct choices land over 1,000 attempt seeds, per item of the real lessons: every position occurs. */
describe('correct positions in the current lessons over 1,000 seeds', () => {
  const files: LessonFile[] = readLessonFiles();
  const quizzes: { file: string; quiz: Quiz }[] = files.flatMap((file) => (parseLesson(file.file, file.text).lesson?.quizzes ?? []).map((quiz) => ({ file: file.file, quiz })));
  const choiceQuizzes = quizzes.filter(({ quiz }) => quiz.type === 'single' || quiz.type === 'multi');

  it('has single and multi items to test', () => {
    expect(choiceQuizzes.length).toBeGreaterThan(10);
  });

  it('shows the correct choice of every single item at every unpinned position', () => {
    const total: Record<number, number> = {};
    const lines: string[] = [];
    for (const { file, quiz } of choiceQuizzes) {
      if (quiz.type !== 'single') continue;
      const histogram = new Array<number>(quiz.choices.length).fill(0);
      for (let seed = 0; seed < 1000; seed++) {
        const position = choiceOrder(quiz.choices, seed).findIndex((choice) => choice.id === quiz.answer);
        histogram[position]! += 1;
        total[position] = (total[position] ?? 0) + 1;
      }
      const pinnedAnswer = quiz.choices.find((choice) => choice.id === quiz.answer)?.pin === true;
      quiz.choices.forEach((choice, position) => {
        if (!pinnedAnswer && choice.pin !== true) expect(histogram[position], `${file} ${quiz.id} position ${position + 1}`).toBeGreaterThan(0);
      });
      lines.push(`${file.replace('lessons/', '')} ${quiz.id}: ${histogram.join(' / ')}`);
    }
    console.log(`single items, correct choice at positions 1..k over 1,000 seeds:\n${lines.join('\n')}\nall single items, by position: ${JSON.stringify(total)}`);
  });

  it('puts the correct set of every multi item in other places than the first choices', () => {
    const lines: string[] = [];
    for (const { file, quiz } of choiceQuizzes) {
      if (quiz.type !== 'multi') continue;
      const right = new Set(quiz.answer);
      const histogram = new Array<number>(quiz.choices.length).fill(0);
      let exactlyFirst = 0;
      for (let seed = 0; seed < 1000; seed++) {
        const order = choiceOrder(quiz.choices, seed);
        order.forEach((choice, position) => {
          if (right.has(choice.id)) histogram[position]! += 1;
        });
        if (order.slice(0, right.size).every((choice) => right.has(choice.id))) exactlyFirst += 1;
      }
      quiz.choices.forEach((choice, position) => {
        if (choice.pin !== true) expect(histogram[position], `${file} ${quiz.id} position ${position + 1}`).toBeGreaterThan(0);
      });
      expect(exactlyFirst, `${file} ${quiz.id}`).toBeLessThan(1000);
      lines.push(`${file.replace('lessons/', '')} ${quiz.id}: ${histogram.join(' / ')} (correct set exactly first: ${exactlyFirst})`);
    }
    console.log(`multi items, correct choices at positions 1..k over 1,000 seeds:\n${lines.join('\n')}`);
  });
});
