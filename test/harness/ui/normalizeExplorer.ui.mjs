// The tensor explorer inside Normalize Selection's result panel: GroupNorm on a small (N, C, L)
// selection through the pickers, then the learner re-pools *their own* numbers with the other
// norms, hovers a cell for its group's statistics, and finds the explorer again after a reload.
// Softmax, which the explorer does not offer, keeps the simple grid.
import * as assert from 'node:assert/strict';
import { acceptQuickPick, normalizeFromContextMenu, openFile, poll, runCommand, screenshot, waitForWorkbench, webviewFrameWith } from './workbench.mjs';

export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

// Shape (2, 4, 3): N = 2 samples, C = 4 channels, L = 3 positions.
const selection =
  'x = [[[0.5, 1.0, 1.5], [2.0, 4.0, 6.0], [-1.0, 0.0, 1.0], [3.0, 3.5, 2.5]], [[1.0, 2.0, 3.0], [0.0, 0.5, 1.0], [5.0, 4.0, 3.0], [-2.0, -1.0, 0.0]]]';
// The largest selection the explorer takes: 32 × 64 = 2048 values (MAX_DRAWN_CELLS).
const largest = Array.from({ length: 32 }, (_, row) => `[${Array.from({ length: 64 }, (_, column) => (((row * 64 + column) * 37) % 41) / 10 - 2).join(', ')}]`);
export const files = {
  'activations.py': `${selection}\n`,
  'logits.py': 'z = [[1.0, 2.0, 3.0], [0.5, 0.5, 4.0]]\n',
  'largest.py': `x = [${largest.join(', ')}]\n`,
};

const explorerSelector = 'div.nl-lab[data-lab="tensor-explorer"][data-mounted="true"]';

async function explorer(page) {
  const frame = await webviewFrameWith(page, explorerSelector);
  const root = frame.locator(explorerSelector).first();
  // A restored panel is drawn twice (saved state, then the host's view): scroll to the one that stays.
  await poll('the explorer on screen', async () => {
    await root.scrollIntoViewIfNeeded({ timeout: 2000 });
    return true;
  });
  return { frame, root };
}

const groupCount = async (root) => root.getAttribute('data-group-count');

