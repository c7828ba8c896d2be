import * as vscode from 'vscode';
import { renderPage, webviewOptions, type PageSpec } from './webviewHtml';

/**
 * What every panel of the extension does the same way: it owns a webview panel, hears the page's
 * messages only once they are validated, posts typed messages back, draws its page through
 * `renderPage` (strict CSP, nonce), and empties its list of disposables once when it is closed.
 */
export abstract class PanelHost<ToPage, FromPage> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly extensionUri: vscode.Uri,
    parseMessage: (raw: unknown) => FromPage | undefined,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseMessage(raw);
        if (message !== undefined) void this.handle(message);
      }),
    );
  }

  /** A message from the page, already validated. */
  protected abstract handle(message: FromPage): Promise<void>;

  protected post(message: ToPage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  protected renderPage(page: PageSpec): void {
    this.panel.webview.html = renderPage(this.panel.webview, this.extensionUri, page);
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}

/**
 * The one open panel of a kind: shown again rather than opened twice, replaced when VS Code
 * revives one after a reload (through the kind's serializer), forgotten when it is closed.
 */
export class PanelSlot<P extends PanelHost<unknown, unknown>> {
  private open: P | undefined;

  constructor(private readonly viewType: string) {}

  get current(): P | undefined {
    return this.open;
  }

  /** Reveals the open panel and lets `update` show the new content, or creates the panel with `create`. */
  show(
    extensionUri: vscode.Uri,
    title: string,
    where: { readonly viewColumn: vscode.ViewColumn; readonly preserveFocus: boolean },
    create: (panel: vscode.WebviewPanel) => P,
    update: (open: P) => void,
  ): P {
    if (this.open) {
      this.open.panel.reveal(undefined, where.preserveFocus);
      update(this.open);
      return this.open;
    }
    return this.hold(create(vscode.window.createWebviewPanel(this.viewType, title, where, webviewOptions(extensionUri))));
  }

  /** From the serializer: the panel VS Code kept across a reload takes the place of any open one. */
  revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, create: (panel: vscode.WebviewPanel) => P): P {
    panel.webview.options = webviewOptions(extensionUri);
    this.open?.dispose();
    return this.hold(create(panel));
  }

  private hold(host: P): P {
    this.open = host;
    host.panel.onDidDispose(() => {
      if (this.open === host) this.open = undefined;
    });
    return host;
  }
}
