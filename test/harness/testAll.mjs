// `npm test`: every test, in the order that fails fastest, each step under its own time limit.
//   1. the real-VS-Code toolchain (installs system packages, Node 24 and code-server on first run)
//   2. type checks, 2b. lint (the architecture's boundaries), 3. unit tests (vitest), 4. lessons:check,
//   5. conformance on test/golden
//   6. the .vsix, 7. integration tests inside VS Code from source and from the installed .vsix
//   8. UI tests driven in Chromium
// Ends with one closing line `N passed, N failed` over all tests that were run.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureToolchain, repoRoot } from './setup.mjs';
import { runIntegration } from './runIntegration.mjs';
import { runUi } from './runUi.mjs';

const outputDir = path.join(repoRoot, 'test-output');
const totals = { passed: 0, failed: 0 };
const timings = [];

function run(command, args, { limitMs, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, detached: true, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let output = '';
    if (capture) child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    const timer = setTimeout(() => {
      console.error(`\n[test] ${command} ${args.join(' ')} exceeded ${limitMs / 1000} s; stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, limitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

async function step(name, action) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  let ok;
  try {
    ok = await action();
  } catch (error) {
    console.error(`[test] ${name}: ${error.stack ?? error}`);
    ok = false;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
  return ok;
}

/** A step that is one check rather than a suite counts as one test. */
function countCheck(ok) {
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  return ok;
}

async function main() {
  fs.mkdirSync(outputDir, { recursive: true });
  const toolchainReady = await step('toolchain for the real-VS-Code tests', async () => {
    ensureToolchain();
    return true;
  });

  await step('type check (host and core, then webview)', async () => {
    const host = await run('npx', ['tsc', '--noEmit', '-p', '.'], { limitMs: 180_000 });
    const webview = await run('npx', ['tsc', '--noEmit', '-p', 'src/webview'], { limitMs: 180_000 });
    return countCheck(host.code === 0 && webview.code === 0);
  });

  await step("lint (the architecture's boundaries, eslint.config.mjs)", async () =>
    countCheck((await run('npx', ['eslint', 'src'], { limitMs: 180_000 })).code === 0),
  );

  await step('unit tests (vitest)', async () => {
    const report = path.join(outputDir, 'vitest.json');
    fs.rmSync(report, { force: true });
    const result = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`], {
      limitMs: 600_000,
    });
    if (fs.existsSync(report)) {
      const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
      totals.passed += summary.numPassedTests;
      totals.failed += summary.numFailedTests + (summary.numFailedTestSuites ?? 0);
    } else {
      totals.failed += 1;
    }
    return result.code === 0;
  });

  await step('lessons:check', async () => countCheck((await run('npx', ['tsx', 'src/cli/lessonsCheck.ts'], { limitMs: 120_000 })).code === 0));

  const golden = path.join(repoRoot, 'test', 'golden', 'normalization-cases.json');
  await step('conformance on the golden cases (test/golden)', async () =>
    countCheck((await run('npx', ['tsx', 'src/cli/conformance.ts', golden], { limitMs: 120_000 })).code === 0),
  );

  const vsix = path.join(repoRoot, 'dist', 'normalization-lab.vsix');
  const packaged = await step('package the .vsix', async () => {
    fs.rmSync(vsix, { force: true });
    const result = await run('npm', ['run', '-s', 'package'], { limitMs: 300_000 });
    return countCheck(result.code === 0 && fs.existsSync(vsix));
  });
  if (packaged) console.log(`[test] .vsix: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB`);

  const built = await step('build the extension and the integration tests', async () =>
    countCheck((await run('node', ['esbuild.js', '--tests'], { limitMs: 180_000 })).code === 0),
  );

  if (toolchainReady && built) {
    for (const mode of ['dev', ...(packaged ? ['vsix'] : [])]) {
      await step(`integration tests inside VS Code (${mode === 'dev' ? 'from source' : 'installed .vsix'})`, async () => {
        const result = await runIntegration({ vsix: mode === 'vsix' ? vsix : undefined });
        totals.passed += result.passed;
        totals.failed += result.failed;
        return result.code === 0 && result.failed === 0 && result.passed > 0;
      });
    }
    await step('UI tests in the workbench, driven in Chromium', async () => {
      const result = await runUi();
      totals.passed += result.passed;
      totals.failed += result.failed;
      return result.failed === 0 && result.passed > 0;
    });
  } else {
    totals.failed += 1;
    console.error('[test] the real-VS-Code tests could not run (see above)');
  }

  console.log(`\n=== summary\n${timings.join('\n')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed === 0 && timings.every((line) => line.startsWith('ok')) ? 0 : 1);
}

await main();
