import * as assert from 'node:assert';
import * as vscode from 'vscode';

const extensionId = 'normalization-lab.normalization-lab';
const command = 'normalizationLab.normalizeSelection';

interface Summary {
  readonly ok: boolean;
  readonly error?: string;
  readonly cancelled?: boolean;
  readonly notation?: string;
  readonly shape?: number[];
  readonly text?: string;
  readonly notes?: readonly string[];
  readonly position?: { line: number; character: number };
  readonly elapsedMs?: number;
}

let documentCount = 0;

/**
 * Opens an untitled document and selects `selected` (the first occurrence, or everything when omitted).
 * Each has a name of its own: a reused "Untitled-1" could be handed a closed document's text by an
 * extension host that has not yet heard it was closed (seen in the web worker host on a busy machine).
 */
async function openAndSelect(language: string, content: string, selected?: string): Promise<vscode.TextEditor> {
  documentCount += 1;
  const blank = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `normalize-selection-test-${documentCount}` }));
  const document = await vscode.languages.setTextDocumentLanguage(blank, language);
  const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), content)), 'the content is written into the new document');
  assert.strictEqual(document.getText(), content);
  const start = selected === undefined ? 0 : content.indexOf(selected);
  assert.ok(start >= 0, `"${selected}" is not in the document`);
  const end = selected === undefined ? content.length : start + selected.length;
  editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
  return editor;
}

async function run(args: unknown): Promise<Summary> {
  return (await vscode.commands.executeCommand(command, args)) as Summary;
}

/**
 * Closes every editor, dropping the untitled documents' contents first (closing them normally would
 * ask to save). Reverting in the workbench rather than showing each document to close it: on a busy
 * machine, or in the web worker host, the extension host can still list an editor that is already
 * closed, and showing its document would open it again.
 */
async function closeTextEditorsWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('_workbench.revertAllDirty');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The workbench reports closed editors to the extension host asynchronously; let the last
  // of those events arrive so it cannot re-activate an old editor during the next test.
  // Until the untitled documents are gone from the extension host too: the next test's new
  // document reuses the name Untitled-1, and would otherwise be handed the old one's text.
  const textTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText);
  const untitled = () => vscode.workspace.textDocuments.filter((document) => document.isUntitled);
  await settle(() => vscode.window.visibleTextEditors.length === 0 && textTabs().length === 0 && untitled().length === 0, 10_000);
}

