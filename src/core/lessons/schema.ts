import { z } from 'zod';

/**
 * The lesson format of `lessons/README.md` as zod schemas: front matter, ```quiz, ```normalize
 * and ```lab blocks. Cross-field rules (an answer among the choices, params that exist) are
 * `superRefine`s with a `path`, so every message can be traced back to a line of the file.
 */

import type { QuizType } from './quizTypes';

export { QUIZ_TYPES, type QuizType } from './quizTypes';

const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "-" and "_" only');
const text = z.string().trim().min(1, 'must not be empty');

export const frontMatterSchema = z.strictObject({
  id: identifier,
  title: text,
  order: z.number().int(),
  summary: text,
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

const common = {
  id: identifier,
  prompt: text,
  explain: text,
  hints: z.array(text).optional(),
};

const choiceSchema = z.strictObject({ id: identifier, text: text, feedback: text.optional() });
export type Choice = z.infer<typeof choiceSchema>;

function uniqueChoices(choices: readonly Choice[], context: z.RefinementCtx): void {
  const seen = new Set<string>();
  choices.forEach((choice, index) => {
    if (seen.has(choice.id)) {
      context.addIssue({ code: 'custom', path: ['choices', index, 'id'], message: `duplicate choice id "${choice.id}"` });
    }
    seen.add(choice.id);
  });
}

const singleSchema = z
  .strictObject({ ...common, type: z.literal('single'), choices: z.array(choiceSchema).min(2), answer: identifier })
  .superRefine((quiz, context) => {
    uniqueChoices(quiz.choices, context);
    if (!quiz.choices.some((choice) => choice.id === quiz.answer)) {
      context.addIssue({ code: 'custom', path: ['answer'], message: `answer "${quiz.answer}" is not among the choices` });
    }
  });

const multiSchema = z
  .strictObject({ ...common, type: z.literal('multi'), choices: z.array(choiceSchema).min(2), answer: z.array(identifier).min(1) })
  .superRefine((quiz, context) => {
    uniqueChoices(quiz.choices, context);
    quiz.answer.forEach((answer, index) => {
      if (!quiz.choices.some((choice) => choice.id === answer)) {
        context.addIssue({ code: 'custom', path: ['answer', index], message: `answer "${answer}" is not among the choices` });
      }
    });
  });

/** A randomized param: an integer drawn from an inclusive range, or one of a list. */
const paramSpecSchema = z.union([
  z.strictObject({ int: z.tuple([z.number().int(), z.number().int()]) }).refine((spec) => spec.int[0] <= spec.int[1], {
    message: 'int range must be [low, high] with low <= high',
  }),
  z.strictObject({ choice: z.array(z.number()).min(1) }),
]);
export type ParamSpec = z.infer<typeof paramSpecSchema>;

const numberOrParam = z.union([z.number(), identifier]);

export const normalizeInputSchema = z.strictObject({
  shape: z.array(z.number().int().nonnegative()),
  data: z.array(z.number()),
});

const computeSchema = z.strictObject({
  op: identifier,
  input: z.strictObject({ shape: z.array(z.number().int().nonnegative()), data: z.array(numberOrParam) }),
  params: z.record(z.string(), z.unknown()).optional(),
  pick: z.strictObject({ from: identifier.default('output'), index: z.number().int().nonnegative().default(0) }),
});
export type ComputeSpec = z.infer<typeof computeSchema>;

const toleranceSchema = z
  .strictObject({ abs: z.number().nonnegative().optional(), rel: z.number().nonnegative().optional() })
  .refine((tolerance) => tolerance.abs !== undefined || tolerance.rel !== undefined, { message: 'tolerance needs abs or rel' });
export type Tolerance = z.infer<typeof toleranceSchema>;

const numericSchema = z
  .strictObject({
    ...common,
    type: z.literal('numeric'),
    answer: z.number().optional(),
    params: z.record(identifier, paramSpecSchema).optional(),
    compute: computeSchema.optional(),
    tolerance: toleranceSchema.default({ abs: 0.01 }),
  })
  .superRefine((quiz, context) => {
    if ((quiz.answer === undefined) === (quiz.compute === undefined)) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'a numeric item needs either a fixed `answer` or a `compute` block, not both' });
    }
    if (quiz.params && !quiz.compute) {
      context.addIssue({ code: 'custom', path: ['params'], message: '`params` are only used by a `compute` block' });
    }
    if (quiz.compute) {
      const known = new Set(Object.keys(quiz.params ?? {}));
      quiz.compute.input.data.forEach((value, index) => {
        if (typeof value === 'string' && !known.has(value)) {
          context.addIssue({ code: 'custom', path: ['compute', 'input', 'data', index], message: `"${value}" is not a declared param` });
        }
      });
    }
  });

/** Axis names as a learner reads them: `N`, `C/G`, `H·W`. */
const axisName = z.string().regex(/^\S+$/, 'an axis name has no spaces');

const axesSchema = z
  .strictObject({ ...common, type: z.literal('axes'), tensor: z.array(axisName).min(1), answer: z.array(axisName).min(1) })
  .superRefine((quiz, context) => {
    if (new Set(quiz.tensor).size !== quiz.tensor.length) {
      context.addIssue({ code: 'custom', path: ['tensor'], message: 'axis names must be unique' });
    }
    quiz.answer.forEach((axis, index) => {
      if (!quiz.tensor.includes(axis)) {
        context.addIssue({ code: 'custom', path: ['answer', index], message: `axis "${axis}" is not an axis of the tensor` });
      }
    });
  });

const orderSchema = z.strictObject({ ...common, type: z.literal('order'), items: z.array(text).min(2) }).superRefine((quiz, context) => {
  if (new Set(quiz.items).size !== quiz.items.length) {
    context.addIssue({ code: 'custom', path: ['items'], message: 'items must be different from each other' });
  }
});

const shortSchema = z.strictObject({ ...common, type: z.literal('short'), accept: z.array(text).min(1) });

export const quizSchemas = {
  single: singleSchema,
  multi: multiSchema,
  numeric: numericSchema,
  axes: axesSchema,
  order: orderSchema,
  short: shortSchema,
} as const satisfies Record<QuizType, z.ZodType>;

export type SingleQuiz = z.infer<typeof singleSchema>;
export type MultiQuiz = z.infer<typeof multiSchema>;
export type NumericQuiz = z.infer<typeof numericSchema>;
export type AxesQuiz = z.infer<typeof axesSchema>;
export type OrderQuiz = z.infer<typeof orderSchema>;
export type ShortQuiz = z.infer<typeof shortSchema>;
export type Quiz = SingleQuiz | MultiQuiz | NumericQuiz | AxesQuiz | OrderQuiz | ShortQuiz;

export const normalizeBlockSchema = z.strictObject({
  op: identifier,
  input: normalizeInputSchema,
  params: z.record(z.string(), z.unknown()).optional(),
  caption: text.optional(),
});
export type NormalizeBlock = z.infer<typeof normalizeBlockSchema>;

export const LAB_NAMES = ['tensor-explorer', 'linear-collapse', 'input-scale'] as const;

/** Labs are configured by their own module; here only the name is checked and the rest is passed on. */
export const labBlockSchema = z.looseObject({ lab: z.enum(LAB_NAMES) });
export type LabBlock = z.infer<typeof labBlockSchema> & Record<string, unknown>;
