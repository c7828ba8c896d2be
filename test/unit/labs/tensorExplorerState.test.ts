import { describe, expect, it } from 'vitest';
import { computePooling, explorerParams, MAX_DRAWN_CELLS, pooledWith, randomTensor, type TensorExplorerOptions } from '../../../src/core/labs/tensorExplorer';
import {
  activeCell,
  cellFacts,
  type ExplorerEvent,
  type ExplorerState,
  opChoices,
  startExplorer,
  updateExplorer,
} from '../../../src/core/labs/tensorExplorerState';

const lesson: TensorExplorerOptions = { op: 'batch_norm', shape: [3, 4, 5], groups: 2, seed: 7 };
// A user's (2, 4, 3) selection, explored from GroupNorm with their eps.
const selectionData = Array.from({ length: 24 }, (_, i) => (i * 7) % 11);
const selection: TensorExplorerOptions = { op: 'group_norm', shape: [2, 4, 3], data: selectionData, params: { num_groups: 2, eps: 0.5 }, groups: 2 };

function run(state: ExplorerState, ...events: ExplorerEvent[]): ExplorerState {
  return events.reduce(updateExplorer, state);
}

function pooling(state: ExplorerState) {
  if (state.picture.kind !== 'pooled') throw new Error(`expected a pooled picture, got ${state.picture.kind}`);
  return state.picture.pooling;
}

describe('starting the tensor explorer', () => {
  it('a lesson start: random values from the seed, pooled by the engine, nothing said', () => {
    const state = startExplorer(lesson);
    expect(state.fromSelection).toBe(false);
    expect(Array.from(state.data)).toEqual(Array.from(randomTensor([3, 4, 5], 7)));
    expect(pooling(state).groups.length).toBe(4); // BatchNorm: one group per channel
    expect(state.selected).toBe(0);
    expect(state.hovered).toBeUndefined();
    expect(state.showAfter).toBe(false);
    expect(state.announcement).toBeUndefined();
  });

  it('snaps the starting group count to a divisor of C (ties to the smaller)', () => {
    expect(startExplorer({ op: 'group_norm', shape: [1, 4, 2], groups: 3 }).groups).toBe(2);
    expect(startExplorer({ op: 'group_norm', shape: [1, 6, 2], groups: 4 }).groups).toBe(3);
    expect(startExplorer({ op: 'group_norm', shape: [1, 6, 2] }).groups).toBe(2);
  });

  it('a selection start: its own values (copied) and its own params for its op', () => {
    const state = startExplorer(selection);
    expect(state.fromSelection).toBe(true);
    expect(Array.from(state.data)).toEqual(selectionData);
    const expected = computePooling({ op: 'group_norm', shape: [2, 4, 3], data: selectionData, params: { num_groups: 2, eps: 0.5 } });
    expect(Array.from(pooling(state).output)).toEqual(Array.from(expected.output));
    const withDefaultEps = computePooling({ op: 'group_norm', shape: [2, 4, 3], data: selectionData, params: { num_groups: 2 } });
    expect(Array.from(pooling(state).output)).not.toEqual(Array.from(withDefaultEps.output));
  });

  it('says what the engine refuses, as the picture and aloud', () => {
    // BatchNorm in training mode needs more than one value per channel.
    const state = startExplorer({ op: 'batch_norm', shape: [1, 2, 1] });
    expect(state.picture.kind).toBe('refused');
    if (state.picture.kind !== 'refused') return;
    expect(state.picture.message).toMatch(/batch_norm/i);
    expect(state.announcement).toEqual({ kind: 'refused', message: state.picture.message });
  });

  it('does not draw more cells than it can', () => {
    const data = new Array<number>(MAX_DRAWN_CELLS + 1).fill(1);
    const state = startExplorer({ op: 'layer_norm', shape: [1, MAX_DRAWN_CELLS + 1], data, params: { normalized_shape: [MAX_DRAWN_CELLS + 1] } });
    expect(state.picture).toEqual({ kind: 'tooMany', count: MAX_DRAWN_CELLS + 1, limit: MAX_DRAWN_CELLS });
    expect(state.announcement).toBeUndefined();
    expect(updateExplorer(state, { type: 'select', index: 3 })).toBe(state);
  });

  it('offers the five norms, plus a starting op that is not one of them', () => {
    expect(opChoices(startExplorer(lesson))).toEqual(['batch_norm', 'layer_norm', 'instance_norm', 'group_norm', 'rms_norm']);
    const softmax = startExplorer({ op: 'softmax', shape: [2, 3], data: [1, 2, 3, 4, 5, 6], params: { dim: -1 } });
    expect(opChoices(softmax)).toContain('softmax');
  });
});

