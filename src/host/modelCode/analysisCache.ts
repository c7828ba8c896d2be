import * as vscode from 'vscode';
import type * as Analyzer from '../../core/analyzer';
import { runInSlices } from '../slices';

/**
 * Where the model-code features work: Python files, untitled Python and notebook cells. The files'
 * scheme is `file` on the desktop, `vscode-remote` through a remote or code-server, and
 * `vscode-vfs` on github.dev, so the selector names only the language.
 */
export const PYTHON_SELECTOR: vscode.DocumentSelector = [{ language: 'python' }];

export const isModelCodeDocument = (document: vscode.TextDocument): boolean => vscode.languages.match(PYTHON_SELECTOR, document) > 0;

type AnalyzerModule = typeof Analyzer;

let loading: Promise<AnalyzerModule> | undefined;

/**
 * The analyzer and its parser, loaded on first use: the bundle evaluates them only when a Python
 * document is analysed, never on activation for the lessons or Normalize Selection.
 */
export function loadAnalyzer(): Promise<AnalyzerModule> {
  loading ??= import('../../core/analyzer');
  return loading;
}

/**
 * Documents longer than this (in characters) are not analysed: model files are far smaller (a
 * 5,000-line one is about 200,000), and parsing a pasted multi-megabyte list on every change
 * would block the extension host that Normalize Selection shares.
 */
export const MAX_ANALYSED_LENGTH = 1_000_000;

const NOTHING: Analyzer.ModelAnalysis = { layers: [], problems: [] };

/** The document's length in characters, without copying its text. */
const lengthOf = (document: vscode.TextDocument): number => document.offsetAt(document.lineAt(document.lineCount - 1).range.end);

interface Entry {
  version: number;
  analysis: Analyzer.ModelAnalysis | undefined;
  /** Created with the first analysis; edits before it need no folding, that analysis parses from scratch. */
  session: Analyzer.IncrementalAnalysis | undefined;
  /** The analysis under way, if any: one at a time per document, the next waits for it. */
  running: Promise<void> | undefined;
}

/**
 * One analysis per document version, shared by the hover, diagnostics, code actions and
 * CodeLens providers. Edits are folded into the previous parse as they happen, so analysing the
 * next version reparses only what changed. A long file is analysed in slices of a few
 * milliseconds (`runInSlices`), so the extension host is never blocked for the whole of it.
 */
export class ModelCodeAnalyses implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        const entry = this.entries.get(event.document.uri.toString());
        if (!entry?.session || event.contentChanges.length === 0) return;
        entry.session.applyChanges(toTextChanges(event.contentChanges));
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.entries.delete(document.uri.toString())),
    );
  }

  /** The analysis of the document as it is now (edits made while it ran start another one). */
  async get(document: vscode.TextDocument): Promise<Analyzer.ModelAnalysis> {
    const key = document.uri.toString();
    if (lengthOf(document) > MAX_ANALYSED_LENGTH) {
      // Too long to be a model file; a later analysis, once it is short again, parses from scratch.
      this.entries.delete(key);
      return NOTHING;
    }
    const cached = this.entries.get(key);
    if (cached?.analysis && cached.version === document.version) return cached.analysis;
    const analyzer = await loadAnalyzer();
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { version: -1, analysis: undefined, session: undefined, running: undefined }));
    // Typing while it runs makes the analysis one version old: analyse again, a few times at most.
    for (let started = 0; ; ) {
      if (entry.analysis && (entry.version === document.version || started >= 3)) return entry.analysis;
      if (document.isClosed || this.entries.get(key) !== entry) return entry.analysis ?? NOTHING;
      if (entry.running) {
        await entry.running;
        continue;
      }
      started++;
      const session = (entry.session ??= new analyzer.IncrementalAnalysis());
      const version = document.version;
      const target = entry;
      const running = runInSlices(session.analyzeSteps(document.getText())).then((analysis) => {
        target.analysis = analysis;
        target.version = version;
      });
      entry.running = running;
      try {
        await running;
      } finally {
        if (entry.running === running) entry.running = undefined;
      }
    }
  }

  /** The analysis if this version was analysed already (for code actions that follow diagnostics). */
  peek(document: vscode.TextDocument): Analyzer.ModelAnalysis | undefined {
    const entry = this.entries.get(document.uri.toString());
    return entry?.version === document.version ? entry.analysis : undefined;
  }

  dispose(): void {
    this.entries.clear();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/**
 * VS Code's content changes (offsets in the text before the event, in any order) as sorted
 * changes in the coordinates of both the old text (A) and the new one (B).
 */
export function toTextChanges(changes: readonly vscode.TextDocumentContentChangeEvent[]): Analyzer.TextChange[] {
  const sorted = [...changes].sort((a, b) => a.rangeOffset - b.rangeOffset);
  let shift = 0;
  return sorted.map((change) => {
    const fromA = change.rangeOffset;
    const toA = fromA + change.rangeLength;
    const fromB = fromA + shift;
    shift += change.text.length - change.rangeLength;
    return { fromA, toA, fromB, toB: fromB + change.text.length };
  });
}

export const toRange = (document: vscode.TextDocument, range: Analyzer.TextRange): vscode.Range =>
  new vscode.Range(document.positionAt(range.from), document.positionAt(range.to));

/** The extension's settings for model code. */
export function modelCodeSettings(): { enabled: boolean; codeLens: boolean } {
  const settings = vscode.workspace.getConfiguration('normalizationLab.modelCode');
  return { enabled: settings.get<boolean>('enabled', true), codeLens: settings.get<boolean>('codeLens', true) };
}
