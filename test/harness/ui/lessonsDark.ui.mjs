// The same lesson in a dark and a high-contrast theme: colours come from theme variables only.
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, webviewFrameWith } from './workbench.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

async function backgroundOf(frame) {
  return frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

function luminance(rgb) {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

export const tests = [
  {
    name: 'in a dark theme the lesson is light text on a dark page',
    async run({ page, shots }) {
      await runCommand(page, 'Explain Normalization');
      const frame = await webviewFrameWith(page, 'form[data-quiz-id]');
      const background = luminance(await backgroundOf(frame));
      const text = luminance(await frame.evaluate(() => getComputedStyle(document.body).color));
      assert.ok(background < 0.3 && text > 0.6, `dark page, light text (background ${background}, text ${text})`);
      shots.push(await screenshot(page, 'lessons-dark-theme'));
    },
  },
  {
    name: 'switching to High Contrast re-colours the open lesson',
    async run({ page, shots }) {
      await runCommand(page, 'Preferences: Color Theme');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.fill('Dark High Contrast');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark High Contrast' }).first().click();
      const frame = await webviewFrameWith(page, 'form[data-quiz-id]');
      await page.waitForTimeout(500);
      const border = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-contrastBorder'));
      assert.ok(border.trim().length > 0, 'the high-contrast theme variables reach the page');
      shots.push(await screenshot(page, 'lessons-high-contrast'));
    },
  },
];
