import * as vscode from 'vscode';
import { loadAnalyzer, type ModelCodeAnalyses, modelCodeSettings, toRange } from './analysisCache';
import { EXPLORE_COMMAND, QUIZ_COMMAND } from './hoverProvider';

/** Explore pooling and Quiz me above each recognized layer. */
export class ModelCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('normalizationLab.modelCode')) this.changed.fire();
  });

  constructor(private readonly analyses: ModelCodeAnalyses) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const settings = modelCodeSettings();
    if (!settings.enabled || !settings.codeLens) return [];
    const analysis = await this.analyses.get(document);
    const analyzer = await loadAnalyzer();
    const lenses: vscode.CodeLens[] = [];
    for (const layer of analysis.layers) {
      const range = toRange(document, layer.calleeRange);
      const preset = analyzer.explorerPresetFor(layer);
      const lesson = analyzer.lessonFor(layer);
      if (preset) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('Explore pooling'),
            tooltip: vscode.l10n.t('Open the tensor explorer on {0} with a small example of its shape', layer.callee),
            command: EXPLORE_COMMAND,
            arguments: [{ ...preset, title: layer.callee }],
          }),
        );
      }
      if (lesson) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('Quiz me'),
            tooltip: vscode.l10n.t('Open the lesson quiz about what {0} pools', layer.kind),
            command: QUIZ_COMMAND,
            arguments: [lesson.lessonId, { quiz: lesson.quizId }],
          }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
