import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { lessonLanguage } from '../../core/lessons/library';
import { fillTemplate } from '../../core/template';
import type { LessonLanguage } from '../../core/lessons/languages';
import {
  parseLessonPageMessage,
  type HostToLessonPage,
  type LessonPageLabels,
  type LessonPageState,
  type LessonPageToHost,
} from '../../messages';
import { renderPage, webviewOptions } from '../webviewHtml';
import type { LessonService } from './lessonService';

export const LESSON_VIEW_TYPE = 'normalizationLab.lesson';

/**
 * Owns the one lesson panel: create or reveal, revive after a reload (the serializer hands back
 * the lesson and scroll position the page saved with `setState`), and a list of disposables
 * emptied on dispose.
 */
export class LessonPanel {
  private static current: LessonPanel | undefined;
  private static readonly shown = new vscode.EventEmitter<string>();
  /** Fires with the lesson id each time the panel shows a lesson (the tree selects its row). */
  static readonly onDidShowLesson = LessonPanel.shown.event;
  private readonly disposables: vscode.Disposable[] = [];
  private lessonId: string | undefined;
  private scrollY = 0;
  private ready = false;
  /** A quiz to scroll to once the lesson is on the page (Quiz me). */
  private quizToReveal: string | undefined;
  private language: LessonLanguage = 'en';

  /** Shows `lessonId` in the panel, creating it or bringing it to the front; with `quizId`, scrolled to that quiz. */
  static show(service: LessonService, extensionUri: vscode.Uri, lessonId: string, quizId?: string): LessonPanel {
    if (LessonPanel.current) {
      const current = LessonPanel.current;
      current.panel.reveal(undefined, false);
      current.quizToReveal = quizId;
      // Already on that lesson: keep what the learner typed and where they scrolled.
      if (current.lessonId !== lessonId) void current.showLesson(lessonId, 0);
      else if (current.ready) current.revealPendingQuiz();
      return current;
    }
    const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, vscode.l10n.t('Normalization Lab'), vscode.ViewColumn.Active, webviewOptions(extensionUri));
    LessonPanel.current = new LessonPanel(panel, service, extensionUri, lessonId, 0);
    LessonPanel.current.quizToReveal = quizId;
    return LessonPanel.current;
  }

  private revealPendingQuiz(): void {
    if (this.quizToReveal === undefined || this.lessonId === undefined) return;
    this.post({ type: 'revealQuiz', lessonId: this.lessonId, quizId: this.quizToReveal });
    this.quizToReveal = undefined;
  }

  /** Restores a panel VS Code kept across a reload; unknown lessons fall back to the start lesson. */
  static revive(panel: vscode.WebviewPanel, service: LessonService, extensionUri: vscode.Uri, lessonId: string | undefined, scrollY: number): LessonPanel {
    panel.webview.options = webviewOptions(extensionUri);
    const id = (lessonId && service.find(lessonId) ? lessonId : service.startLesson()?.lesson.id) ?? '';
    LessonPanel.current?.dispose();
    LessonPanel.current = new LessonPanel(panel, service, extensionUri, id, id === lessonId ? scrollY : 0);
    return LessonPanel.current;
  }

  static get active(): LessonPanel | undefined {
    return LessonPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly service: LessonService,
    private readonly extensionUri: vscode.Uri,
    lessonId: string,
    scrollY: number,
  ) {
    this.lessonId = lessonId;
    this.scrollY = scrollY;
    panel.title = service.find(lessonId)?.lesson.title ?? vscode.l10n.t('Normalization Lab');
    this.renderShell();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseLessonPageMessage(raw);
        if (message) void this.handle(message);
      }),
    );
  }

  /** The page without a lesson: `<html lang>` and the button labels in the lesson language; the lesson follows `ready`. */
  private renderShell(): void {
    const language = this.service.language;
    this.language = language;
    const initialState: LessonPageState = { labels: pageLabels(labelTranslator(this.extensionUri, language)) };
    this.panel.webview.html = renderPage(this.panel.webview, this.extensionUri, {
      script: 'lessonPage',
      styles: ['media/common.css', 'media/labs.css', 'media/lesson.css'],
      title: vscode.l10n.t('Normalization Lab'),
      initialState,
      language,
    });
  }

  /**
   * Shows the same lesson in the service's new language. The page is built again, since its
   * `<html lang>` (which the labs read) and its labels belong to the language; scrolling starts at the top.
   */
  changeLanguage(): void {
    if (this.language === this.service.language) return;
    this.ready = false;
    this.scrollY = 0;
    if (this.lessonId !== undefined) this.panel.title = this.service.find(this.lessonId)?.lesson.title ?? vscode.l10n.t('Normalization Lab');
    this.renderShell();
  }

  /** The language of the page now shown (its `<html lang>`). */
  get pageLanguage(): LessonLanguage {
    return this.language;
  }

  /** Shows the current lesson afresh (after Reset Progress or a reload of the lesson files). */
  async refresh(): Promise<void> {
    if (this.lessonId !== undefined) await this.showLesson(this.lessonId, 0);
  }

  get currentLessonId(): string | undefined {
    return this.lessonId;
  }

  private post(message: HostToLessonPage): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(message: LessonPageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.lessonId !== undefined) await this.showLesson(this.lessonId, this.scrollY);
        return;
      case 'navigate': {
        const target = this.lessonId ? this.service.neighbour(this.lessonId, message.direction) : undefined;
        if (target) await this.showLesson(target.lesson.id, 0);
        return;
      }
      case 'answer':
        // The page showed its verdict from the same grader; the host grades again to record it.
        await this.service.answer(message.lessonId, message.quizId, message.response, message.seed);
        return;
      case 'newAttempt': {
        const view = await this.service.newAttempt(message.lessonId, message.quizId);
        if (view) this.post({ type: 'quizUpdated', lessonId: message.lessonId, view });
        return;
      }
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  /** Renders a lesson and sends it to the page (or remembers it until the page is ready). */
  async showLesson(lessonId: string, scrollY: number): Promise<void> {
    this.lessonId = lessonId;
    this.scrollY = scrollY;
    const entry = this.service.find(lessonId);
    this.panel.title = entry?.lesson.title ?? vscode.l10n.t('Normalization Lab');
    if (!this.ready) return;
    if (!entry) {
      const broken = this.service.rows().find((row) => row.id === undefined && row.file === lessonId);
      this.post({
        type: 'showProblem',
        title: vscode.l10n.t('This lesson could not be loaded'),
        problems: broken?.problem ? [broken.problem] : [vscode.l10n.t('No lesson with id "{0}".', lessonId)],
      });
      return;
    }
    const lesson = await this.service.payload(entry, (mediaPath) =>
      this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...mediaPath.split('/'))).toString(),
    );
    this.post({ type: 'showLesson', lesson, scrollY });
    this.revealPendingQuiz();
    LessonPanel.shown.fire(lesson.id);
  }

  dispose(): void {
    if (LessonPanel.current === this) LessonPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}

