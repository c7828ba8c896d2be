import { describe, expect, it } from 'vitest';
import { numericExpectation } from '../../../src/core/lessons/compute';
import { formatNumber } from '../../../src/core/format';
import { gradeQuiz, normalizePhrase, parseNumber, withinTolerance, type QuizResponse } from '../../../src/core/lessons/grade';
import { parseLesson } from '../../../src/core/lessons/parse';
import type { Quiz } from '../../../src/core/lessons/schema';
import { normalize } from '../../../src/core/engine';
import { fixtureText } from './fixtures';

const quizzes = new Map(parseLesson('sample.md', fixtureText('valid/en/01-sample.md')).lesson!.quizzes.map((quiz) => [quiz.id, quiz]));
const quiz = (id: string): Quiz => quizzes.get(id)!;
const grade = (id: string, response: QuizResponse, seed = 1) => gradeQuiz(quiz(id), response, seed);

describe('single', () => {
  it('accepts the answer and marks it correct', () => {
    expect(grade('sample-single', { type: 'single', choice: 'features' })).toEqual({ status: 'correct', score: 1, marks: { features: 'correct' }, expected: '' });
  });
  it('rejects another choice, marking it wrong and the answer missed', () => {
    expect(grade('sample-single', { type: 'single', choice: 'batch' })).toEqual({
      status: 'wrong',
      score: 0,
      marks: { features: 'missed', batch: 'wrong' },
      expected: '',
    });
  });
  it('treats an empty or unknown choice as no answer', () => {
    expect(grade('sample-single', { type: 'single', choice: '' })).toEqual({ status: 'invalid', reason: 'empty' });
    expect(grade('sample-single', { type: 'single', choice: 'nope' })).toEqual({ status: 'invalid', reason: 'unknownChoice' });
  });
  it('refuses a response of another quiz type', () => {
    expect(grade('sample-single', { type: 'short', text: 'features' })).toEqual({ status: 'invalid', reason: 'wrongType' });
  });
});

describe('multi', () => {
  it('needs all and only the right choices, in any order', () => {
    expect(grade('sample-multi', { type: 'multi', choices: ['sync', 'bn'] }).status).toBe('correct');
  });
  it('rejects a subset and marks the missed choice', () => {
    expect(grade('sample-multi', { type: 'multi', choices: ['bn'] })).toMatchObject({ status: 'wrong', marks: { bn: 'correct', sync: 'missed' } });
  });
  it('rejects a superset and marks the extra choice wrong', () => {
    expect(grade('sample-multi', { type: 'multi', choices: ['bn', 'sync', 'ln'] })).toMatchObject({
      status: 'wrong',
      marks: { bn: 'correct', sync: 'correct', ln: 'wrong' },
    });
  });
  it('treats nothing picked as no answer', () => {
    expect(grade('sample-multi', { type: 'multi', choices: [] }).status).toBe('invalid');
  });
});

describe('numeric with a fixed answer and the default tolerance { abs: 0.01 }', () => {
  const value = (text: string) => grade('sample-fixed', { type: 'numeric', value: text }).status;
  it('accepts the exact value and values up to the bound on both sides', () => {
    expect(value('1.2247')).toBe('correct');
    expect(value('1.2347')).toBe('correct');
    expect(value('1.2147')).toBe('correct');
  });
  it('rejects values just beyond the bound', () => {
    expect(value('1.2348')).toBe('wrong');
    expect(value('1.2146')).toBe('wrong');
  });
  it('reports the expected value, formatted', () => {
    expect(grade('sample-fixed', { type: 'numeric', value: '3' })).toMatchObject({ status: 'wrong', expected: '1.2247' });
  });
  it('treats text that is not a number as no answer', () => {
    expect(grade('sample-fixed', { type: 'numeric', value: '' })).toEqual({ status: 'invalid', reason: 'empty' });
    expect(grade('sample-fixed', { type: 'numeric', value: 'one' })).toEqual({ status: 'invalid', reason: 'notANumber' });
    expect(grade('sample-fixed', { type: 'numeric', value: '1.2.3' })).toEqual({ status: 'invalid', reason: 'notANumber' });
  });
});

