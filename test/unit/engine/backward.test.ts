import { describe, expect, it } from 'vitest';
import { normalize, normalizeBackward, type BackwardOpName, type OpParams } from '../../../src/core/engine/index';
import { seededRandom } from '../../../src/core/random';

type Params = Partial<OpParams>;

function randomValues(random: () => number, count: number, offset = 0, spread = 1): number[] {
  return Array.from({ length: count }, () => offset + spread * (2 * random() - 1));
}

/** L = Σ g ⊙ op(x): its gradient with respect to anything is the backward pass for upstream g. */
function loss(op: BackwardOpName, shape: number[], x: ArrayLike<number>, g: readonly number[], params: Params): number {
  const y = normalize(op, { shape, data: x }, params).output.data;
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += g[i] * y[i];
  return sum;
}

/** Central differences of `f` at each entry of `at`, step h·max(1, |value|). */
function centralDifferences(at: readonly number[], f: (values: number[]) => number, h = 1e-6): number[] {
  return at.map((value, i) => {
    const step = h * Math.max(1, Math.abs(value));
    const plus = [...at];
    const minus = [...at];
    plus[i] = value + step;
    minus[i] = value - step;
    return (f(plus) - f(minus)) / (2 * step);
  });
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(1, ...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]) / scale, `entry ${i}`).toBeLessThan(tolerance);
}

interface Case {
  readonly name: string;
  readonly op: BackwardOpName;
  readonly shape: number[];
  /** Params given the random affine of the right length. */
  readonly params: (affine: (n: number) => number[]) => Params;
}

const CASES: Case[] = [
  { name: 'layer_norm over the last dim', op: 'layer_norm', shape: [3, 5], params: (a) => ({ normalized_shape: [5], weight: a(5), bias: a(5) }) },
  { name: 'layer_norm over two dims, eps 0.1', op: 'layer_norm', shape: [2, 3, 4], params: (a) => ({ normalized_shape: [3, 4], eps: 0.1, weight: a(12), bias: a(12) }) },
  { name: 'layer_norm without affine', op: 'layer_norm', shape: [4, 3], params: () => ({ normalized_shape: [3], eps: 0 }) },
  { name: 'batch_norm training (N, C, S)', op: 'batch_norm', shape: [4, 3, 2], params: (a) => ({ training: true, weight: a(3), bias: a(3) }) },
  { name: 'batch_norm training (N, C), eps 0', op: 'batch_norm', shape: [5, 2], params: () => ({ training: true, eps: 0 }) },
  {
    name: 'batch_norm eval with running statistics',
    op: 'batch_norm',
    shape: [3, 2, 2],
    params: (a) => ({ training: false, running_mean: a(2), running_var: a(2).map((v) => 1 + Math.abs(v)), weight: a(2), bias: a(2) }),
  },
  { name: 'group_norm, 2 groups of 2 channels', op: 'group_norm', shape: [2, 4, 3], params: (a) => ({ num_groups: 2, weight: a(4), bias: a(4) }) },
  { name: 'instance_norm', op: 'instance_norm', shape: [2, 3, 4], params: (a) => ({ weight: a(3), bias: a(3) }) },
  { name: 'rms_norm', op: 'rms_norm', shape: [3, 4], params: (a) => ({ normalized_shape: [4], eps: 1e-3, weight: a(4) }) },
];

describe('normalizeBackward against central differences of the forward', () => {
  for (const testCase of CASES) {
    for (const seed of [1, 2, 3]) {
      it(`${testCase.name}, seed ${seed}: ∂L/∂x, ∂L/∂γ and ∂L/∂β match`, () => {
        const random = seededRandom(seed * 101 + testCase.shape.length);
        const total = testCase.shape.reduce((p, d) => p * d, 1);
        const x = randomValues(random, total, 0.5, 2);
        const g = randomValues(random, total);
        const params = testCase.params((n) => randomValues(random, n, 0, 1.5));
        const { op, shape } = testCase;
        const result = normalizeBackward(op, { shape, data: x }, { shape, data: g }, params);

        expect(result.gradInput.shape).toEqual(shape);
        expectClose(result.gradInput.data, centralDifferences(x, (values) => loss(op, shape, values, g, params)), 1e-7);

        const weight = (params.weight as number[] | undefined) ?? Array.from(result.gradWeight.data, () => 1);
        expectClose(result.gradWeight.data, centralDifferences(weight, (w) => loss(op, shape, x, g, { ...params, weight: w })), 1e-7);
        if (op === 'rms_norm') {
          expect(result.gradBias).toBeNull();
        } else {
          const bias = (params.bias as number[] | undefined) ?? Array.from(result.gradWeight.data, () => 0);
          expectClose(result.gradBias!.data, centralDifferences(bias, (b) => loss(op, shape, x, g, { ...params, bias: b })), 1e-7);
        }
      });
    }
  }
});

