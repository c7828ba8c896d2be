// Lesson 7's scale-invariance lab and lesson 8's tour link, driven like a learner: move the
// weight scale and see the output stay while the gradient shrinks; follow the link and get the
// example model. Used by scaleLab.ui.mjs (English, light), scaleLabDark.ui.mjs and
// scaleLabChinese.ui.mjs; each photographs the lab and both lessons whole, for people to read.
import * as assert from 'node:assert/strict';
import { fullPageShot } from './tourSteps.mjs';
import { openActivityContainer, poll, screenshot, webviewFrameWith } from './workbench.mjs';

const TITLES = {
  en: { optimization: 'How normalization helps optimization', code: 'Normalization in real code', scale: 'Weight scale s', link: 'Open the example model' },
  'zh-cn': { optimization: '归一化如何帮助优化', code: '真实代码里的归一化', scale: '权重缩放 s', link: '打开示例模型' },
};

async function openLesson(page, title, quizPrefix) {
  await openActivityContainer(page);
  await page.locator('.pane-body .monaco-list-row', { hasText: title }).first().click();
  return webviewFrameWith(page, `form[data-quiz-id^="${quizPrefix}-"]`);
}

const attributes = async (root) => ({
  scale: Number(await root.getAttribute('data-scale')),
  output: await root.getAttribute('data-output'),
  gradient: Number(await root.getAttribute('data-gradient-norm')),
  step: Number(await root.getAttribute('data-effective-step')),
});

/** `language` is the lesson language, `theme` only names the screenshots. */
export function scaleLabTests(language, theme) {
  const words = TITLES[language];
  const tag = `${language}-${theme}`;
  return [
    {
      name: `lesson 7 (${tag}): a larger weight scale keeps the output and shrinks the gradient as 1/s`,
      async run({ page, shots }) {
        const frame = await openLesson(page, words.optimization, 'opt');
        const selector = 'div.nl-lab[data-lab="scale-invariance"][data-mounted="true"]';
        await frame.locator(selector).waitFor({ timeout: 20_000 });
        const root = frame.locator(selector).first();
        await root.scrollIntoViewIfNeeded();
        assert.match(await root.locator('label', { hasText: words.scale }).innerText(), new RegExp(words.scale), 'the scale field is labelled in the lesson language');
        const start = await attributes(root);
        assert.equal(start.scale, 1);
        shots.push(await screenshot(page, `scale-lab-1-start-${tag}`));

        // Type a scale, as a learner would.
        await root.locator('input.nl-lab-scale').fill('4');
        await root.locator('input.nl-lab-scale').press('Enter');
        await poll('the lab at s = 4', async () => (await attributes(root)).scale === 4);
        const four = await attributes(root);
        assert.equal(four.output, start.output, 'the normalized output is the same at s = 4');
        assert.ok(Math.abs(four.gradient * 4 - start.gradient) < 1e-9 * start.gradient, `the gradient is 1/4 (${four.gradient} vs ${start.gradient})`);
        assert.ok(Math.abs(four.step * 16 - start.step) < 1e-9 * start.step, 'the effective step is 1/16');
        assert.match(await root.locator('[data-testid=lab-gradient-norm]').innerText(), /\d/);

        // The slider, by keyboard only.
        await root.locator('input.nl-lab-scale-slider').focus();
        for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
        await poll('the slider lowered s', async () => (await attributes(root)).scale < 4);
        const lowered = await attributes(root);
        assert.equal(lowered.output, start.output, 'still the same output');
        assert.ok(lowered.gradient > four.gradient, 'a smaller scale has a larger gradient');
        await root.scrollIntoViewIfNeeded();
        shots.push(await screenshot(page, `scale-lab-2-moved-${tag}`));

        // BatchNorm: the same holds per feature.
        await root.locator('select.nl-lab-norm').selectOption('batch_norm');
        await poll('BatchNorm drawn', async () => (await attributes(root)).output !== start.output);
        assert.match(await root.locator('[data-testid=lab-gradient-check]').innerText(), /e−1[0-9]/, 'the backward check shows rounding-sized sums');
        shots.push(await fullPageShot(page, frame, `scale-lab-3-lesson7-${tag}`));
      },
    },
    {
      name: `lesson 8 (${tag}): the tour's link opens the example model beside the lesson`,
      async run({ page, shots }) {
        const frame = await openLesson(page, words.code, 'code');
        const link = frame.locator('a[data-command="normalizationLab.openExampleModel"]');
        assert.equal(await link.count(), 1, 'the tour has one command link');
        assert.match(await link.innerText(), new RegExp(words.link));
        await link.scrollIntoViewIfNeeded();
        shots.push(await screenshot(page, `scale-lab-4-lesson8-link-${tag}`));
        await link.click();
        const editor = page.locator('.editor-group-container .monaco-editor .view-lines', { hasText: 'class SmallNet' });
        await poll('the example model in an editor', async () => (await editor.count()) > 0);
        // The lesson stays open next to it.
        assert.ok((await frame.locator('a[data-command]').count()) === 1, 'the lesson is still shown');
        shots.push(await screenshot(page, `scale-lab-5-example-open-${tag}`));
        shots.push(await fullPageShot(page, frame, `scale-lab-6-lesson8-${tag}`));
      },
    },
  ];
}
