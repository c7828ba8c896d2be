// The foundation's UI walk: the three ways in (Command Palette, activity bar, context menu).
import * as assert from 'node:assert/strict';
import { openActivityContainer, openFile, poll, runCommand, screenshot, webviewFrameWith } from './workbench.mjs';

export const files = {
  'weights.py': 'weights = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]]\n',
};

export const tests = [
  {
    name: 'Explain Normalization from the Command Palette opens the lesson panel',
    async run({ page, shots }) {
      await runCommand(page, 'Explain Normalization');
      const frame = await webviewFrameWith(page, 'main#root h1');
      const heading = await frame.locator('main#root h1').first().innerText();
      assert.ok(heading.trim().length > 0, 'the lesson panel shows a heading');
      shots.push(await screenshot(page, 'foundation-1-explain-panel'));
    },
  },
  {
    name: 'the activity-bar container shows the lessons tree',
    async run({ page, shots }) {
      await openActivityContainer(page);
      const rows = page.locator('.pane-body .monaco-list-row');
      await poll('lesson rows in the sidebar tree', async () => (await rows.count()) > 0);
      const firstRow = await rows.first().innerText();
      assert.ok(firstRow.trim().length > 0, 'the first tree row has a label');
      shots.push(await screenshot(page, 'foundation-2-sidebar-tree'));
    },
  },
  {
    name: 'selecting text in an editor and right-clicking offers Normalize Selection',
    async run({ page, shots }) {
      await openFile(page, 'weights.py');
      const text = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      await text.click();
      await page.keyboard.press('Control+A');
      await text.click({ button: 'right' });
      const item = page.locator('.monaco-menu .action-item .action-label', { hasText: 'Normalize Selection' }).first();
      await item.waitFor({ state: 'visible', timeout: 10_000 });
      shots.push(await screenshot(page, 'foundation-3-context-menu'));
      await page.keyboard.press('Escape');
    },
  },
];
