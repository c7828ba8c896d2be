import * as vscode from 'vscode';
import { fillTemplate } from '../../core/template';
import { lessonLanguage, type LessonLanguage } from '../../core/lessons/languages';
import {
  parseLessonPageMessage,
  type HostToLessonPage,
  type LessonPageLabels,
  type LessonPageState,
  type LessonPageToHost,
} from '../../messages';
import { PanelHost, PanelSlot } from '../panelHost';
import type { LessonService } from './lessonService';

export const LESSON_VIEW_TYPE = 'normalizationLab.lesson';

/**
 * Owns the one lesson panel: create or reveal, revive after a reload (the serializer hands back
 * the lesson and scroll position the page saved with `setState`), and a list of disposables
 * emptied on dispose (the scaffolding is `PanelHost` and `PanelSlot`, shared with the result panel).
 */
export class LessonPanel extends PanelHost<HostToLessonPage, LessonPageToHost> {
  private static readonly slot = new PanelSlot<LessonPanel>(LESSON_VIEW_TYPE);
  private static readonly shown = new vscode.EventEmitter<string>();
  /** Fires with the lesson id each time the panel shows a lesson (the tree selects its row). */
  static readonly onDidShowLesson = LessonPanel.shown.event;
  private lessonId: string | undefined;
  private scrollY = 0;
  private ready = false;
  /** Whether showing the current lesson counts as opening it (not after Reset Progress or a reload). */
  private opens = true;
  /** A quiz to scroll to once the lesson is on the page (Quiz me). */
  private quizToReveal: string | undefined;
  private language: LessonLanguage = 'en';

