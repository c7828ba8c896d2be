import { isRecord } from '../../core/guards';
import * as vscode from 'vscode';
import { chooseLessonLanguage } from '../../core/lessons/languages';
import { PROGRESS_KEY, parseCourseOutline, reviewQueue } from '../../core/lessons/progress';
import { parseLessonPanelState, parseQuizContext, parseQuizResponse } from '../../messages';
import { testCommandsWanted } from '../testSupport';
import { LESSON_VIEW_TYPE, LessonPanel } from './lessonPanel';
import type { LessonRow, LessonService } from './lessonService';
import { LessonTree } from './lessonTree';
import { OPEN_EXAMPLE_MODEL_COMMAND, openExampleModel } from './openExampleModel';
import { ProgressStore } from './progressStore';

const LESSON_LANGUAGE_SETTING = 'normalizationLab.lessonLanguage';
const STATUS_BAR_SETTING = 'normalizationLab.review.showStatusBar';
/** The course outline of the last session's lessons, with the extension version it belongs to (this machine only, not synced). */
const OUTLINE_KEY = 'normalizationLab.courseOutline';

/** The lesson language: the setting, or VS Code's display language when it says `auto`. */
function configuredLessonLanguage() {
  return chooseLessonLanguage(vscode.workspace.getConfiguration().get(LESSON_LANGUAGE_SETTING), vscode.env.language);
}

/**
 * Lessons, quizzes and progress: the sidebar tree, the lesson panel (and its serializer), and
 * the commands. Returns nothing; tests reach the same code through the commands' return values.
 *
 * Activation reads no lesson: they are read and parsed (with markdown-it and KaTeX, loaded with
 * them) the first time the tree, a command or a restored panel needs them. Until then the status
 * bar counts due cards against the outline cached from the last session.
 */
