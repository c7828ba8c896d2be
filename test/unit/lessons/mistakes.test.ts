import { describe, expect, it } from 'vitest';
import { checkLessons } from '../../../src/core/course/check';
import { mergeCompute, mistakeValues } from '../../../src/core/lessons/compute';
import { gradeQuiz } from '../../../src/core/lessons/grade';
import { formatDiagnostic, parseLesson } from '../../../src/core/lessons/parse';
import type { NumericQuiz } from '../../../src/core/lessons/schema';
import { quizView } from '../../../src/core/render/quizView';
import { lessonWithQuiz } from './fixtures';

const computed = `id: ln-last
type: numeric
prompt: LayerNorm of [{a}, 4, 6], eps 0. Last output?
params:
  a: { int: [0, 2] }
compute:
  op: layer_norm
  input: { shape: [3], data: [a, 4, 6] }
  params: { normalized_shape: [3], eps: 0 }
  pick: { from: output, index: 2 }
tolerance: { abs: 0.001 }
mistakes:
  - compute: { op: z_score, params: { axis: 0, ddof: 1 } }
    feedback: That divides by the **unbiased** std; normalization uses the biased one.
  - compute: { pick: { from: mean } }
    feedback: That is the mean, not the output.
explain: E.`;

const parse = (yaml: string) => {
  const result = parseLesson('t.md', lessonWithQuiz(yaml));
  return { quiz: result.lesson?.quizzes[0] as NumericQuiz, diagnostics: result.diagnostics.map(formatDiagnostic) };
};

describe('numeric mistakes', () => {
  it('replaces whole top-level keys of the compute block', () => {
    const base = parse(computed).quiz.compute!;
    expect(mergeCompute(base, { pick: { from: 'mean', index: 0 } })).toEqual({ ...base, pick: { from: 'mean', index: 0 } });
    expect(mergeCompute(base, { params: { axis: 0 } }).params).toEqual({ axis: 0 });
  });

  it('computes each mistake with the same params as the answer', () => {
    const { quiz } = parse(computed);
    for (const seed of [0, 1, 2, 3]) {
      const a = quizView(quiz, seed).promptHtml.match(/\[(\d)/)![1];
      const data = [Number(a), 4, 6];
      const mean = (data[0]! + 10) / 3;
      const unbiased = Math.sqrt(data.reduce((sum, x) => sum + (x - mean) ** 2, 0) / 2);
      const [first, second] = mistakeValues(quiz, seed);
      expect(first).toBeCloseTo((6 - mean) / unbiased, 12);
      expect(second).toBeCloseTo(mean, 12);
    }
  });

  it("grades a typical wrong result wrong and names the mistake whose feedback is shown", () => {
    const { quiz } = parse(computed);
    const seed = 1;
    const [unbiased, mean] = mistakeValues(quiz, seed);
    expect(gradeQuiz(quiz, { type: 'numeric', value: unbiased!.toFixed(4) }, seed)).toMatchObject({ status: 'wrong', mistake: 0 });
    expect(gradeQuiz(quiz, { type: 'numeric', value: mean!.toFixed(4) }, seed)).toMatchObject({ status: 'wrong', mistake: 1 });
    const other = gradeQuiz(quiz, { type: 'numeric', value: '42' }, seed);
    expect(other.status).toBe('wrong');
    expect(other).not.toHaveProperty('mistake');
    expect(quizView(quiz, seed).mistakesHtml).toEqual([
      '<p>That divides by the <strong>unbiased</strong> std; normalization uses the biased one.</p>\n',
      '<p>That is the mean, not the output.</p>\n',
    ]);
  });

  it('takes fixed numbers for a fixed-answer item', () => {
    const { quiz, diagnostics } = parse('id: f\ntype: numeric\nprompt: P\nanswer: 1.2247\nmistakes:\n  - { answer: 1.0954, feedback: Unbiased. }\nexplain: E.');
    expect(diagnostics).toEqual([]);
    expect(gradeQuiz(quiz, { type: 'numeric', value: '1.095' }, 0)).toMatchObject({ status: 'wrong', mistake: 0 });
  });

  it('refuses a compute mistake on a fixed-answer item, an answer mistake on a computed one, and unknown params', () => {
    expect(parse('id: f\ntype: numeric\nprompt: P\nanswer: 1\nmistakes:\n  - { compute: { op: z_score }, feedback: F }\nexplain: E.').diagnostics).toEqual([
      't.md:14: `mistakes.0.compute`: a fixed-answer item takes mistakes as `answer`, not `compute`',
    ]);
    expect(parse(computed.replace("- compute: { pick: { from: mean } }", '- answer: 3')).diagnostics).toEqual([
      't.md:23: `mistakes.1.answer`: a computed item takes mistakes as a `compute` block, evaluated with the same params',
    ]);
    expect(parse(computed.replace("{ pick: { from: mean } }", '{ input: { shape: [3], data: [b, 4, 6] } }')).diagnostics).toEqual([
      't.md:23: `mistakes.1.compute.input.data.0`: "b" is not a declared param',
    ]);
  });

  it('lessons:check fails a mistake that equals the right answer within the tolerance, at the mistakes line', () => {
    const same = computed.replace("{ op: z_score, params: { axis: 0, ddof: 1 } }", '{ params: { normalized_shape: [3], eps: 0.0000001 } }');
    const report = checkLessons([{ language: 'en', file: 't.md', text: lessonWithQuiz(same) }]);
    const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity !== 'warning').map(formatDiagnostic);
    expect(errors).toContainEqual(expect.stringMatching(/^t\.md:20: quiz "ln-last": mistakes\.0 gives -?[\d.]+, the right answer within the tolerance \(seed 0\)/));
    const fixed = 'id: f\ntype: numeric\nprompt: P\nanswer: 1.2247\nmistakes:\n  - { answer: 1.2249, feedback: F }\nexplain: E.';
    expect(checkLessons([{ language: 'en', file: 'f.md', text: lessonWithQuiz(fixed) }]).diagnostics.map(formatDiagnostic)).toContainEqual(
      expect.stringMatching(/^f\.md:13: quiz "f": mistakes\.0 gives 1\.2249, the right answer within the tolerance;/),
    );
  });

  it('lessons:check reports a mistake the engine cannot compute', () => {
    const broken = computed.replace("{ pick: { from: mean } }", '{ pick: { from: nonsense } }');
    const report = checkLessons([{ language: 'en', file: 't.md', text: lessonWithQuiz(broken) }]);
    expect(report.diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/^t\.md:20: quiz "ln-last": the engine cannot compute mistakes\.1: pick\.from "nonsense"/));
  });
});

