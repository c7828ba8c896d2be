import * as vscode from 'vscode';
import { ModelCodeAnalyses, PYTHON_SELECTOR } from './analysisCache';
import { ModelCodeActionProvider } from './codeActionProvider';
import { ModelCodeLensProvider } from './codeLensProvider';
import { ModelCodeDiagnostics } from './diagnostics';
import { explorePooling } from './explorePooling';
import { EXPLORE_COMMAND, ModelCodeHoverProvider } from './hoverProvider';

/**
 * Hover, diagnostics, quick fixes and CodeLens for the normalization layers in the user's own
 * PyTorch and Keras code (Python files, untitled Python, notebook cells). The analyzer is
 * loaded on the first Python document, not here.
 */
export function registerModelCode(context: vscode.ExtensionContext): void {
  const analyses = new ModelCodeAnalyses();
  const lenses = new ModelCodeLensProvider(analyses);
  context.subscriptions.push(
    analyses,
    lenses,
    new ModelCodeDiagnostics(analyses),
    vscode.languages.registerHoverProvider(PYTHON_SELECTOR, new ModelCodeHoverProvider(analyses)),
    vscode.languages.registerCodeActionsProvider(PYTHON_SELECTOR, new ModelCodeActionProvider(analyses), ModelCodeActionProvider.metadata),
    vscode.languages.registerCodeLensProvider(PYTHON_SELECTOR, lenses),
    vscode.commands.registerCommand(EXPLORE_COMMAND, (args: unknown) => explorePooling(context.extensionUri, args)),
  );
}
