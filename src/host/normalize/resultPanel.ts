import * as vscode from 'vscode';
import { type HostToResultPage, parseResultPageMessage, parseResultView, type ResultAction, type ResultView } from '../../messages';
import { renderPage, webviewOptions } from '../webviewHtml';

/** Carries out a button of the page for the result on show; resolves to a message for the page, rejects with a user-facing error. */
export type ResultActionHandler = (action: ResultAction) => Promise<string>;

/**
 * The one panel that shows Normalize Selection results: created on first use, revealed and
 * updated afterwards, revived by the serializer after a reload (then without editing, since
 * the selection it came from is gone).
 */
export class ResultPanel {
  static readonly viewType = 'normalizationLab.result';
  private static current: ResultPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private handler: ResultActionHandler | undefined;
  private disposed = false;

  static show(extensionUri: vscode.Uri, view: ResultView, handler: ResultActionHandler): ResultPanel {
    if (ResultPanel.current) {
      ResultPanel.current.panel.reveal(undefined, true);
      ResultPanel.current.update(view, handler);
      return ResultPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(ResultPanel.viewType, view.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
    ResultPanel.current = new ResultPanel(panel, extensionUri, view, handler);
    return ResultPanel.current;
  }

  /** From the serializer: the page's saved state, if it is still a readable view. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown): void {
    const saved = parseResultView(state);
    panel.webview.options = webviewOptions(extensionUri);
    ResultPanel.current?.dispose();
    ResultPanel.current = new ResultPanel(panel, extensionUri, saved ? { ...saved, canEdit: false } : undefined, undefined);
  }

  /** For tests and the command's return value: the view on show, if any. */
  static get shown(): ResultView | undefined {
    return ResultPanel.current?.view;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private view: ResultView | undefined,
    handler: ResultActionHandler | undefined,
  ) {
    this.handler = handler;
    panel.webview.html = renderPage(panel.webview, extensionUri, {
      script: 'resultPage',
      styles: ['media/common.css', 'media/labs.css', 'media/result.css'],
      title: view?.title ?? vscode.l10n.t('Normalization result'),
      initialState: view ?? null,
      language: vscode.env.language,
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
    );
  }

  private update(view: ResultView, handler: ResultActionHandler): void {
    this.view = view;
    this.handler = handler;
    this.panel.title = view.title;
    void this.post({ type: 'showResult', view });
  }

  private post(message: HostToResultPage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseResultPageMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        if (this.view) await this.post({ type: 'showResult', view: this.view });
        return;
      case 'apply':
        await this.apply(message.action);
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  private async apply(action: ResultAction): Promise<void> {
    try {
      let done: string;
      if (this.handler) done = await this.handler(action);
      else if (action === 'copy' && this.view && !this.view.truncated) {
        await vscode.env.clipboard.writeText(this.view.output);
        done = vscode.l10n.t('Copied the output.');
      } else throw new Error(vscode.l10n.t('This result was restored after a reload; run Normalize Selection again to edit the document.'));
      await this.post({ type: 'actionDone', action, ok: true, message: done });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Normalize Selection: {0}', text));
      await this.post({ type: 'actionDone', action, ok: false, message: text });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ResultPanel.current === this) ResultPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
