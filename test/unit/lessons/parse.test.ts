import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseLesson } from '../../../src/core/lessons/parse';
import { fixtureText, lessonWithQuiz } from './fixtures';

function messages(text: string): string[] {
  return parseLesson('x.md', text).diagnostics.map(formatDiagnostic);
}

describe('parseLesson', () => {
  it('reads the front matter and every quiz of the sample lesson, in order', () => {
    const { lesson, diagnostics } = parseLesson('sample.md', fixtureText('valid/en/01-sample.md'));
    expect(diagnostics).toEqual([]);
    expect(lesson?.id).toBe('sample');
    expect(lesson?.title).toBe('Sample lesson');
    expect(lesson?.order).toBe(1);
    expect(lesson?.quizzes.map((quiz) => `${quiz.id}:${quiz.type}`)).toEqual([
      'sample-single:single',
      'sample-multi:multi',
      'sample-numeric:numeric',
      'sample-fixed:numeric',
      'sample-axes:axes',
      'sample-order:order',
      'sample-short:short',
    ]);
  });

  it('gives numeric items the default tolerance { abs: 0.01 } and compute picks their defaults', () => {
    const { lesson } = parseLesson('sample.md', fixtureText('valid/en/01-sample.md'));
    const fixed = lesson!.quizzes.find((quiz) => quiz.id === 'sample-fixed');
    expect(fixed?.type === 'numeric' && fixed.tolerance).toEqual({ abs: 0.01 });
  });

  it('records each block at the line of its opening fence', () => {
    const { lesson } = parseLesson('sample.md', fixtureText('valid/en/01-sample.md'));
    const lines = [...lesson!.blocks.values()].map((block) => block.line);
    expect(lines[0]).toBe(12);
    expect(fixtureText('valid/en/01-sample.md').split('\n')[11]).toBe('```quiz');
  });

  it('reports a file without front matter at line 1 and yields no lesson', () => {
    const result = parseLesson('x.md', '# Title\n');
    expect(result.lesson).toBeUndefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'x.md:1: missing front matter: the file must start with a `---` block holding id, title, order and summary',
    ]);
  });

  it('reports a missing front matter field and an unknown one at their lines', () => {
    expect(messages('---\nid: a\ntitle: A\norder: 1\n---\n')).toEqual(['x.md:2: `summary`: missing (required)']);
    expect(messages('---\nid: a\ntitle: A\norder: 1\nsummary: S\nauthor: me\n---\n')).toEqual(['x.md:2: unknown field `author`']);
  });

  it('reports an unknown quiz type at the line of `type`', () => {
    expect(messages(lessonWithQuiz('id: q\ntype: essay\nprompt: P\nexplain: E'))).toEqual([
      'x.md:10: `type`: unknown quiz type "essay" (one of single, multi, numeric, axes, order, short, cells)',
    ]);
  });

  it('reports a missing explanation', () => {
    expect(messages(lessonWithQuiz('id: q\ntype: short\nprompt: P\naccept: [a]'))).toEqual(['x.md:9: `explain`: missing (required)']);
  });

  it('tells a field of the wrong type from a missing one, at the field\'s line', () => {
    expect(messages(lessonWithQuiz('id: q\ntype: short\nprompt: 5\naccept: [a]\nexplain: E'))).toEqual(['x.md:11: `prompt`: Invalid input: expected string, received number']);
    expect(messages(lessonWithQuiz('id: q\ntype: short\nprompt: P\naccept: a\nexplain: E'))).toEqual(['x.md:12: `accept`: Invalid input: expected array, received string']);
  });

  it('reports an answer not among the choices at the line of `answer`, even when another field is missing too', () => {
    const yaml = 'id: q\ntype: single\nprompt: P\nchoices:\n  - id: a\n    text: A\n  - id: b\n    text: B\nanswer: c';
    expect(messages(lessonWithQuiz(`${yaml}\nexplain: E`))).toEqual(['x.md:17: `answer`: answer "c" is not among the choices']);
    expect(messages(lessonWithQuiz(yaml))).toEqual([
      'x.md:9: `explain`: missing (required)',
      'x.md:17: `answer`: answer "c" is not among the choices',
    ]);
  });

  it('reports each multi answer that is not a choice', () => {
    const yaml = 'id: q\ntype: multi\nprompt: P\nchoices:\n  - id: a\n    text: A\n  - id: b\n    text: B\nanswer: [a, z]\nexplain: E';
    expect(messages(lessonWithQuiz(yaml))).toEqual(['x.md:17: `answer.1`: answer "z" is not among the choices']);
  });

  it('reports an axes answer that is not an axis of the tensor', () => {
    expect(messages(lessonWithQuiz('id: q\ntype: axes\nprompt: P\ntensor: [N, C]\nanswer: [H]\nexplain: E'))).toEqual([
      'x.md:13: `answer.0`: axis "H" is not an axis of the tensor',
    ]);
  });

  it('requires a numeric item to have exactly one of answer and compute', () => {
    expect(messages(lessonWithQuiz('id: q\ntype: numeric\nprompt: P\nexplain: E'))).toEqual([
      'x.md:9: `answer`: a numeric item needs either a fixed `answer` or a `compute` block, not both',
    ]);
  });

  it('reports compute data that names an undeclared param', () => {
    const yaml = 'id: q\ntype: numeric\nprompt: P\ncompute:\n  op: layer_norm\n  input: { shape: [2], data: [1, x] }\n  pick: { from: output, index: 0 }\nexplain: E';
    expect(messages(lessonWithQuiz(yaml))).toEqual(['x.md:14: `compute.input.data.1`: "x" is not a declared param']);
  });

  it('reports YAML syntax errors at their line inside the block', () => {
    expect(messages(lessonWithQuiz('id: q\ntype: short\nprompt: P\nprompt: again\naccept: [a]\nexplain: E'))).toEqual([
      'x.md:12: YAML: Map keys must be unique',
    ]);
  });

  it('reports a duplicate quiz id in a file at the second block', () => {
    const block = '```quiz\nid: q\ntype: short\nprompt: P\naccept: [a]\nexplain: E\n```\n';
    const text = `---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n\n${block}\n${block}`;
    expect(messages(text)).toEqual(['x.md:16: duplicate quiz id "q" (first used on line 8)']);
  });

  it('keeps the lesson when one block is broken, so the rest can still be shown', () => {
    const result = parseLesson('x.md', lessonWithQuiz('id: q\ntype: essay\nprompt: P\nexplain: E'));
    expect(result.lesson?.id).toBe('t');
    expect([...result.lesson!.blocks.values()][0]).toMatchObject({ kind: 'invalid', quizId: 'q' });
  });

  it('leaves ordinary code fences alone', () => {
    const text = '---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n\n```yaml\nid: q\ntype: essay\n```\n';
    const result = parseLesson('x.md', text);
    expect(result.diagnostics).toEqual([]);
    expect(result.lesson?.blocks.size).toBe(0);
  });
});
