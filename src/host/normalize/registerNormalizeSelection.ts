import * as vscode from 'vscode';
import { normalizeSelection } from './normalizeSelection';
import { ResultPanel } from './resultPanel';

/** The Normalize Selection command and the serializer that brings its result panel back after a reload. */
export function registerNormalizeSelection(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('normalizationLab.normalizeSelection', (args: unknown) => normalizeSelection(context, args)),
    vscode.window.registerWebviewPanelSerializer(ResultPanel.viewType, {
      async deserializeWebviewPanel(panel, state) {
        ResultPanel.revive(panel, context.extensionUri, state);
      },
    }),
  );
}
