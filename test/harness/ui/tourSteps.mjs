// The course read end to end in one language, as a learner pages through it with Next: each
// lesson is checked for what a reader would notice (a formula KaTeX refused, an error box, a
// quiz or lab that did not mount, an image that did not load) and photographed whole, for people
// to read. Used by tour.ui.mjs (English) and tourChinese.ui.mjs (the lessonLanguage setting).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../setup.mjs';
import { poll, runCommand, screenshotDir, webviewFrameWith } from './workbench.mjs';

/** The course in order (lessons/README.md); each lesson has a Next button to the following one. */
export const COURSE = ['why-normalize-inputs', 'batch-norm', 'layer-norm', 'norm-family', 'activation-functions', 'putting-it-together', 'norm-optimization', 'norm-in-code'];

const CJK = /[\u4e00-\u9fff]/;

/**
 * The whole lesson page as one PNG. A webview paints only what its panel shows, so the window
 * is made as tall as the lesson for the photograph, then given back its size.
 */
export async function fullPageShot(page, frame, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  const viewport = page.viewportSize();
  const height = await frame.evaluate(() => document.documentElement.scrollHeight);
  try {
    await page.setViewportSize({ width: viewport.width, height: Math.min(height + 200, 16_000) });
    await poll('the panel to show the whole lesson', async () =>
      frame.evaluate(() => window.innerHeight >= document.documentElement.scrollHeight - 1),
    );
    await frame.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await frame.locator('body').screenshot({ path: file, animations: 'disabled' });
  } finally {
    await page.setViewportSize(viewport);
  }
  return path.relative(repoRoot, file);
}

/** What a reader of lesson `id` in `language` sees, checked; returns the frame. */
async function checkLesson(page, id, language) {
  const frame = await webviewFrameWith(page, `#root[data-lesson-id="${id}"]`);
  assert.equal(await frame.locator('html').getAttribute('lang'), language, 'the page is in the lesson language (the labs read it)');
  const title = await frame.locator('#lesson-title').innerText();
  assert.equal(CJK.test(title), language === 'zh-cn', `the title "${title}" is in the lesson language`);

  const mounts = await frame.locator('div.nl-quiz').count();
  assert.ok(mounts > 0, 'the lesson has quizzes');
  assert.equal(await frame.locator('div.nl-quiz > form.nl-quiz-form').count(), mounts, 'every quiz mounted as a form');
  const unmountedLabs = () =>
    frame.locator('div.nl-lab[data-lab]').evaluateAll((nodes) =>
      nodes.filter((node) => node.dataset.mounted !== 'true').map((node) => `${node.dataset.lab}: ${node.innerText.slice(0, 300)}`),
    );
  await poll('every lab to mount', async () => (await unmountedLabs()).length === 0).catch(async (error) => {
    throw new Error(`${error.message}; not mounted: ${JSON.stringify(await unmountedLabs())}`);
  });
  assert.ok((await frame.locator('.katex').count()) > 0, 'the lesson has typeset math');
  assert.equal(await frame.locator('.katex-error').count(), 0, 'no formula failed to typeset');
  assert.deepEqual(await frame.locator('.nl-error').allInnerTexts(), [], 'no error box in the lesson');
  assert.equal(await frame.locator('.nl-fallback').count(), 0, 'no quiz or lab left as its fallback text');

  const images = frame.locator('article img');
  assert.ok((await images.count()) > 0, 'the lesson has its diagram');
  await poll('every image to load', async () =>
    (await images.evaluateAll((nodes) => nodes.map((node) => node.complete && node.naturalWidth > 0))).every(Boolean),
  );
  // A diagram in the other language would slip through the checks above; its file name says which it is.
  const sources = await images.evaluateAll((nodes) => nodes.map((node) => decodeURIComponent(node.src)));
  for (const source of sources) assert.equal(/-zh\.svg$/.test(source), language === 'zh-cn', `diagram ${source} is in the lesson language`);

  // Under each worked example, the sentence that says what was pooled speaks the lesson language.
  for (const sentence of await frame.locator('.nl-normalize-pooling').allInnerTexts()) {
    assert.equal(CJK.test(sentence), language === 'zh-cn', `pooling sentence "${sentence}" is in the lesson language`);
  }
  // Chinese lines in the labs use Chinese punctuation, not an English ": " or ". " stitched in between.
  if (language === 'zh-cn') {
    for (const line of await frame.locator('.nl-lab-pooling').allInnerTexts()) {
      assert.doesNotMatch(line, /[\u4e00-\u9fff][.:,] /, `lab line "${line}" uses Chinese punctuation`);
    }
  }
  return frame;
}

/** `shotPrefix` names the photographs, so a second theme's tour does not overwrite the first's. */
export function tourTests(language, shotPrefix = 'tour') {
  return COURSE.map((id, index) => ({
    name: `lesson ${index + 1} (${id}) in ${language}: quizzes and labs mounted, math typeset, images loaded, photographed whole`,
    async run({ page, shots }) {
      if (index === 0) {
        await runCommand(page, 'Explain Normalization');
      } else {
        const previous = await webviewFrameWith(page, `#root[data-lesson-id="${COURSE[index - 1]}"]`);
        await previous.locator('nav.nl-lesson-nav-bottom button.nl-next').click();
      }
      const frame = await checkLesson(page, id, language);
      // Let the labs' first drawing and the fonts settle before the photograph.
      await frame.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300);
      shots.push(await fullPageShot(page, frame, `${shotPrefix}-${language}-${String(index + 1).padStart(2, '0')}`));
    },
  }));
}
