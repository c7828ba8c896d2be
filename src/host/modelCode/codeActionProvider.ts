import * as vscode from 'vscode';
import { type ModelCodeAnalyses, toRange } from './analysisCache';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { fixTitle } from './layerWords';

/** The quick fixes the analyzer is certain of (e.g. set num_features to the preceding out_channels), as one edit each. */
export class ModelCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly analyses: ModelCodeAnalyses) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const analysis = await this.analyses.get(document);
    const actions: vscode.CodeAction[] = [];
    for (const problem of analysis.problems) {
      if (!problem.fix) continue;
      const problemRange = toRange(document, problem.range);
      if (!problemRange.intersection(range)) continue;
      const diagnostic = ours.find((candidate) => candidate.code === problem.code && candidate.range.isEqual(problemRange));
      const action = new vscode.CodeAction(fixTitle(problem), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of problem.fix.edits) action.edit.replace(document.uri, toRange(document, edit.range), edit.newText);
      if (diagnostic) action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
