// A learner's day with the review: retries with feedback before the answer, a numeric mistake
// named, the cells item by mouse, then a day later (the test-only clock) the Review entry and
// status bar count the due cards, a review session answered by keyboard, and a reload that keeps
// the queue. The course is the fixture test/fixtures/lessons/review, loaded through a keybinding
// to the test-only reloadLessons command (registered only outside production).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { repoRoot } from '../setup.mjs';
import { openActivityContainer, poll, screenshot, waitForWorkbench, webviewFrameWith, runCommand } from './workbench.mjs';

const LOAD_FIXTURE = 'ctrl+alt+shift+f9';
const NEXT_DAY = 'ctrl+alt+shift+f10';

export const keybindings = [
  { key: LOAD_FIXTURE, command: 'normalizationLab.internal.reloadLessons', args: path.join(repoRoot, 'test', 'fixtures', 'lessons', 'review') },
  { key: NEXT_DAY, command: 'normalizationLab.internal.setClockOffsetDays', args: 1 },
];

const press = async (page, chord) => {
  // Keybindings are the workbench's: take focus out of any webview first.
  await openActivityContainer(page);
  await page.locator('.part.sidebar .composite.title').click();
  await page.keyboard.press(chord.split('+').map((key) => ({ ctrl: 'Control', alt: 'Alt', shift: 'Shift', f9: 'F9', f10: 'F10' })[key] ?? key).join('+'));
};

const rowText = async (page, title) => {
  await openActivityContainer(page);
  const row = page.locator('.pane-body .monaco-list-row', { hasText: title }).first();
  return `${(await row.getAttribute('aria-label').catch(() => '')) ?? ''} ${await row.innerText().catch(() => '')}`;
};

const words = {
  en: { pools: 'Pools', numbers: 'Numbers', review: 'Review', retry: 'Not quite', correct: 'Correct', due: /3 due/, dueOne: /\b[12] due/, status: /3 to review/ },
  // The tree and the status bar follow VS Code's display language (English here); the page follows the lessons' language.
  'zh-cn': { pools: '汇总', numbers: '数值', review: 'Review', retry: '还不对', correct: '正确', due: /3 due/, dueOne: /\b[12] due/, status: /3 to review/ },
};

