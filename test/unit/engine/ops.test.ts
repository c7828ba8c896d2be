import { describe, expect, it } from 'vitest';
import { EngineError, normalize, OPERATIONS, type OpName } from '../../../src/core/engine/index';
import { describePooling } from '../../../src/core/text/pooling';

const close = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-12) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(
      tolerance * (1 + Math.abs(expected[i])),
    );
  }
};

describe('defaults and inputs', () => {
  it('layer_norm defaults to the last dim and eps 1e-5', () => {
    const r = normalize('layer_norm', { shape: [2, 3], data: [1, 2, 3, 10, 20, 30] });
    const k = 1 / Math.sqrt(2 / 3 + 1e-5);
    close(r.output.data, [-k, 0, k, -1 / Math.sqrt(2 / 3 + 1e-7), 0, 1 / Math.sqrt(2 / 3 + 1e-7)]);
    expect(r.extra.mean.shape).toEqual([2]);
    close(r.extra.mean.data, [2, 20]);
    close(r.extra.rstd.data, [k, 1 / Math.sqrt(200 / 3 + 1e-5)]);
  });

  it('rms_norm defaults to eps 1e-6 and l2_normalize to eps 1e-12 on the last dim', () => {
    close(normalize('rms_norm', { shape: [1], data: [2] }).output.data, [2 / Math.sqrt(4 + 1e-6)]);
    close(normalize('l2_normalize', { shape: [2, 2], data: [3, 4, 0, 1e-13] }).output.data, [0.6, 0.8, 0, 0.1]);
  });

  it('softmax defaults to the last dim, min_max and z_score to the whole array', () => {
    const soft = normalize('softmax', { shape: [2, 2], data: [0, 0, 0, Math.log(3)] });
    close(soft.output.data, [0.5, 0.5, 0.25, 0.75]);
    close(normalize('min_max', { shape: [2, 2], data: [1, 2, 3, 5] }).output.data, [0, 0.25, 0.5, 1]);
    const z = normalize('z_score', { shape: [2, 2], data: [1, 3, 1, 3] });
    close(z.output.data, [-1, 1, -1, 1]);
    expect(z.extra.std.shape).toEqual([]);
  });

  it('reads Float32Array, Float64Array and number[] alike', () => {
    const values = [0.5, -1.25, 3, 8];
    const expected = normalize('layer_norm', { shape: [4], data: values }).output.data;
    for (const data of [Float64Array.from(values), Float32Array.from(values)]) {
      close(normalize('layer_norm', { shape: [4], data }).output.data, Array.from(expected));
    }
  });

  it('treats undefined params as missing', () => {
    const r = normalize('batch_norm', { shape: [2, 1], data: [1, 3] }, { eps: undefined, weight: undefined });
    close(r.output.data, [-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5)]);
  });

  it('does not modify the input', () => {
    const data = [1, 2, 3, 4];
    normalize('batch_norm', { shape: [2, 2], data }, { running_mean: [0, 0], running_var: [1, 1] });
    expect(data).toEqual([1, 2, 3, 4]);
  });
});

describe('batch_norm', () => {
  it('updates running stats with the unbiased variance but normalizes with the biased one', () => {
    const r = normalize('batch_norm', { shape: [2, 2], data: [1, 10, 3, 14] }, { running_mean: [0, 0], running_var: [1, 1] });
    close(r.output.data, [-1 / Math.sqrt(1 + 1e-5), -2 / Math.sqrt(4 + 1e-5), 1 / Math.sqrt(1 + 1e-5), 2 / Math.sqrt(4 + 1e-5)]);
    close(r.extra.running_mean.data, [0.2, 1.2]);
    close(r.extra.running_var.data, [0.9 + 0.1 * 2, 0.9 + 0.1 * 8]);
  });

  it('in eval mode uses the running stats and returns no extra', () => {
    const r = normalize('batch_norm', { shape: [1, 2], data: [3, 3] }, { training: false, running_mean: [1, 2], running_var: [4, 1], eps: 0, weight: [2, 1], bias: [0, 1] });
    close(r.output.data, [2, 2]);
    expect(r.extra).toEqual({});
    expect(describePooling('en', r.pooling)).toContain('eval mode');
  });

  it('pools (N, C, H, W) per channel over samples and positions, with per-channel affine', () => {
    // channel 0: 1,2 (n0) 3,4 (n1); channel 1: 10,10 and 10,10 (constant)
    const r = normalize('batch_norm', { shape: [2, 2, 1, 2], data: [1, 2, 10, 10, 3, 4, 10, 10] }, { weight: [2, 3], bias: [0.5, -1] });
    const k = 2 / Math.sqrt(1.25 + 1e-5);
    close(r.output.data, [-1.5 * k + 0.5, -0.5 * k + 0.5, -1, -1, 0.5 * k + 0.5, 1.5 * k + 0.5, -1, -1]);
    expect(r.groupCount).toBe(2);
    expect(Array.from(r.groupOf())).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(r.groupStats[0]).toMatchObject({ count: 4, mean: 2.5, variance: 1.25 });
    expect(describePooling('en', r.pooling)).toBe('each of the 2 channels is pooled over 4 values (2 samples × 2 positions), across the whole batch');
  });
});

