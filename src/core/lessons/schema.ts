import { z } from 'zod';

/**
 * The lesson format of `lessons/README.md` as zod schemas: front matter, ```quiz, ```normalize
 * and ```lab blocks. Cross-field rules (an answer among the choices, params that exist) are
 * `superRefine`s with a `path`, so every message can be traced back to a line of the file.
 */

import { isRecord } from '../guards';
import { LAB_NAMES } from '../labs/labConfig';
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

/** `pin: true` keeps a choice at its listed place (e.g. "None of the above"); the others are shuffled per attempt. */
const choiceSchema = z.strictObject({ id: identifier, text: text, feedback: text.optional(), pin: z.boolean().optional() });
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

/**
 * A single or multi item's answers that name no choice. Also run by the parser on an item that
 * failed its schema (zod skips the cross-field rules then), so it reads the raw mapping.
 */
export function answerOutsideChoices(quiz: Readonly<Record<string, unknown>>): { path: (string | number)[]; message: string }[] {
  if ((quiz.type !== 'single' && quiz.type !== 'multi') || !Array.isArray(quiz.choices)) return [];
  const ids = new Set(quiz.choices.map((choice: unknown) => (isRecord(choice) ? choice.id : undefined)));
  const answers: unknown[] = Array.isArray(quiz.answer) ? quiz.answer : [quiz.answer];
  return answers.flatMap((answer, index) =>
    typeof answer === 'string' && !ids.has(answer)
      ? [{ path: Array.isArray(quiz.answer) ? ['answer', index] : ['answer'], message: `answer "${answer}" is not among the choices` }]
      : [],
  );
}

const answerAmongChoices = (quiz: Readonly<Record<string, unknown>>, context: z.RefinementCtx) => {
  for (const issue of answerOutsideChoices(quiz)) context.addIssue({ code: 'custom', ...issue });
};

const singleSchema = z
  .strictObject({ ...common, type: z.literal('single'), choices: z.array(choiceSchema).min(2), answer: identifier })
  .superRefine((quiz, context) => {
    uniqueChoices(quiz.choices, context);
    answerAmongChoices(quiz, context);
  });

const multiSchema = z
  .strictObject({ ...common, type: z.literal('multi'), choices: z.array(choiceSchema).min(2), answer: z.array(identifier).min(1) })
  .superRefine((quiz, context) => {
    uniqueChoices(quiz.choices, context);
    answerAmongChoices(quiz, context);
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

const computeFields = {
  op: identifier,
  input: z.strictObject({ shape: z.array(z.number().int().nonnegative()), data: z.array(numberOrParam) }),
  params: z.record(z.string(), z.unknown()).optional(),
  pick: z.strictObject({ from: identifier.default('output'), index: z.number().int().nonnegative().default(0) }),
};
const computeSchema = z.strictObject(computeFields);
export type ComputeSpec = z.infer<typeof computeSchema>;

/** A mistake's compute block: any of the item's top-level keys, each replacing the item's one whole. */
const partialComputeSchema = z.strictObject({
  op: computeFields.op.optional(),
  input: computeFields.input.optional(),
  params: computeFields.params,
  pick: computeFields.pick.optional(),
});
export type PartialComputeSpec = z.infer<typeof partialComputeSchema>;

/** A typical wrong result with its own feedback: computed like the answer with some keys replaced, or a fixed number. */
const mistakeSchema = z.union([
  z.strictObject({ compute: partialComputeSchema, feedback: text }),
  z.strictObject({ answer: z.number(), feedback: text }),
]);
export type Mistake = z.infer<typeof mistakeSchema>;

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
    mistakes: z.array(mistakeSchema).optional(),
  })
  .superRefine((quiz, context) => {
    if ((quiz.answer === undefined) === (quiz.compute === undefined)) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'a numeric item needs either a fixed `answer` or a `compute` block, not both' });
    }
    if (quiz.params && !quiz.compute) {
      context.addIssue({ code: 'custom', path: ['params'], message: '`params` are only used by a `compute` block' });
    }
    const known = new Set(Object.keys(quiz.params ?? {}));
    const checkData = (data: readonly (number | string)[], path: (string | number)[]) =>
      data.forEach((value, index) => {
        if (typeof value === 'string' && !known.has(value)) {
          context.addIssue({ code: 'custom', path: [...path, index], message: `"${value}" is not a declared param` });
        }
      });
    if (quiz.compute) checkData(quiz.compute.input.data, ['compute', 'input', 'data']);
    quiz.mistakes?.forEach((mistake, index) => {
      if ('compute' in mistake && !quiz.compute) {
        context.addIssue({ code: 'custom', path: ['mistakes', index, 'compute'], message: 'a fixed-answer item takes mistakes as `answer`, not `compute`' });
      } else if ('answer' in mistake && quiz.compute) {
        context.addIssue({ code: 'custom', path: ['mistakes', index, 'answer'], message: 'a computed item takes mistakes as a `compute` block, evaluated with the same params' });
      } else if ('compute' in mistake && mistake.compute.input) {
        checkData(mistake.compute.input.data, ['mistakes', index, 'compute', 'input', 'data']);
      }
    });
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

