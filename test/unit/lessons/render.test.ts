import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/core/lessons/parse';
import { renderLesson } from '../../../src/core/render/lesson';
import { getMarkdown, renderInline, renderMarkdown, unicodeMathVariants } from '../../../src/core/markdown/markdown';
import { quizView } from '../../../src/core/render/quizView';
import { fixtureText } from './fixtures';

const lessonText = `---
id: t
title: T
order: 1
summary: S.
---

Text with $x^2$, [a link](https://example.com), [bad](javascript:alert(1)), <b>raw</b>.

![diagram](media/lessons/a.svg) ![remote](https://evil.example/x.png)

\`\`\`normalize
op: layer_norm
input: { shape: [3], data: [2, 4, 6] }
params: { normalized_shape: [3], eps: 0 }
caption: One token
\`\`\`

\`\`\`lab
lab: tensor-explorer
op: group_norm
groups: 2
\`\`\`

\`\`\`quiz
id: q1
type: short
prompt: P
accept: [a]
explain: E
\`\`\`

\`\`\`quiz
id: q2
type: essay
\`\`\`

\`\`\`python
print("<hi>")
\`\`\`
`;

const resolveMedia = (path: string) => `https://file+.vscode-resource/ext/${path}`;

describe('renderLesson', () => {
  it('renders text, math, safe links, media images, engine tables, labs, quizzes and errors exactly', () => {
    const rendered = renderLesson(parseLesson('x.md', lessonText).lesson!, { language: 'en', resolveMedia });
    expect(rendered.html.split('\n')).toEqual([
      "<p>Text with <span class=\"katex\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math></span>, <a href=\"https://example.com\" rel=\"noopener noreferrer\">a link</a>, [bad](javascript:alert(1)), &lt;b&gt;raw&lt;/b&gt;.</p>",
      "<p><img src=\"https://file+.vscode-resource/ext/media/lessons/a.svg\" alt=\"diagram\"> <span class=\"nl-missing-image\">[remote]</span></p>",
      "<figure class=\"nl-normalize\">",
      "<figcaption>One token</figcaption>",
      "<p class=\"nl-normalize-call\"><code>layer_norm</code> · shape [3] · normalized_shape = [3] · eps = 0</p>",
      "<table class=\"nl-normalize-values\">",
      "<thead><tr><th scope=\"col\">Index</th><th scope=\"col\">Input</th><th scope=\"col\">Output</th><th scope=\"col\">Group</th></tr></thead>",
      "<tbody>",
      "<tr><th scope=\"row\">[0]</th><td>2</td><td>-1.22474</td><td>0</td></tr>",
      "<tr><th scope=\"row\">[1]</th><td>4</td><td>0</td><td>0</td></tr>",
      "<tr><th scope=\"row\">[2]</th><td>6</td><td>1.22474</td><td>0</td></tr>",
      "</tbody>",
      "</table>",
      "<table class=\"nl-normalize-groups\">",
      "<caption>Statistics of each pooled group</caption>",
      "<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">count</th><th scope=\"col\">mean</th><th scope=\"col\">variance</th><th scope=\"col\">std</th><th scope=\"col\">rstd</th></tr></thead>",
      "<tbody>",
      "<tr><th scope=\"row\">0</th><td>3</td><td>4</td><td>2.66667</td><td>1.63299</td><td>0.612372</td></tr>",
      "</tbody>",
      "</table>",
      "<p class=\"nl-normalize-pooling\">The whole input is one slice, pooled over its 3 values (last axis).</p>",
      "</figure>",
      "<div class=\"nl-lab\" data-lab=\"tensor-explorer\" data-config=\"{&quot;lab&quot;:&quot;tensor-explorer&quot;,&quot;op&quot;:&quot;group_norm&quot;,&quot;groups&quot;:2}\"><p class=\"nl-fallback\">Interactive lab “tensor-explorer” (needs the Normalization Lab panel).</p></div>",
      "<div class=\"nl-quiz\" data-quiz-id=\"q1\"><p class=\"nl-fallback\">Quiz (needs the Normalization Lab panel).</p></div>",
      "<div class=\"nl-error\" role=\"note\"><p><strong>Error in this lesson</strong></p><ul><li><code>x.md:35: `type`: unknown quiz type &quot;essay&quot; (one of single, multi, numeric, axes, order, short, cells)</code></li></ul></div>",
      "<pre><code class=\"language-python\">print(&quot;&lt;hi&gt;&quot;)",
      "</code></pre>",
      ""
    ]);
    expect(rendered.quizzes.map((quiz) => quiz.id)).toEqual(['q1']);
    expect(rendered.labs).toEqual([{ lab: 'tensor-explorer', op: 'group_norm', groups: 2 }]);
    expect(rendered.diagnostics).toEqual([
      { file: 'x.md', line: 35, message: '`type`: unknown quiz type "essay" (one of single, multi, numeric, axes, order, short, cells)' },
    ]);
  });

  it('drops media images when no resolver is given and never lets raw HTML through', () => {
    const html = renderLesson(parseLesson('x.md', lessonText).lesson!, { language: 'en' }).html;
    expect(html).toContain('<span class="nl-missing-image">[diagram]</span>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('[bad](javascript:alert(1))');
  });

  it('refuses media paths that climb out of media/', () => {
    const text = '---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n![x](media/../package.json)\n';
    expect(renderLesson(parseLesson('x.md', text).lesson!, { language: 'en', resolveMedia }).html).toBe('<p>![x](media/../package.json)</p>\n');
  });

  it('accepts media file names with several dotted parts, such as a translated figure', () => {
    const text = '---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n![x](media/lessons/a.zh-cn.svg)\n';
    expect(renderLesson(parseLesson('x.md', text).lesson!, { language: 'en', resolveMedia }).html).toBe(
      '<p><img src="https://file+.vscode-resource/ext/media/lessons/a.zh-cn.svg" alt="x"></p>\n',
    );
  });

  it('writes its own words in the lesson language', () => {
    const html = renderLesson(parseLesson('x.md', lessonText).lesson!, { language: 'zh-cn', resolveMedia }).html;
    expect(html).toContain('<th scope="col">输入</th>');
    expect(html).toContain('交互实验“tensor-explorer”');
  });

  it('drops a line break between Chinese characters, which would show as a space, and keeps it next to Latin text and math', () => {
    expect(renderMarkdown('年龄（20 到 70 岁）。\n问题本身\n**粗体**\n其他\nword\n$x$\n的')).toBe(
      '<p>年龄（20 到 70 岁）。问题本身<strong>粗体</strong>其他\nword\n' + renderInline('$x$') + '\n的</p>\n',
    );
    expect(renderMarkdown('one\ntwo —\nthree')).toBe('<p>one\ntwo —\nthree</p>\n');
    expect(renderMarkdown('做法——\n又是“这样”\n的')).toBe('<p>做法——又是“这样”的</p>\n');
  });

  it('writes a prime after its letter rather than as a superscript, where a math font would raise it twice', () => {
    const html = renderInline("$\\sigma'(z)$ and $x' = 1$");
    expect(html).toContain('<mrow><mi>σ</mi><mo lspace="0em" rspace="0em">′</mo></mrow>');
    expect(html).toContain('<mrow><mi>x</mi><mo lspace="0em" rspace="0em">′</mo></mrow>');
    expect(html).not.toContain('<msup>');
    // A real superscript stays one.
    expect(renderInline('$x^2$')).toContain('<msup><mi>x</mi><mn>2</mn></msup>');
  });

  it('writes bold and double-struck letters as Unicode characters, which MathML Core browsers show', () => {
    const html = renderInline('$\\mathbf{x} \\in \\mathbb{R}^D$, $\\mathbf{W1}$');
    expect(html).toContain('<mi>𝐱</mi>');
    expect(html).toContain('<mi>ℝ</mi>');
    expect(html).toContain('<mi>𝐖</mi><mn>𝟏</mn>');
    expect(html).not.toContain('mathvariant="bold"');
    expect(html).not.toContain('mathvariant="double-struck"');
    // Letters Unicode has no styled form for keep KaTeX's markup.
    expect(unicodeMathVariants('<mi mathvariant="bold">α</mi>')).toBe('<mi mathvariant="bold">α</mi>');
    expect(unicodeMathVariants('<mi mathvariant="double-struck">A</mi><mi mathvariant="double-struck">k</mi>')).toBe('<mi>𝔸</mi><mi>𝕜</mi>');
  });

  it('writes the list params of a worked example like its shape, with a space after each comma', () => {
    const text = '---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n\n```normalize\nop: batch_norm\ninput: { shape: [2, 2], data: [1, 2, 3, 4] }\nparams: { training: false, running_mean: [3.5, 35], running_var: [1, 2] }\n```\n';
    expect(renderLesson(parseLesson('x.md', text).lesson!, { language: 'en' }).html).toContain(
      '<code>batch_norm</code> · shape [2, 2] · training = false · running_mean = [3.5, 35] · running_var = [1, 2]</p>',
    );
  });

  it('shows the running statistics a training-mode BatchNorm example leaves behind, and none in eval mode', () => {
    const example = (params: string) =>
      `---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n\n\`\`\`normalize\nop: batch_norm\ninput: { shape: [4, 1], data: [2, 4, 6, 8] }\nparams: ${params}\n\`\`\`\n`;
    const training = renderLesson(parseLesson('x.md', example('{ training: true, momentum: 0.1, running_mean: [0], running_var: [1] }')).lesson!, { language: 'zh-cn' }).html;
    // mean 5 and unbiased variance 20/3 of the batch: 0.9 · 0 + 0.1 · 5 and 0.9 · 1 + 0.1 · 20/3.
    expect(training).toContain('<caption>这一步之后的滑动统计量</caption>');
    expect(training).toContain('<tr><th scope="row">0</th><td>0.5</td><td>1.56667</td></tr>');
    const evaluation = renderLesson(parseLesson('x.md', example('{ training: false, running_mean: [0], running_var: [1] }')).lesson!, { language: 'en' }).html;
    expect(evaluation).not.toContain('nl-normalize-running');
  });

  it('says under a worked example what was pooled, in the lesson language', () => {
    const pooling = (language: 'en' | 'zh-cn') =>
      /<p class="nl-normalize-pooling">([^<]*)<\/p>/.exec(renderLesson(parseLesson('x.md', lessonText).lesson!, { language, resolveMedia }).html)?.[1];
    expect(pooling('en')).toBe('The whole input is one slice, pooled over its 3 values (last axis).');
    expect(pooling('zh-cn')).toBe('整个输入是一个切片，在它的 3 个值上汇总（最后一个轴）。');
  });

  it('reports an engine error of a normalize block in place and in the diagnostics', () => {
    const text = '---\nid: t\ntitle: T\norder: 1\nsummary: S.\n---\n\n```normalize\nop: group_norm\ninput: { shape: [1, 4, 1], data: [1, 2, 3, 4] }\nparams: { num_groups: 3 }\n```\n';
    const rendered = renderLesson(parseLesson('x.md', text).lesson!, { language: 'en' });
    expect(rendered.diagnostics).toEqual([{ file: 'x.md', line: 8, message: 'normalize: group_norm: num_groups = 3 must divide the 4 channels (C)' }]);
    expect(rendered.html).toContain('<div class="nl-error" role="note">');
  });

  it('creates markdown-it once', () => {
    expect(getMarkdown()).toBe(getMarkdown());
  });
});

describe('quizView', () => {
  const quizzes = new Map(parseLesson('s.md', fixtureText('valid/en/01-sample.md')).lesson!.quizzes.map((quiz) => [quiz.id, quiz]));

  it('fills the attempt params into the prompt and the answer into the explanation', () => {
    const view = quizView(quizzes.get('sample-numeric')!, 42);
    expect(view.randomized).toBe(true);
    expect(view.promptHtml).toMatch(/^<p>LayerNorm with eps = 0 of \[\d, \d, 1[024]\]\. What is the last output\?<\/p>\n$/);
    expect(view.explainHtml).toMatch(/^<p>The answer is 1\.\d+\.<\/p>\n$/);
    expect(quizView(quizzes.get('sample-numeric')!, 42)).toEqual(view);
  });

  it('renders choices inline with their feedback', () => {
    const view = quizView(quizzes.get('sample-single')!, 1);
    // Shown in the attempt's shuffled order (see shuffle.test.ts); here only the rendering matters.
    expect([...view.choices!].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'batch', html: 'The batch axis', feedbackHtml: '<p>That is BatchNorm.</p>\n' },
      { id: 'features', html: 'The features axis' },
    ]);
    expect(view.hintsHtml).toEqual(['<p>Does it depend on the batch size?</p>\n', '<p>No.</p>\n']);
  });

  it('shows order items shuffled by the seed, keeping their index in the file', () => {
    const view = quizView(quizzes.get('sample-order')!, 3);
    expect(view.items!.map((item) => item.index).sort()).toEqual([0, 1, 2]);
    expect(view.items!.map((item) => item.index)).not.toEqual([0, 1, 2]);
    expect(view.items!.find((item) => item.index === 0)!.html).toBe('Compute the mean');
  });

  it('lists the axes of an axes item', () => {
    expect(quizView(quizzes.get('sample-axes')!, 0).axes).toEqual(['N', 'C', 'H', 'W']);
  });
});