describe('instance_norm and group_norm', () => {
  it('instance_norm pools each (sample, channel) over its positions', () => {
    const r = normalize('instance_norm', { shape: [1, 2, 2], data: [0, 2, 5, 5] }, { bias: [0, 7] });
    close(r.output.data, [-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5), 7, 7]);
    expect(r.extra.mean.shape).toEqual([1, 2]);
    expect(Array.from(r.groupOf())).toEqual([0, 0, 1, 1]);
  });

  it('group_norm pools consecutive channels, with per-channel weight', () => {
    const r = normalize('group_norm', { shape: [1, 4, 1], data: [1, 3, 5, 5] }, { num_groups: 2, weight: [1, 2, 3, 4] });
    const k = 1 / Math.sqrt(1 + 1e-5);
    close(r.output.data, [-k, 2 * k, 0, 0]);
    expect(r.extra.rstd.shape).toEqual([1, 2]);
    expect(Array.from(r.groupOf())).toEqual([0, 0, 1, 1]);
    expect(describePooling('en', r.pooling)).toBe('each of the 2 (sample, group) pairs is pooled over 2 channels × 1 position = 2 values');
  });

  it('group_norm with one group per channel equals instance_norm', () => {
    const input = { shape: [2, 3, 4], data: Array.from({ length: 24 }, (_, i) => Math.sin(i * 1.7) * 3) };
    const grouped = normalize('group_norm', input, { num_groups: 3 });
    const instance = normalize('instance_norm', input);
    close(grouped.output.data, Array.from(instance.output.data), 1e-15);
  });
});

describe('axis ops', () => {
  it('min_max along axis 0 reports min and max per column', () => {
    const r = normalize('min_max', { shape: [3, 2], data: [1, 10, 3, 30, 2, 20] }, { axis: 0 });
    close(r.output.data, [0, 0, 1, 1, 0.5, 0.5]);
    expect(r.extra.min).toEqual({ shape: [2], data: Float64Array.from([1, 10]) });
    expect(r.extra.max.data).toEqual(Float64Array.from([3, 30]));
    expect(Array.from(r.groupOf())).toEqual([0, 1, 0, 1, 0, 1]);
    expect(describePooling('en', r.pooling)).toBe('each of the 2 slices along axis 0 is pooled over its 3 values');
  });

  it('z_score with ddof 1 along a negative axis', () => {
    const r = normalize('z_score', { shape: [2, 3], data: [1, 2, 3, 5, 5, 5] }, { axis: -1, ddof: 1 });
    close(r.output.data, [-1, 0, 1, 0, 0, 0]);
    close(r.extra.std.data, [1, 0]);
    close(r.extra.mean.data, [2, 5]);
  });

  it('softmax along dim 0 of a 3-d tensor', () => {
    const r = normalize('softmax', { shape: [2, 1, 2], data: [0, 1, 0, 1] }, { dim: 0 });
    close(r.output.data, [0.5, 0.5, 0.5, 0.5]);
    expect(r.groupCount).toBe(2);
  });

  it('l2_normalize along dim 0 of columns; eps is a floor, not added', () => {
    const r = normalize('l2_normalize', { shape: [2, 2], data: [3, 1, 4, 0] }, { dim: 0 });
    close(r.output.data, [0.6, 1, 0.8, 0]);
    close(normalize('l2_normalize', { shape: [2], data: [0.3, 0.4] }, { eps: 1 }).output.data, [0.3, 0.4]);
    expect(r.groupStats.map((s) => s.norm)).toEqual([5, 1]);
  });

  it('accepts 0-d input for axis ops with dim 0 or -1', () => {
    expect(Array.from(normalize('softmax', { shape: [], data: [4] }).output.data)).toEqual([1]);
    expect(normalize('min_max', { shape: [], data: [4] }, { axis: 0 }).output.shape).toEqual([]);
  });
});