export const CELLS_OPS = ['batch_norm', 'layer_norm', 'instance_norm', 'group_norm'] as const;
export type CellsOp = (typeof CELLS_OPS)[number];

/** Sizes that keep every cell of an (N, C, H·W) tensor big enough to click (the tensor explorer's limits). */
export const CELLS_LIMITS = { batch: 8, channels: 16, positions: 16 } as const;

const size = (limit: number) => z.number().int().min(1).max(limit);

/** The learner marks every cell pooled with the highlighted `target` cell of an (N, C, H·W) tensor. */
const cellsSchema = z
  .strictObject({
    ...common,
    type: z.literal('cells'),
    op: z.enum(CELLS_OPS),
    shape: z.tuple([size(CELLS_LIMITS.batch), size(CELLS_LIMITS.channels), size(CELLS_LIMITS.positions)]),
    groups: z.number().int().min(1).optional(),
    target: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.number().int().nonnegative()]),
  })
  .superRefine((quiz, context) => {
    const channels = quiz.shape[1];
    if (quiz.op === 'group_norm') {
      if (quiz.groups === undefined) context.addIssue({ code: 'custom', path: ['groups'], message: 'group_norm needs `groups` (a divisor of C)' });
      else if (channels % quiz.groups !== 0) context.addIssue({ code: 'custom', path: ['groups'], message: `groups = ${quiz.groups} must divide the ${channels} channels (C)` });
    } else if (quiz.groups !== undefined) {
      context.addIssue({ code: 'custom', path: ['groups'], message: '`groups` is only for group_norm' });
    }
    quiz.target.forEach((index, axis) => {
      const limit = quiz.shape[axis]!;
      if (index >= limit) context.addIssue({ code: 'custom', path: ['target', axis], message: `${index} is outside the axis of size ${limit}` });
    });
  });

export const quizSchemas = {
  single: singleSchema,
  multi: multiSchema,
  numeric: numericSchema,
  axes: axesSchema,
  order: orderSchema,
  short: shortSchema,
  cells: cellsSchema,
} as const satisfies Record<QuizType, z.ZodType>;

export type SingleQuiz = z.infer<typeof singleSchema>;
export type MultiQuiz = z.infer<typeof multiSchema>;
export type NumericQuiz = z.infer<typeof numericSchema>;
export type AxesQuiz = z.infer<typeof axesSchema>;
export type OrderQuiz = z.infer<typeof orderSchema>;
export type ShortQuiz = z.infer<typeof shortSchema>;
export type CellsQuiz = z.infer<typeof cellsSchema>;
export type Quiz = SingleQuiz | MultiQuiz | NumericQuiz | AxesQuiz | OrderQuiz | ShortQuiz | CellsQuiz;

export const normalizeBlockSchema = z.strictObject({
  op: identifier,
  input: normalizeInputSchema,
  params: z.record(z.string(), z.unknown()).optional(),
  caption: text.optional(),
});
export type NormalizeBlock = z.infer<typeof normalizeBlockSchema>;


/** Labs are configured by their own module; here only the name is checked and the rest is passed on. */
export const labBlockSchema = z.looseObject({ lab: z.enum(LAB_NAMES) });
export type LabBlock = z.infer<typeof labBlockSchema> & Record<string, unknown>;
