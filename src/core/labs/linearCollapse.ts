/**
 * The linear-collapse lab: a stack of 2–3 affine layers y = W x + b on a 1-D input is itself one
 * affine map, W = W_L ⋯ W_1 and b = W_L(⋯(W_2 b_1 + b_2)⋯) + b_L. With a ReLU between the
 * layers it is not: the network bends where hidden units switch on or off.
 * These are matrix products, not normalizations, so they live here rather than in the engine.
 */
import { createRandom, gaussian, uniform } from './random';

/** A row-major matrix: `rows × columns` numbers in `data`. */
export interface Matrix {
  readonly rows: number;
  readonly columns: number;
  readonly data: readonly number[];
}

export interface Layer {
  readonly weight: Matrix;
  readonly bias: readonly number[];
}

export interface Network {
  readonly layers: readonly Layer[];
}

export interface LinearCollapseOptions {
  /** 2 or 3 affine layers. */
  readonly layers: number;
  /** Hidden width, 2–4. */
  readonly width: number;
  readonly seed: number;
}

/** The input range the lab plots. */
export const INPUT_RANGE: readonly [number, number] = [-3, 3];

export function matrix(rows: number, columns: number, data: readonly number[]): Matrix {
  if (data.length !== rows * columns) throw new Error(`matrix: ${rows}×${columns} needs ${rows * columns} numbers, got ${data.length}`);
  return { rows, columns, data };
}

export function multiply(left: Matrix, right: Matrix): Matrix {
  if (left.columns !== right.rows) throw new Error(`multiply: ${left.rows}×${left.columns} times ${right.rows}×${right.columns}`);
  const data: number[] = [];
  for (let r = 0; r < left.rows; r++) {
    for (let c = 0; c < right.columns; c++) {
      let sum = 0;
      for (let k = 0; k < left.columns; k++) sum += left.data[r * left.columns + k] * right.data[k * right.columns + c];
      data.push(sum);
    }
  }
  return matrix(left.rows, right.columns, data);
}

export function apply(weight: Matrix, vector: readonly number[]): number[] {
  if (weight.columns !== vector.length) throw new Error(`apply: ${weight.rows}×${weight.columns} times a vector of ${vector.length}`);
  const result: number[] = [];
  for (let r = 0; r < weight.rows; r++) {
    let sum = 0;
    for (let k = 0; k < weight.columns; k++) sum += weight.data[r * weight.columns + k] * vector[k];
    result.push(sum);
  }
  return result;
}

function addVectors(left: readonly number[], right: readonly number[]): number[] {
  return left.map((value, i) => value + right[i]);
}

/**
 * Small random layers 1 → width → … → 1, weights N(0, 1). The biases are chosen so that switching
 * ReLU on visibly bends the curve: each first-layer unit's kink (where W x + b = 0) falls inside
 * the plotted range, and later hidden layers get positive biases so their units are not all off
 * (a dead stack would output a constant, which is a straight line too).
 */
export function randomNetwork(options: LinearCollapseOptions): Network {
  const random = createRandom(options.seed);
  const sizes = [1, ...Array.from({ length: options.layers - 1 }, () => options.width), 1];
  const round = (value: number) => Math.round(value * 100) / 100;
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const rows = sizes[l + 1];
    const columns = sizes[l];
    const weight = matrix(rows, columns, Array.from({ length: rows * columns }, () => round(gaussian(random))));
    const bias = Array.from({ length: rows }, (_, r) =>
      l === 0
        ? round(-weight.data[r] * uniform(random, INPUT_RANGE[0] * 0.8, INPUT_RANGE[1] * 0.8))
        : l < sizes.length - 2
          ? round(uniform(random, 0.5, 1.5))
          : round(0.5 * gaussian(random)),
    );
    layers.push({ weight, bias });
  }
  return { layers };
}

/** The network applied layer by layer; with `relu`, ReLU after every layer but the last. */
export function forward(network: Network, input: readonly number[], relu: boolean): number[] {
  let value = [...input];
  network.layers.forEach((layer, index) => {
    value = addVectors(apply(layer.weight, value), layer.bias);
    if (relu && index < network.layers.length - 1) value = value.map((v) => Math.max(0, v));
  });
  return value;
}

/** The one affine layer equal to the whole linear stack (no ReLU). */
export function collapse(network: Network): Layer {
  const [first, ...rest] = network.layers;
  let weight = first.weight;
  let bias = [...first.bias];
  for (const layer of rest) {
    weight = multiply(layer.weight, weight);
    bias = addVectors(apply(layer.weight, bias), layer.bias);
  }
  return { weight, bias };
}

export interface CollapseCurves {
  readonly inputs: readonly number[];
  /** The stack, layer by layer (with ReLU if asked). */
  readonly network: readonly number[];
  /** The collapsed single layer W x + b. */
  readonly collapsed: readonly number[];
  /** max |network − collapsed| over the sampled inputs. */
  readonly maxDifference: number;
  /** The best straight line through the network's outputs (least squares) and its worst miss. */
  readonly bestLine: { readonly slope: number; readonly intercept: number; readonly maxError: number };
}

/** Samples both the stack and its collapse on `samples` evenly spaced inputs of INPUT_RANGE. */
export function sampleCurves(network: Network, relu: boolean, samples = 121): CollapseCurves {
  const single = collapse(network);
  const [low, high] = INPUT_RANGE;
  const inputs = Array.from({ length: samples }, (_, i) => low + ((high - low) * i) / (samples - 1));
  const outputs = inputs.map((x) => forward(network, [x], relu)[0]);
  const collapsed = inputs.map((x) => addVectors(apply(single.weight, [x]), single.bias)[0]);
  const maxDifference = Math.max(...outputs.map((y, i) => Math.abs(y - collapsed[i])));
  return { inputs, network: outputs, collapsed, maxDifference, bestLine: leastSquaresLine(inputs, outputs) };
}

function leastSquaresLine(xs: readonly number[], ys: readonly number[]) {
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    sxx += (xs[i] - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const maxError = Math.max(...xs.map((x, i) => Math.abs(slope * x + intercept - ys[i])));
  return { slope, intercept, maxError };
}