describe('choosing the op and the groups', () => {
  it('another op re-pools the same values and announces the pooling', () => {
    const start = run(startExplorer(lesson), { type: 'hover', index: 5 });
    const state = updateExplorer(start, { type: 'chooseOp', op: 'layer_norm' });
    expect(pooling(state).groups.length).toBe(3); // one per sample
    expect(state.data).toBe(start.data);
    expect(state.hovered).toBeUndefined(); // a new picture: nothing is under the pointer yet
    expect(state.announcement).toEqual({ kind: 'pooling' });
  });

  it('an op the picker does not offer changes nothing', () => {
    const start = startExplorer(lesson);
    expect(updateExplorer(start, { type: 'chooseOp', op: 'softmax' })).toBe(start);
  });

  it('other ops get the lab’s params; back on the starting op, the selection’s params return', () => {
    const start = startExplorer(selection);
    const layer = updateExplorer(start, { type: 'chooseOp', op: 'layer_norm' });
    const expected = computePooling({ op: 'layer_norm', shape: [2, 4, 3], data: selectionData, params: explorerParams('layer_norm', [2, 4, 3], 2) });
    expect(Array.from(pooling(layer).output)).toEqual(Array.from(expected.output));
    const back = updateExplorer(layer, { type: 'chooseOp', op: 'group_norm' });
    expect(Array.from(pooling(back).output)).toEqual(Array.from(pooling(start).output));
  });

  it('the group count is snapped to a divisor of C and overrides the starting op’s own num_groups', () => {
    const start = startExplorer(selection); // C = 4, N = 2
    const four = updateExplorer(start, { type: 'chooseGroups', groups: 4 });
    expect(four.groups).toBe(4);
    expect(pooling(four).groups.length).toBe(8);
    expect(four.announcement).toEqual({ kind: 'pooling' });
    expect(updateExplorer(start, { type: 'chooseGroups', groups: 3 }).groups).toBe(2);
    expect(updateExplorer(start, { type: 'chooseGroups', groups: 1 }).groups).toBe(1);
    expect(pooling(updateExplorer(start, { type: 'chooseGroups', groups: 1 })).groups.length).toBe(2);
  });
});

describe('resizing', () => {
  it('each axis is kept within 1 and its limit; new values come from the same seed', () => {
    const start = startExplorer(lesson);
    const state = updateExplorer(start, { type: 'resize', axis: 1, size: 99 });
    expect(state.shape).toEqual([3, 16, 5]);
    expect(Array.from(state.data)).toEqual(Array.from(randomTensor([3, 16, 5], 7)));
    expect(pooling(state).groups.length).toBe(16);
    expect(state.announcement).toEqual({ kind: 'pooling' });
    expect(updateExplorer(start, { type: 'resize', axis: 0, size: 99 }).shape).toEqual([8, 4, 5]);
    expect(updateExplorer(start, { type: 'resize', axis: 2, size: 99 }).shape).toEqual([3, 4, 16]);
    expect(updateExplorer(start, { type: 'resize', axis: 2, size: 0 }).shape).toEqual([3, 4, 1]);
    expect(updateExplorer(start, { type: 'resize', axis: 2, size: -3 }).shape).toEqual([3, 4, 1]);
    expect(updateExplorer(start, { type: 'resize', axis: 2, size: Number.NaN }).shape).toEqual([3, 4, 1]);
    expect(updateExplorer(start, { type: 'resize', axis: 2, size: 2.6 }).shape).toEqual([3, 4, 3]);
  });

  it('a new C re-snaps the group count to one of its divisors', () => {
    const start = startExplorer({ op: 'group_norm', shape: [2, 4, 3], groups: 4 });
    const six = updateExplorer(start, { type: 'resize', axis: 1, size: 6 });
    expect(six.groups).toBe(3);
    expect(pooling(six).groups.length).toBe(2 * 3);
    const prime = updateExplorer(six, { type: 'resize', axis: 1, size: 7 });
    expect(prime.groups).toBe(1); // of 7's divisors 1 and 7, 1 is nearer to 3
    expect(pooling(prime).groups.length).toBe(2);
  });

  it('a smaller tensor keeps the selected cell inside it', () => {
    const start = run(startExplorer(lesson), { type: 'select', index: 59 });
    expect(start.selected).toBe(59);
    const state = updateExplorer(start, { type: 'resize', axis: 0, size: 1 });
    expect(state.selected).toBe(19);
  });

  it('a selection’s shape is fixed', () => {
    const start = startExplorer(selection);
    expect(updateExplorer(start, { type: 'resize', axis: 0, size: 1 })).toBe(start);
  });

  it('a shape the engine refuses is shown as refused, and cells cannot be chosen', () => {
    const start = startExplorer({ op: 'batch_norm', shape: [2, 2, 1] });
    const state = updateExplorer(start, { type: 'resize', axis: 0, size: 1 });
    expect(state.picture.kind).toBe('refused');
    expect(state.announcement?.kind).toBe('refused');
    expect(updateExplorer(state, { type: 'select', index: 0 })).toBe(state);
    expect(updateExplorer(state, { type: 'move', key: 'ArrowRight' })).toBe(state);
    expect(updateExplorer(state, { type: 'hover', index: 1 })).toBe(state);
    expect(cellFacts(state, 0)).toBeUndefined();
    // Back to two samples, the engine accepts it again.
    expect(updateExplorer(state, { type: 'resize', axis: 0, size: 2 }).picture.kind).toBe('pooled');
  });
});

