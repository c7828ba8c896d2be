// Entry point that VS Code's Node extension host calls with `extensionTestsPath` (the same contract
// @vscode/test-electron uses): runs every *.test.js bundled next to this file with Mocha.
// The browser's web worker host runs the same tests through web/index.ts instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { nodeTestEnvironment, setTestEnvironment } from './environment';
import { reportSummary } from './summary';

export function run(): Promise<void> {
  const environment = nodeTestEnvironment(process.env);
  setTestEnvironment(environment);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: 'spec',
    grep: environment.grep || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  console.log(`integration: start (${environment.mode} mode, Node host, ${files.length} files)`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      reportSummary(runner.stats);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
