import { ComputeError, numericExpectation } from '../lessons/compute';
import { formatNumber } from '../lessons/grade';
import { interpolate, shuffledIndices, type Seed } from '../lessons/random';
import type { Quiz } from '../lessons/schema';
import { renderInline, renderMarkdown } from '../markdown/markdown';
import type { QuizView } from './quizViewSchema';

export type { QuizView };

export function quizView(quiz: Quiz, seed: Seed): QuizView {
  let values: Record<string, string | number> = {};
  let error: string | undefined;
  if (quiz.type === 'numeric' && quiz.compute) {
    try {
      const { expected, params } = numericExpectation(quiz, seed);
      values = { ...params, answer: formatNumber(expected) };
    } catch (caught) {
      error = caught instanceof ComputeError ? caught.message : String(caught);
    }
  } else if (quiz.type === 'numeric' && quiz.answer !== undefined) {
    values = { answer: formatNumber(quiz.answer) };
  }
  const block = (text: string) => renderMarkdown(interpolate(text, values));
  const inline = (text: string) => renderInline(interpolate(text, values));
  const view: QuizView = {
    id: quiz.id,
    type: quiz.type,
    seed,
    randomized: quiz.type === 'numeric' && Object.keys(quiz.params ?? {}).length > 0,
    promptHtml: block(quiz.prompt),
    explainHtml: block(quiz.explain),
    hintsHtml: (quiz.hints ?? []).map(block),
    quiz,
    ...(error === undefined ? {} : { error }),
  };
  switch (quiz.type) {
    case 'single':
    case 'multi':
      return {
        ...view,
        choices: quiz.choices.map((choice) => ({
          id: choice.id,
          html: inline(choice.text),
          ...(choice.feedback === undefined ? {} : { feedbackHtml: block(choice.feedback) }),
        })),
      };
    case 'axes':
      return { ...view, axes: quiz.tensor };
    case 'order':
      return { ...view, items: shuffledIndices(quiz.items.length, seed).map((index) => ({ index, html: inline(quiz.items[index]!) })) };
    default:
      return view;
  }
}
