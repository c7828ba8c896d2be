import * as vscode from 'vscode';
import { escapeHtml } from '../core/markdown/escapeHtml';

/** The folders a webview page may load from: the bundles and the static media, nothing else. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: webviewRoots(extensionUri), retainContextWhenHidden: false };
}

export interface PageSpec {
  /** The bundle under dist/webview, without `.js`. */
  readonly script: string;
  /** Stylesheets: paths relative to the extension root. */
  readonly styles: readonly string[];
  readonly title: string;
  /** Initial data, JSON-encoded into an escaped data attribute (never spliced into a script). */
  readonly initialState: unknown;
  readonly language: string;
}

/** 18 random bytes from the Web Crypto API (in Node and in the browser's web worker alike), base64. */
function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The only way a page is made: a strict Content-Security-Policy (`default-src 'none'`), the
 * page's one script allowed by a fresh nonce, styles, fonts and images from the webview's own
 * resource origin only.
 */
export function renderPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageSpec): string {
  const nonce = makeNonce();
  const asset = (relative: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...relative.split('/'))).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = page.styles
    .map((style) => `<link rel="stylesheet" href="${escapeHtml(asset(style))}">`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.language)}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body data-state="${escapeHtml(JSON.stringify(page.initialState))}">
    <main id="root" tabindex="-1"></main>
    <script nonce="${nonce}" src="${escapeHtml(asset(`dist/webview/${page.script}.js`))}"></script>
  </body>
</html>`;
}
