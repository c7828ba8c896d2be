// Runs the Mocha tests of test/integration inside a real VS Code extension host (code-server).
//   node test/harness/runIntegration.mjs                 the extension loaded from source (development mode)
//   node test/harness/runIntegration.mjs --vsix FILE     the packaged .vsix installed with --install-extension
//   node test/harness/runIntegration.mjs --web           in the browser's web worker extension host (as on
//                                                        vscode.dev), with dist-test/web/index.js; with --vsix too: the .vsix there
//   --grep TEXT                                          only the tests whose title matches
// Prints the tests' output and ends with the line `integration: N passed, N failed`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runExtensionTests, startVsCode, webWorkerSettings } from './vscodeSession.mjs';

const extensionId = 'normalization-lab.normalization-lab';

function argument(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The folder `--install-extension` unpacked the .vsix into. */
function installedExtension(extensionsDir) {
  const folder = fs.readdirSync(extensionsDir).find((name) => name.startsWith(`${extensionId}-`));
  if (!folder) throw new Error(`the .vsix was not installed under ${extensionsDir}`);
  return path.join(extensionsDir, folder);
}

/**
 * Puts the web test bundle and the run's environment (the web worker has no process.env) into
 * `extensionFolder`/dist-test/web: the workbench runs tests in the host of the extension whose
 * folder holds them, so for the installed .vsix they go next to it (the .vsix's own files are untouched).
 */
function prepareWebTests(extensionFolder, environment) {
  const target = path.join(extensionFolder, 'dist-test', 'web');
  const bundle = path.join(repoRoot, 'dist-test', 'web', 'index.js');
  fs.mkdirSync(target, { recursive: true });
  if (path.join(target, 'index.js') !== bundle) fs.copyFileSync(bundle, path.join(target, 'index.js'));
  fs.writeFileSync(path.join(target, 'environment.json'), JSON.stringify({ ...environment, grep: environment.grep ?? '' }));
  return path.join(target, 'index.js');
}

/**
 * `vsix`: test this packaged extension, installed, instead of the source tree.
 * `web`: move the extension (either one) into the browser's web worker extension host.
 */
export async function runIntegration({ vsix, web = false, grep, name } = {}) {
  const mode = vsix ? 'vsix' : 'dev';
  const runName = web ? `web-${mode}` : mode;
  const session = await startVsCode({
    name: name ?? runName,
    vsix,
    settings: {
      // Registers the extension's test-only commands also when the installed .vsix runs (see src/host/testSupport.ts).
      'normalizationLab.internal.testCommands': true,
      ...(web ? webWorkerSettings(extensionId) : {}),
    },
  });
  // In installed mode the workbench still needs a development path to run tests at all; an empty
  // folder adds no extension, so the one under test is the .vsix installed above.
  const developmentPath = vsix ? path.join(session.scratch, 'no-extension') : repoRoot;
  fs.mkdirSync(developmentPath, { recursive: true });
  const logFile = path.join(repoRoot, 'test-output', 'logs', `integration-${runName}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  let summary = { passed: 0, failed: 0 };
  let inTests = false;
  let testsIndex = path.join(repoRoot, 'dist-test', 'integration', 'index.js');
  if (web) testsIndex = prepareWebTests(vsix ? installedExtension(session.folders.extensions) : repoRoot, { mode, grep, repoPath: repoRoot, extensionsDir: session.folders.extensions });
  try {
    const code = await runExtensionTests(session, {
      testsIndex,
      developmentPath,
      webWorker: web,
      environment: {
        NORMALIZATION_LAB_TEST_GREP: grep ?? '',
        NORMALIZATION_LAB_REPO: repoRoot,
        NORMALIZATION_LAB_MODE: mode,
        NORMALIZATION_LAB_EXTENSIONS_DIR: session.folders.extensions,
      },
      onLog: (line) => {
        log.write(`${line}\n`);
        // The workbench's own console (gallery look-ups and the like) goes to the log file only.
        if (line.startsWith('integration: start')) inTests = true;
        if (inTests) console.log(line);
        const match = /^integration: (\d+) passed, (\d+) failed/.exec(line);
        if (match) {
          summary = { passed: Number(match[1]), failed: Number(match[2]) };
          inTests = false;
        }
      },
    });
    if (code !== 0 && summary.failed === 0) summary.failed = 1; // the host failed before or outside Mocha
    return { code, ...summary };
  } finally {
    log.end();
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runIntegration({
    vsix: argument('--vsix') && path.resolve(argument('--vsix')),
    web: process.argv.includes('--web'),
    grep: argument('--grep'),
  }).catch(
    (error) => {
      console.error(`[integration] ${error.stack ?? error}`);
      return { code: 1, passed: 0, failed: 1 };
    },
  );
  process.exit(result.code === 0 ? 0 : 1);
}
