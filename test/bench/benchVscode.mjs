// `npm run bench:vscode`: latency where users feel it, in the real VS Code (code-server +
// Chromium, the harness of the UI tests). A benchmark, not a test: it prints numbers and goals
// and never fails on a slow machine (it exits non-zero only when it could not measure).
//   NORMALIZATION_LAB_BENCH_RUNS=3     sessions (each a fresh VS Code: activation is once per host)
//   NORMALIZATION_LAB_BENCH_SIZES=100000,1000000   the Normalize Selection sizes
// Per session, test/bench/vscode/hostBench.js runs inside the extension host: activation of the
// extension and of a minimal one (test/bench/vscode/minimalExtension, the baseline), Explain
// Normalization → lesson text painted vs the baseline's bare webview, Normalize Selection of
// 100,000 and 1,000,000 numbers with the longest event-loop stall, and hovers in a generated
// 5,000-line model file (open → first hover, hover after it, edit → hover). The extension is a
// production bundle built here with every module of markdown-it, KaTeX and @lezer/python tagged,
// so the bench can tell which of them activation initialised. Sizes come from `npm run package`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import esbuild from 'esbuild';
import { repoRoot, remoteUri, startVsCode, workbenchUrl } from '../harness/vscodeSession.mjs';

const RUNS = Number(process.env.NORMALIZATION_LAB_BENCH_RUNS ?? 3);
const SESSION_LIMIT_MS = 600_000;
const outputRoot = path.join(repoRoot, 'test-output', 'bench-vscode');
const LAZY_PACKAGES = ['markdown-it', 'katex', '@lezer/python'];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor(sorted.length / 2)];
}