describe('values', () => {
  it('showing the values after does not ask the engine again', () => {
    const start = run(startExplorer(lesson), { type: 'hover', index: 3 });
    const after = updateExplorer(start, { type: 'show', after: true });
    expect(after.showAfter).toBe(true);
    expect(after.picture).toBe(start.picture);
    expect(after.hovered).toBeUndefined();
    expect(after.announcement).toBeUndefined();
    expect(updateExplorer(after, { type: 'show', after: true })).toBe(after);
    expect(updateExplorer(after, { type: 'show', after: false }).showAfter).toBe(false);
  });

  it('new random values come from the next seed', () => {
    const state = updateExplorer(startExplorer(lesson), { type: 'newValues' });
    expect(state.seed).toBe(8);
    expect(Array.from(state.data)).toEqual(Array.from(randomTensor([3, 4, 5], 8)));
    expect(Array.from(pooling(state).input)).toEqual(Array.from(state.data));
    expect(state.announcement).toEqual({ kind: 'newValues' });
  });

  it('an edited value is asked of the engine again: its group’s statistics change, others do not', () => {
    const start = run(startExplorer(lesson), { type: 'select', index: 6 }); // channel 1 of sample 0
    const state = updateExplorer(start, { type: 'editValue', text: ' 100 ' });
    expect(state.data[6]).toBe(100);
    expect(start.data[6]).not.toBe(100); // the old state is untouched
    const expected = computePooling({ op: 'batch_norm', shape: [3, 4, 5], data: state.data, params: { training: true } });
    const group = pooling(state).groupOf[6];
    expect(pooling(state).groups[group].stats.mean).toBeCloseTo(expected.groups[group].stats.mean as number, 12);
    expect(pooling(state).groups[group].stats.mean).not.toBeCloseTo(pooling(start).groups[group].stats.mean as number, 3);
    const other = pooling(state).groupOf[0];
    expect(pooling(state).groups[other].stats).toEqual(pooling(start).groups[other].stats);
    expect(state.selected).toBe(6);
    expect(state.announcement).toEqual({ kind: 'cell', index: 6 });
  });

  it.each(['', '   ', 'abc', 'Infinity', '-Infinity', 'NaN', '1e999'])('ignores %j as a value', (text) => {
    const start = startExplorer(lesson);
    expect(updateExplorer(start, { type: 'editValue', text })).toBe(start);
  });

  it('resetting a selection’s values undoes edits and leaves the user’s numbers untouched', () => {
    const edited = run(startExplorer(selection), { type: 'select', index: 2 }, { type: 'editValue', text: '-5' });
    expect(edited.data[2]).toBe(-5);
    expect(selectionData[2]).toBe(14 % 11);
    const reset = updateExplorer(edited, { type: 'newValues' });
    expect(Array.from(reset.data)).toEqual(selectionData);
    expect(reset.seed).toBe(edited.seed);
    expect(reset.announcement).toEqual({ kind: 'valuesReset' });
  });
});

