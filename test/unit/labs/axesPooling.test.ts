import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/engine';
import type { OpName, OpParams } from '../../../src/core/engine/types';
import { pictureShape, poolsOverAxes } from '../../../src/core/labs/axesPooling';
import { randomTensor } from '../../../src/core/labs/tensorExplorer';

/** Same partition, whatever the numbering: a ↔ b is a bijection between group ids. */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]) ?? b[i]) !== b[i] || (backward.get(b[i]) ?? a[i]) !== a[i]) return false;
    forward.set(a[i], b[i]);
    backward.set(b[i], a[i]);
  }
  return true;
}

describe('pooling over named axes (the axes quiz picture)', () => {
  it('picks small shapes that keep every axis visible', () => {
    expect(pictureShape(1)).toEqual([5]);
    expect(pictureShape(2)).toEqual([3, 4]);
    expect(pictureShape(3)).toEqual([2, 3, 4]);
    expect(pictureShape(4)).toEqual([2, 3, 2, 2]);
    expect(pictureShape(5)).toEqual([2, 3, 2, 2, 2]);
  });

  it('pooling nothing keeps every cell alone; pooling everything makes one pool', () => {
    expect(poolsOverAxes([2, 3], [false, false]).groupCount).toBe(6);
    expect(Array.from(poolsOverAxes([2, 3], [true, true]).groupOf)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(poolsOverAxes([2, 3], [false, true]).groupOf)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(poolsOverAxes([2, 3], [true, false]).groupOf)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it.each<[string, OpName, Partial<OpParams>, boolean[]]>([
    ['BatchNorm pools N, H, W', 'batch_norm', { training: true }, [true, false, true, true]],
    ['LayerNorm pools C, H, W', 'layer_norm', { normalized_shape: [3, 2, 2] }, [false, true, true, true]],
    ['InstanceNorm pools H, W', 'instance_norm', {}, [false, false, true, true]],
    ['RMSNorm pools C, H, W', 'rms_norm', { normalized_shape: [3, 2, 2] }, [false, true, true, true]],
  ])('agrees with the engine on (N, C, H, W): %s', (_, op, params, pooled) => {
    const shape = pictureShape(4);
    const engine = normalize(op, { shape, data: randomTensor(shape, 1) }, params).groupOf();
    expect(samePartition(poolsOverAxes(shape, pooled).groupOf, engine)).toBe(true);
    expect(samePartition(poolsOverAxes(shape, pooled.map((p, i) => (i === 0 ? !p : p))).groupOf, engine)).toBe(false);
  });

  it('refuses a flag list that does not match the axes', () => {
    expect(() => poolsOverAxes([2, 3], [true])).toThrow(/1 flags for 2 axes/);
  });
});
