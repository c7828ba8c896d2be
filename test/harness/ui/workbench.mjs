// Helpers that drive the VS Code workbench in Chromium the way a person does: keyboard, mouse,
// the Command Palette, menus and webviews. Selectors are the workbench's own (see shared/E2E.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../setup.mjs';

export const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

export async function poll(what, check, { limitMs = 20_000, everyMs = 200 } = {}) {
  const deadline = Date.now() + limitMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${limitMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return path.relative(repoRoot, file);
}

export async function waitForWorkbench(page, containerTitle = 'Normalization Lab') {
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
  await page.waitForSelector(`.part.activitybar .action-item a[aria-label^="${containerTitle}"]`, { timeout: 60_000 });
}

/** F1, type the command's title, pick the row that shows it. */
export async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/** The first webview frame (the inner `#active-frame` document) in which `selector` exists. */
export async function webviewFrameWith(page, selector, limitMs = 30_000) {
  return poll(
    `a webview containing ${selector}`,
    async () => {
      for (const frame of page.frames()) {
        if (frame.isDetached()) continue;
        if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      }
      return undefined;
    },
    { limitMs },
  );
}

export async function openActivityContainer(page, title = 'Normalization Lab') {
  const sidebarTitle = page.locator('.part.sidebar .composite.title');
  const item = page.locator(`.part.activitybar .action-item:has(a[aria-label^="${title}"])`).first();
  await item.waitFor({ state: 'visible', timeout: 60_000 });
  // The item is `checked` while its container shows (clicking it then would close it again,
  // which a sidebar title still being drawn after a reload used to make us do).
  const shown = async () => (await item.getAttribute('class'))?.split(/\s+/).includes('checked') === true;
  if (!(await shown())) await item.locator('a').click();
  await poll(`the ${title} sidebar`, async () =>
    (await sidebarTitle.innerText().catch(() => '')).toLowerCase().includes(title.toLowerCase()),
  );
}

/** Opens a workspace file through Quick Open. */
export async function openFile(page, name) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

/** Accepts the open Quick Pick or input box, after typing `filter` when given. */
export async function acceptQuickPick(page, filter) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  if (filter) await input.fill(filter);
  await page.waitForTimeout(150);
  const widget = page.locator('.quick-input-widget');
  const titleOf = () => widget.locator('.quick-input-title').first().innerText({ timeout: 1000 }).catch(() => '');
  const before = await titleOf();
  await page.keyboard.press('Enter');
  // The next picker reuses the widget: wait until this one has gone (hidden, or another title), so
  // the next call cannot press Enter on the closing one and leave the next picker open.
  const end = Date.now() + 5_000;
  while (Date.now() < end && (await widget.isVisible()) && (await titleOf()) === before) await page.waitForTimeout(100);
}

/**
 * Selects all of the editor's text and runs Normalize Selection from its context menu. The menu
 * can swallow a click that arrives while it is still opening, so hover the item first.
 */
export async function normalizeFromContextMenu(page, lines) {
  await lines.click();
  await page.keyboard.press('Control+A');
  await lines.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item .action-label:visible', { hasText: 'Normalize Selection' }).first();
  await item.hover();
  await page.waitForTimeout(200);
  await item.click();
}
