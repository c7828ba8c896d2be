import * as v from 'valibot';
import { numericExpectation } from './compute';
import type { Seed } from './random';
import type { AxesQuiz, MultiQuiz, NumericQuiz, OrderQuiz, Quiz, ShortQuiz, SingleQuiz, Tolerance } from './schema';

/** What a learner answered, one shape per quiz type; checked with this schema when it arrives from the page. */
export const quizResponseSchema = v.variant('type', [
  v.object({ type: v.literal('single'), choice: v.string() }),
  v.object({ type: v.literal('multi'), choices: v.array(v.string()) }),
  v.object({ type: v.literal('numeric'), value: v.string() }),
  v.object({ type: v.literal('axes'), axes: v.array(v.string()) }),
  /** Indices into `items` (the order of the lesson file) in the order the learner put them. */
  v.object({ type: v.literal('order'), order: v.array(v.pipe(v.number(), v.integer())) }),
  v.object({ type: v.literal('short'), text: v.string() }),
]);
export type QuizResponse = v.InferOutput<typeof quizResponseSchema>;

/** How one choice or axis came out: picked and right, picked and wrong, or right but not picked. */
export type Mark = 'correct' | 'wrong' | 'missed';

export type Verdict =
  | {
      readonly status: 'correct' | 'wrong';
      /** 1 or 0; kept as a number so partial credit can come later without a format change. */
      readonly score: number;
      /** Per choice or axis id, for the choices and axes the learner should look at. */
      readonly marks: Readonly<Record<string, Mark>>;
      /** The right answer as plain text (numbers formatted, items in order); empty for choices, which are marked instead. */
      readonly expected: string;
    }
  /** Not an answer at all (empty, not a number, wrong type): nothing is recorded. */
  | { readonly status: 'invalid'; readonly reason: InvalidReason };

export type InvalidReason = 'empty' | 'notANumber' | 'wrongType' | 'unknownChoice' | 'notAPermutation';

function verdict(correct: boolean, marks: Record<string, Mark> = {}, expected = ''): Verdict {
  return { status: correct ? 'correct' : 'wrong', score: correct ? 1 : 0, marks, expected };
}

const invalid = (reason: InvalidReason): Verdict => ({ status: 'invalid', reason });

/**
 * Grades one response. `seed` is the attempt's seed: it fixes randomized params (and so the
 * engine-computed answer) and nothing else, so the same seed always grades the same way.
 */
export function gradeQuiz(quiz: Quiz, response: QuizResponse, seed: Seed): Verdict {
  if (response.type !== quiz.type) return invalid('wrongType');
  switch (quiz.type) {
    case 'single':
      return gradeSingle(quiz, response as Extract<QuizResponse, { type: 'single' }>);
    case 'multi':
      return gradeMulti(quiz, response as Extract<QuizResponse, { type: 'multi' }>);
    case 'numeric':
      return gradeNumeric(quiz, response as Extract<QuizResponse, { type: 'numeric' }>, seed);
    case 'axes':
      return gradeAxes(quiz, response as Extract<QuizResponse, { type: 'axes' }>);
    case 'order':
      return gradeOrder(quiz, response as Extract<QuizResponse, { type: 'order' }>);
    case 'short':
      return gradeShort(quiz, response as Extract<QuizResponse, { type: 'short' }>);
    default: {
      const never: never = quiz;
      return never;
    }
  }
}

function gradeSingle(quiz: SingleQuiz, response: { choice: string }): Verdict {
  if (response.choice === '') return invalid('empty');
  if (!quiz.choices.some((choice) => choice.id === response.choice)) return invalid('unknownChoice');
  const correct = response.choice === quiz.answer;
  const marks: Record<string, Mark> = { [quiz.answer]: correct ? 'correct' : 'missed' };
  if (!correct) marks[response.choice] = 'wrong';
  return verdict(correct, marks);
}

/** Marks a picked set against the right set: right picks, wrong picks, and right ones left out. */
function markSets(picked: ReadonlySet<string>, right: ReadonlySet<string>): { correct: boolean; marks: Record<string, Mark> } {
  const marks: Record<string, Mark> = {};
  for (const id of right) marks[id] = picked.has(id) ? 'correct' : 'missed';
  for (const id of picked) if (!right.has(id)) marks[id] = 'wrong';
  return { correct: Object.values(marks).every((mark) => mark === 'correct'), marks };
}

function gradeMulti(quiz: MultiQuiz, response: { choices: readonly string[] }): Verdict {
  if (response.choices.length === 0) return invalid('empty');
  if (response.choices.some((id) => !quiz.choices.some((choice) => choice.id === id))) return invalid('unknownChoice');
  const { correct, marks } = markSets(new Set(response.choices), new Set(quiz.answer));
  return verdict(correct, marks);
}

function gradeAxes(quiz: AxesQuiz, response: { axes: readonly string[] }): Verdict {
  if (response.axes.length === 0) return invalid('empty');
  if (response.axes.some((axis) => !quiz.tensor.includes(axis))) return invalid('unknownChoice');
  const { correct, marks } = markSets(new Set(response.axes), new Set(quiz.answer));
  const expected = quiz.tensor.filter((axis) => quiz.answer.includes(axis)).join(', ');
  return verdict(correct, marks, expected);
}

function gradeOrder(quiz: OrderQuiz, response: { order: readonly number[] }): Verdict {
  const count = quiz.items.length;
  const isPermutation =
    response.order.length === count &&
    new Set(response.order).size === count &&
    response.order.every((index) => Number.isInteger(index) && index >= 0 && index < count);
  if (!isPermutation) return invalid('notAPermutation');
  return verdict(
    response.order.every((item, position) => item === position),
    {},
    quiz.items.join(' → '),
  );
}

/** Case-, width- and space-insensitive: "Layer Norm", "layernorm" and "ＬａｙｅｒＮｏｒｍ" are the same answer. */
export function normalizePhrase(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function gradeShort(quiz: ShortQuiz, response: { text: string }): Verdict {
  const given = normalizePhrase(response.text);
  if (given === '') return invalid('empty');
  return verdict(quiz.accept.some((phrase) => normalizePhrase(phrase) === given), {}, quiz.accept[0]!);
}

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Reads a typed number; accepts a Unicode minus and surrounding spaces, nothing looser. */
export function parseNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/\u2212/g, '-');
  return numberPattern.test(cleaned) ? Number(cleaned) : undefined;
}

/**
 * True when `value` is within the tolerance of `expected`: within `abs`, or within `rel` times
 * |expected|. A bound is inclusive, with slack for the binary rounding of decimal inputs
 * (|1.2347 − 1.2247| is 0.010000000000000009 in float64, and must pass `abs: 0.01`).
 */
export function withinTolerance(value: number, expected: number, tolerance: Tolerance): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(expected)) return false;
  const difference = Math.abs(value - expected);
  const slack = 1e-12 * Math.max(1, Math.abs(expected));
  const bounds = [tolerance.abs, tolerance.rel === undefined ? undefined : tolerance.rel * Math.abs(expected)];
  return bounds.some((bound) => bound !== undefined && difference <= bound + slack);
}

/** Six significant digits, no trailing zeros: what a learner would type. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return String(Number(value.toPrecision(6)));
}

function gradeNumeric(quiz: NumericQuiz, response: { value: string }, seed: Seed): Verdict {
  if (response.value.trim() === '') return invalid('empty');
  const value = parseNumber(response.value);
  if (value === undefined) return invalid('notANumber');
  const { expected } = numericExpectation(quiz, seed);
  return verdict(withinTolerance(value, expected, quiz.tolerance), {}, formatNumber(expected));
}
