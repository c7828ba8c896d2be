import * as vscode from 'vscode';
import type { Layer } from '../../core/analyzer';
import { loadAnalyzer, type ModelCodeAnalyses, modelCodeSettings, toRange } from './analysisCache';
import { argumentRows, learnableSentence, noteSentence, poolingSentence, trackedSentence } from './layerWords';

export const EXPLORE_COMMAND = 'normalizationLab.explorePooling';
export const QUIZ_COMMAND = 'normalizationLab.openLesson';

const commandUri = (command: string, args: unknown[]): string => `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;

/** Markdown table cells cannot hold a bare `|` or a line break. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The hover for a recognized layer: what it pools, what it learns and tracks, its arguments, and where to learn more. */
export async function layerHover(layer: Layer): Promise<vscode.MarkdownString> {
  const analyzer = await loadAnalyzer();
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.isTrusted = { enabledCommands: [EXPLORE_COMMAND, QUIZ_COMMAND] };
  const title = layer.form === 'custom' ? vscode.l10n.t('{0} (your class, calls {1})', layer.kind, layer.inner?.callee ?? '') : layer.kind;
  const framework = layer.framework === 'keras' ? 'Keras' : 'PyTorch';
  markdown.appendMarkdown(`**${title}** · ${framework}${layer.through ? ` · ${vscode.l10n.t('through `{0}`', layer.through)}` : ''}\n\n`);
  const pooling = poolingSentence(layer);
  if (pooling) markdown.appendMarkdown(`${pooling}\n\n`);
  markdown.appendMarkdown(`${learnableSentence(layer)}\n\n`);
  const tracked = trackedSentence(layer);
  if (tracked) markdown.appendMarkdown(`${tracked}\n\n`);
  const rows = argumentRows(layer);
  if (rows.length > 0) {
    markdown.appendMarkdown(`| ${vscode.l10n.t('argument')} | ${vscode.l10n.t('value')} | ${vscode.l10n.t('from')} |\n|---|---|---|\n`);
    for (const [name, value, from] of rows) markdown.appendMarkdown(`| \`${cell(name)}\` | ${cell(value)} | ${cell(from)} |\n`);
    markdown.appendMarkdown('\n');
  }
  for (const note of layer.notes) markdown.appendMarkdown(`- ${noteSentence(note)}\n`);
  const links: string[] = [];
  const lesson = analyzer.lessonFor(layer);
  if (lesson) links.push(`[${vscode.l10n.t('Open the lesson')}](${commandUri(QUIZ_COMMAND, [lesson.lessonId])})`);
  const preset = analyzer.explorerPresetFor(layer);
  if (preset) links.push(`[${vscode.l10n.t('Explore pooling')}](${commandUri(EXPLORE_COMMAND, [{ ...preset, title: layer.callee }])})`);
  if (links.length > 0) markdown.appendMarkdown(`\n${links.join(' · ')}\n`);
  return markdown;
}

export class ModelCodeHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analyses: ModelCodeAnalyses) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!modelCodeSettings().enabled) return undefined;
    const analysis = await this.analyses.get(document);
    const analyzer = await loadAnalyzer();
    const layer = analyzer.layerAt(analysis, document.offsetAt(position));
    if (!layer) return undefined;
    return new vscode.Hover(await layerHover(layer), toRange(document, layer.range));
  }
}
