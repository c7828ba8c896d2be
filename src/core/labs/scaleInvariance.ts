/**
 * The scale-invariance lab: a linear layer z = (s·W) x, no bias, feeding a LayerNorm (over each
 * sample's features) or a BatchNorm in training (over the batch, per feature), eps = 0. The
 * loss is L = Σ g ⊙ y for a fixed upstream gradient g, so only the norm's backward changes with s.
 *
 * As the scale s of the weights grows, the output y stays the same, the gradient with respect to
 * the weights shrinks as 1/s and the step it makes relative to the weights (the effective
 * learning rate) as 1/s². Every normalization, forward and backward, is the engine's; the matrix
 * products around it are here.
 */
import { normalize, normalizeBackward } from '../engine';
import { createRandom, roundedGaussians } from './random';

export const SCALE_INVARIANCE_NORMS = ['layer_norm', 'batch_norm'] as const;
export type ScaleInvarianceNorm = (typeof SCALE_INVARIANCE_NORMS)[number];

export const SCALE_INVARIANCE_LIMITS = { scale: [0.1, 10], learningRate: [1e-4, 1] } as const;

/** Samples in the batch, inputs per sample, outputs of the linear layer (the normalized features). */
export const SCALE_INVARIANCE_SIZES = { samples: 4, inputs: 3, features: 4 } as const;

export function isScaleInvarianceNorm(value: unknown): value is ScaleInvarianceNorm {
  return typeof value === 'string' && (SCALE_INVARIANCE_NORMS as readonly string[]).includes(value);
}

export interface ScaleInvarianceOptions {
  readonly norm: ScaleInvarianceNorm;
  /** s > 0, the factor on the weights. */
  readonly scale: number;
  /** η of the one SGD step whose effect is measured. */
  readonly learningRate: number;
  readonly seed: number;
}

/** The random parts of the experiment, fixed by the seed: inputs, weights at s = 1, upstream gradient. */
export interface ScaleInvarianceSetup {
  /** Row-major samples × inputs. */
  readonly inputs: Float64Array;
  /** Row-major features × inputs, the weights at s = 1. */
  readonly weight: Float64Array;
  /** Row-major samples × features, ∂L/∂y. */
  readonly upstream: Float64Array;
}

/** What the lab shows at one scale. */
export interface ScaleInvarianceMeasures {
  readonly scale: number;
  /** y = norm(z), samples × features. */
  readonly output: Float64Array;
  /** ‖s·W‖ (Frobenius). */
  readonly weightNorm: number;
  /** ‖∂L/∂(s·W)‖ (Frobenius), the gradient of the weights the layer uses. */
  readonly gradientNorm: number;
  /** η·‖∂L/∂W‖/‖W‖: the step relative to the weights, the angle (radians) it turns them by, about. */
  readonly effectiveStep: number;
  /** max |Δy| after one SGD step of η on the weights: what the step does to the output. */
  readonly outputChangeAfterStep: number;
  /** ∂L/∂z, samples × features, from the engine's backward. */
  readonly gradientAtZ: Float64Array;
  /** 1/σ of each pooled group (sample for LayerNorm, feature for BatchNorm). */
  readonly rstd: Float64Array;
}

/** The backward pass checked, as the lab reports it. */
export interface GradientCheck {
  /** Largest |Σ ∂L/∂z| over a pooled group: 0 up to rounding. */
  readonly largestGroupSum: number;
  /** Largest |∂L/∂z · x̂| over a pooled group: 0 up to rounding (eps = 0). */
  readonly largestDotWithNormalized: number;
  /** Largest difference between ∂L/∂z and central differences of the engine's forward. */
  readonly largestDifferenceFromFiniteDifferences: number;
  /** Largest |∂L/∂z|, to judge the three against. */
  readonly largestGradient: number;
}

export interface ScaleInvarianceState {
  readonly options: ScaleInvarianceOptions;
  readonly setup: ScaleInvarianceSetup;
  readonly current: ScaleInvarianceMeasures;
  /** The same at s = 1, the reference the ratios compare with. */
  readonly reference: ScaleInvarianceMeasures;
  /** max |y(s) − y(1)|: 0 up to rounding. */
  readonly outputDifferenceFromReference: number;
  readonly gradientCheck: GradientCheck;
}

const { samples, inputs: inputCount, features } = SCALE_INVARIANCE_SIZES;
const SHAPE = [samples, features];

export function makeSetup(seed: number): ScaleInvarianceSetup {
  const random = createRandom(seed);
  return {
    inputs: roundedGaussians(random, samples * inputCount),
    weight: roundedGaussians(random, features * inputCount, 0, 0.5),
    upstream: roundedGaussians(random, samples * features),
  };
}

