import { ComputeError, numericExpectation } from '../lessons/compute';
import { formatNumber } from '../lessons/grade';
import { interpolate, shuffledIndices, type Seed } from '../lessons/random';
import type { Quiz, QuizType } from '../lessons/schema';
import { renderInline, renderMarkdown } from './markdown';

/**
 * One attempt of a quiz as the page shows it: Markdown already rendered (with this attempt's
 * params filled in), order items shuffled by the seed, plus the definition itself so the page
 * can grade with the same core code as the host.
 */
export interface QuizView {
  readonly id: string;
  readonly type: QuizType;
  readonly seed: Seed;
  /** True when a new attempt draws new numbers (a numeric item with `params`). */
  readonly randomized: boolean;
  readonly promptHtml: string;
  readonly explainHtml: string;
  readonly hintsHtml: readonly string[];
  readonly choices?: readonly { readonly id: string; readonly html: string; readonly feedbackHtml?: string }[];
  readonly axes?: readonly string[];
  /** Order items in the order they are first shown; `index` is the item's place in the lesson file. */
  readonly items?: readonly { readonly index: number; readonly html: string }[];
  readonly quiz: Quiz;
  /** Set when the item cannot be posed (its compute block fails in the engine). */
  readonly error?: string;
}

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
