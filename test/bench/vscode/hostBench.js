// Runs inside the real extension host (extensionTestsPath) for `npm run bench:vscode`; plain
// CommonJS, not bundled. Prints one line `bench:result {json}` per measurement. For the webview
// paint times it prints `bench:mark NAME T0` and waits until the driver, which polls the page's
// frames for the text, writes BENCH_DIR/NAME with the time it found it.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const OURS = 'normalization-lab.normalization-lab';
const BASELINE = 'normalization-lab-bench.minimal';
const benchDir = process.env.NORMALIZATION_LAB_BENCH_DIR;
const sizes = (process.env.NORMALIZATION_LAB_BENCH_SIZES || '100000,1000000').split(',').map(Number);
const repeats = Number(process.env.NORMALIZATION_LAB_BENCH_REPEATS || 3);

const result = (name, value) => console.log(`bench:result ${JSON.stringify({ name, ...value })}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest gap between ticks of a 5 ms interval while `work` runs: how long the host was blocked. */
async function withStallProbe(work) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    const value = await work();
    longest = Math.max(longest, performance.now() - last);
    return { value, longestStallMs: longest };
  } finally {
    clearInterval(timer);
  }
}

async function activate(id) {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) {
    const loaded = vscode.extensions.all.filter((candidate) => !candidate.id.startsWith('vscode.')).map((candidate) => candidate.id);
    throw new Error(`extension ${id} is not loaded (loaded: ${loaded.join(', ')})`);
  }
  const start = performance.now();
  await extension.activate();
  return performance.now() - start;
}

/** Milliseconds from t0 (just before the command) until the driver saw the text in the webview. */
async function waitForPaint(name, t0, limitMs = 120_000) {
  const file = path.join(benchDir, name);
  console.log(`bench:mark ${name} ${t0}`);
  while (!fs.existsSync(file)) {
    if (Date.now() - t0 > limitMs) throw new Error(`${name}: no paint within ${limitMs} ms`);
    await sleep(20);
  }
  const at = Number(fs.readFileSync(file, 'utf8'));
  if (!Number.isFinite(at) || at < t0) throw new Error(`${name}: the driver wrote "${at}" as the paint time, before the command at ${t0}`);
  return at - t0;
}

async function normalizeOnce(count) {
  const numbers = [];
  for (let i = 0; i < count; i++) numbers.push(((i * 7919) % 1000) / 10 - 50);
  const text = `x = [${numbers.join(', ')}]\n`;
  // Opened as the baseline's copy below is, so the two edits start from the same kind of document.
  const { document, editor } = await openUntitled(`bench-normalize-${count}.py`, 'python', text);
  const open = text.indexOf('[');
  const close = text.lastIndexOf(']') + 1;
  editor.selection = new vscode.Selection(document.positionAt(open), document.positionAt(close));
  const before = document.version;
  const start = performance.now();
  const { value, longestStallMs } = await withStallProbe(() =>
    vscode.commands.executeCommand('normalizationLab.normalizeSelection', { op: 'layer_norm', output: 'replace' }),
  );
  const ms = performance.now() - start;
  if (!value || value.ok !== true) throw new Error(`Normalize Selection of ${count} failed: ${JSON.stringify(value)}`);
  if (document.version === before) throw new Error(`Normalize Selection of ${count} did not edit the document`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  // Baseline: VS Code's own cost of the same edit, the same replacement written by editor.edit
  // alone into a fresh copy of the document, with nothing parsed, normalized or formatted (and no
  // selection over the text, which made VS Code's edit slower and sometimes refused).
  const { document: copy, editor: copyEditor } = await openUntitled(`bench-edit-${count}.py`, 'python', text);
  const range = new vscode.Range(copy.positionAt(open), copy.positionAt(close));
  const editStart = performance.now();
  const edit = await withStallProbe(() => copyEditor.edit((builder) => builder.replace(range, value.text)));
  const editMs = performance.now() - editStart;
  if (edit.value !== true || copy.getText().length !== text.length - (close - open) + value.text.length) throw new Error(`the baseline edit of ${count} numbers was not applied (${edit.value}, ${copy.getText().length} characters, expected ${text.length - (close - open) + value.text.length})`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return { ms, longestStallMs, timings: value.timings, editMs, editStallMs: edit.longestStallMs };
}

/** The text of our hover among all hovers VS Code returns at `position`, or undefined. */
async function ourHover(document, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position)) ?? [];
  const texts = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
  return texts.find((text) => text.includes('GroupNorm'));
}

async function timedHover(document, position) {
  const start = performance.now();
  const text = await ourHover(document, position);
  const ms = performance.now() - start;
  if (!text) throw new Error(`no Normalization Lab hover at ${position.line + 1}:${position.character + 1}: "${document.lineAt(position.line).text.trim()}"`);
  return ms;
}

/**
 * `text` in a new named untitled document of `language`, shown in an editor. Named and filled by
 * one edit: an unnamed one opened right after other untitled documents were closed was sometimes
 * handed back as a closed one.
 */
async function openUntitled(name, language, text) {
  let document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`untitled:/${name}-${Date.now()}`));
  if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), text));
  if (document.getText() !== text) throw new Error(`the untitled ${language} document does not hold the text it was given`);
  return { document, editor };
}

/**
 * Model code: a generated 5,000-line model (test/bench/modelFile.ts, built by the driver) in an
 * untitled Python document. The first hover after it is filled pays for the whole analysis (the
 * Python parser is loaded already, by the Normalize Selection documents); later hovers reuse it;
 * a hover after a one-character edit pays the incremental analysis.
 */
async function modelCodeOnce() {
  const { generateModelFile } = require(process.env.NORMALIZATION_LAB_BENCH_MODEL);
  const text = generateModelFile(5000);
  const { document, editor } = await openUntitled('bench-model.py', 'python', text);
  const last = text.lastIndexOf('nn.GroupNorm(') + 'nn.Group'.length;
  const line = text.slice(0, last).split('\n').length - 1;
  const target = new vscode.Position(line, last - text.lastIndexOf('\n', last) - 1);
  // The first hover waits for the whole cold analysis, which runs in slices: the probe shows how long the host was blocked at a time meanwhile.
  const { value: openedMs, longestStallMs: openedStallMs } = await withStallProbe(() => timedHover(document, target));
  const warm = [];
  for (let k = 0; k < 5; k++) warm.push(await timedHover(document, target));
  // One character typed at the end of a line in the middle of the file, above the layer.
  const middle = document.lineAt(Math.floor(document.lineCount / 2));
  await editor.edit((builder) => builder.insert(middle.range.end, ' '));
  const afterEditMs = await timedHover(document, target);
  const lines = document.lineCount;
  // A second baseline: the same request on the same Python document with the model-code
  // features off (the provider returns at once): VS Code's round trip for this document.
  const settings = vscode.workspace.getConfiguration('normalizationLab.modelCode');
  await settings.update('enabled', false, vscode.ConfigurationTarget.Global);
  const pythonRoundTrip = [];
  try {
    for (let k = 0; k < 5; k++) {
      const start = performance.now();
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, target);
      pythonRoundTrip.push(performance.now() - start);
      if (hovers?.length) throw new Error('a hover answered with the model-code features off');
    }
  } finally {
    await settings.update('enabled', undefined, vscode.ConfigurationTarget.Global);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  // Baseline: the same request on the same text as plain text, answered at once by the minimal
  // extension's fixed hover: the cost of vscode.executeHoverProvider's round trips themselves.
  const { document: plain } = await openUntitled('bench-plain.txt', 'plaintext', text);
  const roundTrip = [];
  for (let k = 0; k < 5; k++) {
    const start = performance.now();
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', plain.uri, target);
    roundTrip.push(performance.now() - start);
    if (!hovers?.some((hover) => hover.contents.some((content) => String(content.value ?? content).includes('Baseline')))) throw new Error('the baseline hover did not answer');
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  const middleOf = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { lines, chars: text.length, openedMs, openedStallMs, hoverMs: middleOf(warm), afterEditMs, roundTripMs: middleOf(roundTrip), pythonRoundTripMs: middleOf(pythonRoundTrip) };
}

async function run() {
  const order = process.env.NORMALIZATION_LAB_BENCH_BASELINE_FIRST === '1' ? [BASELINE, OURS] : [OURS, BASELINE];
  const activation = {};
  for (const id of order) activation[id] = await activate(id);
  result('activation', { ms: activation[OURS], baselineMs: activation[BASELINE], initialised: globalThis.__normalizationLabBenchInit ?? [] });

  // Cold opens, each once per session: the lesson panel, then the bare webview.
  let t0 = Date.now();
  await vscode.commands.executeCommand('normalizationLab.explain');
  const explainMs = await waitForPaint('explain', t0);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  t0 = Date.now();
  await vscode.commands.executeCommand('normalizationLabBench.openBareWebview');
  const bareMs = await waitForPaint('bare', t0);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  result('explain', { ms: explainMs, baselineMs: bareMs, initialised: globalThis.__normalizationLabBenchInit ?? [] });

  for (const count of sizes) {
    for (let k = 0; k < (count >= 1_000_000 ? Math.min(2, repeats) : repeats); k++) {
      result(`normalize-${count}`, await normalizeOnce(count));
    }
  }
  for (let k = 0; k < repeats; k++) result('model-code', await modelCodeOnce());
  console.log('bench:done');
}

module.exports = { run };