describe('cells: hover, select, keyboard', () => {
  it('hovering lights another cell without moving the selection; leaving lights the selected one again', () => {
    const start = startExplorer(lesson);
    const hovered = updateExplorer(start, { type: 'hover', index: 7 });
    expect(hovered.hovered).toBe(7);
    expect(activeCell(hovered)).toBe(7);
    expect(hovered.selected).toBe(0);
    expect(hovered.announcement).toBeUndefined();
    expect(updateExplorer(hovered, { type: 'hover', index: 7 })).toBe(hovered);
    expect(activeCell(updateExplorer(hovered, { type: 'hover', index: undefined }))).toBe(0);
    expect(updateExplorer(hovered, { type: 'hover', index: 60 }).hovered).toBeUndefined();
  });

  it('selecting a cell announces it and ends the hover; cells outside the tensor are ignored', () => {
    const start = run(startExplorer(lesson), { type: 'hover', index: 7 });
    const state = updateExplorer(start, { type: 'select', index: 12 });
    expect(state.selected).toBe(12);
    expect(state.hovered).toBeUndefined();
    expect(state.announcement).toEqual({ kind: 'cell', index: 12 });
    for (const index of [-1, 60, 1.5, Number.NaN]) expect(updateExplorer(state, { type: 'select', index })).toBe(state);
  });

  it('keys move the selection through the drawn tensor and stop at its edges', () => {
    // (3, 4, 5): 3 blocks of 4 rows × 5 columns.
    let state = startExplorer(lesson);
    state = run(state, { type: 'move', key: 'ArrowLeft' }, { type: 'move', key: 'ArrowUp' }, { type: 'move', key: 'PageUp' }, { type: 'move', key: 'Home' });
    expect(state.selected).toBe(0);
    expect(state.announcement).toEqual({ kind: 'cell', index: 0 }); // still said, so a key press is never silent
    state = run(state, { type: 'move', key: 'End' }, { type: 'move', key: 'ArrowRight' });
    expect(state.selected).toBe(20); // from the end of sample 0's row 0 on into sample 1's row 0
    state = run(state, { type: 'move', key: 'ArrowDown' }, { type: 'move', key: 'PageDown' }, { type: 'move', key: 'PageDown' });
    expect(state.selected).toBe(45); // sample 2, channel 1, position 0
    state = run(state, { type: 'move', key: 'ArrowDown' }, { type: 'move', key: 'ArrowDown' }, { type: 'move', key: 'ArrowDown' }, { type: 'move', key: 'End' }, { type: 'move', key: 'ArrowRight' });
    expect(state.selected).toBe(59); // the last cell, and Right stays there
  });

  it('a cell’s facts are its place, its group and that group’s statistics, before and after', () => {
    const state = run(startExplorer(lesson), { type: 'chooseOp', op: 'instance_norm' });
    const facts = cellFacts(state, 27);
    expect(facts).toBeDefined();
    if (!facts) return;
    expect(facts.cell).toEqual({ n: 1, c: 1, s: 2 });
    expect(facts.rank).toBe(3);
    expect(facts.groupCount).toBe(12);
    const members = pooledWith(pooling(state), 27);
    expect(members).toEqual([25, 26, 27, 28, 29]);
    expect(facts.stats?.count).toBe(5);
    const mean = members.reduce((sum, cell) => sum + state.data[cell], 0) / 5;
    expect(facts.stats?.mean).toBeCloseTo(mean, 12);
    expect(facts.before).toBe(state.data[27]);
    expect(facts.after).toBe(pooling(state).output[27]);
    expect(cellFacts(state, 60)).toBeUndefined();
  });

  it('the cells pooled with a cell are its whole group, and nothing outside the tensor', () => {
    const state = startExplorer(lesson); // BatchNorm: channel 2 of every sample
    expect(pooledWith(pooling(state), 11)).toEqual([10, 11, 12, 13, 14, 30, 31, 32, 33, 34, 50, 51, 52, 53, 54]);
    expect(pooledWith(pooling(state), 60)).toEqual([]);
  });
});
