// What survives "Developer: Reload Window": the open lesson panel (same lesson, same scroll
// position, through the webview serializer) and the learner's progress in the sidebar.
import * as assert from 'node:assert/strict';
import { openActivityContainer, poll, runCommand, screenshot, waitForWorkbench, webviewFrameWith } from './workbench.mjs';

async function rowText(page, title) {
  await openActivityContainer(page);
  const row = page.locator('.pane-body .monaco-list-row', { hasText: title }).first();
  return `${(await row.getAttribute('aria-label')) ?? ''} ${await row.innerText()}`;
}

export const tests = [
  {
    name: 'after a window reload the panel is back at the same lesson and scroll position, and the score is kept',
    async run({ page, shots }) {
      await openActivityContainer(page);
      await page.locator('.pane-body .monaco-list-row', { hasText: 'LayerNorm' }).first().click();
      let frame = await webviewFrameWith(page, 'form[data-quiz-id^="ln-"]');
      // Answer one quiz right, then scroll well down the lesson.
      const form = frame.locator('form[data-quiz-type="single"]').first();
      const id = await form.getAttribute('data-quiz-id');
      await form.locator('input[type="radio"]').first().check();
      await form.locator('button.nl-check').click();
      const verdictBefore = frame.locator(`.nl-verdict[data-quiz-id="${id}"]`);
      await poll('a verdict', async () => /Correct|Not quite/.test(await verdictBefore.innerText()));
      const right = (await verdictBefore.innerText()).includes('Correct') ? 1 : 0;
      const scoreBefore = await poll('the answer to reach the sidebar', async () => {
        const score = /(\d+)\/(\d+) right/.exec(await rowText(page, 'LayerNorm'));
        return score && Number(score[1]) === right ? `${score[1]}/${score[2]}` : undefined;
      });
      await frame.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const scrolledTo = await frame.evaluate(() => window.scrollY);
      assert.ok(scrolledTo > 500, 'the lesson scrolled down');
      // VS Code saves a webview's state a little after it changes.
      await page.waitForTimeout(2500);

      await runCommand(page, 'Developer: Reload Window');
      await page.waitForTimeout(1000);
      await waitForWorkbench(page);
      frame = await webviewFrameWith(page, 'form[data-quiz-id^="ln-"]', 60_000);
      await poll('the restored scroll position', async () => Math.abs((await frame.evaluate(() => window.scrollY)) - scrolledTo) < 150, {
        limitMs: 15_000,
      });
      const verdict = await frame.locator(`.nl-verdict[data-quiz-id="${id}"]`).innerText();
      assert.ok(verdict.trim().length > 0, 'the answered quiz shows its verdict again');
      assert.equal(/(\d+\/\d+)/.exec(await rowText(page, 'LayerNorm'))?.[1], scoreBefore, 'the score is kept');
      shots.push(await screenshot(page, 'reload-1-restored-lesson'));
    },
  },
];
