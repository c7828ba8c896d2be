// Entry point that the browser's web worker extension host calls with `extensionTestsPath`: the
// same test files as the Node host's index, bundled into this one file (the worker loads no other
// module but `vscode`) with Mocha's browser build. `node esbuild.js --tests` writes it to
// dist-test/web/index.js; `test-files` is the list of test files it bundles.
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import { loadTestFiles, testFileCount } from 'test-files';
import { setTestEnvironment, type TestEnvironment } from '../environment';
import { reportSummary } from '../summary';

const extensionId = 'normalization-lab.normalization-lab';

/** The harness writes the run's environment next to this bundle in the extension's folder (the worker has no process.env). */
async function readEnvironment(): Promise<TestEnvironment> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded in this extension host`);
  const file = vscode.Uri.joinPath(extension.extensionUri, 'dist-test', 'web', 'environment.json');
  const stored = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Omit<TestEnvironment, 'host'>;
  return { ...stored, host: 'web' };
}

export async function run(): Promise<void> {
  const environment = await readEnvironment();
  setTestEnvironment(environment);
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, ...(environment.grep ? { grep: environment.grep } : {}) });
  // After setup: the files call describe() and it() as they load.
  loadTestFiles();
  console.log(`integration: start (${environment.mode} mode, web worker host, ${testFileCount} files)`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      reportSummary(runner.stats);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