/** Σ over each group of values[i] (and of values[i]·other[i]), by the backward's own group map. */
function groupSums(groupOf: Int32Array, values: ArrayLike<number>, other?: ArrayLike<number>): number[] {
  const sums = new Array<number>(Math.max(...groupOf) + 1).fill(0);
  for (let i = 0; i < values.length; i++) sums[groupOf[i]] += values[i] * (other ? other[i] : 1);
  return sums;
}

describe('the gradient through a centring norm', () => {
  const ops: [BackwardOpName, number[], Params][] = [
    ['layer_norm', [3, 6], { normalized_shape: [6] }],
    ['batch_norm', [6, 3], { training: true }],
    ['batch_norm', [3, 2, 4], { training: true }],
    ['group_norm', [2, 6, 2], { num_groups: 3 }],
    ['instance_norm', [2, 2, 5], {}],
  ];
  for (const [op, shape, params] of ops) {
    it(`${op} ${JSON.stringify(shape)}: sums to zero over each group and, with eps 0, is orthogonal to x̂`, () => {
      const random = seededRandom(shape.reduce((p, d) => p * d, 7));
      const total = shape.reduce((p, d) => p * d, 1);
      const x = randomValues(random, total, 3, 5);
      const g = randomValues(random, total);
      const weight = randomValues(random, op === 'layer_norm' ? shape[1] : shape[1], 1, 0.5);
      const result = normalizeBackward(op, { shape, data: x }, { shape, data: g }, { ...params, eps: 0, weight });
      const gradNorm = Math.hypot(...result.gradInput.data);
      expect(gradNorm).toBeGreaterThan(0.1); // not trivially zero
      for (const sum of groupSums(result.groupOf, result.gradInput.data)) expect(Math.abs(sum)).toBeLessThan(1e-12 * gradNorm * total);
      for (const dot of groupSums(result.groupOf, result.gradInput.data, result.normalized.data)) expect(Math.abs(dot)).toBeLessThan(1e-12 * gradNorm * total);
    });
  }

  it('with eps > 0 still sums to zero, but is no longer orthogonal to x̂ (Σ x̂² < n)', () => {
    const shape = [1, 4];
    const result = normalizeBackward('layer_norm', { shape, data: [0, 0.1, 0.3, 0.2] }, { shape, data: [1, -2, 0.5, 3] }, { normalized_shape: [4], eps: 0.01 });
    const [sum] = groupSums(result.groupOf, result.gradInput.data);
    const [dot] = groupSums(result.groupOf, result.gradInput.data, result.normalized.data);
    expect(Math.abs(sum)).toBeLessThan(1e-12);
    expect(Math.abs(dot)).toBeGreaterThan(0.1);
  });

  it('is the upstream gradient with its mean and x̂-component removed, divided by σ (a worked example)', () => {
    // x = [1, 2, 4, 9]: μ = 4, σ² = (9 + 4 + 0 + 25)/4 = 9.5. g = e₁ picks the first output.
    const shape = [4];
    const result = normalizeBackward('layer_norm', { shape, data: [1, 2, 4, 9] }, { shape, data: [1, 0, 0, 0] }, { normalized_shape: [4], eps: 0 });
    const sigma = Math.sqrt(9.5);
    const xHat = [1, 2, 4, 9].map((v) => (v - 4) / sigma);
    const expected = [1, 0, 0, 0].map((gi, i) => (gi - 0.25 - xHat[i] * (xHat[0] / 4)) / sigma);
    expectClose(result.gradInput.data, expected, 1e-15);
  });
});

