import * as vscode from 'vscode';
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

  /** Shows `lessonId` in the panel, creating it or bringing it to the front. */
  static show(service: LessonService, extensionUri: vscode.Uri, lessonId: string): LessonPanel {
    if (LessonPanel.current) {
      LessonPanel.current.panel.reveal(undefined, false);
      // Already on that lesson: keep what the learner typed and where they scrolled.
      if (LessonPanel.current.lessonId !== lessonId) void LessonPanel.current.showLesson(lessonId, 0);
      return LessonPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, vscode.l10n.t('Normalization Lab'), vscode.ViewColumn.Active, webviewOptions(extensionUri));
    LessonPanel.current = new LessonPanel(panel, service, extensionUri, lessonId, 0);
    return LessonPanel.current;
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
    const initialState: LessonPageState = { labels: pageLabels() };
    panel.webview.html = renderPage(panel.webview, extensionUri, {
      script: 'lessonPage',
      styles: ['media/common.css', 'dist/webview/katex/katex.min.css', 'media/labs.css', 'media/lesson.css'],
      title: vscode.l10n.t('Normalization Lab'),
      initialState,
      language: service.language,
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseLessonPageMessage(raw);
        if (message) void this.handle(message);
      }),
    );
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
      case 'answer': {
        const verdict = await this.service.answer(message.lessonId, message.quizId, message.response, message.seed);
        if (verdict) this.post({ type: 'answerRecorded', lessonId: message.lessonId, quizId: message.quizId, verdict });
        return;
      }
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
    LessonPanel.shown.fire(lesson.id);
  }

  dispose(): void {
    if (LessonPanel.current === this) LessonPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}

function pageLabels(): LessonPageLabels {
  return {
    check: vscode.l10n.t('Check answer'),
    hint: vscode.l10n.t('Show a hint'),
    noMoreHints: vscode.l10n.t('No more hints'),
    newNumbers: vscode.l10n.t('Try new numbers'),
    correct: vscode.l10n.t('Correct.'),
    wrong: vscode.l10n.t('Not quite.'),
    expected: vscode.l10n.t('Expected answer: {0}', '{0}'),
    explanation: vscode.l10n.t('Explanation'),
    previous: vscode.l10n.t('Previous: {0}', '{0}'),
    next: vscode.l10n.t('Next: {0}', '{0}'),
    lessonOf: vscode.l10n.t('Lesson {0} of {1}', '{0}', '{1}'),
    yourAnswer: vscode.l10n.t('Your answer'),
    moveUp: vscode.l10n.t('Move up: {0}', '{0}'),
    moveDown: vscode.l10n.t('Move down: {0}', '{0}'),
    movedTo: vscode.l10n.t('{0} is now at position {1} of {2}', '{0}', '{1}', '{2}'),
    markCorrect: vscode.l10n.t('(right)'),
    markWrong: vscode.l10n.t('(wrong)'),
    markMissed: vscode.l10n.t('(should have been picked)'),
    invalid: {
      empty: vscode.l10n.t('Give an answer first.'),
      notANumber: vscode.l10n.t('Type a number, e.g. 1.22 or -0.5.'),
      wrongType: vscode.l10n.t('This answer does not fit the question.'),
      unknownChoice: vscode.l10n.t('Pick one of the offered options.'),
      notAPermutation: vscode.l10n.t('Put every item in the list exactly once.'),
    },
    problems: vscode.l10n.t('Problems in this lesson file'),
    loading: vscode.l10n.t('Loading the lesson…'),
  };
}
