// Every lesson read as a learner reads them in the panel: opened one after the other with Next and
// photographed a screen at a time while the page is scrolled to its end (the tour photographs
// each lesson whole, which is too small to read). Used by lessonPages.ui.mjs (English, light)
// and lessonPagesChineseDark.ui.mjs (Chinese, dark).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../setup.mjs';
import { COURSE } from './tourSteps.mjs';
import { poll, runCommand, screenshotDir, webviewFrameWith } from './workbench.mjs';

const LESSONS = COURSE;
const CJK = /[\u4e00-\u9fff]/;
/** A lesson longer than this many screens is a runaway scroll, not a lesson. */
const MAX_SCREENS = 40;

/** The panel's webview as it is on screen now, as one PNG. */
async function panelShot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  const box = await page.locator('iframe.webview.ready').first().boundingBox();
  assert.ok(box, 'the lesson panel is on screen');
  await page.screenshot({ path: file, clip: box, animations: 'disabled' });
  return path.relative(repoRoot, file);
}

export function lessonPageTests(language, shotPrefix) {
  return LESSONS.map((id, index) => ({
    name: `lesson ${index + 1} (${id}) in ${language}: title, quizzes, no error box, read screen by screen`,
    async run({ page, shots }) {
      if (index === 0) {
        await runCommand(page, 'Explain Normalization');
      } else {
        const previous = await webviewFrameWith(page, `#root[data-lesson-id="${LESSONS[index - 1]}"]`);
        await previous.locator('nav.nl-lesson-nav-bottom button.nl-next').click();
      }
      const frame = await webviewFrameWith(page, `#root[data-lesson-id="${id}"]`);
      const title = (await frame.locator('#lesson-title').innerText()).trim();
      assert.ok(title.length > 0, 'the lesson has a title heading');
      assert.equal(CJK.test(title), language === 'zh-cn', `the title "${title}" is in the lesson language`);
      const quizzes = await frame.locator('div.nl-quiz').count();
      assert.ok(quizzes > 0, 'the lesson has quizzes');
      assert.equal(await frame.locator('div.nl-quiz > form.nl-quiz-form').count(), quizzes, 'every quiz mounted as a form');
      assert.deepEqual(await frame.locator('.nl-error').allInnerTexts(), [], 'no error box in the lesson');
      assert.equal(await frame.locator('.katex-error').count(), 0, 'no formula failed to typeset');
      await frame.evaluate(() => document.fonts.ready);
      await frame.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);

      const prefix = `${shotPrefix}-${language}-${String(index + 1).padStart(2, '0')}`;
      let screens = 0;
      for (;;) {
        screens += 1;
        assert.ok(screens <= MAX_SCREENS, `lesson ends within ${MAX_SCREENS} screens`);
        shots.push(await panelShot(page, `${prefix}-${String(screens).padStart(2, '0')}`));
        const atEnd = await frame.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
        if (atEnd) break;
        const before = await frame.evaluate(() => window.scrollY);
        await frame.evaluate(() => window.scrollBy(0, Math.round(window.innerHeight * 0.9)));
        await poll('the lesson to scroll', async () => (await frame.evaluate(() => window.scrollY)) > before, { limitMs: 5_000 });
        await page.waitForTimeout(150);
      }
      assert.ok(screens > 1, 'the lesson is longer than one screen and was scrolled');
    },
  }));
}
