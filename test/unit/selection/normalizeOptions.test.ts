import { describe, expect, it } from 'vitest';
import {
  checkNormalizeArguments,
  completeParams,
  defaultParams,
  describeParams,
  paramQuestions,
} from '../../../src/core/selection/normalizeOptions';

const settings = { defaultEps: 1e-5 };

describe('checkNormalizeArguments', () => {
  it('treats a missing argument or the URI the context menu passes as "ask with pickers"', () => {
    expect(checkNormalizeArguments(undefined)).toEqual({ ok: true, args: undefined });
    expect(checkNormalizeArguments({ scheme: 'file', path: '/a.py' })).toEqual({ ok: true, args: undefined });
  });

  it('accepts the documented object', () => {
    expect(checkNormalizeArguments({ op: 'layer_norm', params: { normalized_shape: [3] }, output: 'replace' })).toEqual({
      ok: true,
      args: { op: 'layer_norm', params: { normalized_shape: [3] }, output: 'replace' },
    });
  });

  it.each([
    [{ op: 'layernorm' }, /unknown op "layernorm"/],
    [{ op: 'softmax', params: [1] }, /"params" must be an object/],
    [{ params: { eps: 1 } }, /needs "op"/],
    [{ op: 'softmax', params: { axis: 0 } }, /softmax has no parameter "axis"; it accepts dim/],
    [{ op: 'softmax', output: 'file' }, /unknown output "file"/],
  ])('refuses %j with a message naming the problem', (value, message) => {
    const checked = checkNormalizeArguments(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message.template.replace(/\{(\d)\}/g, (_, i) => String(checked.message.args[Number(i)]))).toMatch(message);
  });
});

describe('paramQuestions and defaults for the inferred shape', () => {
  it('LayerNorm offers each trailing suffix of the shape, the last axis first', () => {
    const [question, eps] = paramQuestions('layer_norm', [2, 3, 4], settings);
    expect(question).toEqual({ name: 'normalized_shape', choices: [[4], [3, 4], [2, 3, 4]], defaultValue: [4] });
    expect(eps).toEqual({ name: 'eps', defaultValue: 1e-5 });
  });

  it('RMSNorm defaults eps to 1e-6 whatever the setting', () => {
    expect(paramQuestions('rms_norm', [4], settings).at(-1)).toEqual({ name: 'eps', defaultValue: 1e-6 });
  });

  it('GroupNorm offers the divisors of the channel count, defaulting to the smallest above 1', () => {
    expect(paramQuestions('group_norm', [2, 6, 5], settings)[0]).toEqual({ name: 'num_groups', choices: [1, 2, 3, 6], defaultValue: 2 });
    expect(paramQuestions('group_norm', [2, 7], settings)[0]).toMatchObject({ choices: [1, 7], defaultValue: 1 });
  });

  it('min-max and z-score pool per column of a 2-D selection and over everything for a vector', () => {
    expect(defaultParams(paramQuestions('min_max', [5, 3], settings))).toEqual({ axis: 0 });
    expect(defaultParams(paramQuestions('z_score', [5], settings))).toEqual({ axis: null, ddof: 0 });
  });

  it('softmax and L2 act along the last dim; L2 is not asked for eps', () => {
    expect(defaultParams(paramQuestions('softmax', [2, 3], settings))).toEqual({ dim: -1 });
    expect(defaultParams(paramQuestions('l2_normalize', [2, 3], settings))).toEqual({ dim: -1 });
  });

  it('BatchNorm asks training vs eval, training by default', () => {
    expect(defaultParams(paramQuestions('batch_norm', [4, 2], settings))).toEqual({ training: true, eps: 1e-5 });
  });

  it('keeps a remembered answer only while it still fits the shape', () => {
    const questions = paramQuestions('layer_norm', [2, 3], settings);
    expect(defaultParams(questions, { normalized_shape: [2, 3], eps: 0.001 })).toEqual({ normalized_shape: [2, 3], eps: 0.001 });
    expect(defaultParams(questions, { normalized_shape: [5], eps: -1 })).toEqual({ normalized_shape: [3], eps: 1e-5 });
  });
});

describe('completeParams and describeParams', () => {
  it('gives BatchNorm in eval mode the running statistics of a new layer, with a note', () => {
    const { params, notes } = completeParams('batch_norm', [4, 3], { training: false, eps: 1e-5 });
    expect(params).toMatchObject({ running_mean: [0, 0, 0], running_var: [1, 1, 1] });
    expect(notes).toHaveLength(1);
  });

  it('leaves given running statistics and other ops alone', () => {
    expect(completeParams('batch_norm', [4, 1], { training: false, running_mean: [2], running_var: [4] }).params).toEqual({ training: false, running_mean: [2], running_var: [4] });
    expect(completeParams('softmax', [4], { dim: -1 })).toEqual({ params: { dim: -1 }, notes: [] });
  });

  it('writes parameters the way Python would', () => {
    expect(describeParams({ normalized_shape: [3], eps: 1e-5, axis: null, training: true })).toBe('normalized_shape=[3], eps=0.00001, axis=None, training=true');
  });
});
