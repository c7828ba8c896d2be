/**
 * The ` ```lab ` block's keys (lessons/README.md), checked. The lesson page hands each block's
 * YAML, as JSON, to the labs; anything wrong comes back as one sentence a lesson author can act on.
 */
import { EngineError } from '../engine/types';
import { isRecord } from '../guards';
import { isScaleInvarianceNorm, SCALE_INVARIANCE_LIMITS, SCALE_INVARIANCE_NORMS, type ScaleInvarianceNorm } from './scaleInvariance';
import { computePooling, EXPLORER_LIMITS, EXPLORER_OPS, type ExplorerOp, explorerParams, isExplorerOp, randomTensor } from './tensorExplorer';

export const LAB_NAMES = ['tensor-explorer', 'linear-collapse', 'input-scale', 'scale-invariance'] as const;
export type LabName = (typeof LAB_NAMES)[number];

export interface TensorExplorerConfig {
  readonly lab: 'tensor-explorer';
  readonly op: ExplorerOp;
  /** (N, C, H·W) */
  readonly shape: readonly [number, number, number];
  readonly groups: number;
  readonly seed: number;
}

export interface LinearCollapseConfig {
  readonly lab: 'linear-collapse';
  readonly layers: number;
  readonly width: number;
  readonly seed: number;
}

export interface InputScaleConfig {
  readonly lab: 'input-scale';
  readonly steps: number;
  readonly learningRate: number;
  readonly seed: number;
}

export interface ScaleInvarianceConfig {
  readonly lab: 'scale-invariance';
  readonly norm: ScaleInvarianceNorm;
  /** The starting factor s on the weights. */
  readonly scale: number;
  readonly learningRate: number;
  readonly seed: number;
}

export type LabConfig = TensorExplorerConfig | LinearCollapseConfig | InputScaleConfig | ScaleInvarianceConfig;

export type ParsedLabConfig = { readonly ok: true; readonly config: LabConfig } | { readonly ok: false; readonly error: string };

export const INPUT_SCALE_LIMITS = { steps: [1, 500], learningRate: [1e-6, 2] } as const;

const KEYS: Record<LabName, readonly string[]> = {
  'tensor-explorer': ['lab', 'op', 'shape', 'groups', 'seed'],
  'linear-collapse': ['lab', 'layers', 'width', 'seed'],
  'input-scale': ['lab', 'steps', 'learningRate', 'seed'],
  'scale-invariance': ['lab', 'norm', 'scale', 'learningRate', 'seed'],
};

class ConfigError extends Error {}

