import * as vscode from 'vscode';
import type { LessonRow, LessonService } from './lessonService';

/** The Review entry at the top of the sidebar. */
export interface ReviewRow {
  readonly review: true;
}

const REVIEW_ROW: ReviewRow = { review: true };

type TreeRow = LessonRow | ReviewRow;

/**
 * The sidebar: Review with the due count, every lesson in course order with its state and score,
 * then files that failed to load. The lessons are read the first time the view asks for its rows
 * (`lessons` loads them once), not when the extension activates.
 */
export class LessonTree implements vscode.TreeDataProvider<TreeRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private service: LessonService | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(private readonly lessons: () => Promise<LessonService>) {}

  async getChildren(element?: TreeRow): Promise<TreeRow[]> {
    if (element) return [];
    if (!this.service) {
      this.service = await this.lessons();
      this.subscription = this.service.onDidChange(() => this.changed.fire(undefined));
    }
    return [REVIEW_ROW, ...this.service.rows()];
  }

  /** A flat list; `reveal` needs to know that every row is at the top. */
  getParent(): undefined {
    return undefined;
  }

  getTreeItem(row: TreeRow): vscode.TreeItem {
    if ('review' in row) return this.reviewItem();
    const item = new vscode.TreeItem(row.title, vscode.TreeItemCollapsibleState.None);
    if (row.id === undefined) {
      // A file that is not a lesson at all: say where and why, and open nothing.
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      item.description = vscode.l10n.t('cannot be loaded');
      item.tooltip = row.problem ?? '';
      item.contextValue = 'brokenLesson';
      item.command = { command: 'normalizationLab.openLesson', title: vscode.l10n.t('Open Lesson'), arguments: [row.file] };
      return item;
    }
    const status = row.status!;
    const state = {
      notStarted: { icon: 'circle-large-outline', text: vscode.l10n.t('not started') },
      inProgress: { icon: 'circle-large-filled', text: vscode.l10n.t('in progress') },
      done: { icon: 'pass-filled', text: vscode.l10n.t('done') },
    }[status.state];
    item.id = row.id;
    item.iconPath = row.problem ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon(state.icon);
    // The score is first-try correctness; the final result (right after retries) is in the tooltip.
    const score = status.total > 0 ? vscode.l10n.t('{0}/{1} right', status.firstTry, status.total) : '';
    item.description = [state.text, score].filter(Boolean).join(' · ');
    const firstTry =
      status.answered > 0
        ? `\n\n${vscode.l10n.t('Right at the first try: {0} of {1}', status.firstTry, status.total)}\n\n${vscode.l10n.t('Right in the end: {0} of {1}', status.correct, status.total)}`
        : '';
    item.tooltip = new vscode.MarkdownString(
      [row.summary ?? '', firstTry, row.problem ? `\n\n$(warning) \`${row.problem}\`` : ''].join(''),
      true,
    );
    item.accessibilityInformation = { label: `${row.title}, ${item.description}` };
    item.command = { command: 'normalizationLab.openLesson', title: vscode.l10n.t('Open Lesson'), arguments: [row.id] };
    item.contextValue = `lesson.${status.state}`;
    return item;
  }

  /** Draws the rows again (the due count changes with time, not only with progress). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  private reviewItem(): vscode.TreeItem {
    const due = this.service?.reviewQueue().length ?? 0;
    const item = new vscode.TreeItem(vscode.l10n.t('Review'), vscode.TreeItemCollapsibleState.None);
    item.id = 'normalizationLab.review';
    item.iconPath = new vscode.ThemeIcon(due > 0 ? 'history' : 'check-all');
    item.description = due > 0 ? vscode.l10n.t('{0} due', due) : vscode.l10n.t('nothing due');
    item.tooltip = vscode.l10n.t('Quizzes of the lessons you studied come back here when they are due, spaced over days and weeks.');
    item.accessibilityInformation = { label: `${vscode.l10n.t('Review')}, ${item.description}` };
    item.command = { command: 'normalizationLab.review', title: vscode.l10n.t('Review') };
    item.contextValue = 'review';
    return item;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
