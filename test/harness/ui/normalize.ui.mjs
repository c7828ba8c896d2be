// Normalize Selection as a person uses it: select numbers, right-click, answer the pickers, read
// the result panel, replace the selection, and undo it in one step.
import * as assert from 'node:assert/strict';
import { acceptQuickPick, normalizeFromContextMenu, openFile, poll, screenshot, webviewFrameWith } from './workbench.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

const original = 'weights = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]]';
export const files = { 'weights.py': `${original}\n` };

// The one text editor on screen (the result panel opens in the group beside it).
const editorLines = (page) => page.locator('.monaco-editor .view-lines').first();

async function editorText(page) {
  return (await editorLines(page).innerText()).replace(/\u00a0/g, ' ').trim();
}

export const tests = [
  {
    name: 'context menu → LayerNorm → the result panel shows output, statistics and groups',
    async run({ page, shots }) {
      await openFile(page, 'weights.py');
      await normalizeFromContextMenu(page, editorLines(page));
      await acceptQuickPick(page, 'LayerNorm');
      shots.push(await screenshot(page, 'normalize-1-picker'));
      await acceptQuickPick(page); // normalized_shape: the default, the last axis
      await acceptQuickPick(page); // eps: the default
      const frame = await webviewFrameWith(page, 'button[data-action="replace"]');
      const body = await frame.locator('body').innerText();
      assert.match(body, /layer norm/i);
      assert.match(body, /-1\.22474/, 'the LayerNorm of [1, 2, 3] starts at -1.22474…');
      shots.push(await screenshot(page, 'normalize-2-result-panel'));
    },
  },
  {
    name: 'Replace selection writes Python back, and one undo restores the original',
    async run({ page, shots }) {
      const frame = await webviewFrameWith(page, 'button[data-action="replace"]');
      await frame.locator('button[data-action="replace"]').click();
      await poll('the normalized list in the editor', async () => /^weights = \[\[-1\.22/.test(await editorText(page)));
      shots.push(await screenshot(page, 'normalize-3-replaced'));
      await editorLines(page).click();
      await page.keyboard.press('Control+Z');
      await poll('the original text after one undo', async () => (await editorText(page)) === original);
    },
  },
];
