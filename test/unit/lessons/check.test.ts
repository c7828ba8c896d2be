import { describe, expect, it } from 'vitest';
import { checkLessons, summarize } from '../../../src/core/course/check';
import { formatDiagnostic } from '../../../src/core/lessons/parse';
import { fixtureFiles } from './fixtures';

describe('lessons:check', () => {
  it('passes the valid fixtures and counts lessons and quizzes per language', () => {
    const report = checkLessons(fixtureFiles('valid'));
    expect(report.diagnostics).toEqual([]);
    expect(summarize(report)).toBe('4 lessons, 14 quizzes, 0 errors (en: 2 lessons, 7 quizzes; zh-cn: 2 lessons, 7 quizzes)');
  });

  it('reports every problem of the broken fixtures as file:line: message', () => {
    const report = checkLessons(fixtureFiles('broken'));
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([
      'broken/en/01-broken.md:9: `explain`: missing (required)',
      'broken/en/01-broken.md:17: `answer`: answer "c" is not among the choices',
      'broken/en/01-broken.md:20: quiz "weird" is missing from broken/zh-cn/01-broken.md',
      'broken/en/01-broken.md:22: `type`: unknown quiz type "essay" (one of single, multi, numeric, axes, order, short)',
      'broken/en/01-broken.md:27: quiz "dup" is missing from broken/zh-cn/01-broken.md',
      'broken/en/01-broken.md:35: duplicate quiz id "dup" (first used on line 27)',
      'broken/en/01-broken.md:43: quiz "bad-compute": the engine cannot compute the answer: group_norm: num_groups = 3 must divide the 4 channels (C) (params {"g":3})',
      'broken/en/01-broken.md:43: quiz "bad-compute" is missing from broken/zh-cn/01-broken.md',
      'broken/en/01-broken.md:57: quiz "only-en" is missing from broken/zh-cn/01-broken.md',
      'broken/zh-cn/01-broken.md:21: quiz "only-zh" is missing from broken/en/01-broken.md',
      'broken/zh-cn/02-no-front-matter.md:1: missing front matter: the file must start with a `---` block holding id, title, order and summary',
    ]);
    expect(summarize(report)).toBe('2 lessons, 6 quizzes, 11 errors (en: 1 lessons, 4 quizzes; zh-cn: 1 lessons, 2 quizzes)');
  });

  it('reports a lesson missing in one language and a duplicate lesson id', () => {
    const [english] = fixtureFiles('valid');
    const report = checkLessons([english!, { ...english!, file: 'copy.md' }]);
    expect(report.diagnostics.map(formatDiagnostic)).toEqual([
      'copy.md:2: duplicate lesson id "sample" (also valid/en/01-sample.md)',
      'valid/en/01-sample.md:2: lesson "sample" has no zh-cn version',
    ]);
  });

  it('reports a quiz whose type differs between languages', () => {
    const files = fixtureFiles('valid');
    const chinese = files.find((file) => file.file === 'valid/zh-cn/01-sample.md')!;
    const changed = { ...chinese, text: chinese.text.replace('type: short\nprompt: Name', 'type: single\nprompt: Name').replace('accept: [RMSNorm, RMS Norm, root mean square norm]', 'choices:\n  - id: a\n    text: A\n  - id: b\n    text: B\nanswer: a') };
    const report = checkLessons(files.map((file) => (file === chinese ? changed : file)));
    expect(report.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'quiz "sample-short" is "single" here but "short" in valid/en/01-sample.md',
    ]);
  });

  it('reports math that does not typeset, in the text at its line and in a quiz at the quiz', () => {
    const text = '---\nid: m\ntitle: M\norder: 1\nsummary: S.\n---\n\nFine $x^2$.\n\nBroken $\\frac{1}$ here.\n\n```quiz\nid: mq\ntype: short\nprompt: What is $\\sqrt{$?\naccept: [x]\nexplain: E\n```\n';
    const report = checkLessons([{ language: 'en', file: 'm.md', text }]);
    expect(report.diagnostics.map(formatDiagnostic).filter((line) => line.includes('math'))).toEqual([
      expect.stringMatching(/^m\.md:10: math: KaTeX parse error: /),
      expect.stringMatching(/^m\.md:12: quiz "mq": math: KaTeX parse error: /),
    ]);
  });

  it('reports bold whose asterisks would show, in the text at its paragraph and in a quiz at the quiz', () => {
    const text = '---\nid: b\ntitle: B\norder: 1\nsummary: S.\n---\n\n两种做法：**最小-最大缩放**（min-max）和 **z-score**。\n\n以 **k 近邻（k-NN）**为例。\n\n```quiz\nid: bq\ntype: short\nprompt: 做**缩放（min-max）**之后呢？\naccept: [x]\nexplain: E\n```\n';
    const report = checkLessons([{ language: 'zh-cn', file: 'b.md', text }]);
    expect(report.diagnostics.map(formatDiagnostic).filter((line) => line.includes('markup'))).toEqual([
      expect.stringMatching(/^b\.md:10: markup: "\*\*" is shown as text/),
      expect.stringMatching(/^b\.md:12: quiz "bq": markup: /),
    ]);
  });

  it('reports lab settings the labs would refuse, at the lab block', () => {
    const text = '---\nid: l\ntitle: L\norder: 1\nsummary: S.\n---\n\n```lab\nlab: linear-collapse\nlayers: 2\ncolour: red\n```\n';
    const report = checkLessons([{ language: 'en', file: 'l.md', text }]);
    expect(report.diagnostics.map(formatDiagnostic).filter((line) => line.includes('lab:'))).toEqual([expect.stringMatching(/^l\.md:8: lab: .*colour/)]);
  });

  it('reports a normalize block the engine refuses', () => {
    const files = fixtureFiles('valid').filter((file) => file.file.includes('02-second'));
    const broken = files.map((file) => ({ ...file, text: `${file.text}\n\`\`\`normalize\nop: softmax\ninput: { shape: [2], data: [1, 2] }\nparams: { dim: 4 }\n\`\`\`\n` }));
    const report = checkLessons(broken);
    expect(report.diagnostics).toHaveLength(2);
    expect(report.diagnostics.every((diagnostic) => diagnostic.line === 10 && diagnostic.message.startsWith('normalize: softmax'))).toBe(true);
  });
});