export const tests = [
  {
    name: 'GroupNorm through the pickers → the result panel explores the selection, 2 groups per sample',
    async run({ page, shots }) {
      await openFile(page, 'activations.py');
      await normalizeFromContextMenu(page, page.locator('.editor-group-container.active .monaco-editor .view-lines').first());
      await acceptQuickPick(page, 'Group normalization');
      await acceptQuickPick(page); // num_groups: the default, 2 (the smallest count above 1 dividing C = 4)
      await acceptQuickPick(page); // eps: the default
      const { frame, root } = await explorer(page);
      assert.match(await frame.locator('#explorer-heading').innerText(), /Explore the pooling/);
      assert.equal(await root.getAttribute('data-op'), 'group_norm');
      assert.equal(await groupCount(root), '4', 'GroupNorm with 2 groups on N = 2 samples pools 4 groups');
      const cells = root.locator('.nl-lab-cell');
      assert.equal(await cells.count(), 24, 'one cell per selected number');
      const firstValues = await cells.evaluateAll((nodes) => nodes.slice(0, 4).map((node) => node.textContent));
      assert.deepEqual(firstValues, ['0.5', '1', '1.5', '2'], 'the cells hold the selection, in order');
      // The explorer takes the simple grid's place; the per-group statistics stay.
      assert.equal(await frame.locator('table.grid').count(), 0);
      assert.equal(await frame.locator('table.stats tbody tr').count(), 4);
      shots.push(await screenshot(page, 'normalize-explorer-1-groupnorm'));
    },
  },
  {
    name: 'the GroupNorm slider and the op picker re-pool the same numbers; hovering shows the group mean',
    async run({ page, shots }) {
      const { root } = await explorer(page);
      const groupsBefore = await root.locator('.nl-lab-cell').evaluateAll((nodes) => nodes.map((node) => node.dataset.group));
      await root.locator('.nl-lab-groups').focus();
      await page.keyboard.press('End'); // 4 groups of one channel each, on each of the 2 samples
      await poll('GroupNorm with 4 groups', async () => (await groupCount(root)) === '8');
      await root.locator('select.nl-lab-op').selectOption('layer_norm');
      await poll('LayerNorm: one group per sample', async () => (await groupCount(root)) === '2');
      const groupsAfter = await root.locator('.nl-lab-cell').evaluateAll((nodes) => nodes.map((node) => node.dataset.group));
      assert.notDeepEqual(groupsAfter, groupsBefore, 'the cells moved to other groups');
      assert.deepEqual(groupsAfter, [...Array(12).fill('0'), ...Array(12).fill('1')]);
      const cell = root.locator('.nl-lab-cell[data-index="13"]');
      await cell.hover();
      await poll('the hovered cell lights its sample', async () => (await root.locator('.nl-lab-cell-active').count()) === 12);
      const details = await root.locator('.nl-lab-details').innerText();
      // Sample 1 of the selection: the mean of its 12 values is 16.5 / 12 = 1.375; cell 13 holds 2.0.
      assert.match(details, /mean 1\.375/, `the group mean in the details: ${details}`);
      assert.match(details, /before 2 → after/, `the cell's value before and after: ${details}`);
      shots.push(await screenshot(page, 'normalize-explorer-2-layernorm-hover'));
      await root.locator('select.nl-lab-op').selectOption('batch_norm');
      await poll('BatchNorm: one group per channel', async () => (await groupCount(root)) === '4');
      await root.locator('select.nl-lab-op').selectOption('instance_norm');
      await poll('InstanceNorm: one group per (sample, channel)', async () => (await groupCount(root)) === '8');
      shots.push(await screenshot(page, 'normalize-explorer-3-instancenorm'));
    },
  },
  {
    name: 'after a window reload the restored panel starts the explorer again on the same numbers',
    async run({ page, shots }) {
      await runCommand(page, 'Developer: Reload Window');
      await waitForWorkbench(page);
      const { frame, root } = await explorer(page);
      assert.equal(await root.getAttribute('data-op'), 'group_norm');
      assert.equal(await groupCount(root), '4');
      assert.equal(await root.locator('.nl-lab-cell').count(), 24);
      await poll('the note that editing is off', async () => /Restored after a reload/.test(await frame.locator('body').innerText()));
      shots.push(await screenshot(page, 'normalize-explorer-4-restored'));
    },
  },
  {
    name: 'softmax, which the explorer does not offer, shows the simple grid instead',
    async run({ page, shots }) {
      await openFile(page, 'logits.py');
      // After the reload logits.py may open beside the result panel: work in the active group.
      await normalizeFromContextMenu(page, page.locator('.editor-group-container.active .monaco-editor .view-lines').first());
      await acceptQuickPick(page, 'Softmax');
      await acceptQuickPick(page); // dim: the default, -1
      const frame = await webviewFrameWith(page, 'table.grid');
      assert.equal(await frame.locator('div.nl-lab').count(), 0, 'no explorer');
      assert.equal(await frame.locator('table.grid td.group').count(), 6);
      assert.deepEqual(await frame.locator('table.grid td .group-index').allInnerTexts(), ['g1', 'g1', 'g1', 'g2', 'g2', 'g2'], 'groups numbered from 1, as the explorer numbers them');
      shots.push(await screenshot(page, 'normalize-explorer-5-softmax-grid'));
    },
  },
  {
    name: 'the largest selection it takes (32 × 64): the hovered cell\'s details stay in the window',
    async run({ page, shots }) {
      await openFile(page, 'largest.py');
      await normalizeFromContextMenu(page, page.locator('.editor-group-container.active .monaco-editor .view-lines').first());
      await acceptQuickPick(page, 'Layer normalization');
      await acceptQuickPick(page); // normalized_shape: the last axis
      await acceptQuickPick(page); // eps
      const { root } = await explorer(page);
      await poll('LayerNorm on 32 rows', async () => (await groupCount(root)) === '32');
      assert.equal(await root.locator('.nl-lab-cell').count(), 2048);
      await root.locator('select.nl-lab-op').selectOption('batch_norm');
      await poll('BatchNorm: one group per column', async () => (await groupCount(root)) === '64');
      await root.locator('.nl-lab-cell[data-index="70"]').hover();
      await poll('the column of the hovered cell lit', async () => (await root.locator('.nl-lab-cell-active').count()) === 32);
      const details = root.locator('.nl-lab-details');
      assert.match(await details.innerText(), /row 1, column 6/);
      const [top, bottom, height] = await details.evaluate((node) => [node.getBoundingClientRect().top, node.getBoundingClientRect().bottom, window.innerHeight]);
      assert.ok(top >= 0 && bottom <= height + 1, `the details are inside the window (top ${top}, bottom ${bottom}, window ${height})`);
      shots.push(await screenshot(page, 'normalize-explorer-6-largest-batchnorm'));
    },
  },
];