/** `vscode.l10n`'s shape, so `npm run l10n` finds the labels written `l10n.t('…')` (it does not follow other aliases). */
type Translator = { readonly t: (message: string, ...args: string[]) => string };

/**
 * The page's labels in the lesson language. That is usually VS Code's display language, where
 * `vscode.l10n` has them; when the lessonLanguage setting picks another one, they come from that
 * language's bundle (English: the messages themselves).
 */
function labelTranslator(extensionUri: vscode.Uri, language: LessonLanguage): Translator {
  if (language === lessonLanguage(vscode.env.language)) return { t: (message, ...args) => vscode.l10n.t(message, ...args) };
  let bundle: Record<string, unknown> = {};
  if (language !== 'en') {
    try {
      bundle = JSON.parse(fs.readFileSync(vscode.Uri.joinPath(extensionUri, 'l10n', `bundle.l10n.${language}.json`).fsPath, 'utf8')) as Record<string, unknown>;
    } catch {
      // No bundle: English labels on a page in another language are still usable.
    }
  }
  return { t: (message, ...args) => fillTemplate(typeof bundle[message] === 'string' ? (bundle[message] as string) : message, args) };
}

function pageLabels(l10n: Translator): LessonPageLabels {
  return {
    check: l10n.t('Check answer'),
    hint: l10n.t('Show a hint'),
    noMoreHints: l10n.t('No more hints'),
    newNumbers: l10n.t('Try new numbers'),
    correct: l10n.t('Correct.'),
    wrong: l10n.t('Not quite.'),
    expected: l10n.t('Expected answer: {0}', '{0}'),
    explanation: l10n.t('Explanation'),
    previous: l10n.t('Previous: {0}', '{0}'),
    next: l10n.t('Next: {0}', '{0}'),
    lessonOf: l10n.t('Lesson {0} of {1}', '{0}', '{1}'),
    yourAnswer: l10n.t('Your answer'),
    moveUp: l10n.t('Move up: {0}', '{0}'),
    moveDown: l10n.t('Move down: {0}', '{0}'),
    movedTo: l10n.t('{0} is now at position {1} of {2}', '{0}', '{1}', '{2}'),
    markCorrect: l10n.t('(right)'),
    markWrong: l10n.t('(wrong)'),
    markMissed: l10n.t('(should have been picked)'),
    invalid: {
      empty: l10n.t('Give an answer first.'),
      notANumber: l10n.t('Type a number, e.g. 1.22 or -0.5.'),
      wrongType: l10n.t('This answer does not fit the question.'),
      unknownChoice: l10n.t('Pick one of the offered options.'),
      notAPermutation: l10n.t('Put every item in the list exactly once.'),
    },
    problems: l10n.t('Problems in this lesson file'),
    loading: l10n.t('Loading the lesson…'),
  };
}
