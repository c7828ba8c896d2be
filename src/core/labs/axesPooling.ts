/**
 * For the `axes` quiz's picture: which cells of a tensor fall into one pool when a learner says
 * "pool over these axes". Two cells share a pool exactly when they agree on every axis that is
 * not pooled. This is the definition the quiz asks about, not a normalization: no statistics here.
 */
import { elementCount } from '../engine';

/** Small sizes that keep every axis visible in the picture: (2, 3, 2, 2, …), (2, 3, 4), (3, 4), (5). */
export function pictureShape(rank: number): number[] {
  if (rank <= 1) return [5];
  if (rank === 2) return [3, 4];
  if (rank === 3) return [2, 3, 4];
  return [2, 3, ...new Array<number>(rank - 2).fill(2)];
}

/**
 * The pool index of every cell (flat, row-major), numbered in order of first appearance, and the
 * number of pools.
 */
export function poolsOverAxes(shape: readonly number[], pooled: readonly boolean[]): { groupOf: Int32Array; groupCount: number } {
  if (pooled.length !== shape.length) throw new Error(`poolsOverAxes: ${pooled.length} flags for ${shape.length} axes`);
  const count = elementCount(shape);
  const groupOf = new Int32Array(count);
  const numbering = new Map<number, number>();
  const coordinate = new Array<number>(shape.length).fill(0);
  for (let cell = 0; cell < count; cell++) {
    let rest = cell;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      coordinate[axis] = rest % shape[axis];
      rest = Math.floor(rest / shape[axis]);
    }
    // The key: the cell's coordinates on the kept axes, as a mixed-radix number.
    let key = 0;
    for (let axis = 0; axis < shape.length; axis++) if (!pooled[axis]) key = key * shape[axis] + coordinate[axis];
    let group = numbering.get(key);
    if (group === undefined) {
      group = numbering.size;
      numbering.set(key, group);
    }
    groupOf[cell] = group;
  }
  return { groupOf, groupCount: numbering.size };
}
