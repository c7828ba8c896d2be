import * as vscode from 'vscode';
import type { ExplorerPreset, Layer, LessonTarget } from '../../core/analyzer';
import { loadAnalyzer, type ModelCodeAnalyses, modelCodeSettings, toRange } from './analysisCache';
import { EXPLORE_COMMAND, QUIZ_COMMAND } from './hoverProvider';

/** A lens with what its command needs; the command itself is made when the lens is shown. */
class LayerLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly layer: Layer,
    readonly target: { readonly explore: ExplorerPreset } | { readonly quiz: LessonTarget },
  ) {
    super(range);
  }
}

function commandFor(lens: LayerLens): vscode.Command {
  const { layer, target } = lens;
  if ('explore' in target) {
    return {
      title: vscode.l10n.t('Explore pooling'),
      tooltip: vscode.l10n.t('Open the tensor explorer on {0} with a small example of its shape', layer.callee),
      command: EXPLORE_COMMAND,
      arguments: [{ ...target.explore, title: layer.callee }],
    };
  }
  return {
    title: vscode.l10n.t('Quiz me'),
    tooltip: vscode.l10n.t('Open the lesson quiz about what {0} pools', layer.kind),
    command: QUIZ_COMMAND,
    arguments: [target.quiz.lessonId, { quiz: target.quiz.quizId }],
  };
}

/**
 * Explore pooling and Quiz me above each recognized layer. The lenses go to the editor with
 * their ranges only and get their commands in `resolveCodeLens`, which VS Code calls for the
 * ones in view: a file with 1,200 layers sends 2,400 ranges, not 2,400 commands with their
 * arguments, through the extension host on every analysis.
 */
export class ModelCodeLensProvider implements vscode.CodeLensProvider<LayerLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('normalizationLab.modelCode')) this.changed.fire();
  });

  constructor(private readonly analyses: ModelCodeAnalyses) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<LayerLens[]> {
    const settings = modelCodeSettings();
    if (!settings.enabled || !settings.codeLens) return [];
    const analysis = await this.analyses.get(document);
    const analyzer = await loadAnalyzer();
    const lenses: LayerLens[] = [];
    for (const layer of analysis.layers) {
      const preset = analyzer.explorerPresetFor(layer);
      const lesson = analyzer.lessonFor(layer);
      if (!preset && !lesson) continue;
      const range = toRange(document, layer.calleeRange);
      if (preset) lenses.push(new LayerLens(range, layer, { explore: preset }));
      if (lesson) lenses.push(new LayerLens(range, layer, { quiz: lesson }));
    }
    return lenses;
  }

  resolveCodeLens(lens: LayerLens): LayerLens {
    lens.command = commandFor(lens);
    return lens;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
