import { describe, expect, it } from 'vitest';
import { parseLabConfig } from '../../../src/core/labs/labConfig';

describe('lab block config', () => {
  it('fills every optional key with its default', () => {
    expect(parseLabConfig({ lab: 'tensor-explorer' })).toEqual({
      ok: true,
      config: { lab: 'tensor-explorer', op: 'layer_norm', shape: [2, 4, 3], groups: 2, seed: 1 },
    });
    expect(parseLabConfig({ lab: 'linear-collapse' })).toEqual({ ok: true, config: { lab: 'linear-collapse', layers: 2, width: 3, seed: 1 } });
    expect(parseLabConfig({ lab: 'input-scale' })).toEqual({ ok: true, config: { lab: 'input-scale', steps: 60, learningRate: 0.1, seed: 1 } });
  });

  it('keeps the values a lesson gives', () => {
    expect(parseLabConfig({ lab: 'tensor-explorer', op: 'group_norm', shape: [2, 4, 3], groups: 4, seed: 7 })).toEqual({
      ok: true,
      config: { lab: 'tensor-explorer', op: 'group_norm', shape: [2, 4, 3], groups: 4, seed: 7 },
    });
    expect(parseLabConfig({ lab: 'input-scale', steps: 200, learningRate: 0.003, seed: 2 })).toEqual({
      ok: true,
      config: { lab: 'input-scale', steps: 200, learningRate: 0.003, seed: 2 },
    });
  });

  it.each([
    [null, /set of `key: value` lines/],
    [{ lab: 'tensor-exploder' }, /Unknown lab "tensor-exploder"/],
    [{ lab: 'tensor-explorer', op: 'softmax' }, /`op` must be one of batch_norm/],
    [{ lab: 'tensor-explorer', shape: [9, 4, 3] }, /`shape` must be \[N, C, H·W\]/],
    [{ lab: 'tensor-explorer', shape: [2, 4] }, /`shape`/],
    [{ lab: 'tensor-explorer', shape: [2, 4, 3], groups: 3 }, /`groups` = 3 must divide the 4 channels/],
    [{ lab: 'tensor-explorer', colour: 'red' }, /does not know `colour`/],
    [{ lab: 'tensor-explorer', op: 'instance_norm', shape: [2, 3, 1] }, /engine refuses the starting tensor \(instance_norm: /],
    [{ lab: 'tensor-explorer', op: 'batch_norm', shape: [1, 3, 1] }, /engine refuses the starting tensor \(batch_norm: /],
    [{ lab: 'linear-collapse', layers: 4 }, /`layers` must be a whole number from 2 to 3, got 4/],
    [{ lab: 'linear-collapse', width: 2.5 }, /`width`/],
    [{ lab: 'input-scale', learningRate: 0 }, /`learningRate` must be a number/],
    [{ lab: 'input-scale', steps: '10' }, /`steps`/],
    [{ lab: 'input-scale', seed: -1 }, /`seed`/],
  ])('rejects %j with a message naming the problem', (value, message) => {
    const parsed = parseLabConfig(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
