import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/engine/index';
import { parseLabConfig } from '../../../src/core/labs/labConfig';
import { makeSetup, SCALE_INVARIANCE_NORMS, SCALE_INVARIANCE_SIZES, scaleInvarianceState } from '../../../src/core/labs/scaleInvariance';

const SCALES = [0.1, 0.37, 2, 3.5, 10];

describe.each(SCALE_INVARIANCE_NORMS)('scale-invariance lab with %s', (norm) => {
  const at = (scale: number, seed = 3, learningRate = 0.1) => scaleInvarianceState({ norm, scale, learningRate, seed });

  it.each(SCALES)('s = %s: the output is the one at s = 1', (scale) => {
    const state = at(scale);
    expect(state.outputDifferenceFromReference).toBeLessThan(1e-13);
    // and it is a real normalized output, not zeros
    expect(Math.max(...Array.from(state.current.output, Math.abs))).toBeGreaterThan(0.5);
  });

  it.each(SCALES)('s = %s: ‖W‖ grows as s, ‖∂L/∂W‖ shrinks as 1/s, the effective step as 1/s²', (scale) => {
    const { current, reference } = at(scale);
    expect(current.weightNorm / reference.weightNorm).toBeCloseTo(scale, 12);
    expect(current.gradientNorm / reference.gradientNorm).toBeCloseTo(1 / scale, 12);
    expect((current.effectiveStep * scale * scale) / reference.effectiveStep).toBeCloseTo(1, 12);
    expect(current.gradientNorm * current.weightNorm).toBeCloseTo(reference.gradientNorm * reference.weightNorm, 10);
  });

  it('the gradient at s = 1 is not zero (the shrinking is measured, not assumed)', () => {
    const { reference } = at(1);
    expect(reference.gradientNorm).toBeGreaterThan(0.05);
    expect(reference.effectiveStep).toBeGreaterThan(1e-3);
  });

  it('one SGD step changes the output about 1/s² as much once the step is small', () => {
    const five = at(5).current.outputChangeAfterStep;
    const ten = at(10).current.outputChangeAfterStep;
    expect(ten).toBeGreaterThan(0);
    expect(five / ten).toBeGreaterThan(3.6);
    expect(five / ten).toBeLessThan(4.4);
  });

  it('the engine’s ∂L/∂z sums to zero per group, is orthogonal to x̂ and matches central differences', () => {
    for (const scale of [0.1, 1, 10]) {
      const { gradientCheck } = at(scale);
      expect(gradientCheck.largestGradient).toBeGreaterThan(0);
      expect(gradientCheck.largestGroupSum).toBeLessThan(1e-12 * gradientCheck.largestGradient);
      expect(gradientCheck.largestDotWithNormalized).toBeLessThan(1e-12 * gradientCheck.largestGradient);
      expect(gradientCheck.largestDifferenceFromFiniteDifferences).toBeLessThan(1e-6 * gradientCheck.largestGradient);
    }
  });

  it('rstd, the 1/σ of each pooled group, is 1/s times the one at s = 1', () => {
    const { current, reference } = at(4);
    const groups = norm === 'layer_norm' ? SCALE_INVARIANCE_SIZES.samples : SCALE_INVARIANCE_SIZES.features;
    expect(current.rstd.length).toBe(groups);
    current.rstd.forEach((r, g) => expect(r * 4).toBeCloseTo(reference.rstd[g], 10));
  });

  it('the output is the engine’s normalization of X·Wᵀ', () => {
    const setup = makeSetup(3);
    const { samples, inputs, features } = SCALE_INVARIANCE_SIZES;
    const z = new Float64Array(samples * features);
    for (let b = 0; b < samples; b++) for (let j = 0; j < features; j++) for (let k = 0; k < inputs; k++) z[b * features + j] += setup.inputs[b * inputs + k] * setup.weight[j * inputs + k];
    const params = norm === 'layer_norm' ? { normalized_shape: [features], eps: 0 } : { training: true, eps: 0 };
    const expected = normalize(norm, { shape: [samples, features], data: z }, params).output.data;
    Array.from(at(1).current.output).forEach((y, i) => expect(y).toBeCloseTo(expected[i], 12));
  });
});

describe('scale-invariance lab setup', () => {
  it('is the same for a seed and different for another', () => {
    expect(makeSetup(4)).toEqual(makeSetup(4));
    expect(makeSetup(4).weight).not.toEqual(makeSetup(5).weight);
  });

  it('LayerNorm and BatchNorm pool different groups, so their outputs differ', () => {
    const ln = scaleInvarianceState({ norm: 'layer_norm', scale: 1, learningRate: 0.1, seed: 1 }).current.output;
    const bn = scaleInvarianceState({ norm: 'batch_norm', scale: 1, learningRate: 0.1, seed: 1 }).current.output;
    expect(ln).not.toEqual(bn);
  });

  it('refuses a scale outside its range', () => {
    expect(() => scaleInvarianceState({ norm: 'layer_norm', scale: 0, learningRate: 0.1, seed: 1 })).toThrow(/scale must be from 0.1 to 10, got 0/);
  });
});

describe('scale-invariance lab block', () => {
  it('fills the defaults and keeps given values', () => {
    expect(parseLabConfig({ lab: 'scale-invariance' })).toEqual({ ok: true, config: { lab: 'scale-invariance', norm: 'layer_norm', scale: 1, learningRate: 0.1, seed: 1 } });
    expect(parseLabConfig({ lab: 'scale-invariance', norm: 'batch_norm', scale: 2.5, learningRate: 0.01, seed: 9 })).toEqual({
      ok: true,
      config: { lab: 'scale-invariance', norm: 'batch_norm', scale: 2.5, learningRate: 0.01, seed: 9 },
    });
  });

  it.each([
    [{ lab: 'scale-invariance', norm: 'group_norm' }, /`norm` must be one of layer_norm, batch_norm, got "group_norm"/],
    [{ lab: 'scale-invariance', scale: 20 }, /`scale` must be a number from 0.1 to 10, got 20/],
    [{ lab: 'scale-invariance', learningRate: 0 }, /`learningRate` must be a number from 0.0001 to 1/],
    [{ lab: 'scale-invariance', steps: 3 }, /does not know `steps`/],
  ])('rejects %j', (value, message) => {
    const parsed = parseLabConfig(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
