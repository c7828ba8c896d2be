import * as vscode from 'vscode';
import { renderPage, webviewOptions } from '../webviewHtml';
import { parseLessonPageMessage } from '../../messages';

// Placeholder wiring from the foundation issue; the lessons issue replaces it.
export function registerLessons(context: vscode.ExtensionContext): void {
  const tree: vscode.TreeDataProvider<string> = {
    getChildren: () => ['Why normalize inputs'],
    getTreeItem: (label) => new vscode.TreeItem(label),
  };
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('normalizationLab.lessons', tree),
    vscode.commands.registerCommand('normalizationLab.explain', () => {
      const panel = vscode.window.createWebviewPanel(
        'normalizationLab.lesson',
        'Normalization Lab',
        vscode.ViewColumn.Active,
        webviewOptions(context.extensionUri),
      );
      panel.webview.html = renderPage(panel.webview, context.extensionUri, {
        script: 'lessonPage',
        styles: ['media/common.css'],
        title: 'Normalization Lab',
        initialState: { title: 'Normalization Lab' },
        language: vscode.env.language,
      });
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseLessonPageMessage(raw);
        if (message?.type === 'ready') {
          void panel.webview.postMessage({ type: 'showLesson', title: 'Normalization Lab', html: '<p>Lessons are coming.</p>' });
        }
      });
    }),
    vscode.commands.registerCommand('normalizationLab.resetProgress', () => undefined),
    vscode.commands.registerCommand('normalizationLab.openLesson', () => undefined),
  );
}
