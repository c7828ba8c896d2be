import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, collapse, forward, matrix, multiply, randomNetwork, sampleCurves } from '../../../src/core/labs/linearCollapse';

const shapes = fc.record({ layers: fc.integer({ min: 2, max: 3 }), width: fc.integer({ min: 2, max: 4 }), seed: fc.nat() });

describe('linear collapse lab model', () => {
  it('multiplies matrices in the usual row-major way', () => {
    const product = multiply(matrix(2, 3, [1, 2, 3, 4, 5, 6]), matrix(3, 2, [7, 8, 9, 10, 11, 12]));
    expect(product).toEqual({ rows: 2, columns: 2, data: [58, 64, 139, 154] });
    expect(apply(matrix(2, 2, [1, 2, 3, 4]), [5, 6])).toEqual([17, 39]);
    expect(() => multiply(matrix(1, 2, [1, 2]), matrix(3, 1, [1, 2, 3]))).toThrow(/1×2 times 3×1/);
  });

  it('draws layers 1 → width → … → 1 from the seed, the same each time', () => {
    const network = randomNetwork({ layers: 3, width: 4, seed: 5 });
    expect(network.layers.map((l) => [l.weight.rows, l.weight.columns, l.bias.length])).toEqual([
      [4, 1, 4],
      [4, 4, 4],
      [1, 4, 1],
    ]);
    expect(randomNetwork({ layers: 3, width: 4, seed: 5 })).toEqual(network);
    expect(randomNetwork({ layers: 3, width: 4, seed: 6 })).not.toEqual(network);
  });

  it('the collapsed single layer equals the stack applied layer by layer, for any input', () => {
    fc.assert(
      fc.property(shapes, fc.double({ min: -10, max: 10, noNaN: true }), (options, x) => {
        const network = randomNetwork(options);
        const single = collapse(network);
        expect(single.weight.rows).toBe(1);
        expect(single.weight.columns).toBe(1);
        const expected = forward(network, [x], false)[0];
        const actual = single.weight.data[0] * x + single.bias[0];
        expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(expected)));
      }),
    );
  });

  it('the collapsed weight is the product W_L ⋯ W_1 and the bias is the stack applied to 0', () => {
    const network = randomNetwork({ layers: 3, width: 3, seed: 11 });
    const [first, second, third] = network.layers;
    const product = multiply(third.weight, multiply(second.weight, first.weight));
    const single = collapse(network);
    single.weight.data.forEach((w, i) => expect(w).toBeCloseTo(product.data[i], 12));
    expect(single.bias[0]).toBeCloseTo(forward(network, [0], false)[0], 12);
  });

  it('without ReLU the plotted curves coincide; with ReLU the network bends away from every straight line', () => {
    for (let seed = 1; seed <= 60; seed++) {
      for (const layers of [2, 3]) {
        for (const width of [2, 3, 4]) {
          const network = randomNetwork({ layers, width, seed });
          const linear = sampleCurves(network, false);
          expect(linear.maxDifference).toBeLessThan(1e-9);
          expect(linear.bestLine.maxError).toBeLessThan(1e-9);
          // The bend must be visible when the curve is drawn at its own scale.
          const bent = sampleCurves(network, true);
          const range = Math.max(...bent.network) - Math.min(...bent.network);
          expect(bent.bestLine.maxError / range, `seed ${seed}, ${layers} layers, width ${width}`).toBeGreaterThan(0.01);
        }
      }
    }
  });
});