/** Waits until `condition` has held for three checks in a row (50 ms apart), at most `limitMs`. */
async function settle(condition: () => boolean, limitMs = 3000): Promise<void> {
  let streak = 0;
  for (let waited = 0; waited < limitMs && streak < 3; waited += 50) {
    streak = condition() ? streak + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Normalize Selection inside VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
  });

  afterEach(closeTextEditorsWithoutSaving);

  async function open(language: string, content: string, selected?: string): Promise<vscode.TextEditor> {
    const editor = await openAndSelect(language, content, selected);
    await settle(() => vscode.window.activeTextEditor?.document === editor.document);
    assert.strictEqual(vscode.window.activeTextEditor?.document, editor.document, 'the new document is the active editor');
    return editor;
  }

  it('replaces a Python list with its LayerNorm in Python notation, and one undo restores the original', async () => {
    const original = 'x = [1.0, 2.0, 3.0]\nprint(x)\n';
    const editor = await open('python', original, '[1.0, 2.0, 3.0]');
    const result = await run({ op: 'layer_norm', params: { normalized_shape: [3] }, output: 'replace' });
    assert.strictEqual(result.ok, true, result.error);
    assert.strictEqual(result.notation, 'python');
    assert.deepStrictEqual(result.shape, [3]);
    assert.strictEqual(editor.document.getText(), 'x = [-1.22474, 0.0, 1.22474]\nprint(x)\n');
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original);
  });

  it('keeps np.array(..., dtype=...) around a softmax written back into the selection', async () => {
    const editor = await open('python', 'w = np.array([[1.0, 2.0], [3.0, 5.0]], dtype=np.float32)\n', 'np.array([[1.0, 2.0], [3.0, 5.0]], dtype=np.float32)');
    const result = await run({ op: 'softmax', params: { dim: -1 }, output: 'replace' });
    assert.strictEqual(result.ok, true, result.error);
    assert.strictEqual(editor.document.getText(), 'w = np.array([[0.268941, 0.731059], [0.119203, 0.880797]], dtype=np.float32)\n');
  });

  it('writes an np.array with an integer dtype back with dtype=np.float64 on Replace, and says so', async () => {
    const editor = await open('python', 'counts = np.array([3, 5, 9], dtype=np.int32)\n', 'np.array([3, 5, 9], dtype=np.int32)');
    const result = await run({ op: 'layer_norm', params: { normalized_shape: [3] }, output: 'replace' });
    assert.strictEqual(result.ok, true, result.error);
    assert.strictEqual(editor.document.getText(), 'counts = np.array([-1.06904, -0.267261, 1.33631], dtype=np.float64)\n');
    assert.deepStrictEqual(result.notes, ['the dtype np.int32 holds only whole numbers, which would truncate the result, so it is written with dtype=np.float64']);
  });

  it('normalizes a multi-line Python list with # comments on Replace, keeping the comments in place', async () => {
    const original = 'x = [\n    # inputs\n    1.0,  # a\n    2.0,  # b\n    3.0,  # c\n]\nprint(x)\n';
    const editor = await open('python', original, original.slice(4, original.indexOf('\nprint')));
    const result = await run({ op: 'layer_norm', params: { normalized_shape: [3] }, output: 'replace' });
    assert.strictEqual(result.ok, true, result.error);
    assert.deepStrictEqual(result.shape, [3]);
    assert.strictEqual(editor.document.getText(), 'x = [\n    # inputs\n    -1.22474,  # a\n    0.0,  # b\n    1.22474,  # c\n]\nprint(x)\n');
    assert.deepStrictEqual(result.notes, []);
  });

  it('inserts a CSV block’s per-column min-max below it, with its header and delimiter, leaving the original rows', async () => {
    const original = 'a,b\n1,10\n2,20\n3,40\n';
    const editor = await open('plaintext', original);
    const result = await run({ op: 'min_max', params: { axis: 0 }, output: 'insertBelow' });
    assert.strictEqual(result.ok, true, result.error);
    assert.strictEqual(result.notation, 'delimited');
    assert.strictEqual(editor.document.getText(), 'a,b\n1,10\n2,20\n3,40\na,b\n0,0\n0.5,0.333333\n1,1\n');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original);
  });

  it('inserts a JSON BatchNorm below an indented selection, indented the same way', async () => {
    const editor = await open('json', '{\n  "x": [[1, 2], [3, 4], [5, 6]]\n}\n', '[[1, 2], [3, 4], [5, 6]]');
    const result = await run({ op: 'batch_norm', output: 'insertBelow' });
    assert.strictEqual(result.ok, true, result.error);
    assert.strictEqual(editor.document.getText(), '{\n  "x": [[1, 2], [3, 4], [5, 6]]\n  [[-1.22474, -1.22474], [0, 0], [1.22474, 1.22474]]\n}\n');
  });

  it('copies the result to the clipboard without touching the document', async () => {
    const editor = await open('javascript', 'const logits = [2, 1, 0.1];', '[2, 1, 0.1]');
    const result = await run({ op: 'softmax', output: 'clipboard' });
    assert.strictEqual(result.ok, true, result.error);
    assert.strictEqual(await vscode.env.clipboard.readText(), '[0.659001, 0.242433, 0.0985659]');
    assert.strictEqual(editor.document.getText(), 'const logits = [2, 1, 0.1];');
  });

  it('writes MATLAB back as MATLAB and PyTorch back as PyTorch', async () => {
    const matlab = await open('plaintext', 'A = [1 2 3; 4 5 6];', '[1 2 3; 4 5 6]');
    assert.strictEqual((await run({ op: 'z_score', params: { axis: 1 }, output: 'replace' })).ok, true);
    assert.strictEqual(matlab.document.getText(), 'A = [-1.22474 0 1.22474; -1.22474 0 1.22474];');
    const torch = await open('python', 't = torch.tensor([[3.0, 4.0]])', 'torch.tensor([[3.0, 4.0]])');
    assert.strictEqual((await run({ op: 'l2_normalize', output: 'replace' })).ok, true);
    assert.strictEqual(torch.document.getText(), 't = torch.tensor([[0.6, 0.8]])');
  });

  it('leaves the document byte-identical on ragged rows, returns the error and puts the cursor on it', async () => {
    const original = 'rows = [[1, 2, 3],\n        [4, 5]]\n';
    const editor = await open('python', original, '[[1, 2, 3],\n        [4, 5]]');
    const version = editor.document.version;
    const result = await run({ op: 'layer_norm', output: 'replace' });
    assert.strictEqual(result.ok, false);
    assert.match(result.error ?? '', /row 2 has 2 values, the rows above have 3/, `error: ${result.error}; document: ${JSON.stringify(vscode.window.activeTextEditor?.document.getText())}`);
    assert.strictEqual(editor.document.getText(), original);
    assert.strictEqual(editor.document.version, version);
    assert.deepStrictEqual(result.position, { line: 1, character: 13 });
    assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [1, 13]);
  });

  it('refuses NaN, empty selections, an op the shape cannot take and a bad argument object, changing nothing', async () => {
    const cases: [string, string | undefined, unknown, RegExp][] = [
      ['[1.0, nan, 3.0]', undefined, { op: 'layer_norm', output: 'replace' }, /not a finite number/],
      ['[[1, 2, 3], [4, 5, 6]]', undefined, { op: 'group_norm', params: { num_groups: 2 }, output: 'replace' }, /Group normalization cannot take this \[2, 3\] selection.*divide/],
      ['[1, 2, 3]', undefined, { op: 'batch_norm', output: 'replace' }, /at least 2 dims/],
      ['[1, 2, 3]', undefined, { op: 'no_such_op', output: 'replace' }, /unknown op/],
      ['[1, 2, 3]', undefined, { op: 'layer_norm', output: 'sideways' }, /unknown output/],
      ['some words, not numbers', undefined, { op: 'layer_norm', output: 'replace' }, /not a number/],
      ['[1, 2, 3]', '', { op: 'layer_norm', output: 'replace' }, /selection is empty/],
    ];
    for (const [content, selected, args, message] of cases) {
      const editor = await open('python', content, selected);
      if (selected === '') editor.selection = new vscode.Selection(0, 0, 0, 0);
      const result = await run(args);
      assert.strictEqual(result.ok, false, `${content} should be refused`);
      assert.match(result.error ?? '', message);
      assert.strictEqual(editor.document.getText(), content);
    }
  });

  it('shows the result in its panel (output "panel") without touching the document', async () => {
    const editor = await open('python', '[1.0, 2.0]', '[1.0, 2.0]');
    const result = await run({ op: 'min_max', output: 'panel' });
    assert.strictEqual(result.ok, true, result.error);
    const isResultTab = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('normalizationLab.result');
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    for (let waited = 0; waited < 3000 && !tabs().some(isResultTab); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    const described = tabs().map((tab) => `${tab.label} (${tab.input instanceof vscode.TabInputWebview ? tab.input.viewType : typeof tab.input})`);
    assert.ok(tabs().some(isResultTab), `the result panel is open; tabs: ${described.join(', ')}`);
    assert.match(described.join(', '), /Min-max scaling of \[2\]/);
    assert.strictEqual(editor.document.getText(), '[1.0, 2.0]');
  });

  it('normalizes 100,000 numbers end to end with one undo step', async () => {
    const numbers = Array.from({ length: 100_000 }, (_, index) => ((index * 37) % 101) / 10 - 5);
    const rows = Array.from({ length: 1000 }, (_, row) => numbers.slice(row * 100, row * 100 + 100).join(',')).join('\n');
    const editor = await open('plaintext', rows);
    const started = Date.now();
    const result = await run({ op: 'layer_norm', output: 'replace' });
    const elapsed = Date.now() - started;
    assert.strictEqual(result.ok, true, result.error);
    assert.deepStrictEqual(result.shape, [1000, 100]);
    const firstRow = editor.document.lineAt(0).text.split(',').map(Number);
    assert.strictEqual(firstRow.length, 100);
    const mean = firstRow.reduce((sum, value) => sum + value, 0) / 100;
    assert.ok(Math.abs(mean) < 1e-4, `each row is centred, got mean ${mean}`);
    console.log(`      100,000 numbers normalized and written back in ${elapsed} ms`);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), rows);
  });
});
