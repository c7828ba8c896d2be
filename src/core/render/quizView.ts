import { cellsAnswer } from '../lessons/cells';
import { ComputeError, numericExpectation } from '../lessons/compute';
import { formatNumber } from '../lessons/grade';
import { interpolate, shuffledIndices, type Seed } from '../lessons/random';
import type { Quiz, QuizType } from '../lessons/schema';
import { choiceOrder } from '../lessons/shuffle';
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
  /** Choices in the order this attempt shows them (shuffled by the seed, pinned ones in place). */
  readonly choices?: readonly { readonly id: string; readonly html: string; readonly feedbackHtml?: string }[];
  /** A numeric item's `mistakes` feedback, by index (`Verdict.mistake`). */
  readonly mistakesHtml?: readonly string[];
  /** A `cells` item: the drawn tensor (N, C, H·W) and the target's flat index, preselected and fixed. */
  readonly cells?: { readonly shape: readonly [number, number, number]; readonly target: number };
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
        choices: choiceOrder(quiz.choices, seed).map((choice) => ({
          id: choice.id,
          html: inline(choice.text),
          ...(choice.feedback === undefined ? {} : { feedbackHtml: block(choice.feedback) }),
        })),
      };
    case 'axes':
      return { ...view, axes: quiz.tensor };
    case 'order':
      return { ...view, items: shuffledIndices(quiz.items.length, seed).map((index) => ({ index, html: inline(quiz.items[index]!) })) };
    case 'numeric':
      return quiz.mistakes ? { ...view, mistakesHtml: quiz.mistakes.map((mistake) => block(mistake.feedback)) } : view;
    case 'cells':
      try {
        return { ...view, cells: { shape: quiz.shape, target: cellsAnswer(quiz).target } };
      } catch (caught) {
        return { ...view, error: caught instanceof Error ? caught.message : String(caught) };
      }
    default:
      return view;
  }
}
