// Normalization layers in the user's own model code, as a person meets them: hover a GroupNorm
// in a .py file and read what it pools for its numbers, see the squiggle on a BatchNorm that
// disagrees with the Conv2d before it, then click the Explore pooling CodeLens and land in the
// tensor explorer on that layer's op and grouping.
import * as assert from 'node:assert/strict';
import { openFile, poll, screenshot, webviewFrameWith } from './workbench.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'editor.hover.delay': 100 };

export const files = {
  'unet_block.py': [
    'import torch.nn as nn',
    '',
    '',
    'class Block(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.conv = nn.Conv2d(4, 256, 3, padding=1)',
    '        self.norm = nn.GroupNorm(32, 256)',
    '        self.stem = nn.Sequential(nn.Conv2d(3, 96, 5), nn.ReLU(), nn.BatchNorm2d(48))',
    '',
  ].join('\n'),
};

const editor = (page) => page.locator('.editor-group-container.active .monaco-editor').first();

/** Puts the cursor at line:column (Go to Line) and shows the hover there from the keyboard (Ctrl+K Ctrl+I). */
async function hoverAt(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
}
const explorerSelector = 'div.nl-lab[data-lab="tensor-explorer"][data-mounted="true"]';

export const tests = [
  {
    name: 'hovering nn.GroupNorm(32, 256) says it pools 8 channels × (H, W) per group, 32 groups, with links',
    async run({ page, shots }) {
      await openFile(page, 'unet_block.py');
      await editor(page).locator('.codelens-decoration a', { hasText: 'Explore pooling' }).first().waitFor({ timeout: 30_000 });
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'per group' });
      await poll('the GroupNorm hover', async () => {
        await hoverAt(page, 8, 27);
        await page.waitForTimeout(500);
        return (await hover.count()) > 0 && (await hover.first().isVisible());
      }, { limitMs: 40_000, everyMs: 1000 });
      const text = await hover.first().innerText();
      assert.match(text, /Per sample, over 8 channels × \(H, W\) per group, 32 groups/);
      assert.match(text, /Open the lesson/);
      assert.match(text, /Explore pooling/);
      shots.push(await screenshot(page, 'model-code-1-hover-groupnorm'));
      await page.keyboard.press('Escape');
      await page.mouse.move(0, 0);
    },
  },
  {
    name: 'the BatchNorm after Conv2d(3, 96, 5) is squiggled and its hover gives the message',
    async run({ page, shots }) {
      await editor(page).locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 20_000 });
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'set num_features to 96' });
      const column = files['unet_block.py'].split('\n')[8].indexOf('48)') + 2;
      await poll('the diagnostic in a hover', async () => {
        await hoverAt(page, 9, column);
        await page.waitForTimeout(500);
        return (await hover.count()) > 0;
      }, { limitMs: 30_000, everyMs: 1000 });
      shots.push(await screenshot(page, 'model-code-2-diagnostic'));
      await page.keyboard.press('Escape');
      await page.mouse.move(0, 0);
    },
  },
  {
    name: 'clicking Explore pooling above the GroupNorm opens the explorer on group_norm with 8 channels per group',
    async run({ page, shots }) {
      // Lenses are listed in line order: BatchNorm's line comes after GroupNorm's, so the first is GroupNorm's.
      await page.keyboard.press('Control+Home');
      const lens = editor(page).locator('.codelens-decoration a', { hasText: 'Explore pooling' }).first();
      await lens.waitFor({ timeout: 20_000 });
      await lens.click();
      const frame = await webviewFrameWith(page, explorerSelector, 40_000);
      const root = frame.locator(explorerSelector).first();
      await root.scrollIntoViewIfNeeded();
      assert.equal(await root.getAttribute('data-op'), 'group_norm');
      // Shape (2, 16, 4) with 2 groups: 2 samples × 2 groups = 4 pools of 8 channels × 4 positions.
      assert.equal(await root.getAttribute('data-group-count'), '4');
      assert.equal(await root.locator('.nl-lab-cell').count(), 128);
      const body = await frame.locator('body').innerText();
      assert.match(body, /nn\.GroupNorm: pooling on an example/);
      shots.push(await screenshot(page, 'model-code-3-explorer-from-codelens'));
    },
  },
];
