import * as vscode from 'vscode';
import type { Problem } from '../../core/analyzer';
import { isModelCodeDocument, type ModelCodeAnalyses, modelCodeSettings, toRange } from './analysisCache';
import { problemMessage } from './layerWords';

export const DIAGNOSTIC_SOURCE = 'Normalization Lab';
const DEBOUNCE_MS = 300;

export function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(document, problem.range),
    problemMessage(problem),
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  if (problem.related) {
    diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(document, problem.related.range)), problem.related.message)];
  }
  return diagnostic;
}

/** Diagnostics for open Python documents and notebook cells, debounced while typing. */
export class ModelCodeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('normalizationLab.modelCode');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly analyses: ModelCodeAnalyses) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('normalizationLab.modelCode')) this.refreshAll();
      }),
    );
    this.refreshAll();
  }

  private refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isModelCodeDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.update(document);
      }, delay),
    );
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    if (!modelCodeSettings().enabled) {
      this.collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const analysis = await this.analyses.get(document);
    // A newer version is on its way: its own update will set the diagnostics.
    if (document.version !== version || document.isClosed) return;
    this.collection.set(document.uri, analysis.problems.map((problem) => toDiagnostic(document, problem)));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
