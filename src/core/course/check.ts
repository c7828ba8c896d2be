import katex from 'katex';
import type { Token } from 'markdown-it';
import { parseLabConfig } from '../labs/labConfig';
import { formatNumber } from '../format';
import { cellsAnswer } from '../lessons/cells';
import { ComputeError, mistakeValues, numericExpectation } from '../lessons/compute';
import { normalizePhrase, withinTolerance } from '../lessons/grade';
import { LESSON_LANGUAGES, type LessonFile, type LessonLanguage } from '../lessons/languages';
import { getMarkdown } from '../markdown/markdown';
import { parseLesson, type Diagnostic, type Lesson } from '../lessons/parse';
import { renderLesson } from '../render/lesson';

export interface CheckReport {
  readonly diagnostics: readonly Diagnostic[];
  readonly perLanguage: Readonly<Record<LessonLanguage, { lessons: number; quizzes: number }>>;
  readonly lessons: number;
  readonly quizzes: number;
}

/** How many seeds a randomized numeric item is tried with; enough to hit the edges of small ranges. */
export const SAMPLED_SEEDS = 32;

function quizLines(lesson: Lesson): Map<string, number> {
  const lines = new Map<string, number>();
  for (const block of lesson.blocks.values()) {
    const id = block.kind === 'quiz' ? block.quiz.id : block.kind === 'invalid' ? block.quizId : undefined;
    if (id !== undefined && !lines.has(id)) lines.set(id, block.line);
  }
  return lines;
}

/** Tries a numeric item's compute block over sampled seeds; reports the first failure. */
function checkNumeric(lesson: Lesson): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = quizLines(lesson);
  for (const quiz of lesson.quizzes) {
    if (quiz.type !== 'numeric' || !quiz.compute) continue;
    const seeds = Object.keys(quiz.params ?? {}).length > 0 ? SAMPLED_SEEDS : 1;
    for (let seed = 0; seed < seeds; seed++) {
      try {
        numericExpectation(quiz, seed);
      } catch (error) {
        const message = error instanceof ComputeError ? error.message : String(error);
        diagnostics.push({ file: lesson.file, line: lines.get(quiz.id) ?? 1, message: `quiz "${quiz.id}": the engine cannot compute the answer: ${message}` });
        break;
      }
    }
  }
  return diagnostics;
}

/** A `cells` item whose tensor the engine refuses to pool (InstanceNorm over one position, …), in the engine's words. */
function checkCells(lesson: Lesson): Diagnostic[] {
  const lines = quizLines(lesson);
  return lesson.quizzes.flatMap((quiz) => {
    if (quiz.type !== 'cells') return [];
    try {
      cellsAnswer(quiz);
      return [];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [{ file: lesson.file, line: lines.get(quiz.id) ?? 1, message: `quiz "${quiz.id}": the engine cannot pool this tensor: ${message}` }];
    }
  });
}

/** A mistake that grades as the right answer could never be shown: an error, at the mistake's line. */
function checkMistakes(lesson: Lesson): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = quizLines(lesson);
  for (const quiz of lesson.quizzes) {
    if (quiz.type !== 'numeric' || !quiz.mistakes?.length) continue;
    const line = lines.get(quiz.id) ?? 1;
    const seeds = Object.keys(quiz.params ?? {}).length > 0 ? SAMPLED_SEEDS : 1;
    const reported = new Set<number>();
    for (let seed = 0; seed < seeds; seed++) {
      let expected: number;
      let values: number[];
      try {
        expected = numericExpectation(quiz, seed).expected;
        values = mistakeValues(quiz, seed);
      } catch (error) {
        // The answer's own failure is reported by checkNumeric.
        if (error instanceof ComputeError && error.message.startsWith('mistakes.')) {
          diagnostics.push({ file: lesson.file, line: blockKeyLine(lesson, line, 'mistakes'), message: `quiz "${quiz.id}": the engine cannot compute ${error.message}` });
        }
        break;
      }
      values.forEach((value, index) => {
        if (reported.has(index) || !withinTolerance(value, expected, quiz.tolerance)) return;
        reported.add(index);
        const params = seeds > 1 ? ` (seed ${seed})` : '';
        diagnostics.push({
          file: lesson.file,
          line: blockKeyLine(lesson, line, 'mistakes'),
          message: `quiz "${quiz.id}": mistakes.${index} gives ${formatNumber(value)}, the right answer within the tolerance${params}; a learner who typed it would be told it is right`,
        });
      });
    }
  }
  return diagnostics;
}

