import * as vscode from 'vscode';

// Placeholder wiring from the foundation issue; the Normalize Selection issue replaces it.
export function registerNormalizeSelection(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('normalizationLab.normalizeSelection', () =>
      vscode.window.showInformationMessage('Normalize Selection is not implemented yet.'),
    ),
  );
}
