import * as assert from 'node:assert';
import * as vscode from 'vscode';

const extensionId = 'normalization-lab.normalization-lab';

const MODEL = [
  'import torch',
  'import torch.nn as nn',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.features = nn.Sequential(nn.Conv2d(3, 96, 5), nn.ReLU(), nn.BatchNorm2d(48))',
  '        self.norm = nn.GroupNorm(32, 256)',
  '        self.bad = nn.GroupNorm(32, 48)',
  '',
].join('\n');

/** Polls `read` every 100 ms until `done` accepts its value, at most `limit` ms; returns the last value. */
async function waitFor<T>(read: () => T | Thenable<T>, done: (value: T) => boolean, limit = 15_000): Promise<T> {
  let value = await read();
  for (let waited = 0; waited < limit && !done(value); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** The CodeLens of a document with their commands: VS Code resolves as many as asked (the editor only those in view). */
const lensesOf = (uri: vscode.Uri) => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10_000);

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Normalization Lab');

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
}

function positionOf(document: vscode.TextDocument, text: string, delta = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `"${text}" is not in the document`);
  return document.positionAt(at + delta);
}

describe('Model code: hover, diagnostics, quick fix and CodeLens inside VS Code', function () {
  this.timeout(90_000);
  // Files go into a folder of the run's workspace through vscode.workspace.fs, so the same test
  // runs in the Node host and in the browser's web worker host (which has no Node fs).
  let folder: vscode.Uri;
  const write = (file: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the harness opens a workspace folder');
    folder = vscode.Uri.joinPath(workspace.uri, `nl-model-code-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  async function openPython(name: string, text: string): Promise<vscode.TextEditor> {
    const file = vscode.Uri.joinPath(folder, name);
    await write(file, text);
    const document = await vscode.workspace.openTextDocument(file);
    assert.strictEqual(document.languageId, 'python');
    return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  }

  it('reports the proven mistakes of a .py file with source, code and a message that says what to change', async () => {
    const editor = await openPython('mistakes.py', MODEL);
    const diagnostics = await waitFor(() => ours(editor.document.uri), (list) => list.length >= 2);
    assert.deepStrictEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, editor.document.getText(diagnostic.range), diagnostic.severity]),
      [
        ['featureMismatch', 6, '48', vscode.DiagnosticSeverity.Error],
        ['groupNormIndivisible', 8, '32', vscode.DiagnosticSeverity.Error],
      ],
    );
    assert.match(diagnostics[0]!.message, /BatchNorm2d\(48\) expects 48 channels, but the Conv2d before it outputs 96 \(out_channels\); set num_features to 96\./);
    assert.strictEqual(editor.document.getText(diagnostics[0]!.relatedInformation![0]!.location.range), '96');
  });

  it('hovers a GroupNorm with what it pools for its own numbers, its arguments and the links', async () => {
    const editor = await openPython('hover.py', MODEL);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'GroupNorm(32, 256)', 3));
    const text = hoverText(hovers);
    assert.match(text, /\*\*GroupNorm\*\* · PyTorch/);
    assert.match(text, /over 8 channels × \(H, W\) per group, 32 groups, of an \(N, C, H, W\) input/);
    assert.match(text, /`weight` \(256\), 256 values/);
    assert.match(text, /\| `eps` \| 0\.00001 \| default \|/);
    assert.match(text, /command:normalizationLab\.openLesson\?/);
    assert.match(text, /command:normalizationLab\.explorePooling\?/);
  });

  it('puts Explore pooling and Quiz me above each layer; Explore opens the explorer on the layer\'s op and grouping', async () => {
    const editor = await openPython('lens.py', MODEL);
    const unresolved = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepStrictEqual(
      unresolved.map((lens) => lens.command),
      unresolved.map(() => undefined),
      'the lenses reach the editor without their commands, which are made for the ones in view',
    );
    const lenses = await lensesOf(editor.document.uri);
    assert.strictEqual(lenses.length, unresolved.length);
    const onGroupNorm = lenses.filter((lens) => lens.range.start.line === 7);
    assert.deepStrictEqual(
      onGroupNorm.map((lens) => [lens.command?.title, lens.command?.command]),
      [
        ['Explore pooling', 'normalizationLab.explorePooling'],
        ['Quiz me', 'normalizationLab.openLesson'],
      ],
    );
    assert.strictEqual(lenses.filter((lens) => lens.command?.title === 'Explore pooling').length, 3, 'one per norm layer (the Conv2d gets none)');
    const explore = onGroupNorm[0]!.command!;
    const shown = await vscode.commands.executeCommand<{ opened: unknown; view?: { explorer?: { op: string; shape: number[]; groups?: number } } }>(explore.command, ...(explore.arguments ?? []));
    assert.deepStrictEqual(shown.opened, { op: 'group_norm', shape: [2, 16, 4], groups: 2, title: 'nn.GroupNorm' });
    assert.deepStrictEqual(
      { op: shown.view?.explorer?.op, shape: shown.view?.explorer?.shape, groups: shown.view?.explorer?.groups },
      { op: 'group_norm', shape: [2, 16, 4], groups: 2 },
    );
    const quiz = onGroupNorm[1]!.command!;
    assert.deepStrictEqual(quiz.arguments, ['norm-family', { quiz: 'family-axes-gn' }]);
    assert.strictEqual(await vscode.commands.executeCommand(quiz.command, ...(quiz.arguments ?? [])), 'norm-family');
  });

  it('applies the quick fix as one edit, clears the diagnostic, and one undo restores the code', async () => {
    const editor = await openPython('fix.py', MODEL);
    const [mismatch] = await waitFor(() => ours(editor.document.uri).filter((d) => d.code === 'featureMismatch'), (list) => list.length === 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, mismatch!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Set num_features to 96');
    assert.ok(fix?.edit, `a quick fix among ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(editor.document.lineAt(6).text, '        self.features = nn.Sequential(nn.Conv2d(3, 96, 5), nn.ReLU(), nn.BatchNorm2d(96))');
    const after = await waitFor(() => ours(editor.document.uri).map((d) => d.code), (codes) => !codes.includes('featureMismatch'));
    assert.deepStrictEqual(after, ['groupNormIndivisible']);
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), MODEL);
  });

  it('gives a correct model no diagnostics', async () => {
    const correct = MODEL.replace('BatchNorm2d(48)', 'BatchNorm2d(96)').replace('GroupNorm(32, 48)', 'GroupNorm(16, 48)');
    const editor = await openPython('correct.py', correct);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(lenses.length > 0, 'analysed');
    // Analysis has run (the lenses came from it); the debounced diagnostics follow within a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepStrictEqual(ours(editor.document.uri), []);
  });

  it('works in a notebook cell: hover, CodeLens and diagnostics', async () => {
    const file = vscode.Uri.joinPath(folder, 'model.ipynb');
    const notebook = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# A model'] },
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: MODEL.split('\n').map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line)) },
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    await write(file, JSON.stringify(notebook));
    const document = await vscode.workspace.openNotebookDocument(file);
    await vscode.window.showNotebookDocument(document);
    const cell = document.cellAt(1).document;
    assert.strictEqual(cell.uri.scheme, 'vscode-notebook-cell');
    assert.strictEqual(cell.languageId, 'python');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell.uri, positionOf(cell, 'BatchNorm2d(48)', 2));
    assert.match(hoverText(hovers), /Per channel, over \(N, H, W\) of an \(N, C, H, W\) input \(C = 48\)/);
    const lenses = await lensesOf(cell.uri);
    assert.strictEqual(lenses.filter((lens) => lens.command?.title === 'Quiz me').length, 3);
    const diagnostics = await waitFor(() => ours(cell.uri), (list) => list.length >= 2);
    assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.code), ['featureMismatch', 'groupNormIndivisible']);
  });

  it('leaves a document too long to be a model file (a pasted list of numbers) alone, and analyses it again once it is short', async () => {
    const numbers = `data = [${Array.from({ length: 120_000 }, (_, i) => (i % 1000) / 7).map((x) => x.toFixed(5)).join(', ')}]\n`;
    assert.ok(numbers.length > 1_000_000);
    const editor = await openPython('long.py', `${MODEL}\n${numbers}`);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepStrictEqual(lenses, []);
    const start = editor.document.getText().indexOf('data = [');
    assert.ok(await editor.edit((edit) => edit.delete(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(editor.document.getText().length)))));
    const after = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(after.length > 0, 'the model is analysed again');
    await waitFor(() => ours(editor.document.uri), (list) => list.length >= 2);
  });

  it('turns the CodeLens off with normalizationLab.modelCode.codeLens', async () => {
    const editor = await openPython('setting.py', MODEL);
    const settings = vscode.workspace.getConfiguration('normalizationLab.modelCode');
    await settings.update('codeLens', false, vscode.ConfigurationTarget.Global);
    try {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      assert.deepStrictEqual(lenses, []);
    } finally {
      await settings.update('codeLens', undefined, vscode.ConfigurationTarget.Global);
    }
  });
  it('Open Example Model (lesson 8\'s tour) opens the shipped example as an unsaved Python copy whose layers hover and whose GroupNorm is underlined', async () => {
    const uri = await vscode.commands.executeCommand<string | undefined>('normalizationLab.openExampleModel');
    assert.ok(uri, 'the command returns the document it opened');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'the example is the active editor');
    const document = editor.document;
    assert.strictEqual(document.uri.toString(), uri);
    assert.strictEqual(document.uri.scheme, 'untitled', 'a copy: applying the quick fix never writes into the extension');
    assert.match(document.uri.path, /example_model\.py$/);
    assert.strictEqual(document.languageId, 'python');
    const extension = vscode.extensions.getExtension(extensionId)!;
    const shipped = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'media', 'examples', 'example_model.py')));
    assert.strictEqual(document.getText(), shipped);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'BatchNorm2d(32)', 2));
    assert.match(hoverText(hovers), /\*\*BatchNorm2d\*\*/);
    const diagnostics = await waitFor(() => ours(document.uri), (list) => list.length >= 1);
    assert.deepStrictEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, document.lineAt(diagnostic.range.start.line).text.trim()]),
      [['groupNormIndivisible', 'nn.GroupNorm(6, 64),']],
    );
    // Opened again: the same copy, not a second one.
    assert.strictEqual(await vscode.commands.executeCommand<string | undefined>('normalizationLab.openExampleModel'), uri);
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), shipped);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
