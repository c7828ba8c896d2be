import * as v from 'valibot';
import { isRecord } from '../guards';
import { QUIZ_TYPES } from '../lessons/quizTypes';
import { seedSchema } from '../lessons/random';
import type { Quiz } from '../lessons/schema';

/**
 * One attempt of a quiz as the page shows it: Markdown already rendered (with this attempt's
 * params filled in), order items shuffled by the seed, plus the definition itself so the page
 * can grade with the same core code as the host. Built by `quizView`; a module of its own so the
 * page can check what arrives without bundling the renderer.
 */
export const quizViewSchema = v.object({
  id: v.string(),
  type: v.picklist(QUIZ_TYPES),
  seed: seedSchema,
  /** True when a new attempt draws new numbers (a numeric item with `params`). */
  randomized: v.boolean(),
  promptHtml: v.string(),
  explainHtml: v.string(),
  hintsHtml: v.array(v.string()),
  choices: v.optional(v.array(v.object({ id: v.string(), html: v.string(), feedbackHtml: v.optional(v.string()) }))),
  axes: v.optional(v.array(v.string())),
  /** Order items in the order they are first shown; `index` is the item's place in the lesson file. */
  items: v.optional(v.array(v.object({ index: v.pipe(v.number(), v.integer(), v.minValue(0)), html: v.string() }))),
  /** Checked by the lesson schemas when the host read the file; the page only needs it to be an object. */
  quiz: v.custom<Quiz>(isRecord),
  /** Set when the item cannot be posed (its compute block fails in the engine). */
  error: v.optional(v.string()),
});
export type QuizView = v.InferOutput<typeof quizViewSchema>;
