import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LESSON_LANGUAGES, type LessonFile, type LessonLanguage } from '../../core/lessons/languages';
import { gradeQuiz, type QuizResponse, type Verdict } from '../../core/lessons/grade';
import { buildLibrary, lessonLanguage, type Library, type LibraryEntry, type LibraryLesson } from '../../core/lessons/library';
import { formatDiagnostic } from '../../core/lessons/parse';
import { lessonStatus, markOpened, recordAnswer, setSeed, type LessonStatus } from '../../core/lessons/progress';
import { freshSeed, type Seed } from '../../core/lessons/random';
import { renderLesson } from '../../core/render/lesson';
import { quizView, type QuizView } from '../../core/render/quizView';
import type { LessonPayload, QuizProgressView } from '../../messages';
import type { ProgressStore } from './progressStore';

/** Reads `<root>/<language>/*.md`; a folder that cannot be read simply contributes no files. */
export function readLessonFolder(root: string): LessonFile[] {
  const files: LessonFile[] = [];
  for (const language of LESSON_LANGUAGES) {
    const folder = path.join(root, language);
    let names: string[];
    try {
      names = fs.readdirSync(folder).filter((name) => name.endsWith('.md')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      files.push({ language, file: `lessons/${language}/${name}`, text: fs.readFileSync(path.join(folder, name), 'utf8') });
    }
  }
  return files;
}

/** One row of the sidebar (and what tests read back through the internal command). */
export interface LessonRow {
  readonly id?: string;
  readonly title: string;
  readonly summary?: string;
  readonly status?: LessonStatus;
  /** `file:line: message` of the first problem, when the file has any. */
  readonly problem?: string;
  readonly file: string;
}

/**
 * The lessons as the learner sees them: loaded from the extension's `lessons/` folder in the
 * lesson language (the setting, else the display language), with progress. Everything that changes progress goes through here, so the
 * tree and the panel learn about it from `onDidChange`.
 */
export class LessonService implements vscode.Disposable {
  private library: Library;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private root: string,
    readonly progress: ProgressStore,
    private currentLanguage = lessonLanguage(vscode.env.language),
  ) {
    this.library = buildLibrary(readLessonFolder(root), currentLanguage);
    this.subscription = progress.onDidChange(() => this.changed.fire());
  }

  /** The language lessons are picked in (a lesson missing in it is shown in English). */
  get language(): LessonLanguage {
    return this.currentLanguage;
  }

  /** Picks the lessons again in another language (the lessonLanguage setting changed). */
  setLanguage(language: LessonLanguage): void {
    if (language === this.currentLanguage) return;
    this.currentLanguage = language;
    this.reload();
  }

  /** Reads the lesson files again, optionally from another folder (tests use a fixture folder). */
  reload(root = this.root): void {
    this.root = root;
    this.library = buildLibrary(readLessonFolder(root), this.currentLanguage);
    this.changed.fire();
  }

  get entries(): readonly LibraryEntry[] {
    return this.library.entries;
  }

  get lessons(): readonly LibraryLesson[] {
    return this.library.lessons;
  }

  find(lessonId: string): LibraryLesson | undefined {
    return this.library.lessons.find((entry) => entry.lesson.id === lessonId);
  }

  status(entry: LibraryLesson): LessonStatus {
    return lessonStatus(
      this.progress.current.lessons[entry.lesson.id],
      entry.lesson.quizzes.map((quiz) => quiz.id),
    );
  }

  rows(): LessonRow[] {
    return this.library.entries.map((entry) =>
      entry.kind === 'lesson'
        ? {
            id: entry.lesson.id,
            title: entry.lesson.title,
            summary: entry.lesson.summary,
            status: this.status(entry),
            file: entry.lesson.file,
            ...(entry.diagnostics[0] ? { problem: formatDiagnostic(entry.diagnostics[0]) } : {}),
          }
        : { title: path.basename(entry.file), file: entry.file, problem: formatDiagnostic(entry.diagnostics[0]!) },
    );
  }

  /** The lesson Explain Normalization opens: the last one shown, else the first. */
  startLesson(): LibraryLesson | undefined {
    const last = this.progress.current.lastLesson;
    return (last ? this.find(last) : undefined) ?? this.library.lessons[0];
  }

  neighbour(lessonId: string, direction: 'previous' | 'next'): LibraryLesson | undefined {
    const index = this.library.lessons.findIndex((entry) => entry.lesson.id === lessonId);
    if (index < 0) return undefined;
    return this.library.lessons[index + (direction === 'next' ? 1 : -1)];
  }

  /** The seed of the attempt shown for a quiz; a first view draws one and stores it. */
  private seedFor(lessonId: string, quizId: string, pending: Map<string, Seed>): Seed {
    const stored = this.progress.current.lessons[lessonId]?.quizzes[quizId]?.seed;
    if (stored !== undefined) return stored;
    const seed = freshSeed();
    pending.set(quizId, seed);
    return seed;
  }

  /** Everything the page needs to show a lesson; marks it opened. */
  async payload(entry: LibraryLesson, resolveMedia: (mediaPath: string) => string): Promise<LessonPayload> {
    const { lesson } = entry;
    const rendered = renderLesson(lesson, { language: entry.language, resolveMedia });
    const pending = new Map<string, Seed>();
    const quizzes: QuizView[] = rendered.quizzes.map((quiz) => quizView(quiz, this.seedFor(lesson.id, quiz.id, pending)));
    await this.progress.update((progress) => {
      let next = markOpened(progress, lesson.id, new Date().toISOString());
      for (const [quizId, seed] of pending) next = setSeed(next, lesson.id, quizId, seed);
      return next;
    });
    const records = this.progress.current.lessons[lesson.id]?.quizzes ?? {};
    const progress: Record<string, QuizProgressView> = {};
    for (const [quizId, record] of Object.entries(records)) {
      progress[quizId] = {
        attempts: record.attempts,
        ...(record.last ? { last: { seed: record.last.seed, response: record.last.response as QuizResponse } } : {}),
      };
    }
    const index = this.library.lessons.indexOf(entry);
    const previous = this.library.lessons[index - 1];
    const next = this.library.lessons[index + 1];
    const diagnostics = [...entry.diagnostics, ...rendered.diagnostics.filter((diagnostic) => !entry.diagnostics.includes(diagnostic))];
    return {
      id: lesson.id,
      title: lesson.title,
      position: index + 1,
      count: this.library.lessons.length,
      html: rendered.html,
      quizzes,
      progress,
      ...(previous ? { previous: { id: previous.lesson.id, title: previous.lesson.title } } : {}),
      ...(next ? { next: { id: next.lesson.id, title: next.lesson.title } } : {}),
      problems: [...new Set(diagnostics.map(formatDiagnostic))],
    };
  }

  /**
   * Grades an answer with the core grader and records it. This is the one path for answers:
   * the panel's messages and the tests both come through here. Returns undefined for an
   * unknown lesson or quiz.
   */
  async answer(lessonId: string, quizId: string, response: QuizResponse, seed?: Seed): Promise<Verdict | undefined> {
    const entry = this.find(lessonId);
    const quiz = entry?.lesson.quizzes.find((candidate) => candidate.id === quizId);
    if (!entry || !quiz) return undefined;
    const attemptSeed = seed ?? this.progress.current.lessons[lessonId]?.quizzes[quizId]?.seed ?? 0;
    const verdict = gradeQuiz(quiz, response, attemptSeed);
    await this.progress.update((progress) =>
      recordAnswer(progress, {
        lessonId,
        quizId,
        seed: attemptSeed,
        response,
        verdict,
        now: new Date().toISOString(),
        quizIds: entry.lesson.quizzes.map((candidate) => candidate.id),
      }),
    );
    return verdict;
  }

  /** Draws a new seed for a quiz ("new numbers") and returns the attempt to show. */
  async newAttempt(lessonId: string, quizId: string): Promise<QuizView | undefined> {
    const quiz = this.find(lessonId)?.lesson.quizzes.find((candidate) => candidate.id === quizId);
    if (!quiz) return undefined;
    const seed = freshSeed();
    await this.progress.update((progress) => setSeed(progress, lessonId, quizId, seed));
    return quizView(quiz, seed);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