  /** Shows `lessonId` in the panel, creating it or bringing it to the front; with `quizId`, scrolled to that quiz. */
  static show(service: LessonService, extensionUri: vscode.Uri, lessonId: string, quizId?: string): LessonPanel {
    return LessonPanel.slot.show(
      extensionUri,
      // The tab is created with the lesson's title rather than renamed just after.
      service.find(lessonId)?.lesson.title ?? vscode.l10n.t('Normalization Lab'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      (panel) => {
        const created = new LessonPanel(panel, service, extensionUri, lessonId, 0);
        created.quizToReveal = quizId;
        return created;
      },
      (open) => {
        open.quizToReveal = quizId;
        // Already on that lesson: keep what the learner typed and where they scrolled.
        if (open.lessonId !== lessonId) void open.showLesson(lessonId, 0);
        else if (open.ready) open.revealPendingQuiz();
      },
    );
  }

  private revealPendingQuiz(): void {
    if (this.quizToReveal === undefined || this.lessonId === undefined) return;
    void this.post({ type: 'revealQuiz', lessonId: this.lessonId, quizId: this.quizToReveal });
    this.quizToReveal = undefined;
  }

  /** Restores a panel VS Code kept across a reload; unknown lessons fall back to the start lesson. */
  static revive(panel: vscode.WebviewPanel, service: LessonService, extensionUri: vscode.Uri, lessonId: string | undefined, scrollY: number): LessonPanel {
    const id = (lessonId && service.find(lessonId) ? lessonId : service.startLesson()?.lesson.id) ?? '';
    return LessonPanel.slot.revive(panel, extensionUri, (revived) => new LessonPanel(revived, service, extensionUri, id, id === lessonId ? scrollY : 0));
  }

  /** Shows the review session in the panel, creating it or bringing it to the front. */
  static showReview(service: LessonService, extensionUri: vscode.Uri): LessonPanel {
    return LessonPanel.slot.show(
      extensionUri,
      vscode.l10n.t('Review'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      (panel) => new LessonPanel(panel, service, extensionUri, undefined, 0),
      (open) => void open.showReview(),
    );
  }

  /** Restores a panel that showed the review session. */
  static reviveReview(panel: vscode.WebviewPanel, service: LessonService, extensionUri: vscode.Uri): LessonPanel {
    return LessonPanel.slot.revive(panel, extensionUri, (revived) => new LessonPanel(revived, service, extensionUri, undefined, 0));
  }

  static get active(): LessonPanel | undefined {
    return LessonPanel.slot.current;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly service: LessonService,
    extensionUri: vscode.Uri,
    /** Undefined: the panel shows the review session. */
    lessonId: string | undefined,
    scrollY: number,
  ) {
    super(panel, extensionUri, parseLessonPageMessage);
    this.lessonId = lessonId;
    this.scrollY = scrollY;
    panel.title = lessonId === undefined ? vscode.l10n.t('Review') : (service.find(lessonId)?.lesson.title ?? vscode.l10n.t('Normalization Lab'));
    void this.renderShell();
  }

  /**
   * The page without a lesson: `<html lang>` and the button labels in the lesson language; the
   * lesson follows `ready`. The language counts as shown at once; the page is drawn when its labels are read.
   */
  private async renderShell(): Promise<void> {
    const language = this.service.language;
    this.language = language;
    const labels = pageLabels(await labelTranslator(this.extensionUri, language));
    // Closed, or the language changed again while its labels were read: that later call draws the page.
    if (this.isDisposed || language !== this.language) return;
    const initialState: LessonPageState = { labels };
    this.renderPage({
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
    void this.renderShell();
  }

  /** The language of the page now shown (its `<html lang>`). */
  get pageLanguage(): LessonLanguage {
    return this.language;
  }

  /** Shows the current lesson afresh (after Reset Progress or a reload of the lesson files). */
  async refresh(): Promise<void> {
    // Shown again, not opened again: after a reset every lesson stays "not started" until the learner acts.
    if (this.lessonId !== undefined) await this.showLesson(this.lessonId, 0, undefined, false);
    else await this.showReview();
  }

  /** True while the panel shows the review session. */
  get showsReview(): boolean {
    return this.lessonId === undefined;
  }

  /** Shows the review session's next item (or when the next one is due). */
  async showReview(): Promise<void> {
    this.lessonId = undefined;
    this.panel.title = vscode.l10n.t('Review');
    if (!this.ready) return;
    const review = await this.service.reviewPayload((iso) => formatDue(iso, this.service.now(), this.language));
    this.post({ type: 'showReview', review });
  }

  get currentLessonId(): string | undefined {
    return this.lessonId;
  }

  protected async handle(message: LessonPageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.lessonId !== undefined) await this.showLesson(this.lessonId, this.scrollY, undefined, this.opens);
        else await this.showReview();
        return;
      case 'navigate': {
        const target = this.lessonId ? this.service.neighbour(this.lessonId, message.direction) : undefined;
        if (target) await this.showLesson(target.lesson.id, 0);
        return;
      }
      case 'answer':
        // The page showed its verdict from the same grader; the host grades again to record it.
        await this.service.answer(message.lessonId, message.quizId, message.response, message.seed, message.context);
        return;
      case 'reveal':
      case 'hint':
        await this.service.step(message.type, message.lessonId, message.quizId, message.seed, message.context);
        return;
      case 'review':
        await this.showReview();
        return;
      case 'openSection':
        if (this.service.find(message.lessonId)) await this.showLesson(message.lessonId, 0, message.quizId);
        return;
      case 'runCommand':
        // The schema lets only the allow-listed lesson commands through (core/markdown/lessonCommands.ts).
        await vscode.commands.executeCommand(message.command);
        return;
      case 'newAttempt': {
        const view = await this.service.newAttempt(message.lessonId, message.quizId);
        if (view) void this.post({ type: 'quizUpdated', lessonId: message.lessonId, view });
        return;
      }
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  /** Renders a lesson and sends it to the page (or remembers it until the page is ready). */
  async showLesson(lessonId: string, scrollY: number, focusQuiz?: string, opens = true): Promise<void> {
    this.lessonId = lessonId;
    this.scrollY = scrollY;
    this.opens = opens;
    const entry = this.service.find(lessonId);
    this.panel.title = entry?.lesson.title ?? vscode.l10n.t('Normalization Lab');
    if (!this.ready) return;
    if (!entry) {
      const broken = this.service.rows().find((row) => row.id === undefined && row.file === lessonId);
      void this.post({
        type: 'showProblem',
        title: vscode.l10n.t('This lesson could not be loaded'),
        problems: broken?.problem ? [broken.problem] : [vscode.l10n.t('No lesson with id "{0}".', lessonId)],
      });
      return;
    }
    const lesson = await this.service.payload(
      entry,
      (mediaPath) => this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...mediaPath.split('/'))).toString(),
      opens,
    );
    void this.post({ type: 'showLesson', lesson, scrollY, ...(focusQuiz ? { focusQuiz } : {}) });
    this.revealPendingQuiz();
    LessonPanel.shown.fire(lesson.id);
  }
}

/** `vscode.l10n`'s shape, so `npm run l10n` finds the labels written `l10n.t('…')` (it does not follow other aliases). */
type Translator = { readonly t: (message: string, ...args: string[]) => string };

/**
 * The page's labels in the lesson language. That is usually VS Code's display language, where
 * `vscode.l10n` has them; when the lessonLanguage setting picks another one, they come from that
 * language's bundle, read from the extension's own files (English: the messages themselves).
 */
async function labelTranslator(extensionUri: vscode.Uri, language: LessonLanguage): Promise<Translator> {
  if (language === lessonLanguage(vscode.env.language)) return { t: (message, ...args) => vscode.l10n.t(message, ...args) };
  let bundle: Record<string, unknown> = {};
  if (language !== 'en') {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'l10n', `bundle.l10n.${language}.json`));
      bundle = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
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
    wrongTryAgain: l10n.t('Not quite. Read the feedback and try once more.'),
    showAnswer: l10n.t('Show answer'),
    newAttempt: l10n.t('New attempt'),
    cellsGrid: l10n.t('Tensor (N, C, H·W): select the cells pooled with the highlighted one'),
    cellsSample: l10n.t('Sample {0}', '{0}'),
    cell: l10n.t('sample {0}, channel {1}, position {2}', '{0}', '{1}', '{2}'),
    cellTarget: l10n.t('highlighted cell, always pooled with itself'),
    cellsSelected: l10n.t('{0} cells selected', '{0}'),
    review: l10n.t('Review'),
    reviewDue: l10n.t('{0} due', '{0}'),
    reviewFrom: l10n.t('From {0}', '{0}'),
    reviewNext: l10n.t('Next card'),
    reviewEmpty: l10n.t('Nothing is due. The next card is due {0}.', '{0}'),
    reviewNothingYet: l10n.t('Nothing to review yet: answer the quizzes of a lesson, and they come back here for review.'),
  };
}

/** "tomorrow at 10:00", "on 12 June at 10:00": when the next card is due, in the lesson language. */
export function formatDue(iso: string, now: Date, language: LessonLanguage): string {
  const due = new Date(iso);
  const locale = language === 'zh-cn' ? 'zh-CN' : 'en';
  const time = due.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const day = (date: Date) => Math.floor((date.getTime() - date.getTimezoneOffset() * 60_000) / 86_400_000);
  const days = day(due) - day(now);
  if (language === 'zh-cn') {
    if (days <= 0) return `今天 ${time}`;
    if (days === 1) return `明天 ${time}`;
    return `${due.toLocaleDateString(locale, { month: 'long', day: 'numeric' })} ${time}`;
  }
  if (days <= 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `on ${due.toLocaleDateString(locale, { month: 'long', day: 'numeric' })} at ${time}`;
}