describe('describePooling, groupStats and OPERATIONS', () => {
  it('layer_norm describes rows and reports mean, variance and rstd per row', () => {
    const r = normalize('layer_norm', { shape: [4, 3], data: [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3] });
    expect(describePooling('en', r.pooling)).toBe('each of the 4 rows is pooled over its 3 values (last axis)');
    expect(r.groupCount).toBe(4);
    expect(r.groupStats).toHaveLength(4);
    expect(r.groupStats[3].count).toBe(3);
    close([r.groupStats[3].mean!, r.groupStats[3].variance!, r.groupStats[3].rstd!], [2, 2 / 3, 1 / Math.sqrt(2 / 3 + 1e-5)]);
    expect(Array.from(r.groupOf())).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
  });

  it('computes groupOf lazily and only once', () => {
    const r = normalize('rms_norm', { shape: [2, 2], data: [1, 2, 3, 4] });
    expect(r.groupOf()).toBe(r.groupOf());
  });

  it('lists every op with a label, a pooling line and its params', () => {
    const ops = Object.keys(OPERATIONS) as OpName[];
    expect(ops.sort()).toEqual(
      ['batch_norm', 'group_norm', 'instance_norm', 'l2_normalize', 'layer_norm', 'min_max', 'rms_norm', 'softmax', 'z_score'],
    );
    for (const op of ops) {
      expect(OPERATIONS[op].label.length).toBeGreaterThan(3);
    }
    expect(OPERATIONS.group_norm.params).toContain('num_groups');
    expect(OPERATIONS.batch_norm.params).toEqual(['training', 'momentum', 'eps', 'weight', 'bias', 'running_mean', 'running_var']);
  });
});