describe('normalizeBackward is robust where the moments are', () => {
  it('a large offset (1e9) does not change the gradient, which is shift-invariant', () => {
    const shape = [2, 5];
    const base = [0.1, -0.3, 0.25, 0.05, -0.2, 1, 2, 3, 5, 8];
    const g = [0.3, -1, 0.2, 0.7, -0.4, 1, 0, -1, 0.5, 0.5];
    const plain = normalizeBackward('layer_norm', { shape, data: base }, { shape, data: g }, { normalized_shape: [5], eps: 0 });
    const shifted = normalizeBackward('layer_norm', { shape, data: base.map((v) => v + 1e9) }, { shape, data: g }, { normalized_shape: [5], eps: 0 });
    // The shifted inputs themselves are rounded to about 1e-7; the gradient follows to that level, not to 1.
    expectClose(shifted.gradInput.data, Array.from(plain.gradInput.data), 1e-6);
  });

  it('tiny and huge magnitudes scale the gradient by exactly the inverse power of two', () => {
    const shape = [6, 2];
    const base = [1, 2, -1, 0.5, 3, -2, 0.25, 1.5, -0.75, 2.5, 1.25, -1.5];
    const g = [1, -1, 0.5, 2, -0.25, 0.75, 1.5, -2, 0.1, 0.3, -0.6, 1];
    const plain = normalizeBackward('batch_norm', { shape, data: base }, { shape, data: g }, { training: true, eps: 0 }).gradInput.data;
    for (const factor of [2 ** -1000, 2 ** 1000]) {
      const scaled = normalizeBackward('batch_norm', { shape, data: base.map((v) => v * factor) }, { shape, data: g }, { training: true, eps: 0 }).gradInput.data;
      for (let i = 0; i < plain.length; i++) expect(scaled[i] * factor).toBeCloseTo(plain[i], 12);
    }
  });
});

describe('normalizeBackward refuses what has no gradient', () => {
  it('a constant group with eps 0, naming the group', () => {
    expect(() =>
      normalizeBackward('layer_norm', { shape: [2, 3], data: [1, 2, 3, 5, 5, 5] }, { shape: [2, 3], data: [1, 1, 1, 1, 1, 1] }, { normalized_shape: [3], eps: 0 }),
    ).toThrow(/layer_norm: group 1 is constant and eps = 0/);
  });

  it('but with eps > 0 a constant group gets (g − mean g)/√eps', () => {
    const result = normalizeBackward('layer_norm', { shape: [3], data: [5, 5, 5] }, { shape: [3], data: [1, 2, 6] }, { normalized_shape: [3], eps: 0.25 });
    expectClose(result.gradInput.data, [-4, -2, 6], 1e-15);
  });

  it('a grad_output of another shape', () => {
    expect(() => normalizeBackward('batch_norm', { shape: [2, 2], data: [1, 2, 3, 4] }, { shape: [4], data: [1, 1, 1, 1] })).toThrow(
      /batch_norm: grad_output must have the input's shape \[2, 2\], got \[4\]/,
    );
  });

  it('a non-finite grad_output, naming the index', () => {
    expect(() => normalizeBackward('layer_norm', { shape: [3], data: [1, 2, 3] }, { shape: [3], data: [0, NaN, 1] })).toThrow(/grad_output\[1\].*NaN/);
  });

  it('an op without a backward pass', () => {
    expect(() => normalizeBackward('softmax' as BackwardOpName, { shape: [2], data: [1, 2] }, { shape: [2], data: [1, 1] })).toThrow(/softmax: no backward pass/);
  });

  it('what the forward refuses, in the forward’s words', () => {
    expect(() => normalizeBackward('group_norm', { shape: [1, 4, 2], data: new Array(8).fill(1) }, { shape: [1, 4, 2], data: new Array(8).fill(1) }, { num_groups: 3 })).toThrow(
      /num_groups = 3 must divide/,
    );
  });
});