describe('numeric computed by the engine from seeded params', () => {
  it('expects what the engine computes for the params drawn from the seed', () => {
    const numeric = quiz('sample-numeric');
    if (numeric.type !== 'numeric') throw new Error('fixture');
    const { expected, params } = numericExpectation(numeric, 42);
    const engine = normalize('layer_norm', { shape: [3], data: [params.a!, params.b!, params.c!] }, { normalized_shape: [3], eps: 0 });
    expect(expected).toBe(engine.output.data[2]);
    expect(grade('sample-numeric', { type: 'numeric', value: String(expected) }, 42).status).toBe('correct');
    expect(grade('sample-numeric', { type: 'numeric', value: String(expected + 0.0011) }, 42).status).toBe('wrong');
  });
  it('grades the same response the same way for the same seed, and by other numbers for another seed', () => {
    const numeric = quiz('sample-numeric');
    if (numeric.type !== 'numeric') throw new Error('fixture');
    const seeds = Array.from({ length: 40 }, (_, seed) => seed);
    const answers = seeds.map((seed) => numericExpectation(numeric, seed).expected);
    expect(seeds.map((seed) => numericExpectation(numeric, seed).expected)).toEqual(answers);
    expect(new Set(answers).size).toBeGreaterThan(3);
  });
  it('picks an extra such as the mean', () => {
    const yaml = parseLesson(
      'x.md',
      '---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n```quiz\nid: q\ntype: numeric\nprompt: P\ncompute:\n  op: layer_norm\n  input: { shape: [3], data: [1, 2, 6] }\n  params: { normalized_shape: [3] }\n  pick: { from: mean, index: 0 }\nexplain: E\n```\n',
    );
    expect(gradeQuiz(yaml.lesson!.quizzes[0]!, { type: 'numeric', value: '3' }, 0).status).toBe('correct');
  });
});

describe('tolerance', () => {
  it('is inclusive at abs and rel bounds and exclusive just beyond', () => {
    expect(withinTolerance(10.5, 10, { abs: 0.5 })).toBe(true);
    expect(withinTolerance(10.5000001, 10, { abs: 0.5 })).toBe(false);
    expect(withinTolerance(11, 10, { rel: 0.1 })).toBe(true);
    expect(withinTolerance(11.001, 10, { rel: 0.1 })).toBe(false);
    expect(withinTolerance(11.001, 10, { rel: 0.1, abs: 0.002 })).toBe(false);
    expect(withinTolerance(10.002, 10, { rel: 0, abs: 0.002 })).toBe(true);
  });
  it('never accepts NaN or infinities', () => {
    expect(withinTolerance(Number.NaN, 1, { abs: 1 })).toBe(false);
    expect(withinTolerance(Infinity, Infinity, { abs: 1 })).toBe(false);
  });
});

describe('parseNumber and formatNumber', () => {
  it('reads plain, signed, scientific and Unicode-minus numbers and nothing looser', () => {
    expect(['1', '-0.5', '+.25', '1e-3', ' 2.50 ', '\u22123'].map(parseNumber)).toEqual([1, -0.5, 0.25, 0.001, 2.5, -3]);
    expect(['', '1,5', '0x10', 'NaN', 'Infinity', '1/2'].map(parseNumber)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
  it('formats with six significant digits and no trailing zeros', () => {
    expect([1.224744871, 0, -0.5, 1e-7, 123456789].map((value) => formatNumber(value))).toEqual(['1.22474', '0', '-0.5', '1e-7', '123457000']);
  });
});

describe('axes', () => {
  it('accepts exactly the pooled axes in any order', () => {
    expect(grade('sample-axes', { type: 'axes', axes: ['W', 'N', 'H'] })).toEqual({
      status: 'correct',
      score: 1,
      marks: { N: 'correct', H: 'correct', W: 'correct' },
      expected: 'N, H, W',
    });
  });
  it('marks a missing axis and an extra axis', () => {
    expect(grade('sample-axes', { type: 'axes', axes: ['N', 'C', 'H'] })).toMatchObject({
      status: 'wrong',
      marks: { N: 'correct', H: 'correct', W: 'missed', C: 'wrong' },
    });
  });
  it('refuses an axis the tensor does not have', () => {
    expect(grade('sample-axes', { type: 'axes', axes: ['T'] }).status).toBe('invalid');
  });
});

describe('order', () => {
  it('accepts the order of the lesson file', () => {
    expect(grade('sample-order', { type: 'order', order: [0, 1, 2] })).toMatchObject({ status: 'correct' });
  });
  it('rejects any other order and shows the right one', () => {
    expect(grade('sample-order', { type: 'order', order: [1, 0, 2] })).toEqual({
      status: 'wrong',
      score: 0,
      marks: {},
      expected: 'Compute the mean → Subtract the mean → Divide by the standard deviation',
    });
  });
  it('refuses a response that is not a permutation of the items', () => {
    for (const order of [[0, 1], [0, 0, 1], [0, 1, 3], [0.5, 1, 2]]) {
      expect(grade('sample-order', { type: 'order', order }).status).toBe('invalid');
    }
  });
});

describe('short', () => {
  it('accepts every phrasing regardless of case, spaces and full-width letters', () => {
    for (const text of ['RMSNorm', 'rmsnorm', '  RMS  Norm ', 'Root Mean Square Norm', 'ＲＭＳＮｏｒｍ']) {
      expect(grade('sample-short', { type: 'short', text }).status).toBe('correct');
    }
  });
  it('rejects other words and blank text', () => {
    expect(grade('sample-short', { type: 'short', text: 'LayerNorm' })).toMatchObject({ status: 'wrong', expected: 'RMSNorm' });
    expect(grade('sample-short', { type: 'short', text: '   ' }).status).toBe('invalid');
  });
  it('normalizes phrases the documented way', () => {
    expect(normalizePhrase(' Layer\tNorm\n')).toBe('layernorm');
  });
});
