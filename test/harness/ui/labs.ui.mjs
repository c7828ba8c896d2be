// The three labs inside their lessons, driven like a learner: change a control and see the
// drawing and the numbers follow. Screenshots of each lab for people to look at.
import * as assert from 'node:assert/strict';
import { openActivityContainer, poll, screenshot, webviewFrameWith } from './workbench.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

/** Opens a lesson by its sidebar row and waits until the panel shows it (one of its quizzes). */
async function openLessonFromTree(page, title, quizPrefix) {
  await openActivityContainer(page);
  await page.locator('.pane-body .monaco-list-row', { hasText: title }).first().click();
  await webviewFrameWith(page, `form[data-quiz-id^="${quizPrefix}-"]`);
}

async function labFrame(page, lab) {
  const selector = `div.nl-lab[data-lab="${lab}"][data-mounted="true"]`;
  const frame = await webviewFrameWith(page, selector);
  const root = frame.locator(selector).first();
  await root.scrollIntoViewIfNeeded();
  return { frame, root };
}

export const tests = [
  {
    name: 'tensor explorer: switching BatchNorm to LayerNorm re-pools the cells',
    async run({ page, shots }) {
      await openLessonFromTree(page, 'BatchNorm', 'bn');
      const { root } = await labFrame(page, 'tensor-explorer');
      // shape [3, 4, 5]: BatchNorm pools per channel (4 groups), LayerNorm per sample (3 groups).
      assert.equal(await root.getAttribute('data-group-count'), '4');
      const cell = root.locator('.nl-lab-cell').first();
      const groupsBefore = await root.locator('.nl-lab-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-group')));
      shots.push(await screenshot(page, 'labs-1-tensor-explorer-batchnorm'));
      await root.locator('select.nl-lab-op').selectOption('layer_norm');
      await poll('LayerNorm grouping', async () => (await root.getAttribute('data-group-count')) === '3');
      const groupsAfter = await root.locator('.nl-lab-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-group')));
      assert.notDeepEqual(groupsAfter, groupsBefore, 'cells moved to other groups');
      await cell.hover();
      await poll('the hovered cell lights its group', async () => (await root.locator('.nl-lab-cell-active').count()) === 20);
      const details = await root.locator('.nl-lab-details').innerText();
      assert.match(details, /mean/i, 'the group statistics are shown on hover');
      shots.push(await screenshot(page, 'labs-2-tensor-explorer-layernorm-hover'));
    },
  },
  {
    name: 'tensor explorer: the GroupNorm slider changes the number of groups',
    async run({ page, shots }) {
      await openLessonFromTree(page, 'The normalization family', 'family');
      const { root } = await labFrame(page, 'tensor-explorer');
      // shape [2, 4, 3] with 2 groups: N * G = 4 pooled groups.
      assert.equal(await root.getAttribute('data-group-count'), '4');
      const slider = root.locator('.nl-lab-groups');
      await slider.focus();
      await page.keyboard.press('End'); // the most groups: one per channel, i.e. InstanceNorm
      await poll('one group per (sample, channel)', async () => (await root.getAttribute('data-group-count')) === '8');
      shots.push(await screenshot(page, 'labs-3-tensor-explorer-groupnorm'));
    },
  },
  {
    name: 'linear collapse: the stack equals one layer until ReLU is switched on',
    async run({ page, shots }) {
      await openLessonFromTree(page, 'Why activation functions', 'act');
      const { root } = await labFrame(page, 'linear-collapse');
      assert.equal(await root.getAttribute('data-relu'), 'false');
      assert.ok(Number(await root.getAttribute('data-max-difference')) < 1e-9, 'without ReLU the collapsed layer matches the stack');
      await root.locator('[data-testid=lab-collapsed-weight]').waitFor();
      shots.push(await screenshot(page, 'labs-4-linear-collapse-linear'));
      await root.locator('.nl-lab-relu').check();
      await poll('ReLU on', async () => (await root.getAttribute('data-relu')) === 'true');
      await poll('the single layer no longer matches', async () => Number(await root.getAttribute('data-max-difference')) > 1e-3);
      shots.push(await screenshot(page, 'labs-5-linear-collapse-relu'));
    },
  },
  {
    name: 'input scale: the standardized run ends lower; a new learning rate re-trains both',
    async run({ page, shots }) {
      await openLessonFromTree(page, 'Why normalize inputs', 'inputs');
      const { root } = await labFrame(page, 'input-scale');
      const finalLosses = async () => ({
        raw: Number(await root.getAttribute('data-raw-final-loss')),
        standardized: Number(await root.getAttribute('data-standardized-final-loss')),
      });
      const before = await finalLosses();
      assert.ok(before.standardized < before.raw, `standardized ${before.standardized} < raw ${before.raw}`);
      shots.push(await screenshot(page, 'labs-6-input-scale'));
      const rate = root.locator('.nl-lab-lr');
      await rate.fill('0.2');
      await rate.press('Enter');
      await poll('both runs re-trained', async () => (await finalLosses()).standardized !== before.standardized);
      shots.push(await screenshot(page, 'labs-7-input-scale-new-rate'));
    },
  },
];