function packageAndSizes() {
  const packaged = spawnSync('npm', ['run', '-s', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (packaged.status !== 0) throw new Error(`npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
  const sizes = { vsix: fs.statSync(path.join(repoRoot, 'dist', 'normalization-lab.vsix')).size, webview: {} };
  const webview = path.join(repoRoot, 'dist', 'webview');
  for (const file of fs.readdirSync(webview).filter((name) => name.endsWith('.js')).sort()) {
    sizes.webview[file] = fs.statSync(path.join(webview, file)).size;
  }
  sizes.extension = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size;
  return sizes;
}

/** The production extension bundle with a line at the top of every module of the lazy packages. */
async function buildTaggedExtension() {
  const folder = path.join(outputRoot, 'extension');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, 'dist'), { recursive: true });
  // Copies, not symlinks: the workbench's extension scanner does not load a symlinked manifest.
  for (const entry of ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n', 'lessons', 'media', 'dist/webview']) {
    fs.cpSync(path.join(repoRoot, entry), path.join(folder, entry), { recursive: true });
  }
  const pattern = new RegExp(`node_modules/(${LAZY_PACKAGES.map((name) => name.replace('/', '\\/')).join('|')})/.*\\.(js|mjs|cjs)$`);
  const tag = {
    name: 'tag-lazy-packages',
    setup(build) {
      build.onLoad({ filter: pattern }, (args) => {
        const name = LAZY_PACKAGES.find((candidate) => args.path.includes(`node_modules/${candidate}/`));
        const source = fs.readFileSync(args.path, 'utf8');
        const line = `(globalThis.__normalizationLabBenchInit ??= []).includes(${JSON.stringify(name)}) || globalThis.__normalizationLabBenchInit.push(${JSON.stringify(name)});\n`;
        return { contents: line + source, loader: 'js' };
      });
    },
  };
  await esbuild.build({
    entryPoints: { extension: path.join(repoRoot, 'src', 'extension.ts') },
    outdir: path.join(folder, 'dist'),
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [tag],
  });
  return folder;
}

/** The bench's model-file generator as CommonJS, for hostBench.js to require inside the host. */
async function buildModelFileModule() {
  const outfile = path.join(outputRoot, 'modelFile.cjs');
  await esbuild.build({ entryPoints: [path.join(repoRoot, 'test', 'bench', 'modelFile.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  return outfile;
}

/** The minimal extension as a .vsix (vsce, as for the real one). */
function packageBaseline() {
  const out = path.join(outputRoot, 'minimal.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const packaged = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], {
    cwd: path.join(repoRoot, 'test', 'bench', 'vscode', 'minimalExtension'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (packaged.status !== 0) throw new Error(`packaging the baseline extension failed:\n${packaged.stdout}\n${packaged.stderr}`);
  return out;
}

/** Polls every frame of the page for `text`; resolves to Date.now() when one shows it. */
async function findText(page, text, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate((wanted) => Boolean(document.body && document.body.innerText.includes(wanted)), text).catch(() => false);
      if (found) return Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`"${text}" did not appear within ${limitMs} ms`);
}

const PAINTED_TEXT = { explain: 'Why normalize inputs', bare: 'Bare webview painted' };

async function session(index, extensionFolder, baselineVsix, modelFileModule) {
  const benchDir = path.join(outputRoot, `session-${index}`);
  fs.rmSync(benchDir, { recursive: true, force: true });
  fs.mkdirSync(benchDir, { recursive: true });
  // The workbench loads one development path, so the baseline is installed from a .vsix.
  const vscodeSession = await startVsCode({ name: 'bench-vscode', vsix: baselineVsix });
  const results = [];
  try {
    const { page } = vscodeSession;
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    const failures = [];
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      fs.appendFileSync(path.join(benchDir, 'host.log'), `${line}\n`);
      if (line.startsWith('bench:result ')) results.push(JSON.parse(line.slice('bench:result '.length)));
      const mark = /^bench:mark (\w+) (\d+)/.exec(line);
      if (mark) {
        findText(page, PAINTED_TEXT[mark[1]])
          .then((at) => {
            // Written whole, then renamed: the host polls for the file and must never read it half-written.
            const file = path.join(benchDir, mark[1]);
            fs.writeFileSync(`${file}.partial`, String(at));
            fs.renameSync(`${file}.partial`, file);
          })
          .catch((error) => failures.push(error));
      }
      if (/Error|failed/.test(line) && !line.startsWith('bench:')) fs.appendFileSync(path.join(benchDir, 'errors.log'), `${line}\n`);
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(extensionFolder)],
      ['extensionTestsPath', remoteUri(path.join(repoRoot, 'test', 'bench', 'vscode', 'hostBench.js'))],
      [
        'extensionEnvironment',
        JSON.stringify({
          NORMALIZATION_LAB_BENCH_DIR: benchDir,
          NORMALIZATION_LAB_BENCH_BASELINE_FIRST: index % 2 ? '1' : '0',
          NORMALIZATION_LAB_BENCH_MODEL: modelFileModule,
          ...(process.env.NORMALIZATION_LAB_BENCH_SIZES ? { NORMALIZATION_LAB_BENCH_SIZES: process.env.NORMALIZATION_LAB_BENCH_SIZES } : {}),
        }),
      ],
    ];
    await page.goto(workbenchUrl(vscodeSession, payload), { waitUntil: 'commit', timeout: 120_000 });
    let timer;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SESSION_LIMIT_MS)))]);
    clearTimeout(timer);
    if (code !== 0) throw new Error(`session ${index}: the host bench ended with ${code} (see ${path.join(benchDir, 'host.log')})`);
    if (failures.length > 0) throw failures[0];
    return results;
  } finally {
    await vscodeSession.close();
  }
}

/** a / b to two decimals, or a dash when either is missing. */
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '—');

function formatMs(value) {
  return value === undefined ? '—' : `${value.toFixed(0)} ms`;
}

function printTable(all, sizes) {
  const pick = (name) => all.filter((result) => result.name === name);
  const rows = [];
  const activation = pick('activation');
  const initialised = [...new Set(activation.flatMap((result) => result.initialised))];
  const act = median(activation.map((r) => r.ms));
  const actBase = median(activation.map((r) => r.baselineMs));
  rows.push(['activation', formatMs(act), formatMs(actBase), ratio(act, actBase), '—', `${activation.length} sessions`]);
  rows.push([
    'modules initialised by activation',
    initialised.length === 0 ? 'none of markdown-it, KaTeX, @lezer/python' : initialised.join(', '),
    '—',
    '—',
    'none',
    initialised.length === 0 ? 'met' : 'MISSED',
  ]);
  const explain = pick('explain');
  const ex = median(explain.map((r) => r.ms));
  const exBase = median(explain.map((r) => r.baselineMs));
  rows.push(['Explain Normalization → lesson text painted', formatMs(ex), `${formatMs(exBase)} (bare webview)`, ratio(ex, exBase), '≤ 1.5× baseline', ex && exBase ? (ex / exBase <= 1.5 ? 'met' : 'MISSED') : '—']);
  for (const [count, goal] of [[100_000, 300], [1_000_000, 2000]]) {
    const runs = pick(`normalize-${count}`);
    const ms = median(runs.map((r) => r.ms));
    const stall = runs.length === 0 ? undefined : Math.max(...runs.map((r) => r.longestStallMs));
    const editMs = median(runs.map((r) => r.editMs));
    const editStall = runs.length === 0 ? undefined : Math.max(...runs.map((r) => r.editStallMs));
    rows.push([
      `Normalize Selection ${count.toLocaleString('en')} numbers → edit applied`,
      formatMs(ms),
      `${formatMs(editMs)} (editor.edit of the same text alone)`,
      ratio(ms, editMs),
      `≤ ${goal} ms`,
      ms === undefined ? '—' : ms <= goal ? 'met' : 'MISSED',
    ]);
    rows.push([`  longest extension-host stall during it`, formatMs(stall), `${formatMs(editStall)} (during that edit alone)`, ratio(stall, editStall), '≤ 100 ms', runs.length === 0 ? '—' : stall <= 100 ? 'met' : 'MISSED']);
  }
  const model = pick('model-code');
  if (model.length > 0) {
    const size = `${model[0].lines.toLocaleString('en')} lines`;
    const opened = median(model.map((r) => r.openedMs));
    const hover = median(model.map((r) => r.hoverMs));
    const edited = median(model.map((r) => r.afterEditMs));
    rows.push([`model code, ${size}: first hover (whole analysis)`, formatMs(opened), '—', '—', 'analysis ≤ 50 ms', opened <= 50 ? 'met' : 'MISSED']);
    const openedStall = Math.max(...model.map((r) => r.openedStallMs));
    rows.push([`  longest extension-host stall while it ran`, formatMs(openedStall), '—', '—', '—', '—']);
    const roundTrip = median(model.map((r) => r.roundTripMs));
    rows.push([`  hover after it`, `${hover.toFixed(1)} ms`, `${roundTrip.toFixed(1)} ms (same request, fixed hover, plain text)`, (hover / roundTrip).toFixed(2), '≤ 20 ms', hover <= 20 ? 'met' : 'MISSED']);
    const pythonRoundTrip = median(model.map((r) => r.pythonRoundTripMs));
    rows.push([`    same request, model code off`, '—', `${pythonRoundTrip.toFixed(1)} ms (VS Code's round trip on this Python document)`, (hover / pythonRoundTrip).toFixed(2), '—', '—']);
    rows.push([`  one-character edit → hover (incremental analysis)`, formatMs(edited), '—', '—', 'analysis ≤ 50 ms', edited <= 50 ? 'met' : 'MISSED']);
  }
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  rows.push(['.vsix size', kib(sizes.vsix), '—', '—', '≤ 600 KiB', sizes.vsix <= 600 * 1024 ? 'met' : 'MISSED']);
  rows.push(['extension bundle dist/extension.js', kib(sizes.extension), '—', '—', '—', '—']);
  for (const [file, bytes] of Object.entries(sizes.webview)) rows.push([`webview bundle dist/webview/${file}`, kib(bytes), '—', '—', '—', '—']);
  console.log('| measure | median | baseline (same run) | ratio | goal | |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

async function main() {
  console.log(`bench:vscode — ${RUNS} fresh VS Code sessions (code-server + Chromium), medians`);
  const sizes = packageAndSizes();
  const extensionFolder = await buildTaggedExtension();
  const baselineVsix = packageBaseline();
  const modelFileModule = await buildModelFileModule();
  const all = [];
  for (let index = 0; index < RUNS; index++) {
    const started = Date.now();
    all.push(...(await session(index, extensionFolder, baselineVsix, modelFileModule)));
    console.log(`  session ${index + 1}/${RUNS} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  fs.writeFileSync(path.join(outputRoot, 'results.json'), JSON.stringify({ sizes, results: all }, null, 2));
  printTable(all, sizes);
}

main().catch((error) => {
  console.error(`[bench:vscode] ${error.stack ?? error}`);
  process.exit(1);
});