/** z = X·(s·W)ᵀ, samples × features. */
function layerOutput(inputs: Float64Array, weight: ArrayLike<number>, scale: number): Float64Array {
  const z = new Float64Array(samples * features);
  for (let b = 0; b < samples; b++) {
    for (let j = 0; j < features; j++) {
      let sum = 0;
      for (let k = 0; k < inputCount; k++) sum += inputs[b * inputCount + k] * weight[j * inputCount + k];
      z[b * features + j] = scale * sum;
    }
  }
  return z;
}

function normParams(norm: ScaleInvarianceNorm) {
  return norm === 'layer_norm' ? { normalized_shape: [features], eps: 0 } : { training: true, eps: 0 };
}

function forward(norm: ScaleInvarianceNorm, z: ArrayLike<number>): Float64Array {
  return normalize(norm, { shape: SHAPE, data: z }, normParams(norm)).output.data;
}

function frobenius(values: ArrayLike<number>): number {
  return Math.hypot(...Array.from(values));
}

function largestAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i] - b[i]));
  return largest;
}

function measure(options: ScaleInvarianceOptions, setup: ScaleInvarianceSetup, scale: number) {
  const { norm, learningRate } = options;
  const z = layerOutput(setup.inputs, setup.weight, scale);
  const backward = normalizeBackward(norm, { shape: SHAPE, data: z }, { shape: SHAPE, data: setup.upstream }, normParams(norm));
  const output = forward(norm, z);
  const gradientAtZ = backward.gradInput.data;
  // ∂L/∂(sW)[j][k] = Σ_b ∂L/∂z[b][j] · x[b][k]
  const weightGradient = new Float64Array(features * inputCount);
  for (let j = 0; j < features; j++) {
    for (let k = 0; k < inputCount; k++) {
      let sum = 0;
      for (let b = 0; b < samples; b++) sum += gradientAtZ[b * features + j] * setup.inputs[b * inputCount + k];
      weightGradient[j * inputCount + k] = sum;
    }
  }
  const weightNorm = scale * frobenius(setup.weight);
  const gradientNorm = frobenius(weightGradient);
  const stepped = Float64Array.from(setup.weight, (w, i) => scale * w - learningRate * weightGradient[i]);
  const measures: ScaleInvarianceMeasures = {
    scale,
    output,
    weightNorm,
    gradientNorm,
    effectiveStep: (learningRate * gradientNorm) / weightNorm,
    outputChangeAfterStep: largestAbsDifference(forward(norm, layerOutput(setup.inputs, stepped, 1)), output),
    gradientAtZ,
    rstd: backward.rstd,
  };
  return { measures, backward, z };
}

/** Central differences of L = Σ g ⊙ norm(z) at z, step h·max(1, |z_i|). */
function finiteDifferenceGradient(norm: ScaleInvarianceNorm, z: Float64Array, upstream: Float64Array): Float64Array {
  const loss = (values: Float64Array) => {
    const y = forward(norm, values);
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += upstream[i] * y[i];
    return sum;
  };
  const gradient = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(z[i]));
    const plus = Float64Array.from(z);
    const minus = Float64Array.from(z);
    plus[i] += h;
    minus[i] -= h;
    gradient[i] = (loss(plus) - loss(minus)) / (2 * h);
  }
  return gradient;
}

export function scaleInvarianceState(options: ScaleInvarianceOptions): ScaleInvarianceState {
  const [low, high] = SCALE_INVARIANCE_LIMITS.scale;
  if (!(options.scale >= low && options.scale <= high)) throw new RangeError(`scale must be from ${low} to ${high}, got ${options.scale}`);
  const setup = makeSetup(options.seed);
  const { measures: current, backward, z } = measure(options, setup, options.scale);
  const reference = options.scale === 1 ? current : measure(options, setup, 1).measures;

  const groups = backward.rstd.length;
  const sums = new Float64Array(groups);
  const dots = new Float64Array(groups);
  backward.groupOf.forEach((g, i) => {
    sums[g] += backward.gradInput.data[i];
    dots[g] += backward.gradInput.data[i] * backward.normalized.data[i];
  });
  const numeric = finiteDifferenceGradient(options.norm, z, setup.upstream);
  return {
    options,
    setup,
    current,
    reference,
    outputDifferenceFromReference: largestAbsDifference(current.output, reference.output),
    gradientCheck: {
      largestGroupSum: Math.max(...Array.from(sums, Math.abs)),
      largestDotWithNormalized: Math.max(...Array.from(dots, Math.abs)),
      largestDifferenceFromFiniteDifferences: largestAbsDifference(current.gradientAtZ, numeric),
      largestGradient: Math.max(...Array.from(current.gradientAtZ, Math.abs)),
    },
  };
}
