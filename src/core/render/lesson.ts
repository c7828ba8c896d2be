import type { Token } from 'markdown-it';
import type { OpResult } from '../engine/types';
import { runEngine } from '../lessons/compute';
import { formatNumber } from '../lessons/grade';
import { formatDiagnostic, type Diagnostic, type Lesson, type LessonBlock } from '../lessons/parse';
import type { LabBlock, NormalizeBlock, Quiz } from '../lessons/schema';
import { escapeHtml, getMarkdown, type LessonEnv } from '../markdown/markdown';
import { poolingSentence } from './pooling';
import { renderStrings, type LessonLanguage, type RenderStrings } from './strings';

export interface RenderOptions {
  readonly language: LessonLanguage;
  /** A URL for `media/…` the page may load (the host makes a webview URI); images are dropped without it. */
  readonly resolveMedia?: (path: string) => string | undefined;
}

export interface RenderedLesson {
  /** The lesson body. Quizzes and labs are empty mount points the page fills in. */
  readonly html: string;
  /** The quizzes in document order, each rendered as `<div class="nl-quiz" data-quiz-id="…">`. */
  readonly quizzes: readonly Quiz[];
  /** The labs in document order, each rendered as `<div class="nl-lab" data-lab="…" data-config="…">`. */
  readonly labs: readonly LabBlock[];
  /** Problems found while rendering (invalid blocks, engine errors); each is also shown in place. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Renders a parsed lesson: Markdown and math, engine-computed tables, and mount points for quizzes and labs. */
export function renderLesson(lesson: Lesson, options: RenderOptions): RenderedLesson {
  const strings = renderStrings(options.language);
  const quizzes: Quiz[] = [];
  const labs: LabBlock[] = [];
  const diagnostics: Diagnostic[] = [];
  const renderBlock = (block: LessonBlock): string => {
    switch (block.kind) {
      case 'quiz':
        quizzes.push(block.quiz);
        return quizMount(block.quiz, strings);
      case 'lab':
        labs.push(block.lab);
        return labMount(block.lab, strings);
      case 'normalize': {
        const result = normalizeTable(block.block, strings, options.language);
        if (typeof result === 'string') return result;
        const diagnostic = { file: lesson.file, line: block.line, message: `normalize: ${result.error}` };
        diagnostics.push(diagnostic);
        return errorBox([diagnostic], strings);
      }
      case 'invalid':
        diagnostics.push(...block.diagnostics);
        return errorBox(block.diagnostics, strings);
      default: {
        const never: never = block;
        return never;
      }
    }
  };
  const env: LessonEnv = {
    renderFence: (token: Token) => {
      const block = token.map ? lesson.blocks.get(token.map[0]) : undefined;
      return block ? renderBlock(block) : undefined;
    },
    resolveMedia: options.resolveMedia,
  };
  const html = getMarkdown().render(lesson.body, { ...env });
  return { html, quizzes, labs, diagnostics };
}

function quizMount(quiz: Quiz, strings: RenderStrings): string {
  return `<div class="nl-quiz" data-quiz-id="${escapeHtml(quiz.id)}"><p class="nl-fallback">${escapeHtml(strings.quizFallback)}</p></div>\n`;
}

/** Exactly the element the labs module looks for: the block's YAML as JSON in `data-config`. */
export function labMount(lab: LabBlock, strings: RenderStrings): string {
  return (
    `<div class="nl-lab" data-lab="${escapeHtml(lab.lab)}" data-config="${escapeHtml(JSON.stringify(lab))}">` +
    `<p class="nl-fallback">${escapeHtml(strings.labFallback(lab.lab))}</p></div>\n`
  );
}

export function errorBox(diagnostics: readonly Diagnostic[], strings: RenderStrings): string {
  const items = diagnostics.map((diagnostic) => `<li><code>${escapeHtml(formatDiagnostic(diagnostic))}</code></li>`).join('');
  return `<div class="nl-error" role="note"><p><strong>${escapeHtml(strings.error)}</strong></p><ul>${items}</ul></div>\n`;
}

/** "[1, 2]" for flat index 5 of shape [2, 3]: the position a learner recognizes. */
function multiIndex(flat: number, shape: readonly number[]): string {
  const parts: number[] = [];
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis]!;
    parts.unshift(size === 0 ? 0 : rest % size);
    rest = size === 0 ? 0 : Math.floor(rest / size);
  }
  return `[${parts.join(', ')}]`;
}

const STAT_KEYS = ['count', 'mean', 'variance', 'std', 'rstd', 'min', 'max', 'rms', 'norm'] as const;

/** The worked example of a ```normalize block: each element with its group, then each group's statistics. */
function normalizeTable(block: NormalizeBlock, strings: RenderStrings, language: LessonLanguage): string | { error: string } {
  let result: OpResult;
  try {
    result = runEngine(block.op, block.input, block.params);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const groupOf = result.groupOf();
  const { shape, data } = block.input;
  const cell = (value: number) => `<td>${escapeHtml(formatNumber(value))}</td>`;
  const rows = data
    .map((value, index) => `<tr><th scope="row">${multiIndex(index, shape)}</th>${cell(value)}${cell(result.output.data[index]!)}<td>${groupOf[index]}</td></tr>`)
    .join('\n');
  const keys = STAT_KEYS.filter((key) => result.groupStats.some((stats) => stats[key] !== undefined));
  const statRows = result.groupStats
    .map((stats, group) => `<tr><th scope="row">${group}</th>${keys.map((key) => (stats[key] === undefined ? '<td></td>' : cell(stats[key]!))).join('')}</tr>`)
    .join('\n');
  const params = Object.entries(block.params ?? {})
    .map(([key, value]) => ` · ${escapeHtml(key)} = ${escapeHtml(Array.isArray(value) ? `[${value.map((item) => JSON.stringify(item)).join(', ')}]` : JSON.stringify(value))}`)
    .join('');
  const caption = block.caption ? `<figcaption>${getMarkdown().renderInline(block.caption)}</figcaption>\n` : '';
  return (
    `<figure class="nl-normalize">\n${caption}` +
    `<p class="nl-normalize-call"><code>${escapeHtml(block.op)}</code> · ${escapeHtml(strings.shape)} [${shape.join(', ')}]${params}</p>\n` +
    `<table class="nl-normalize-values">\n<thead><tr><th scope="col">${escapeHtml(strings.index)}</th><th scope="col">${escapeHtml(strings.input)}</th>` +
    `<th scope="col">${escapeHtml(strings.output)}</th><th scope="col">${escapeHtml(strings.group)}</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n` +
    `<table class="nl-normalize-groups">\n<caption>${escapeHtml(strings.statistics)}</caption>\n` +
    `<thead><tr><th scope="col">${escapeHtml(strings.group)}</th>${keys.map((key) => `<th scope="col">${escapeHtml(strings.stat[key])}</th>`).join('')}</tr></thead>\n` +
    `<tbody>\n${statRows}\n</tbody>\n</table>\n` +
    `<p class="nl-normalize-pooling">${escapeHtml(poolingSentence(language, result))}</p>\n</figure>\n`
  );
}
