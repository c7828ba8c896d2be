// `npm run test:electron`: the same Mocha integration tests on a desktop VS Code, through
// @vscode/test-electron. Give VSCODE_EXECUTABLE=/path/to/code to use an installed VS Code;
// without it, test-electron downloads one, which needs internet access (not available in CI here,
// where the code-server harness of `npm test` runs these tests instead).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './setup.mjs';

const build = spawnSync('node', ['esbuild.js', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

try {
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'dist-test', 'integration', 'index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { NORMALIZATION_LAB_REPO: repoRoot, NORMALIZATION_LAB_MODE: 'dev' },
  });
} catch (error) {
  console.error(`[test:electron] ${error.message ?? error}`);
  process.exit(1);
}