export function reviewTests(language, prefix) {
  const w = words[language];
  const shot = (page, name) => screenshot(page, `${prefix}-${name}`);
  return [
    {
      name: 'the fixture course is listed under a Review entry that has nothing due',
      async run({ page, shots }) {
        await openActivityContainer(page);
        // The keybinding does nothing until the extension has registered its command: wait for its tree first.
        await poll('the extension\'s Review entry', async () => (await rowText(page, w.review)).includes(w.review));
        await press(page, LOAD_FIXTURE);
        await poll('the fixture lessons in the tree', async () => (await rowText(page, w.pools)).includes(w.pools));
        const first = page.locator('.pane-body .monaco-list-row').first();
        assert.match(await first.innerText(), new RegExp(w.review));
        shots.push(await shot(page, '1-tree'));
      },
    },
    {
      name: 'a wrong choice shows its feedback and no answer; the second try is right and shows the explanation',
      async run({ page, shots }) {
        await page.locator('.pane-body .monaco-list-row', { hasText: w.pools }).first().click();
        const frame = await webviewFrameWith(page, 'form[data-quiz-id="pools-axis"]');
        const form = frame.locator('form[data-quiz-id="pools-axis"]');
        const shown = await form.locator('input[type="radio"]').evaluateAll((inputs) => inputs.map((input) => input.value));
        assert.equal(shown.at(-1), 'none', 'the pinned choice stays last');
        await form.locator('label[data-choice-id="batch"]').click();
        await form.locator('button.nl-check').click();
        const verdict = form.locator('.nl-verdict');
        await poll('the retry message', async () => (await verdict.innerText()).includes(w.retry));
        assert.equal(await form.locator('.nl-feedback[data-choice-id="batch"]').count(), 1, 'the picked choice explains itself');
        assert.equal(await form.locator('.nl-quiz-details').isHidden(), true, 'no explanation yet');
        assert.equal(await form.locator('label[data-mark="missed"]').count(), 0, 'the right choice is not marked yet');
        await form.scrollIntoViewIfNeeded();
        shots.push(await shot(page, '2-wrong-then-feedback'));
        await form.locator('label[data-choice-id="features"]').click();
        await form.locator('button.nl-check').click();
        await poll('the verdict', async () => (await verdict.innerText()).includes(w.correct));
        assert.equal(await form.locator('.nl-quiz-details').isVisible(), true, 'the explanation after the right answer');
        shots.push(await shot(page, '3-right-with-explanation'));
      },
    },
    {
      name: 'the cells item answered by mouse: every cell of sample 1 besides the highlighted one',
      async run({ page, shots }) {
        const frame = await webviewFrameWith(page, 'form[data-quiz-id="pools-cells"]');
        const form = frame.locator('form[data-quiz-id="pools-cells"]');
        await form.scrollIntoViewIfNeeded();
        assert.equal(await form.locator('.nl-cell-target').getAttribute('aria-selected'), 'true');
        // With a hint the card is rated Hard (due tomorrow); a quick unaided right answer would be Easy (a week).
        await form.locator('button.nl-hint-button').click();
        for (const index of [6, 8, 9, 10, 11]) await form.locator(`.nl-cell[data-index="${index}"]`).click();
        await form.locator('button.nl-check').click();
        await poll('the cells verdict', async () => (await form.locator('.nl-verdict').innerText()).includes(w.correct));
        shots.push(await shot(page, '4-cells-by-mouse'));
      },
    },
    {
      name: 'a typical wrong number is named by its mistake feedback, then the right one is accepted',
      async run({ page, shots }) {
        await page.locator('.pane-body .monaco-list-row', { hasText: w.numbers }).first().click();
        const frame = await webviewFrameWith(page, 'form[data-quiz-id="numbers-std"]');
        const form = frame.locator('form[data-quiz-id="numbers-std"]');
        await form.locator('.nl-answer-input').fill('1.291');
        await form.locator('.nl-answer-input').press('Enter');
        await poll('the mistake feedback', async () => (await form.locator('.nl-mistake-feedback').count()) === 1);
        assert.doesNotMatch(await form.innerText(), /1\.118/, 'the answer is not shown yet');
        shots.push(await shot(page, '5-numeric-mistake'));
        await form.locator('.nl-answer-input').fill('1.118');
        await form.locator('.nl-answer-input').press('Enter');
        await poll('the verdict', async () => (await form.locator('.nl-verdict').innerText()).includes(w.correct));
      },
    },
    {
      name: 'a day later the Review entry and the status bar count the three due cards',
      async run({ page, shots }) {
        await press(page, NEXT_DAY);
        await poll('the due count in the tree', async () => w.due.test(await rowText(page, w.review)));
        await poll('the status bar item', async () => w.status.test(await page.locator('.part.statusbar').innerText()));
        shots.push(await shot(page, '6-review-due'));
      },
    },
    {
      name: 'the review session is answered by keyboard, cells included, and each item links to its lesson',
      async run({ page, shots }) {
        await page.locator('.pane-body .monaco-list-row', { hasText: w.review }).first().click();
        let frame = await webviewFrameWith(page, '.nl-review-quiz form[data-quiz-id="pools-axis"]');
        assert.equal(await frame.locator('.nl-review-source').count(), 1, 'a link back to the lesson section');
        const form = frame.locator('form[data-quiz-id="pools-axis"]');
        const order = await form.locator('input[type="radio"]').evaluateAll((inputs) => inputs.map((input) => input.value));
        await form.locator('input[type="radio"]').first().focus();
        await page.keyboard.press('Space');
        for (let step = 0; step < order.indexOf('features'); step++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await poll('the verdict', async () => (await form.locator('.nl-verdict').innerText()).includes(w.correct));
        shots.push(await shot(page, '7-review-first-item'));
        await frame.locator('button.nl-review-next').click();
        frame = await webviewFrameWith(page, '.nl-review-quiz form[data-quiz-id="pools-cells"]');
        const cells = frame.locator('form[data-quiz-id="pools-cells"]');
        // Keyboard: from the highlighted cell (1, 0, 1) go to (1, 0, 0), select, then along the rows.
        await cells.locator('.nl-cell-target').focus();
        await page.keyboard.press('Home');
        await page.keyboard.press('Space');
        await page.keyboard.press('End');
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('Space');
        assert.equal(await cells.locator('.nl-cell-selected').count(), 5, 'five cells selected by keyboard');
        await cells.locator('button.nl-check').focus();
        await page.keyboard.press('Enter');
        await poll('the cells verdict', async () => (await cells.locator('.nl-verdict').innerText()).includes(w.correct));
        shots.push(await shot(page, '8-review-cells-by-keyboard'));
        await frame.locator('button.nl-review-next').click();
        await webviewFrameWith(page, '.nl-review-quiz form[data-quiz-id="numbers-std"]');
        await poll('one card left in the tree', async () => w.dueOne.test(await rowText(page, w.review)));
      },
    },
    {
      name: 'after a window reload the review session shows the same queue',
      async run({ page, shots }) {
        await page.waitForTimeout(2500);
        await runCommand(page, 'Developer: Reload Window');
        await page.waitForTimeout(1000);
        await waitForWorkbench(page);
        // The fixture course and the clock offset live in the extension host, which the reload
        // restarted (showing the shipped course, where these cards are ignored): set both again,
        // once the extension is back (its tree shows).
        await openActivityContainer(page);
        await poll('the extension\'s Review entry', async () => (await rowText(page, w.review)).includes(w.review), { limitMs: 60_000 });
        await press(page, LOAD_FIXTURE);
        await press(page, NEXT_DAY);
        const frame = await webviewFrameWith(page, '.nl-review-quiz form[data-quiz-id="numbers-std"]', 60_000);
        assert.match(await frame.locator('.nl-review-count').innerText(), /1/);
        shots.push(await shot(page, '9-review-after-reload'));
      },
    },
  ];
}
