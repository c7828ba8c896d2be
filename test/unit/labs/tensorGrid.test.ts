import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellCount, GRID_KEYS, type GridLayout, gridCellOf, gridIndexOf, isGridKey, moveInGrid } from '../../../src/core/labs/tensorGrid';

// Two blocks (samples) of three rows (channels) × four columns (positions).
const layout: GridLayout = [2, 3, 4];
const at = (n: number, c: number, s: number) => gridIndexOf(layout, { n, c, s });

describe('tensor grid places', () => {
  it('numbers cells row-major: block, then row, then column', () => {
    expect(cellCount(layout)).toBe(24);
    expect(at(0, 0, 0)).toBe(0);
    expect(at(0, 1, 0)).toBe(4);
    expect(at(1, 0, 0)).toBe(12);
    expect(at(1, 2, 3)).toBe(23);
    for (let index = 0; index < 24; index++) expect(gridIndexOf(layout, gridCellOf(layout, index))).toBe(index);
    expect(gridCellOf(layout, 17)).toEqual({ n: 1, c: 1, s: 1 });
  });

  it('knows its keys and nothing else', () => {
    for (const key of GRID_KEYS) expect(isGridKey(key)).toBe(true);
    for (const key of ['Enter', ' ', 'Tab', 'a', 'arrowright']) expect(isGridKey(key)).toBe(false);
  });
});

describe('keyboard moves in the grid', () => {
  it('arrows move one cell within a block', () => {
    expect(moveInGrid(layout, at(0, 1, 1), 'ArrowRight')).toBe(at(0, 1, 2));
    expect(moveInGrid(layout, at(0, 1, 1), 'ArrowLeft')).toBe(at(0, 1, 0));
    expect(moveInGrid(layout, at(0, 1, 1), 'ArrowDown')).toBe(at(0, 2, 1));
    expect(moveInGrid(layout, at(0, 1, 1), 'ArrowUp')).toBe(at(0, 0, 1));
  });

  it('Right at the end of a row goes on into the next block’s same row, Left back', () => {
    expect(moveInGrid(layout, at(0, 2, 3), 'ArrowRight')).toBe(at(1, 2, 0));
    expect(moveInGrid(layout, at(1, 2, 0), 'ArrowLeft')).toBe(at(0, 2, 3));
  });

  it('stays put at the edges of the tensor', () => {
    expect(moveInGrid(layout, at(1, 1, 3), 'ArrowRight')).toBe(at(1, 1, 3));
    expect(moveInGrid(layout, at(0, 1, 0), 'ArrowLeft')).toBe(at(0, 1, 0));
    expect(moveInGrid(layout, at(0, 2, 2), 'ArrowDown')).toBe(at(0, 2, 2));
    expect(moveInGrid(layout, at(1, 0, 2), 'ArrowUp')).toBe(at(1, 0, 2));
    expect(moveInGrid(layout, at(1, 1, 1), 'PageDown')).toBe(at(1, 1, 1));
    expect(moveInGrid(layout, at(0, 1, 1), 'PageUp')).toBe(at(0, 1, 1));
    expect(moveInGrid(layout, at(0, 1, 0), 'Home')).toBe(at(0, 1, 0));
    expect(moveInGrid(layout, at(0, 1, 3), 'End')).toBe(at(0, 1, 3));
  });

  it('Page Up/Down keep row and column; Home/End keep block and row', () => {
    expect(moveInGrid(layout, at(0, 2, 1), 'PageDown')).toBe(at(1, 2, 1));
    expect(moveInGrid(layout, at(1, 2, 1), 'PageUp')).toBe(at(0, 2, 1));
    expect(moveInGrid(layout, at(1, 2, 1), 'Home')).toBe(at(1, 2, 0));
    expect(moveInGrid(layout, at(1, 2, 1), 'End')).toBe(at(1, 2, 3));
  });

  it('a one-cell tensor goes nowhere', () => {
    for (const key of GRID_KEYS) expect(moveInGrid([1, 1, 1], 0, key)).toBe(0);
  });

  it('never leaves the tensor, and Right then Left comes back except from the last cell', () => {
    const cases = fc
      .record({ batch: fc.integer({ min: 1, max: 8 }), channels: fc.integer({ min: 1, max: 16 }), positions: fc.integer({ min: 1, max: 16 }), pick: fc.nat(), key: fc.constantFrom(...GRID_KEYS) })
      .map(({ batch, channels, positions, pick, key }) => ({ layout: [batch, channels, positions] as GridLayout, index: pick % (batch * channels * positions), key }));
    fc.assert(
      fc.property(cases, ({ layout: grid, index, key }) => {
        const moved = moveInGrid(grid, index, key);
        expect(moved).toBeGreaterThanOrEqual(0);
        expect(moved).toBeLessThan(cellCount(grid));
        const right = moveInGrid(grid, index, 'ArrowRight');
        if (right !== index) expect(moveInGrid(grid, right, 'ArrowLeft')).toBe(index);
        // Up/Down and Page Up/Down never change the column.
        if (key !== 'ArrowRight' && key !== 'ArrowLeft' && key !== 'Home' && key !== 'End') expect(gridCellOf(grid, moved).s).toBe(gridCellOf(grid, index).s);
      }),
      { numRuns: 300 },
    );
  });
});
