// Entry point that VS Code's extension host calls with `extensionTestsPath` (the same contract
// @vscode/test-electron uses): runs every *.test.js bundled next to this file with Mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: 'spec',
    grep: process.env.NORMALIZATION_LAB_TEST_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  console.log(`integration: start (${process.env.NORMALIZATION_LAB_MODE ?? 'dev'} mode, ${files.length} files)`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
      // The harness reads this line to add these tests to the run's closing summary.
      console.log(`integration: ${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