export function registerLessons(context: vscode.ExtensionContext): void {
  const progress = new ProgressStore(context.globalState);
  const lessonsFolder = vscode.Uri.joinPath(context.extensionUri, 'lessons');
  const version = String(context.extension.packageJSON.version ?? '');
  let loaded: LessonService | undefined;
  let loading: Promise<LessonService> | undefined;
  const lessons = (): Promise<LessonService> =>
    (loading ??= (async () => {
      const { LessonService } = await import('./lessonService');
      const service = await LessonService.load(lessonsFolder, progress, configuredLessonLanguage());
      context.subscriptions.push(service, service.onDidChange(updateStatusBar));
      loaded = service;
      void context.globalState.update(OUTLINE_KEY, { version, outline: service.outline });
      updateStatusBar();
      return service;
    })());
  const cachedOutline = () => {
    const cached: unknown = context.globalState.get(OUTLINE_KEY);
    return isRecord(cached) && cached.version === version ? parseCourseOutline(cached.outline) : undefined;
  };
  const dueCount = (): number => {
    if (loaded) return loaded.reviewQueue().length;
    const outline = cachedOutline();
    return outline ? reviewQueue(progress.current, outline, new Date()).length : 0;
  };
  const tree = new LessonTree(lessons);
  const treeView = vscode.window.createTreeView('normalizationLab.lessons', { treeDataProvider: tree, showCollapseAll: false });

  // The due count is worked out when something could have changed it: progress, the setting, the window regaining focus, the view shown; no timer.
  let visibleStatusBar = false;
  const statusBar = vscode.window.createStatusBarItem('normalizationLab.review', vscode.StatusBarAlignment.Left, 10);
  statusBar.name = vscode.l10n.t('Normalization Lab Review');
  statusBar.command = 'normalizationLab.review';
  const updateStatusBar = () => {
    const due = dueCount();
    if (due === 0 || vscode.workspace.getConfiguration().get<boolean>(STATUS_BAR_SETTING, true) === false) {
      statusBar.hide();
      visibleStatusBar = false;
      return;
    }
    statusBar.text = `$(history) ${vscode.l10n.t('{0} to review', due)}`;
    statusBar.tooltip = vscode.l10n.t('Normalization Lab: {0} quizzes are due for review', due);
    statusBar.accessibilityInformation = { label: vscode.l10n.t('Normalization Lab: {0} quizzes are due for review', due) };
    statusBar.show();
    visibleStatusBar = true;
  };
  updateStatusBar();

  const open = async (lessonId: string, quizId?: string): Promise<string | undefined> => {
    const service = await lessons();
    const brokenFile = service.rows().some((row) => row.id === undefined && row.file === lessonId);
    if (!service.find(lessonId) && !brokenFile) return undefined;
    LessonPanel.show(service, context.extensionUri, lessonId, quizId);
    return lessonId;
  };

  context.subscriptions.push(
    progress,
    tree,
    treeView,
    statusBar,
    progress.onDidChange(updateStatusBar),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) {
        updateStatusBar();
        tree.refresh();
      }
    }),
    treeView.onDidChangeVisibility((event) => {
      if (event.visible) tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(STATUS_BAR_SETTING)) updateStatusBar();
      if (!event.affectsConfiguration(LESSON_LANGUAGE_SETTING)) return;
      // The tree hears it from the service; the panel builds its page again in the new language.
      loaded?.setLanguage(configuredLessonLanguage());
      LessonPanel.active?.changeLanguage();
    }),
    LessonPanel.onDidShowLesson((lessonId) => {
      const row = loaded?.rows().find((candidate) => candidate.id === lessonId);
      if (row && treeView.visible) void treeView.reveal(row, { select: true, focus: false });
    }),
    vscode.window.registerWebviewPanelSerializer(LESSON_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const service = await lessons();
        const saved = parseLessonPanelState(state);
        if (saved?.review) LessonPanel.reviveReview(panel, service, context.extensionUri);
        else LessonPanel.revive(panel, service, context.extensionUri, saved?.lessonId, saved?.scrollY ?? 0);
      },
    }),
    /** Opens the lesson shown last (or the first) and returns its id. */
    vscode.commands.registerCommand('normalizationLab.explain', async (): Promise<string | undefined> => {
      const start = (await lessons()).startLesson();
      if (!start) {
        void vscode.window.showErrorMessage(vscode.l10n.t('No lesson could be loaded. See the Lessons view for the problems.'));
        return undefined;
      }
      return open(start.lesson.id);
    }),
    /** Opens the review session in the lesson panel; returns how many cards are due. */
    vscode.commands.registerCommand('normalizationLab.review', async (): Promise<number> => {
      const service = await lessons();
      LessonPanel.showReview(service, context.extensionUri);
      return service.reviewQueue().length;
    }),
    /** Opens a lesson by id, optionally at a quiz (`{ quiz: id }`); returns the id, or undefined when there is no such lesson. */
    vscode.commands.registerCommand('normalizationLab.openLesson', async (lessonId: unknown, options?: unknown): Promise<string | undefined> => {
      const quiz = typeof options === 'object' && options !== null ? (options as { quiz?: unknown }).quiz : undefined;
      return typeof lessonId === 'string' ? open(lessonId, typeof quiz === 'string' ? quiz : undefined) : undefined;
    }),
    /** Opens the example model of lesson 8's tour beside the lesson; returns its document's URI. */
    vscode.commands.registerCommand(OPEN_EXAMPLE_MODEL_COMMAND, () => openExampleModel(context.extensionUri)),
    /** Asks, then forgets all progress; returns whether it did. `{ confirmed: true }` skips the question (tests). */
    vscode.commands.registerCommand('normalizationLab.resetProgress', async (options?: unknown): Promise<boolean> => {
      const confirmed = isRecord(options) && options.confirmed === true;
      if (!confirmed) {
        const reset = vscode.l10n.t('Reset Progress');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('Reset your progress in every lesson? Answers and scores are forgotten on all synced machines.'),
          { modal: true },
          reset,
        );
        if (choice !== reset) return false;
      }
      await progress.reset();
      await LessonPanel.active?.refresh();
      return true;
    }),
  );

  if (testCommandsWanted(context)) {
    registerInternalCommands(context, lessons, progress, lessonsFolder, () => (visibleStatusBar ? statusBar.text : undefined));
  }
}

