/**
 * The input-scale lab: one linear layer with a squared loss, trained by full-batch gradient
 * descent on two features of very different scales (a pixel-like value in 0–255 next to a
 * fraction in 0–1), and the same data standardized by the engine's z_score. Same targets, same
 * starting weights, same learning rate, same number of steps.
 * Gradient descent is not a normalization, so it lives here; the standardization is the engine's.
 */
import { normalize } from '../engine';
import { createRandom, gaussian, uniform } from './random';

export const FEATURE_NAMES = ['pixel (0–255)', 'fraction (0–1)'] as const;
const FEATURES = FEATURE_NAMES.length;

export interface Dataset {
  /** Row-major `samples × 2`. */
  readonly features: Float64Array;
  readonly targets: Float64Array;
  readonly samples: number;
}

export interface TrainingRun {
  /** Mean squared error / 2 before each step, then after the last one; stops early on divergence. */
  readonly losses: readonly number[];
  /** |∂loss/∂w_j| per feature before each step (same length as `losses` minus one, or fewer). */
  readonly gradients: readonly (readonly number[])[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** The step at which the loss passed DIVERGED_LOSS (or stopped being finite), if it did. */
  readonly divergedAt: number | undefined;
  /** 2 / λ_max of the loss's Hessian: gradient descent diverges at any larger learning rate. */
  readonly largestStableRate: number;
}

export interface InputScaleOptions {
  readonly steps: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly samples?: number;
}

export interface InputScaleExperiment {
  readonly raw: Dataset;
  readonly standardized: Dataset;
  readonly rawRun: TrainingRun;
  readonly standardizedRun: TrainingRun;
}

/**
 * A data set whose target depends on both features about equally once they are on one scale:
 * y = 1.5·pixel/255 − 2·fraction + 0.5 + noise.
 */
export function makeDataset(seed: number, samples = 64): Dataset {
  const random = createRandom(seed);
  const features = new Float64Array(samples * FEATURES);
  const targets = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const pixel = Math.round(uniform(random, 0, 255));
    const fraction = Math.round(uniform(random, 0, 1) * 1000) / 1000;
    features[i * FEATURES] = pixel;
    features[i * FEATURES + 1] = fraction;
    targets[i] = (1.5 * pixel) / 255 - 2 * fraction + 0.5 + 0.1 * gaussian(random);
  }
  return { features, targets, samples };
}

/** Each feature column rescaled to mean 0 and std 1 by the engine's z_score over the samples axis. */
export function standardize(dataset: Dataset): Dataset {
  const result = normalize('z_score', { shape: [dataset.samples, FEATURES], data: dataset.features }, { axis: 0 });
  return { ...dataset, features: Float64Array.from(result.output.data) };
}

function lossAndGradient(dataset: Dataset, weights: readonly number[], bias: number) {
  const gradient = new Array<number>(FEATURES).fill(0);
  let biasGradient = 0;
  let loss = 0;
  for (let i = 0; i < dataset.samples; i++) {
    let prediction = bias;
    for (let j = 0; j < FEATURES; j++) prediction += weights[j] * dataset.features[i * FEATURES + j];
    const error = prediction - dataset.targets[i];
    loss += error * error;
    for (let j = 0; j < FEATURES; j++) gradient[j] += error * dataset.features[i * FEATURES + j];
    biasGradient += error;
  }
  const n = dataset.samples;
  return { loss: loss / (2 * n), gradient: gradient.map((g) => g / n), biasGradient: biasGradient / n };
}

/**
 * 2 / λ_max of the Hessian (1/n)·[X 1]ᵀ[X 1], by power iteration on that 3×3 matrix: the
 * learning rate above which plain gradient descent on this loss diverges.
 */
export function largestStableRate(dataset: Dataset): number {
  const size = FEATURES + 1;
  const hessian = new Array<number>(size * size).fill(0);
  for (let i = 0; i < dataset.samples; i++) {
    const row = [...dataset.features.subarray(i * FEATURES, (i + 1) * FEATURES), 1];
    for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) hessian[a * size + b] += (row[a] * row[b]) / dataset.samples;
  }
  let vector = new Array<number>(size).fill(1);
  let eigenvalue = 0;
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = vector.map((_, a) => vector.reduce((sum, v, b) => sum + hessian[a * size + b] * v, 0));
    eigenvalue = Math.hypot(...next);
    vector = next.map((v) => v / eigenvalue);
  }
  return 2 / eigenvalue;
}

/**
 * The lowest loss any weights reach on this data (least squares, by the normal equations solved
 * with Gaussian elimination). Raw and standardized data share it: standardizing is an affine change
 * of the features, which the weights and the bias can undo.
 */
export function bestLoss(dataset: Dataset): number {
  const size = FEATURES + 1;
  const system = Array.from({ length: size }, () => new Array<number>(size + 1).fill(0));
  for (let i = 0; i < dataset.samples; i++) {
    const row = [...dataset.features.subarray(i * FEATURES, (i + 1) * FEATURES), 1];
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) system[a][b] += row[a] * row[b];
      system[a][size] += row[a] * dataset.targets[i];
    }
  }
  for (let column = 0; column < size; column++) {
    const pivot = system.slice(column).reduce((best, row, k) => (Math.abs(row[column]) > Math.abs(system[best][column]) ? column + k : best), column);
    [system[column], system[pivot]] = [system[pivot], system[column]];
    for (let r = 0; r < size; r++) {
      if (r === column) continue;
      const factor = system[r][column] / system[column][column];
      for (let c = column; c <= size; c++) system[r][c] -= factor * system[column][c];
    }
  }
  const solution = system.map((row, r) => row[size] / row[r]);
  return lossAndGradient(dataset, solution.slice(0, FEATURES), solution[FEATURES]).loss;
}

/** Past this loss a run has diverged; the curve keeps the climb up to here so it can be drawn. */
export const DIVERGED_LOSS = 1e60;

/** Full-batch gradient descent from zero weights. */
export function train(dataset: Dataset, learningRate: number, steps: number): TrainingRun {
  let weights = new Array<number>(FEATURES).fill(0);
  let bias = 0;
  const losses: number[] = [];
  const gradients: number[][] = [];
  let divergedAt: number | undefined;
  for (let step = 0; step <= steps; step++) {
    const current = lossAndGradient(dataset, weights, bias);
    if (!(current.loss < DIVERGED_LOSS)) {
      divergedAt = step;
      break;
    }
    losses.push(current.loss);
    if (step === steps) break;
    gradients.push(current.gradient.map(Math.abs));
    weights = weights.map((w, j) => w - learningRate * current.gradient[j]);
    bias -= learningRate * current.biasGradient;
  }
  return { losses, gradients, weights, bias, divergedAt, largestStableRate: largestStableRate(dataset) };
}

export function runExperiment(options: InputScaleOptions): InputScaleExperiment {
  const raw = makeDataset(options.seed, options.samples);
  const standardized = standardize(raw);
  return {
    raw,
    standardized,
    rawRun: train(raw, options.learningRate, options.steps),
    standardizedRun: train(standardized, options.learningRate, options.steps),
  };
}

/** The last recorded loss; Infinity for a run that diverged. */
export function finalLoss(run: TrainingRun): number {
  return run.divergedAt === undefined ? run.losses[run.losses.length - 1] : Infinity;
}