describe('lessons:check giveaways (warnings)', () => {
  const single = (choices: string, hints = '') =>
    lessonWithQuiz(`id: s\ntype: single\nprompt: P?\nchoices:\n${choices}\nanswer: right\n${hints}explain: E.`);
  const warnings = (text: string) =>
    checkLessons([{ language: 'en', file: 's.md', text }]).diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').map(formatDiagnostic);

  it('warns, at the choice, when the correct choice is much longer than every distractor', () => {
    const text = single('  - id: wrong\n    text: Too small\n  - id: right\n    text: Because the variance is computed over the whole batch of samples\n  - id: other\n    text: Never');
    expect(warnings(text)).toEqual([
      's.md:15: warning: quiz "s": the correct choice "right" (64 characters) is much longer than every distractor (at most 9); a learner can pick it by length',
    ]);
    expect(checkLessons([{ language: 'en', file: 's.md', text }]).diagnostics.filter((d) => d.severity !== 'warning' && !d.message.includes('no zh-cn version'))).toEqual([]);
  });

  it('does not warn when a distractor is as detailed', () => {
    expect(warnings(single('  - id: wrong\n    text: Because the mean is computed over the features of each token only\n  - id: right\n    text: Because the variance is computed over the whole batch of samples'))).toEqual([]);
  });

  it('warns when a hint contains the text of the correct choice, not when it names the distractors too', () => {
    const choices = '  - id: wrong\n    text: the batch axis\n  - id: right\n    text: the feature axis';
    expect(warnings(single(choices, 'hints:\n  - Think of the feature axis.\n'))).toEqual(['s.md:18: warning: quiz "s": hints.0 contains the text of the correct choice "right"']);
    expect(warnings(single(choices, 'hints:\n  - The feature axis or the batch axis?\n'))).toEqual([]);
  });

  it('warns when a hint of a short item contains an accepted answer, or a numeric hint the answer', () => {
    const short = lessonWithQuiz('id: s\ntype: short\nprompt: P?\naccept: [LayerNorm]\nhints:\n  - It is layer norm.\nexplain: E.');
    expect(warnings(short)).toEqual(['s.md:13: warning: quiz "s": hints.0 contains the accepted answer "LayerNorm"']);
    const numeric = lessonWithQuiz('id: s\ntype: numeric\nprompt: P?\nanswer: 1.2247\nhints:\n  - About 1.2247, give or take.\nexplain: E.');
    expect(warnings(numeric)).toEqual(['s.md:13: warning: quiz "s": hints.0 contains the answer']);
  });
});
