// UI tests: a person's walk through the extension in the real workbench, driven in Chromium.
// Each test/harness/ui/*.ui.mjs module gets its own fresh VS Code (its `files` written into the
// workspace, its `settings` applied) and runs its `tests` in order. Screenshots of every step go
// to test-output/screenshots/ (git-ignored) for people to look at.
//   node test/harness/runUi.mjs [name-fragment]
// Ends with the line `ui: N passed, N failed`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, remoteUri, startVsCode, workbenchUrl } from './vscodeSession.mjs';
import { screenshot, waitForWorkbench } from './ui/workbench.mjs';

const uiFolder = path.join(repoRoot, 'test', 'harness', 'ui');

async function runModule(file) {
  const module = await import(pathToFileURL(path.join(uiFolder, file)).href);
  const name = file.replace(/\.ui\.mjs$/, '');
  const results = [];
  const session = await startVsCode({ name: `ui-${name}`, settings: module.settings, locale: module.locale, keybindings: module.keybindings });
  try {
    for (const [fileName, content] of Object.entries(module.files ?? {})) {
      fs.writeFileSync(path.join(session.folders.workspace, fileName), content);
    }
    const { page } = session;
    page.on('pageerror', (error) => session.logs.push(`pageerror: ${error.message}`));
    await page.goto(workbenchUrl(session, [['extensionDevelopmentPath', remoteUri(repoRoot)]]));
    await waitForWorkbench(page);
    for (const test of module.tests) {
      const shots = [];
      const started = Date.now();
      try {
        await test.run({ page, shots, session });
        results.push({ name: `${name}: ${test.name}`, ok: true, ms: Date.now() - started, shots });
        console.log(`  ✔ ${name}: ${test.name} (${Date.now() - started} ms)`);
      } catch (error) {
        const shot = await screenshot(page, `FAILED-${name}-${results.length + 1}`).catch(() => undefined);
        results.push({ name: `${name}: ${test.name}`, ok: false, error, shots: shot ? [shot] : [] });
        console.log(`  ✘ ${name}: ${test.name}\n      ${String(error.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`);
        if (shot) console.log(`      screenshot: ${shot}`);
      }
    }
  } finally {
    await session.close();
  }
  return results;
}

export async function runUi(filter) {
  const modules = fs
    .readdirSync(uiFolder)
    .filter((file) => file.endsWith('.ui.mjs'))
    .filter((file) => !filter || file.includes(filter))
    .sort();
  const results = [];
  for (const file of modules) {
    try {
      results.push(...(await runModule(file)));
    } catch (error) {
      console.log(`  ✘ ${file}: could not start VS Code: ${error.message}`);
      results.push({ name: file, ok: false, error, shots: [] });
    }
  }
  const passed = results.filter((result) => result.ok).length;
  const failed = results.length - passed;
  const shots = results.flatMap((result) => result.shots);
  if (shots.length > 0) console.log(`screenshots:\n${shots.map((shot) => `  ${shot}`).join('\n')}`);
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { failed, passed } = await runUi(process.argv[2]);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
