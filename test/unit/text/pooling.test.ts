import { describe, expect, it } from 'vitest';
import type { OpName } from '../../../src/core/engine';
import { OPERATIONS } from '../../../src/core/engine';
import { runEngine } from '../../../src/core/lessons/compute';
import { describePooling, opPoolingLine, poolingSentence, textLanguage } from '../../../src/core/text/pooling';

function pooled(op: string, shape: number[], params?: Record<string, unknown>) {
  const data = Array.from({ length: shape.reduce((total, dim) => total * dim, 1) }, (_, index) => ((index * 7) % 5) + index / 3);
  return runEngine(op, { shape, data }, params).pooling;
}

const numbers = (sentence: string) => (sentence.match(/\d+/g) ?? []).map(Number).sort((a, b) => a - b);

describe('poolingSentence: what one run pooled, in each language', () => {
  // One row per op (and per kind of pooling), pinned in both languages.
  const cases: [string, number[], Record<string, unknown> | undefined, string, string][] = [
    ['layer_norm', [2, 3, 4], { normalized_shape: [4] }, 'Each of the 6 rows is pooled over its 4 values (last axis).', '6 行各自在自己的 4 个值上汇总（最后一个轴）。'],
    ['layer_norm', [2, 3, 4], { normalized_shape: [3, 4] }, 'Each of the 2 rows is pooled over its 12 values (last 2 axes, shape [3, 4]).', '2 行各自在自己的 12 个值上汇总（最后 2 个轴，形状 [3, 4]）。'],
    ['rms_norm', [4], undefined, 'The whole input is one slice, pooled over its 4 values (last axis).', '整个输入是一个切片，在它的 4 个值上汇总（最后一个轴）。'],
    ['batch_norm', [4, 2], { eps: 0 }, 'Each of the 2 channels is pooled over 4 values, across the whole batch.', '2 个通道各自在 4 个值上汇总，跨越整个批次。'],
    ['batch_norm', [2, 2, 3], undefined, 'Each of the 2 channels is pooled over 6 values (2 samples × 3 positions), across the whole batch.', '2 个通道各自在 6 个值上汇总（2 个样本 × 3 个位置），跨越整个批次。'],
    [
      'batch_norm',
      [2, 2, 3],
      { training: false, running_mean: [0, 0], running_var: [1, 1] },
      'Nothing is pooled in eval mode: each of the 2 channels uses its running mean and variance.',
      '评估模式下不做汇总：2 个通道各自使用自己的滑动均值和滑动方差。',
    ],
    ['instance_norm', [1, 4, 2], undefined, 'Each of the 4 (sample, channel) pairs is pooled over its 2 positions.', '4 个（样本，通道）对各自在自己的 2 个位置上汇总。'],
    ['group_norm', [1, 4, 2], { num_groups: 2 }, 'Each of the 2 (sample, group) pairs is pooled over 2 channels × 2 positions = 4 values.', '2 个（样本，组）对各自在 2 个通道 × 2 个位置 = 4 个值上汇总。'],
    ['z_score', [4, 2], { axis: 0 }, 'Each of the 2 slices along axis 0 is pooled over its 4 values.', '沿轴 0 的 2 个切片各自在自己的 4 个值上汇总。'],
    ['min_max', [4, 2], undefined, 'The whole input is one group of 8 values.', '整个输入作为一组，共 8 个值。'],
    ['softmax', [2, 3], { dim: -1 }, 'Each of the 2 slices along axis 1 (the last axis) is pooled over its 3 values.', '沿轴 1（最后一个轴）的 2 个切片各自在自己的 3 个值上汇总。'],
    ['l2_normalize', [3], undefined, 'The whole input is one group of 3 values along axis 0 (the last axis).', '整个输入沿轴 0（最后一个轴）构成一组，共 3 个值。'],
  ];

  it.each(cases)('%s %j %j', (op, shape, params, english, chinese) => {
    const pooling = pooled(op, shape, params);
    expect(poolingSentence('en', pooling)).toBe(english);
    expect(poolingSentence('zh-cn', pooling)).toBe(chinese);
  });

  it('covers every op', () => {
    expect(new Set(cases.map(([op]) => op))).toEqual(new Set(Object.keys(OPERATIONS)));
  });

  it('is a lower-case clause inside a line and a capitalized sentence on its own', () => {
    const pooling = pooled('layer_norm', [2, 3]);
    expect(describePooling('en', pooling)).toBe('each of the 2 rows is pooled over its 3 values (last axis)');
    expect(poolingSentence('en', pooling)).toBe('Each of the 2 rows is pooled over its 3 values (last axis).');
    expect(describePooling('en', pooled('min_max', [1]))).toBe('the whole input is one group of 1 value');
  });

  it('states the same counts in both languages, for every op and several shapes', () => {
    const shapes: [string, number[], Record<string, unknown>?][] = [
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
    for (const [op, shape, params] of shapes) {
      const pooling = pooled(op, shape, params);
      const english = describePooling('en', pooling);
      const chinese = describePooling('zh-cn', pooling);
      expect(chinese, `${op} ${JSON.stringify(shape)}`).not.toBe(english);
      expect(numbers(chinese), `${op} ${JSON.stringify(shape)}: ${english} / ${chinese}`).toEqual(numbers(english));
    }
  });
});

describe('opPoolingLine: what an op pools in general (the op picker)', () => {
  const lines: Record<OpName, [string, string]> = {
    batch_norm: ['Pools each channel over the whole batch and every spatial position', '汇总：每个通道，跨整个批次和所有空间位置'],
    layer_norm: ['Pools each sample over its trailing dims (normalized_shape)', '汇总：每个样本，在其末尾维度（normalized_shape）上'],
    instance_norm: ['Pools each (sample, channel) pair over its spatial positions', '汇总：每个（样本，通道）对，在其空间位置上'],
    group_norm: ["Pools each sample's consecutive groups of channels over their channels and positions", '汇总：每个样本中相邻通道组成的组，在组内通道和位置上'],
    rms_norm: ['Pools each sample over its trailing dims, dividing by the root mean square (no centring)', '汇总：每个样本，在其末尾维度上除以均方根（不减均值）'],
    l2_normalize: ['Pools each slice along dim, dividing by its Euclidean norm', '汇总：沿 dim 的每个切片，除以其欧几里得范数'],
    min_max: ['Pools each slice along axis (or the whole array), mapping its range onto [0, 1]', '汇总：沿 axis 的每个切片（或整个数组），把取值范围映射到 [0, 1]'],
    z_score: ['Pools each slice along axis (or the whole array), subtracting the mean and dividing by the std', '汇总：沿 axis 的每个切片（或整个数组），减去均值再除以标准差'],
    softmax: ['Pools each slice along dim, turning it into probabilities that sum to 1', '汇总：沿 dim 的每个切片，变成和为 1 的概率'],
  };

  it.each(Object.keys(OPERATIONS) as OpName[])('%s', (op) => {
    expect(opPoolingLine('en', op)).toBe(lines[op][0]);
    expect(opPoolingLine('zh-cn', op)).toBe(lines[op][1]);
  });

  it('picks Chinese for any zh tag and English otherwise', () => {
    expect(textLanguage('zh-CN')).toBe('zh-cn');
    expect(textLanguage('zh-tw')).toBe('zh-cn');
    expect(textLanguage('de')).toBe('en');
  });
});
