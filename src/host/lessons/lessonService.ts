import * as vscode from 'vscode';
import { LESSON_LANGUAGES, lessonLanguage, type LessonFile, type LessonLanguage } from '../../core/lessons/languages';
import { gradeQuiz, type QuizResponse, type Verdict } from '../../core/lessons/grade';
import { buildLibrary, type Library, type LibraryEntry, type LibraryLesson } from '../../core/lessons/library';
import { formatDiagnostic, sectionOf } from '../../core/lessons/parse';
import { medianAnswerMs } from '../../core/lessons/attempt';
import {
  lessonStatus,
  loggedTimes,
  markOpened,
  nextDue,
  recordAnswer,
  recordHint,
  recordReveal,
  reviewQueue,
  setSeed,
  startReview,
  type AnswerEvent,
  type CourseOutline,
  type LessonStatus,
  type QuizRecord,
  type ReviewItem,
} from '../../core/lessons/progress';
import type { Quiz } from '../../core/lessons/schema';
import { renderInline } from '../../core/markdown/markdown';
import { freshSeed, type Seed } from '../../core/lessons/random';
import { renderLesson } from '../../core/render/lesson';
import { quizView, type QuizView } from '../../core/render/quizView';
import type { LessonPayload, QuizContext, QuizProgressView, ReviewPayload } from '../../messages';
import type { ProgressStore } from './progressStore';

/**
 * Reads `<root>/<language>/*.md` through `vscode.workspace.fs`, so it works wherever the extension
 * runs (a local folder, a remote one, the browser's web worker host); a folder that cannot be
 * read simply contributes no files.
 */
