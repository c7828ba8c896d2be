/**
 * A tensor drawn as a grid: N blocks of C rows × P columns (see `layoutOf`). Where a cell sits,
 * and where the keyboard takes you from it. Shared by everything that draws a tensor cell by
 * cell and lets a learner walk it: the tensor explorer, and quizzes that ask about cells.
 */

/** (blocks N, rows C, columns P): how `layoutOf` draws a shape. */
export type GridLayout = readonly [number, number, number];

/** A cell's place: block `n`, row `c`, column `s`. */
export interface GridCell {
  readonly n: number;
  readonly c: number;
  readonly s: number;
}

export function cellCount([batch, channels, positions]: GridLayout): number {
  return batch * channels * positions;
}

/** Where the flat row-major `index` is drawn. */
export function gridCellOf([, channels, positions]: GridLayout, index: number): GridCell {
  return { n: Math.floor(index / (channels * positions)), c: Math.floor(index / positions) % channels, s: index % positions };
}

export function gridIndexOf([, channels, positions]: GridLayout, { n, c, s }: GridCell): number {
  return (n * channels + c) * positions + s;
}

/**
 * The keys that walk the grid: arrows within a block (Right at a row's end goes on into the next
 * block's same row, Left back), Page Up/Down to the same cell of the previous/next block, Home/End
 * to the row's ends.
 */
export const GRID_KEYS = ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End'] as const;
export type GridKey = (typeof GRID_KEYS)[number];

export function isGridKey(key: string): key is GridKey {
  return (GRID_KEYS as readonly string[]).includes(key);
}

/** The cell `key` moves to from `index`; at an edge it stays where it is. */
export function moveInGrid(layout: GridLayout, index: number, key: GridKey): number {
  const [batch, channels, positions] = layout;
  let { n, c, s } = gridCellOf(layout, index);
  switch (key) {
    case 'ArrowRight':
      if (s < positions - 1) s += 1;
      else if (n < batch - 1) [n, s] = [n + 1, 0];
      break;
    case 'ArrowLeft':
      if (s > 0) s -= 1;
      else if (n > 0) [n, s] = [n - 1, positions - 1];
      break;
    case 'ArrowDown':
      c = Math.min(channels - 1, c + 1);
      break;
    case 'ArrowUp':
      c = Math.max(0, c - 1);
      break;
    case 'PageDown':
      n = Math.min(batch - 1, n + 1);
      break;
    case 'PageUp':
      n = Math.max(0, n - 1);
      break;
    case 'Home':
      s = 0;
      break;
    case 'End':
      s = positions - 1;
      break;
    default: {
      const never: never = key;
      return never;
    }
  }
  return gridIndexOf(layout, { n, c, s });
}