/** The line of the first `key:` (or `- key:`/`id: key`) inside the block that opens at `blockLine`, else the block's line. */
function blockKeyLine(lesson: Lesson, blockLine: number, key: string, value?: string): number {
  const lines = lesson.body.split('\n');
  const pattern = value === undefined ? new RegExp(`^\\s*(?:-\\s*)?${key}\\s*:`) : new RegExp(`^\\s*(?:-\\s*)?${key}\\s*:\\s*['"]?${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*$`);
  for (let index = blockLine - lesson.bodyOffset; index < lines.length; index++) {
    if (index > blockLine - lesson.bodyOffset && /^\s*```/.test(lines[index]!)) break;
    if (pattern.test(lines[index]!)) return lesson.bodyOffset + index + 1;
  }
  return blockLine;
}

/** A correct choice at least this many times longer than the longest distractor gives itself away. */
export const LENGTH_RATIO = 1.5;
/** …and at least this many characters longer (two short choices of 4 and 6 characters give nothing away). */
export const LENGTH_MARGIN = 12;

/** What a learner sees of a choice, for comparing lengths: spaces collapsed, Markdown marks dropped. */
function visibleLength(text: string): number {
  return [...text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim()].length;
}

/** Hints that give the answer away, and correct choices that stand out by length: warnings at the line concerned. */
function checkGiveaways(lesson: Lesson): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = quizLines(lesson);
  const warn = (line: number, message: string) => diagnostics.push({ file: lesson.file, line, message, severity: 'warning' });
  for (const quiz of lesson.quizzes) {
    const line = lines.get(quiz.id) ?? 1;
    const hints = quiz.hints ?? [];
    if (quiz.type === 'single' || quiz.type === 'multi') {
      const right = new Set(typeof quiz.answer === 'string' ? [quiz.answer] : quiz.answer);
      const distractors = quiz.choices.filter((choice) => !right.has(choice.id));
      const longest = Math.max(0, ...distractors.map((choice) => visibleLength(choice.text)));
      for (const choice of quiz.choices.filter((candidate) => right.has(candidate.id))) {
        const length = visibleLength(choice.text);
        if (distractors.length > 0 && length >= longest * LENGTH_RATIO && length - longest >= LENGTH_MARGIN) {
          warn(
            blockKeyLine(lesson, line, 'id', choice.id),
            `quiz "${quiz.id}": the correct choice "${choice.id}" (${length} characters) is much longer than every distractor (at most ${longest}); a learner can pick it by length`,
          );
        }
      }
      const contains = (hint: string, text: string) => normalizePhrase(text).length >= 3 && normalizePhrase(hint).includes(normalizePhrase(text));
      hints.forEach((hint, index) => {
        const named = quiz.choices.filter((choice) => contains(hint, choice.text));
        if (named.length > 0 && named.every((choice) => right.has(choice.id))) {
          warn(blockKeyLine(lesson, line, 'hints'), `quiz "${quiz.id}": hints.${index} contains the text of the correct choice "${named[0]!.id}"`);
        }
      });
    } else if (quiz.type === 'short') {
      hints.forEach((hint, index) => {
        const phrase = quiz.accept.find((accepted) => normalizePhrase(accepted).length >= 3 && normalizePhrase(hint).includes(normalizePhrase(accepted)));
        if (phrase) warn(blockKeyLine(lesson, line, 'hints'), `quiz "${quiz.id}": hints.${index} contains the accepted answer "${phrase}"`);
      });
    } else if (quiz.type === 'numeric') {
      const answer = quiz.answer === undefined ? undefined : formatNumber(quiz.answer);
      hints.forEach((hint, index) => {
        const numbers = hint.match(/[+-]?\d+(?:\.\d+)?/g) ?? [];
        if (hint.includes('{answer}') || (answer !== undefined && answer.replace('-', '').length >= 3 && numbers.some((number) => number === answer))) {
          warn(blockKeyLine(lesson, line, 'hints'), `quiz "${quiz.id}": hints.${index} contains the answer`);
        }
      });
    }
  }
  return diagnostics;
}

/** The first TeX error in a piece of Markdown, or undefined when all its math typesets. */
function mathError(markdown: string): { message: string; line: number } | undefined {
  const visit = (tokens: readonly Token[], line: number): { message: string; line: number } | undefined => {
    for (const token of tokens) {
      const here = token.map ? token.map[0] : line;
      if (token.type.startsWith('math_')) {
        try {
          katex.renderToString(token.content, { throwOnError: true, displayMode: token.type === 'math_block', output: 'mathml' });
        } catch (error) {
          return { message: error instanceof Error ? error.message : String(error), line: here };
        }
      }
      const inner = token.children ? visit(token.children, here) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(getMarkdown().parse(markdown, {}), 0);
}

/** Every Markdown text a quiz shows: prompt, explanation, hints, choices and their feedback, order items, mistakes' feedback. */
function quizTexts(quiz: Lesson['quizzes'][number]): string[] {
  const texts = [quiz.prompt, quiz.explain, ...(quiz.hints ?? [])];
  if (quiz.type === 'single' || quiz.type === 'multi') for (const choice of quiz.choices) texts.push(choice.text, choice.feedback ?? '');
  if (quiz.type === 'order') texts.push(...quiz.items);
  if (quiz.type === 'numeric') texts.push(...(quiz.mistakes ?? []).map((mistake) => mistake.feedback));
  return texts;
}

/** Math that KaTeX cannot typeset, in the lesson text (at its line) and in quiz texts (at the quiz). */
function checkMath(lesson: Lesson): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const body = mathError(lesson.body);
  if (body) diagnostics.push({ file: lesson.file, line: lesson.bodyOffset + body.line + 1, message: `math: ${body.message}` });
  const lines = quizLines(lesson);
  for (const quiz of lesson.quizzes) {
    const texts = quizTexts(quiz);
    for (const text of texts) {
      const error = mathError(text);
      if (error) {
        diagnostics.push({ file: lesson.file, line: lines.get(quiz.id) ?? 1, message: `quiz "${quiz.id}": math: ${error.message}` });
        break;
      }
    }
  }
  return diagnostics;
}

/**
 * The first `**` Markdown left as text, with the line of its paragraph. Bold whose closing `**`
 * follows punctuation and precedes a letter does not close (CommonMark's flanking rule), which
 * happens easily in Chinese: `**缩放（min-max）**和` shows its asterisks.
 */
function strayBold(markdown: string): number | undefined {
  for (const token of getMarkdown().parse(markdown, {})) {
    if (token.type !== 'inline' || !token.children) continue;
    if (token.children.some((child) => child.type === 'text' && child.content.includes('**'))) return token.map ? token.map[0] : 0;
  }
  return undefined;
}

/** `**` the page would show as text, in the lesson text (at its paragraph) and in quiz texts (at the quiz). */
function checkBold(lesson: Lesson): Diagnostic[] {
  const message = 'markup: "**" is shown as text; a closing "**" after punctuation must not be followed by a letter (move the punctuation outside the bold)';
  const diagnostics: Diagnostic[] = [];
  const body = strayBold(lesson.body);
  if (body !== undefined) diagnostics.push({ file: lesson.file, line: lesson.bodyOffset + body + 1, message });
  const lines = quizLines(lesson);
  for (const quiz of lesson.quizzes) {
    const texts = quizTexts(quiz);
    if (texts.some((text) => strayBold(text) !== undefined)) diagnostics.push({ file: lesson.file, line: lines.get(quiz.id) ?? 1, message: `quiz "${quiz.id}": ${message}` });
  }
  return diagnostics;
}

/** Lab blocks whose settings the labs would refuse (checked by the labs' own parser). */
function checkLabs(lesson: Lesson): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const block of lesson.blocks.values()) {
    if (block.kind !== 'lab') continue;
    const parsed = parseLabConfig(block.lab);
    if (!parsed.ok) diagnostics.push({ file: lesson.file, line: block.line, message: `lab: ${parsed.error}` });
  }
  return diagnostics;
}

/**
 * Everything `npm run lessons:check` verifies, over all files of all languages: each file's
 * schema, engine-computed numbers, math that typesets, bold that renders, ids unique in the course, and the same lesson and quiz ids
 * in every language.
 */
export function checkLessons(files: readonly LessonFile[]): CheckReport {
  const diagnostics: Diagnostic[] = [];
  const byLanguage = new Map<LessonLanguage, Map<string, Lesson>>(LESSON_LANGUAGES.map((language) => [language, new Map()]));
  const perLanguage = { en: { lessons: 0, quizzes: 0 }, 'zh-cn': { lessons: 0, quizzes: 0 } };
  for (const source of files) {
    const { lesson, diagnostics: parsed } = parseLesson(source.file, source.text);
    diagnostics.push(...parsed);
    if (!lesson) continue;
    perLanguage[source.language].lessons += 1;
    perLanguage[source.language].quizzes += lesson.quizzes.length;
    const rendered = renderLesson(lesson, { language: source.language });
    diagnostics.push(...rendered.diagnostics.filter((diagnostic) => !parsed.includes(diagnostic)));
    diagnostics.push(...checkNumeric(lesson), ...checkMistakes(lesson), ...checkCells(lesson), ...checkGiveaways(lesson), ...checkMath(lesson), ...checkBold(lesson), ...checkLabs(lesson));
    const lessons = byLanguage.get(source.language)!;
    const other = lessons.get(lesson.id);
    if (other) diagnostics.push({ file: lesson.file, line: 2, message: `duplicate lesson id "${lesson.id}" (also ${other.file})` });
    else lessons.set(lesson.id, lesson);
  }
  for (const [, lessons] of byLanguage) diagnostics.push(...duplicateQuizIds([...lessons.values()]));
  diagnostics.push(...compareLanguages(byLanguage.get('en')!, byLanguage.get('zh-cn')!));
  return {
    diagnostics: diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    perLanguage,
    lessons: perLanguage.en.lessons + perLanguage['zh-cn'].lessons,
    quizzes: perLanguage.en.quizzes + perLanguage['zh-cn'].quizzes,
  };
}

/** Quiz ids are unique in the whole course (progress is stored under lesson and quiz id). */
function duplicateQuizIds(lessons: readonly Lesson[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owner = new Map<string, Lesson>();
  for (const lesson of lessons) {
    for (const [quizId, line] of quizLines(lesson)) {
      const first = owner.get(quizId);
      if (first && first !== lesson) diagnostics.push({ file: lesson.file, line, message: `duplicate quiz id "${quizId}" (also in ${first.file})` });
      else owner.set(quizId, lesson);
    }
  }
  return diagnostics;
}

/** Every lesson exists in both languages, with the same quiz ids. */
function compareLanguages(english: ReadonlyMap<string, Lesson>, chinese: ReadonlyMap<string, Lesson>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const missing = (lesson: Lesson, language: string) => ({ file: lesson.file, line: 2, message: `lesson "${lesson.id}" has no ${language} version` });
  for (const lesson of english.values()) if (!chinese.has(lesson.id)) diagnostics.push(missing(lesson, 'zh-cn'));
  for (const lesson of chinese.values()) if (!english.has(lesson.id)) diagnostics.push(missing(lesson, 'en'));
  for (const [id, en] of english) {
    const zh = chinese.get(id);
    if (!zh) continue;
    const enLines = quizLines(en);
    const zhLines = quizLines(zh);
    for (const [quizId, line] of enLines) {
      if (!zhLines.has(quizId)) diagnostics.push({ file: en.file, line, message: `quiz "${quizId}" is missing from ${zh.file}` });
    }
    for (const [quizId, line] of zhLines) {
      if (!enLines.has(quizId)) diagnostics.push({ file: zh.file, line, message: `quiz "${quizId}" is missing from ${en.file}` });
    }
    const enTypes = new Map(en.quizzes.map((quiz) => [quiz.id, quiz.type]));
    for (const quiz of zh.quizzes) {
      const type = enTypes.get(quiz.id);
      if (type && type !== quiz.type) {
        diagnostics.push({ file: zh.file, line: zhLines.get(quiz.id)!, message: `quiz "${quiz.id}" is "${quiz.type}" here but "${type}" in ${en.file}` });
      }
    }
  }
  return diagnostics;
}

export function summarize(report: CheckReport): string {
  const languages = LESSON_LANGUAGES.map((language) => `${language}: ${report.perLanguage[language].lessons} lessons, ${report.perLanguage[language].quizzes} quizzes`).join('; ');
  const warnings = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  const errors = report.diagnostics.length - warnings;
  return `${report.lessons} lessons, ${report.quizzes} quizzes, ${errors} errors${warnings > 0 ? `, ${warnings} warnings` : ''} (${languages})`;
}