/**
 * Commands for the integration tests, not contributed in package.json (so never in the
 * palette) and only registered when developing or testing. Each returns what a test asserts on.
 */
function registerInternalCommands(
  context: vscode.ExtensionContext,
  lessons: () => Promise<LessonService>,
  progress: ProgressStore,
  lessonsFolder: vscode.Uri,
  statusBarText: () => string | undefined,
): void {
  context.subscriptions.push(
    /** The sidebar rows: id, title, state and score, or the problem of a broken file. */
    vscode.commands.registerCommand('normalizationLab.internal.lessonRows', async (): Promise<LessonRow[]> => (await lessons()).rows()),
    /** The same grading and recording path as an answer sent by the page. */
    vscode.commands.registerCommand('normalizationLab.internal.answerQuiz', async (lessonId: unknown, quizId: unknown, response: unknown, context?: unknown) => {
      const parsed = parseQuizResponse(response);
      const parsedContext = context === undefined ? undefined : parseQuizContext(context);
      if (typeof lessonId !== 'string' || typeof quizId !== 'string' || !parsed || (context !== undefined && !parsedContext)) return undefined;
      return (await lessons()).answer(lessonId, quizId, parsed, undefined, parsedContext);
    }),
    vscode.commands.registerCommand('normalizationLab.internal.panelLesson', (): string | undefined => LessonPanel.active?.currentLessonId),
    /** Moves the review clock by whole days (0: the real time); returns the queue at the moved time. */
    vscode.commands.registerCommand('normalizationLab.internal.setClockOffsetDays', async (days: unknown) => {
      const service = await lessons();
      service.setClockOffsetDays(typeof days === 'number' && Number.isFinite(days) ? days : 0);
      if (LessonPanel.active?.showsReview) void LessonPanel.active.showReview();
      return service.reviewQueue();
    }),
    /** The review queue, the next due date, whether the panel shows the review, and the status bar's text when shown. */
    vscode.commands.registerCommand('normalizationLab.internal.reviewState', async () => {
      const service = await lessons();
      return {
        queue: service.reviewQueue(),
        nextDue: service.nextDue(),
        panelShowsReview: LessonPanel.active?.showsReview ?? false,
        statusBar: statusBarText(),
      };
    }),
    /** What the panel shows: lesson id, tab title and the page's language (its `<html lang>`). */
    vscode.commands.registerCommand('normalizationLab.internal.panelPage', () => {
      const panel = LessonPanel.active;
      return panel ? { lessonId: panel.currentLessonId, title: panel.panel.title, language: panel.pageLanguage } : undefined;
    }),
    /** Replaces the stored progress with `value` and loads it as at start-up; returns the warnings. */
    vscode.commands.registerCommand('normalizationLab.internal.setStoredProgress', async (value: unknown): Promise<readonly string[]> => {
      await context.globalState.update(PROGRESS_KEY, value);
      return progress.reload();
    }),
    vscode.commands.registerCommand('normalizationLab.internal.storedProgress', (): unknown => progress.stored()),
    /** Loads lessons from another folder (a fixture, given as a URI string), or from the extension's own when called without one. */
    vscode.commands.registerCommand('normalizationLab.internal.reloadLessons', async (folder?: unknown): Promise<LessonRow[]> => {
      // A URI string, or a bare path on the machine that holds the extension's files (keybindings in UI tests).
      const target = typeof folder !== 'string' ? lessonsFolder : folder.startsWith('/') ? context.extensionUri.with({ path: folder }) : vscode.Uri.parse(folder, true);
      const service = await lessons();
      await service.reload(target);
      return service.rows();
    }),
  );
}
