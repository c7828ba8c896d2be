import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/core/engine/types';
import {
  computePooling,
  EXPLORER_LIMITS,
  EXPLORER_OPS,
  type ExplorerOp,
  explorerParams,
  groupChoices,
  layoutOf,
  MAX_DRAWN_CELLS,
  nearestGroupCount,
  parseExplorerOptions,
  randomTensor,
} from '../../../src/core/labs/tensorExplorer';

/** What each norm pools, said independently of the engine: two cells share a group iff their keys match. */
function poolKey(op: ExplorerOp, [, channels, positions]: number[], groups: number, cell: number): string {
  const sample = Math.floor(cell / (channels * positions));
  const channel = Math.floor(cell / positions) % channels;
  switch (op) {
    case 'batch_norm':
      return `c${channel}`;
    case 'layer_norm':
    case 'rms_norm':
      return `n${sample}`;
    case 'instance_norm':
      return `n${sample}c${channel}`;
    case 'group_norm':
      return `n${sample}g${Math.floor(channel / (channels / groups))}`;
  }
}

const explorerCases = fc
  .record({
    op: fc.constantFrom(...EXPLORER_OPS),
    batch: fc.integer({ min: 1, max: EXPLORER_LIMITS.batch }),
    channels: fc.integer({ min: 1, max: EXPLORER_LIMITS.channels }),
    positions: fc.integer({ min: 2, max: EXPLORER_LIMITS.positions }),
    groupPick: fc.nat(),
    seed: fc.nat(),
  })
  .map(({ op, batch, channels, positions, groupPick, seed }) => {
    const choices = groupChoices(channels);
    return { op, shape: [batch, channels, positions], groups: choices[groupPick % choices.length], seed };
  });

describe('tensor explorer lab model', () => {
  it('pools exactly the cells each norm is defined to pool, for every op and shape', () => {
    fc.assert(
      fc.property(explorerCases, ({ op, shape, groups, seed }) => {
        const pooling = computePooling({ op, shape, data: randomTensor(shape, seed), params: explorerParams(op, shape, groups) });
        const cells = shape[0] * shape[1] * shape[2];
        expect(pooling.groupOf.length).toBe(cells);
        expect(pooling.groups.reduce((sum, group) => sum + group.cells.length, 0)).toBe(cells);
        // One assertion per case, not per cell: 150 cases of up to 2048 cells stay fast on a busy machine.
        const groupOfKey = new Map<string, number>();
        const misplaced: number[] = [];
        for (let cell = 0; cell < cells; cell++) {
          const key = poolKey(op, shape, groups, cell);
          const group = groupOfKey.get(key) ?? pooling.groupOf[cell];
          groupOfKey.set(key, group);
          if (pooling.groupOf[cell] !== group) misplaced.push(cell);
        }
        expect(misplaced).toEqual([]);
        expect(pooling.groups.length).toBe(groupOfKey.size);
      }),
      { numRuns: 150 },
    );
  });

  it('each group’s statistics are those of its own cells, and the output is normalized by them', () => {
    fc.assert(
      fc.property(explorerCases, ({ op, shape, groups, seed }) => {
        const pooling = computePooling({ op, shape, data: randomTensor(shape, seed), params: explorerParams(op, shape, groups) });
        for (const group of pooling.groups) {
          const values = group.cells.map((cell) => pooling.input[cell]);
          expect(group.stats.count).toBe(values.length);
          const outputs = group.cells.map((cell) => pooling.output[cell]);
          if (op === 'rms_norm') {
            const rms = Math.sqrt(values.reduce((a, b) => a + b * b, 0) / values.length);
            expect(group.stats.rms).toBeCloseTo(rms, 9);
            const outRms = Math.sqrt(outputs.reduce((a, b) => a + b * b, 0) / outputs.length);
            if (rms > 0.1) expect(outRms).toBeCloseTo(1, 3);
          } else {
            const mean = values.reduce((a, b) => a + b, 0) / values.length;
            expect(group.stats.mean).toBeCloseTo(mean, 9);
            const outMean = outputs.reduce((a, b) => a + b, 0) / outputs.length;
            expect(Math.abs(outMean)).toBeLessThan(1e-9);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('draws any rank as N blocks of C rows × positions', () => {
    expect(layoutOf([5])).toEqual([1, 1, 5]);
    expect(layoutOf([3, 4])).toEqual([1, 3, 4]);
    expect(layoutOf([2, 3, 4])).toEqual([2, 3, 4]);
    expect(layoutOf([2, 3, 4, 5])).toEqual([2, 3, 20]);
  });

  it('offers the divisors of C as group counts and snaps other wishes to the nearest one', () => {
    expect(groupChoices(12)).toEqual([1, 2, 3, 4, 6, 12]);
    expect(groupChoices(7)).toEqual([1, 7]);
    expect(nearestGroupCount(12, 5)).toBe(4);
    expect(nearestGroupCount(8, 3)).toBe(2);
    expect(nearestGroupCount(7, 5)).toBe(7);
  });

  it('passes the engine’s error through when GroupNorm’s groups do not divide C', () => {
    expect(() => computePooling({ op: 'group_norm', shape: [1, 4, 2], data: randomTensor([1, 4, 2], 1), params: { num_groups: 3 } })).toThrow(EngineError);
  });

  it('random starting values are reproducible from the seed', () => {
    expect(Array.from(randomTensor([2, 3, 4], 7))).toEqual(Array.from(randomTensor([2, 3, 4], 7)));
    expect(Array.from(randomTensor([2, 3, 4], 7))).not.toEqual(Array.from(randomTensor([2, 3, 4], 8)));
  });
});

describe('explorer options arriving in a message', () => {
  it('accepts a selection and copies it', () => {
    const value = { op: 'layer_norm', shape: [2, 3], data: [1, 2, 3, 4, 5, 6], params: { normalized_shape: [3], eps: 1e-5 } };
    const parsed = parseExplorerOptions(value);
    expect(parsed).toEqual(value);
    expect(parsed?.data).not.toBe(value.data);
  });

  it.each([
    ['an unknown op', { op: 'dropout', shape: [2], data: [1, 2] }],
    ['data that does not fill the shape', { op: 'layer_norm', shape: [2, 3], data: [1, 2, 3] }],
    ['a non-finite value', { op: 'softmax', shape: [2], data: [1, null] }],
    ['a zero-sized axis', { op: 'softmax', shape: [0], data: [] }],
    ['params that are not an object', { op: 'softmax', shape: [1], data: [1], params: [1] }],
    ['a random tensor too large to draw', { op: 'layer_norm', shape: [MAX_DRAWN_CELLS + 1] }],
    ['not an object', 'layer_norm'],
  ])('rejects %s', (_, value) => {
    expect(parseExplorerOptions(value)).toBeUndefined();
  });
});