function integer(record: Record<string, unknown>, key: string, fallback: number, low: number, high: number): number {
  const value = record[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    throw new ConfigError(`\`${key}\` must be a whole number from ${low} to ${high}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function seedOf(record: Record<string, unknown>): number {
  return integer(record, 'seed', 1, 0, 2 ** 32 - 1);
}

function parseExplorer(record: Record<string, unknown>): TensorExplorerConfig {
  const op = record.op ?? 'layer_norm';
  if (!isExplorerOp(op)) throw new ConfigError(`\`op\` must be one of ${EXPLORER_OPS.join(', ')}, got ${JSON.stringify(op)}`);
  const shape = record.shape ?? [2, 4, 3];
  const limits = [EXPLORER_LIMITS.batch, EXPLORER_LIMITS.channels, EXPLORER_LIMITS.positions];
  if (
    !Array.isArray(shape) ||
    shape.length !== 3 ||
    !shape.every((size, axis) => typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= limits[axis])
  ) {
    throw new ConfigError(`\`shape\` must be [N, C, H·W] with N ≤ 8, C ≤ 16, H·W ≤ 16 (each at least 1), got ${JSON.stringify(shape)}`);
  }
  const [, channels] = shape as number[];
  const groups = integer(record, 'groups', channels % 2 === 0 ? 2 : 1, 1, channels);
  if (channels % groups !== 0) throw new ConfigError(`\`groups\` = ${groups} must divide the ${channels} channels (C)`);
  const config: TensorExplorerConfig = { lab: 'tensor-explorer', op, shape: shape as [number, number, number], groups, seed: seedOf(record) };
  // A lesson must not open on an error: the starting op has to accept the starting shape.
  try {
    computePooling({ op, shape: config.shape, data: randomTensor(config.shape, config.seed), params: explorerParams(op, config.shape, groups) });
  } catch (error) {
    if (error instanceof EngineError) throw new ConfigError(`the engine refuses the starting tensor (${error.message})`);
    throw error;
  }
  return config;
}

function parseLinearCollapse(record: Record<string, unknown>): LinearCollapseConfig {
  return {
    lab: 'linear-collapse',
    layers: integer(record, 'layers', 2, 2, 3),
    width: integer(record, 'width', 3, 2, 4),
    seed: seedOf(record),
  };
}

function parseInputScale(record: Record<string, unknown>): InputScaleConfig {
  const [low, high] = INPUT_SCALE_LIMITS.learningRate;
  const learningRate = record.learningRate ?? 0.1;
  if (typeof learningRate !== 'number' || !(learningRate >= low && learningRate <= high)) {
    throw new ConfigError(`\`learningRate\` must be a number from ${low} to ${high}, got ${JSON.stringify(learningRate)}`);
  }
  const [minSteps, maxSteps] = INPUT_SCALE_LIMITS.steps;
  return { lab: 'input-scale', steps: integer(record, 'steps', 60, minSteps, maxSteps), learningRate, seed: seedOf(record) };
}

function numberFrom(record: Record<string, unknown>, key: string, fallback: number, [low, high]: readonly [number, number]): number {
  const value = record[key] ?? fallback;
  if (typeof value !== 'number' || !(value >= low && value <= high)) {
    throw new ConfigError(`\`${key}\` must be a number from ${low} to ${high}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseScaleInvariance(record: Record<string, unknown>): ScaleInvarianceConfig {
  const norm = record.norm ?? 'layer_norm';
  if (!isScaleInvarianceNorm(norm)) throw new ConfigError(`\`norm\` must be one of ${SCALE_INVARIANCE_NORMS.join(', ')}, got ${JSON.stringify(norm)}`);
  return {
    lab: 'scale-invariance',
    norm,
    scale: numberFrom(record, 'scale', 1, SCALE_INVARIANCE_LIMITS.scale),
    learningRate: numberFrom(record, 'learningRate', 0.1, SCALE_INVARIANCE_LIMITS.learningRate),
    seed: seedOf(record),
  };
}

/** Checks a lab block (already parsed from YAML or JSON). Unknown keys are errors, so typos show. */
export function parseLabConfig(value: unknown): ParsedLabConfig {
  if (!isRecord(value)) {
    return { ok: false, error: 'A lab block must be a set of `key: value` lines, starting with `lab:`.' };
  }
  const record = value;
  const lab = record.lab;
  if (typeof lab !== 'string' || !(LAB_NAMES as readonly string[]).includes(lab)) {
    return { ok: false, error: `Unknown lab ${JSON.stringify(lab)}; the labs are ${LAB_NAMES.join(', ')}.` };
  }
  const name = lab as LabName;
  const unknown = Object.keys(record).filter((key) => !KEYS[name].includes(key));
  if (unknown.length > 0) {
    return { ok: false, error: `Lab ${name} does not know ${unknown.map((k) => `\`${k}\``).join(', ')}; it takes ${KEYS[name].join(', ')}.` };
  }
  try {
    switch (name) {
      case 'tensor-explorer':
        return { ok: true, config: parseExplorer(record) };
      case 'linear-collapse':
        return { ok: true, config: parseLinearCollapse(record) };
      case 'input-scale':
        return { ok: true, config: parseInputScale(record) };
      case 'scale-invariance':
        return { ok: true, config: parseScaleInvariance(record) };
      default: {
        const never: never = name;
        return never;
      }
    }
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error: `Lab ${name}: ${error.message}.` };
    throw error;
  }
}
