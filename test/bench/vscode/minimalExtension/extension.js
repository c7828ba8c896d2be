// The baseline for `npm run bench:vscode`: a webview panel with one paragraph, opened by a
// command the same way Explain Normalization opens the lesson panel (scripts on, strict CSP),
// and a hover provider for plain text that answers at once with a fixed hover: the baseline of
// the model-code hover (the same request and round trips, no analysis).
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('normalizationLabBench.openBareWebview', () => {
      const panel = vscode.window.createWebviewPanel('normalizationLabBench.bare', 'Bare webview', vscode.ViewColumn.One, { enableScripts: true });
      panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${panel.webview.cspSource};"></head><body><p>Bare webview painted</p></body></html>`;
      return true;
    }),
    vscode.languages.registerHoverProvider({ language: 'plaintext' }, {
      provideHover: (document, position) => new vscode.Hover(new vscode.MarkdownString(`**Baseline** hover at line ${position.line + 1}`), document.getWordRangeAtPosition(position)),
    }),
  );
}

module.exports = { activate, deactivate() {} };
