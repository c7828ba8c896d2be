import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/engine';
import { bestLoss, DIVERGED_LOSS, finalLoss, largestStableRate, makeDataset, runExperiment, standardize, train } from '../../../src/core/labs/inputScale';

function column(features: Float64Array, j: number): number[] {
  return Array.from({ length: features.length / 2 }, (_, i) => features[i * 2 + j]);
}

describe('input scale lab model', () => {
  it('makes a pixel feature in 0–255 next to a fraction in 0–1', () => {
    const data = makeDataset(3);
    expect(data.samples).toBe(64);
    const pixels = column(data.features, 0);
    const fractions = column(data.features, 1);
    expect(Math.max(...pixels)).toBeGreaterThan(200);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(1);
    expect(Math.max(...fractions)).toBeGreaterThan(0.8);
  });

  it('standardizes each feature column to mean 0 and std 1, with the engine’s own z_score numbers', () => {
    const raw = makeDataset(5);
    const standardized = standardize(raw);
    for (const j of [0, 1]) {
      const values = column(standardized.features, j);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(std).toBeCloseTo(1, 12);
    }
    const engine = normalize('z_score', { shape: [raw.samples, 2], data: raw.features }, { axis: 0 });
    expect(Array.from(standardized.features)).toEqual(Array.from(engine.output.data));
    expect(standardized.targets).toBe(raw.targets);
  });

  it('a run is reproducible from its seed, and another seed gives another run', () => {
    const first = runExperiment({ steps: 40, learningRate: 0.05, seed: 12 });
    const again = runExperiment({ steps: 40, learningRate: 0.05, seed: 12 });
    expect(again.standardizedRun).toEqual(first.standardizedRun);
    expect(again.rawRun).toEqual(first.rawRun);
    const other = runExperiment({ steps: 40, learningRate: 0.05, seed: 13 });
    expect(other.standardizedRun.losses).not.toEqual(first.standardizedRun.losses);
  });

  it('with the same learning rate and steps, the standardized run reaches a lower loss than the raw one', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const learningRate of [0.01, 0.03, 0.1, 0.3, 1]) {
        const experiment = runExperiment({ steps: 60, learningRate, seed });
        expect(experiment.standardizedRun.divergedAt).toBeUndefined();
        expect(finalLoss(experiment.standardizedRun)).toBeLessThan(finalLoss(experiment.rawRun));
      }
    }
  });

  it('no learning rate that keeps the raw run stable lets it catch up with the standardized one at 0.1', () => {
    const raw = makeDataset(1);
    const limit = largestStableRate(raw);
    const best = Math.min(...[0.1, 0.3, 0.5, 0.7, 0.9, 0.99].map((fraction) => finalLoss(train(raw, fraction * limit, 60))));
    const standardized = finalLoss(train(standardize(raw), 0.1, 60));
    expect(best).toBeGreaterThan(10 * standardized);
  });

  it('gradient descent diverges just above 2/λ_max and not just below it', () => {
    const raw = makeDataset(2);
    const limit = largestStableRate(raw);
    expect(limit).toBeGreaterThan(1e-5);
    expect(limit).toBeLessThan(1e-3);
    expect(train(raw, 0.95 * limit, 300).divergedAt).toBeUndefined();
    const diverging = train(raw, 1.1 * limit, 3000);
    expect(diverging.divergedAt).toBeDefined();
    expect(diverging.losses.every((loss) => loss < DIVERGED_LOSS)).toBe(true);
  });

  it('raw and standardized data share one best loss, which a long stable run approaches from above', () => {
    const raw = makeDataset(6);
    const standardized = standardize(raw);
    expect(bestLoss(raw)).toBeCloseTo(bestLoss(standardized), 10);
    const run = train(standardized, 0.5, 500);
    expect(finalLoss(run)).toBeGreaterThanOrEqual(bestLoss(raw) - 1e-12);
    expect(finalLoss(run) - bestLoss(raw)).toBeLessThan(1e-9);
    expect(bestLoss(raw)).toBeLessThan(run.losses[0] / 10);
  });

  it('the raw pixel gradient dwarfs the fraction gradient; standardized they are comparable', () => {
    const experiment = runExperiment({ steps: 1, learningRate: 0.1, seed: 4 });
    const [rawPixel, rawFraction] = experiment.rawRun.gradients[0];
    const [standardPixel, standardFraction] = experiment.standardizedRun.gradients[0];
    expect(rawPixel / rawFraction).toBeGreaterThan(50);
    expect(standardPixel / standardFraction).toBeGreaterThan(0.1);
    expect(standardPixel / standardFraction).toBeLessThan(10);
  });
});
