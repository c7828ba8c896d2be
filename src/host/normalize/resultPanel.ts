import * as vscode from 'vscode';
import {
  type HostToResultPage,
  parseResultPageMessage,
  parseResultView,
  type ResultAction,
  type ResultPageToHost,
  type ResultView,
} from '../../messages';
import { PanelHost, PanelSlot } from '../panelHost';

/** Carries out a button of the page for the result on show; resolves to a message for the page, rejects with a user-facing error. */
export type ResultActionHandler = (action: ResultAction) => Promise<string>;

/**
 * The one panel that shows Normalize Selection results: created on first use, revealed and
 * updated afterwards, revived by the serializer after a reload (then without editing, since
 * the selection it came from is gone).
 */
export class ResultPanel extends PanelHost<HostToResultPage, ResultPageToHost> {
  static readonly viewType = 'normalizationLab.result';
  private static readonly slot = new PanelSlot<ResultPanel>(ResultPanel.viewType);

  static show(extensionUri: vscode.Uri, view: ResultView, handler: ResultActionHandler): ResultPanel {
    return ResultPanel.slot.show(
      extensionUri,
      view.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      (panel) => new ResultPanel(panel, extensionUri, view, handler),
      (open) => open.update(view, handler),
    );
  }

  /** From the serializer: the page's saved state, if it is still a readable view. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown): void {
    const saved = parseResultView(state);
    ResultPanel.slot.revive(panel, extensionUri, (revived) => new ResultPanel(revived, extensionUri, saved ? { ...saved, canEdit: false } : undefined, undefined));
  }

  /** For tests and the command's return value: the view on show, if any. */
  static get shown(): ResultView | undefined {
    return ResultPanel.slot.current?.view;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private view: ResultView | undefined,
    private handler: ResultActionHandler | undefined,
  ) {
    super(panel, extensionUri, parseResultPageMessage);
    this.renderPage({
      script: 'resultPage',
      styles: ['media/common.css', 'media/labs.css', 'media/result.css'],
      title: view?.title ?? vscode.l10n.t('Normalization result'),
      initialState: view ?? null,
      language: vscode.env.language,
    });
  }

  private update(view: ResultView, handler: ResultActionHandler): void {
    this.view = view;
    this.handler = handler;
    this.panel.title = view.title;
    void this.post({ type: 'showResult', view });
  }

  protected async handle(message: ResultPageToHost): Promise<void> {
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
}
