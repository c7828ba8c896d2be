// A learner's walk through a lesson: answer quizzes with the mouse and with the keyboard, see the
// verdict and the explanation, and watch the sidebar's score change. Light theme.
import * as assert from 'node:assert/strict';
import { openActivityContainer, poll, runCommand, screenshot, webviewFrameWith } from './workbench.mjs';

export const settings = { 'workbench.colorTheme': 'Default Light Modern' };

const quiz = (id) => `form[data-quiz-id="${id}"]`;

/** The sidebar row of lesson 1, as a screen reader reads it (the visible text is truncated). */
async function lessonRowText(page) {
  await openActivityContainer(page);
  const row = page.locator('.pane-body .monaco-list-row', { hasText: 'Why normalize inputs' }).first();
  return `${(await row.getAttribute('aria-label')) ?? ''} ${await row.innerText()}`;
}

export const tests = [
  {
    name: 'the first lesson renders with typeset math and its quizzes (light theme)',
    async run({ page, shots }) {
      await runCommand(page, 'Explain Normalization');
      const frame = await webviewFrameWith(page, quiz('inputs-knn-dominate'));
      assert.ok((await frame.locator('.katex').count()) > 0, 'KaTeX typeset the formulas');
      assert.equal(await frame.locator('.katex-error').count(), 0, 'no formula failed to typeset');
      shots.push(await screenshot(page, 'lessons-1-light-theme'));
    },
  },
  {
    name: 'a wrong answer by mouse shows the verdict and that choice\'s feedback; the tree counts it',
    async run({ page, shots }) {
      const frame = await webviewFrameWith(page, quiz('inputs-knn-dominate'));
      const form = frame.locator(quiz('inputs-knn-dominate'));
      await form.locator('label[data-choice-id="both"]').click();
      await form.locator('button.nl-check').click();
      const verdict = frame.locator('.nl-verdict[data-quiz-id="inputs-knn-dominate"]');
      await poll('the verdict', async () => (await verdict.innerText()).includes('Not quite'));
      const section = frame.locator(`:has(> ${quiz('inputs-knn-dominate')})`).first();
      await poll('the feedback for the picked choice', async () =>
        (await section.innerText()).includes('exactly the problem'),
      );
      await form.scrollIntoViewIfNeeded();
      shots.push(await screenshot(page, 'lessons-2-wrong-answer-feedback'));
      await poll('the sidebar row to show progress', async () => /in progress/.test(await lessonRowText(page)));
    },
  },
  {
    name: 'the keyboard alone answers a quiz right at the first try: focus, arrows, Enter; the score counts it',
    async run({ page, shots }) {
      const id = 'inputs-outlier';
      const frame = await webviewFrameWith(page, quiz(id));
      const form = frame.locator(quiz(id));
      const choices = await form.locator('input[type="radio"]').evaluateAll((inputs) => inputs.map((input) => input.value));
      const target = choices.indexOf('squashed');
      assert.ok(target >= 0, 'the right choice is offered');
      // Focus the first radio and walk with ArrowDown to the right one, as a keyboard user does.
      await form.locator('input[type="radio"]').first().focus();
      await page.keyboard.press('Space');
      for (let step = 0; step < target; step += 1) await page.keyboard.press('ArrowDown');
      assert.equal(await form.locator('input[value="squashed"]').isChecked(), true, 'arrow keys moved the choice');
      await page.keyboard.press('Enter');
      const verdict = frame.locator(`.nl-verdict[data-quiz-id="${id}"]`);
      await poll('the verdict to say correct', async () => (await verdict.innerText()).includes('Correct'));
      assert.equal(await verdict.getAttribute('aria-live'), 'polite', 'screen readers hear the verdict');
      await form.scrollIntoViewIfNeeded();
      shots.push(await screenshot(page, 'lessons-3-keyboard-correct'));
      // The first quiz was answered wrong first (it scores 0); this one was right at once.
      await poll('the sidebar row to count one right answer', async () => /\b1\/\d+ right/.test(await lessonRowText(page)));
      shots.push(await screenshot(page, 'lessons-4-tree-updated'));
    },
  },
  {
    name: 'a wrong number gets another try before the answer; Show answer gives the engine\'s number and offers new numbers',
    async run({ page, shots }) {
      const frame = await webviewFrameWith(page, 'form[data-quiz-type="numeric"]');
      const form = frame.locator('form[data-quiz-type="numeric"]').first();
      await form.locator('.nl-answer-input').fill('123456789');
      await form.locator('button.nl-check').click();
      const id = await form.getAttribute('data-quiz-id');
      const verdict = frame.locator(`.nl-verdict[data-quiz-id="${id}"]`);
      await poll('the retry message, without the answer', async () => (await verdict.innerText()).includes('try once more'));
      assert.doesNotMatch(await verdict.innerText(), /\d/, 'no number is given away after one wrong try');
      await form.locator('button.nl-show-answer').click();
      await poll('the expected number', async () => /Not quite.*\d/s.test(await verdict.innerText()));
      assert.equal(await form.locator('button.nl-check').isDisabled(), true, 'the attempt takes no more answers');
      assert.equal(await form.locator('button.nl-new-attempt').isVisible(), true, 'a new attempt with new numbers is offered');
      await form.scrollIntoViewIfNeeded();
      shots.push(await screenshot(page, 'lessons-numeric-show-answer'));
    },
  },
  {
    name: 'Next moves to the second lesson',
    async run({ page, shots }) {
      const frame = await webviewFrameWith(page, 'button', 10_000);
      const next = frame.locator('button', { hasText: /^Next:/ }).first();
      await next.click();
      await webviewFrameWith(page, 'form[data-quiz-id^="bn-"]');
      shots.push(await screenshot(page, 'lessons-5-second-lesson'));
    },
  },
];
