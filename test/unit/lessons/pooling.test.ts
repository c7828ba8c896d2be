import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../src/core/lessons/compute';
import { poolingSentence } from '../../../src/core/render/pooling';

/** The Chinese sentence for a block, next to the engine's English one for the same block. */
function both(op: string, shape: number[], params?: Record<string, unknown>) {
  const data = Array.from({ length: shape.reduce((total, dim) => total * dim, 1) }, (_, index) => (index * 7) % 5 + index / 3);
  const result = runEngine(op, { shape, data }, params);
  return { english: result.describePooling, chinese: poolingSentence('zh-cn', result) };
}

const numbers = (sentence: string) => (sentence.match(/\d+/g) ?? []).map(Number).sort((a, b) => a - b);

describe('poolingSentence: the line under a worked example', () => {
  it('is the engine’s English sentence for English lessons, starting with a capital', () => {
    const result = runEngine('layer_norm', { shape: [2, 3], data: [1, 2, 3, 4, 5, 7] });
    expect(result.describePooling).toBe('each of the 2 rows is pooled over its 3 values (last axis)');
    expect(poolingSentence('en', result)).toBe('Each of the 2 rows is pooled over its 3 values (last axis)');
  });

  it('says in Chinese what each op pools, with the sizes from the shape and params', () => {
    expect(both('layer_norm', [2, 3, 4], { normalized_shape: [4] }).chinese).toBe('6 行各自在自己的 4 个值上汇总（最后一个轴）');
    expect(both('layer_norm', [2, 3, 4], { normalized_shape: [3, 4] }).chinese).toBe('2 行各自在自己的 12 个值上汇总（最后 2 个轴，形状 [3, 4]）');
    expect(both('rms_norm', [4]).chinese).toBe('整个输入是一个切片，在它的 4 个值上汇总（最后一个轴）');
    expect(both('batch_norm', [4, 2], { eps: 0 }).chinese).toBe('2 个通道各自在 4 个值上汇总，跨越整个批次');
    expect(both('batch_norm', [2, 2, 3]).chinese).toBe('2 个通道各自在 6 个值上汇总（2 个样本 × 3 个位置），跨越整个批次');
    expect(both('batch_norm', [2, 2, 3], { training: false, running_mean: [0, 0], running_var: [1, 1] }).chinese).toBe(
      '评估模式下不做汇总：2 个通道各自使用自己的滑动均值和滑动方差',
    );
    expect(both('instance_norm', [1, 4, 2]).chinese).toBe('4 个（样本，通道）对各自在自己的 2 个位置上汇总');
    expect(both('group_norm', [1, 4, 2], { num_groups: 2 }).chinese).toBe('2 个（样本，组）对各自在 2 个通道 × 2 个位置 = 4 个值上汇总');
    expect(both('z_score', [4, 2], { axis: 0 }).chinese).toBe('沿轴 0 的 2 个切片各自在自己的 4 个值上汇总');
    expect(both('min_max', [4, 2]).chinese).toBe('整个输入作为一组，共 8 个值');
    expect(both('softmax', [2, 3], { dim: -1 }).chinese).toBe('沿轴 1（最后一个轴）的 2 个切片各自在自己的 3 个值上汇总');
    expect(both('l2_normalize', [3]).chinese).toBe('整个输入沿轴 0（最后一个轴）构成一组，共 3 个值');
  });

  it('states the same counts as the engine’s sentence, for every op and several shapes', () => {
    const cases: [string, number[], Record<string, unknown>?][] = [
      ['layer_norm', [3, 5]],
      ['layer_norm', [2, 2, 3], { normalized_shape: [2, 3] }],
      ['rms_norm', [2, 6]],
      ['batch_norm', [3, 4]],
      ['batch_norm', [2, 3, 5]],
      ['batch_norm', [3, 2], { training: false, running_mean: [0, 1], running_var: [1, 2] }],
      ['instance_norm', [2, 3, 4]],
      ['group_norm', [2, 6, 2], { num_groups: 3 }],
      ['z_score', [3, 4], { axis: 1 }],
      ['z_score', [3, 4], { axis: -2 }],
      ['min_max', [2, 5], { axis: null }],
      ['softmax', [2, 3, 4], { dim: 1 }],
      ['l2_normalize', [4, 2]],
    ];
    for (const [op, shape, params] of cases) {
      const { english, chinese } = both(op, shape, params);
      expect(chinese, `${op} ${JSON.stringify(shape)}`).not.toBe(english);
      expect(numbers(chinese), `${op} ${JSON.stringify(shape)}: ${english} / ${chinese}`).toEqual(numbers(english));
    }
  });
});