describe('errors name the op, the argument and what was expected', () => {
  const cases: Array<[string, () => unknown, string, RegExp]> = [
    ['group_norm with C not divisible', () => normalize('group_norm', { shape: [1, 4, 2], data: new Array(8).fill(1) }, { num_groups: 3 }), 'num_groups', /^group_norm: num_groups = 3 must divide the 4 channels \(C\)$/],
    ['group_norm without num_groups', () => normalize('group_norm', { shape: [1, 4], data: [1, 2, 3, 4] }), 'num_groups', /num_groups is required/],
    ['group_norm with 0 groups', () => normalize('group_norm', { shape: [1, 4], data: [1, 2, 3, 4] }, { num_groups: 0 }), 'num_groups', /positive integer/],
    ['layer_norm with mismatched normalized_shape', () => normalize('layer_norm', { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, { normalized_shape: [2] }), 'normalized_shape', /trailing dims/],
    ['layer_norm with a weight of the wrong length', () => normalize('layer_norm', { shape: [3], data: [1, 2, 3] }, { weight: [1, 2] }), 'weight', /weight has 2 values; expected 3/],
    ['layer_norm on a 0-d input', () => normalize('layer_norm', { shape: [], data: [1] }), 'normalized_shape', /0-d/],
    ['data length not matching the shape', () => normalize('softmax', { shape: [2, 2], data: [1, 2, 3] }), 'input.data', /3 values but shape \[2, 2\] needs 4/],
    ['empty input', () => normalize('min_max', { shape: [0], data: [] }), 'input', /empty/],
    ['z_score with ddof >= n', () => normalize('z_score', { shape: [1], data: [5] }, { ddof: 1 }), 'ddof', /ddof = 1 must be smaller/],
    ['z_score with a negative ddof', () => normalize('z_score', { shape: [3], data: [1, 2, 3] }, { ddof: -1 }), 'ddof', /non-negative/],
    ['softmax dim out of range', () => normalize('softmax', { shape: [2, 2], data: [1, 2, 3, 4] }, { dim: 2 }), 'dim', /\[-2, 1\]/],
    ['l2_normalize negative dim out of range', () => normalize('l2_normalize', { shape: [2], data: [1, 2] }, { dim: -2 }), 'dim', /out of range/],
    ['min_max axis out of range', () => normalize('min_max', { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, { axis: 5 }), 'axis', /axis = 5 is out of range/],
    ['batch_norm training with one value per channel', () => normalize('batch_norm', { shape: [1, 3], data: [1, 2, 3] }), 'input', /more than 1 value per channel/],
    ['batch_norm eval without running stats', () => normalize('batch_norm', { shape: [2, 2], data: [1, 2, 3, 4] }, { training: false }), 'running_mean', /running_mean and running_var/],
    ['batch_norm with only running_mean', () => normalize('batch_norm', { shape: [2, 1], data: [1, 2] }, { running_mean: [0] }), 'running_var', /both/],
    ['batch_norm with a negative running_var', () => normalize('batch_norm', { shape: [2, 1], data: [1, 2] }, { running_mean: [0], running_var: [-1] }), 'running_var', />= 0/],
    ['batch_norm on a 1-d input', () => normalize('batch_norm', { shape: [3], data: [1, 2, 3] }), 'input.shape', /\(N, C, \.\.\.\)/],
    ['instance_norm on (N, C)', () => normalize('instance_norm', { shape: [2, 2], data: [1, 2, 3, 4] }), 'input', /more than 1 spatial element/],
    ['instance_norm with one position', () => normalize('instance_norm', { shape: [2, 2, 1], data: [1, 2, 3, 4] }), 'input', /more than 1 spatial element/],
    ['a negative eps', () => normalize('layer_norm', { shape: [2], data: [1, 2] }, { eps: -1 }), 'eps', /eps = -1 must be a finite number >= 0/],
    ['an unknown parameter', () => normalize('softmax', { shape: [2], data: [1, 2] }, { axis: 0 }), 'axis', /unknown parameter "axis"; expected one of dim/],
    ['a non-finite weight', () => normalize('rms_norm', { shape: [2], data: [1, 2] }, { weight: [1, NaN] }), 'weight', /weight\[1\] = NaN/],
  ];
  for (const [name, run, argument, message] of cases) {
    it(`rejects ${name}`, () => {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(EngineError);
      const error = caught as EngineError;
      expect(error.argument).toBe(argument);
      expect(error.message).toMatch(message);
      expect(error.message.startsWith(`${error.op}: `)).toBe(true);
      expect(error.expected.length).toBeGreaterThan(0);
    });
  }

  it('rejects an unknown op', () => {
    expect(() => normalize('dropout' as OpName, { shape: [1], data: [1] })).toThrow(/unknown operation/);
  });

  const ops: OpName[] = ['batch_norm', 'layer_norm', 'instance_norm', 'group_norm', 'rms_norm', 'l2_normalize', 'min_max', 'z_score', 'softmax'];
  for (const op of ops) {
    it(`${op} rejects NaN and ±Infinity, naming the first bad flat index`, () => {
      const params = op === 'group_norm' ? { num_groups: 1 } : {};
      for (const bad of [NaN, Infinity, -Infinity]) {
        const data = [1, 2, 3, 4, 5, 6, 7, 8];
        data[5] = bad;
        data[7] = NaN;
        let caught: unknown;
        try {
          normalize(op, { shape: [2, 2, 2], data }, params);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(EngineError);
        expect((caught as EngineError).argument).toBe('input');
        expect((caught as EngineError).message).toContain(`input[5] (flat, row-major index) is ${bad}`);
      }
    });
  }

  it('batch_norm eval also rejects non-finite input', () => {
    expect(() =>
      normalize('batch_norm', { shape: [2, 1], data: [1, NaN] }, { training: false, running_mean: [0], running_var: [1] }),
    ).toThrow(/input\[1\]/);
  });
});
