import * as vscode from 'vscode';
import type { LessonRow, LessonService } from './lessonService';

/** The sidebar: every lesson in course order with its state and score, then files that failed to load. */
export class LessonTree implements vscode.TreeDataProvider<LessonRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LessonRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: LessonService) {
    this.subscription = service.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: LessonRow): LessonRow[] {
    return element ? [] : this.service.rows();
  }

  /** A flat list; `reveal` needs to know that every row is at the top. */
  getParent(): undefined {
    return undefined;
  }

  getTreeItem(row: LessonRow): vscode.TreeItem {
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
    const score = status.total > 0 ? vscode.l10n.t('{0}/{1} right', status.correct, status.total) : '';
    item.description = [state.text, score].filter(Boolean).join(' · ');
    const firstTry = status.answered > 0 ? `\n\n${vscode.l10n.t('Right at the first try: {0} of {1}', status.firstTry, status.total)}` : '';
    item.tooltip = new vscode.MarkdownString(
      [row.summary ?? '', firstTry, row.problem ? `\n\n$(warning) \`${row.problem}\`` : ''].join(''),
      true,
    );
    item.accessibilityInformation = { label: `${row.title}, ${item.description}` };
    item.command = { command: 'normalizationLab.openLesson', title: vscode.l10n.t('Open Lesson'), arguments: [row.id] };
    item.contextValue = `lesson.${status.state}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