export async function readLessonFolder(root: vscode.Uri): Promise<LessonFile[]> {
  const decoder = new TextDecoder();
  const perLanguage = await Promise.all(
    LESSON_LANGUAGES.map(async (language): Promise<LessonFile[]> => {
      const folder = vscode.Uri.joinPath(root, language);
      let names: string[];
      try {
        names = (await vscode.workspace.fs.readDirectory(folder))
          .filter(([name, type]) => (type & vscode.FileType.File) !== 0 && name.endsWith('.md'))
          .map(([name]) => name)
          .sort();
      } catch {
        return [];
      }
      return Promise.all(
        names.map(async (name) => ({
          language,
          file: `lessons/${language}/${name}`,
          text: decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name))),
        })),
      );
    }),
  );
  return perLanguage.flat();
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
  private files: readonly LessonFile[] = [];
  private library: Library;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  /** A service with the lessons of `root` read. */
  static async load(root: vscode.Uri, progress: ProgressStore, language?: LessonLanguage): Promise<LessonService> {
    const service = new LessonService(root, progress, language);
    await service.reload();
    return service;
  }

  private constructor(
    private root: vscode.Uri,
    readonly progress: ProgressStore,
    private currentLanguage = lessonLanguage(vscode.env.language),
  ) {
    this.library = buildLibrary(this.files, currentLanguage);
    this.subscription = progress.onDidChange(() => this.changed.fire());
  }

  /** The language lessons are picked in (a lesson missing in it is shown in English). */
  get language(): LessonLanguage {
    return this.currentLanguage;
  }

  /** Picks the lessons again in another language (the lessonLanguage setting changed) from the files already read. */
  setLanguage(language: LessonLanguage): void {
    if (language === this.currentLanguage) return;
    this.currentLanguage = language;
    this.library = buildLibrary(this.files, language);
    this.changed.fire();
  }

  /** Reads the lesson files again, optionally from another folder (tests use a fixture folder). */
  async reload(root = this.root): Promise<void> {
    this.root = root;
    this.files = await readLessonFolder(root);
    this.library = buildLibrary(this.files, this.currentLanguage);
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
        : { title: entry.file.slice(entry.file.lastIndexOf('/') + 1), file: entry.file, problem: formatDiagnostic(entry.diagnostics[0]!) },
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

  /** Everything the page needs to show a lesson; when `opens`, marks it opened and stores its quizzes' seeds. */
  async payload(entry: LibraryLesson, resolveMedia: (mediaPath: string) => string, opens = true): Promise<LessonPayload> {
    const { lesson } = entry;
    const rendered = renderLesson(lesson, { language: entry.language, resolveMedia });
    const pending = new Map<string, Seed>();
    const quizzes: QuizView[] = rendered.quizzes.map((quiz) => quizView(quiz, this.seedFor(lesson.id, quiz.id, pending)));
    if (opens) {
      await this.progress.update((progress) => {
        let next = markOpened(progress, lesson.id, new Date().toISOString());
        for (const [quizId, seed] of pending) next = setSeed(next, lesson.id, quizId, seed);
        return next;
      });
    }
    const records = this.progress.current.lessons[lesson.id]?.quizzes ?? {};
    const progress: Record<string, QuizProgressView> = {};
    for (const [quizId, record] of Object.entries(records)) progress[quizId] = progressView(record, 'lesson');
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

  /** "Now" for scheduling: the real time, moved by whole days in tests (`internal.setClockOffsetDays`). */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetDays * 86_400_000);
  }

  private clockOffsetDays = 0;

  /** For tests: moves the review clock; the tree, status bar and panel hear it as a change. */
  setClockOffsetDays(days: number): void {
    this.clockOffsetDays = days;
    this.changed.fire();
  }

  private findQuiz(lessonId: string, quizId: string): { entry: LibraryLesson; quiz: Quiz } | undefined {
    const entry = this.find(lessonId);
    const quiz = entry?.lesson.quizzes.find((candidate) => candidate.id === quizId);
    return entry && quiz ? { entry, quiz } : undefined;
  }

  /** The facts every recorded step of an attempt carries, with the Easy rule's median for this item. */
  private event(entry: LibraryLesson, quiz: Quiz, seed: Seed, context: QuizContext | undefined): AnswerEvent {
    const lessonId = entry.lesson.id;
    const typeOf = new Map(this.library.lessons.flatMap((lesson) => lesson.lesson.quizzes.map((candidate) => [`${lesson.lesson.id}/${candidate.id}`, candidate.type] as const)));
    const own = loggedTimes(this.progress.current, (l, q) => l === lessonId && q === quiz.id);
    const sameType = loggedTimes(this.progress.current, (l, q) => typeOf.get(`${l}/${q}`) === quiz.type);
    return {
      lessonId,
      quizId: quiz.id,
      seed,
      now: this.now().toISOString(),
      quizIds: entry.lesson.quizzes.map((candidate) => candidate.id),
      mode: context?.mode ?? 'lesson',
      hintsUsed: context?.hintsUsed ?? 0,
      ...(context?.ms === undefined ? {} : { ms: context.ms }),
      medianMs: medianAnswerMs(quiz.type, own, sameType),
    };
  }

  /**
   * Grades an answer with the core grader and records it. This is the one path for answers:
   * the panel's messages and the tests both come through here. Returns undefined for an
   * unknown lesson or quiz.
   */
  async answer(lessonId: string, quizId: string, response: QuizResponse, seed?: Seed, context?: QuizContext): Promise<Verdict | undefined> {
    const found = this.findQuiz(lessonId, quizId);
    if (!found) return undefined;
    const record = this.progress.current.lessons[lessonId]?.quizzes[quizId];
    const attemptSeed = seed ?? (context?.mode === 'review' ? record?.review?.seed : record?.seed) ?? 0;
    const verdict = gradeQuiz(found.quiz, response, attemptSeed);
    await this.progress.update((progress) => recordAnswer(progress, { ...this.event(found.entry, found.quiz, attemptSeed, context), response, verdict }));
    return verdict;
  }

  /** "Show answer" or a hint opened, recorded with the attempt. */
  async step(kind: 'reveal' | 'hint', lessonId: string, quizId: string, seed: Seed, context: QuizContext): Promise<void> {
    const found = this.findQuiz(lessonId, quizId);
    if (!found) return;
    const event = this.event(found.entry, found.quiz, seed, context);
    await this.progress.update((progress) => (kind === 'reveal' ? recordReveal(progress, event) : recordHint(progress, event)));
  }

  /** Draws a new seed for a quiz (new numbers, a new choice order) and returns the attempt to show. */
  async newAttempt(lessonId: string, quizId: string): Promise<QuizView | undefined> {
    const found = this.findQuiz(lessonId, quizId);
    if (!found) return undefined;
    const seed = freshSeed();
    await this.progress.update((progress) => setSeed(progress, lessonId, quizId, seed));
    return quizView(found.quiz, seed);
  }

  /** Each lesson's id and its items' ids, in course order: what review cards are matched against. */
  get outline(): CourseOutline[] {
    return this.library.lessons.map((entry) => ({ id: entry.lesson.id, quizIds: entry.lesson.quizzes.map((quiz) => quiz.id) }));
  }

  /** The cards due now, interleaved across lessons. */
  reviewQueue(): ReviewItem[] {
    return reviewQueue(this.progress.current, this.outline, this.now());
  }

  nextDue(): string | undefined {
    return nextDue(this.progress.current, this.outline, this.now());
  }

  /**
   * The review session's next item: the first due card, with its own seed (drawn afresh the
   * first time, kept across reloads until it is rated).
   */
  async reviewPayload(formatDate: (iso: string) => string): Promise<ReviewPayload> {
    const queue = this.reviewQueue();
    const first = queue[0];
    if (!first) {
      const next = this.nextDue();
      return { due: 0, ...(next ? { nextDue: next, nextDueText: formatDate(next) } : {}) };
    }
    await this.progress.update((progress) => startReview(progress, first.lessonId, first.quizId, freshSeed()));
    const found = this.findQuiz(first.lessonId, first.quizId)!;
    const record = this.progress.current.lessons[first.lessonId]!.quizzes[first.quizId]!;
    const section = sectionOf(found.entry.lesson, first.quizId);
    return {
      due: queue.length,
      item: {
        lessonId: first.lessonId,
        lessonTitle: found.entry.lesson.title,
        ...(section ? { sectionHtml: renderInline(section) } : {}),
        view: quizView(found.quiz, record.review!.seed),
        progress: progressView(record, 'review'),
      },
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** What the page needs to put an attempt back: the last answer of it and where it stands. */
function progressView(record: QuizRecord, mode: 'lesson' | 'review'): QuizProgressView {
  const attempt = mode === 'review' ? record.review : record.current;
  const last = mode === 'review' ? record.review?.last : record.last;
  return {
    attempts: record.attempts,
    ...(last ? { last: { seed: last.seed, response: last.response as QuizResponse } } : {}),
    ...(attempt ? { state: { tries: attempt.tries, solved: attempt.solved, revealed: attempt.revealed, hintsUsed: attempt.hintsUsed } } : {}),
  };
}
