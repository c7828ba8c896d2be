import { normalize } from '../engine';
import { isRecord } from '../guards';
import type { OpName, OpParams, OpResult } from '../engine/types';
import { sampleParams, type Seed } from './random';
import type { ComputeSpec, NumericQuiz, PartialComputeSpec } from './schema';

/** A numeric item's answer could not be computed; the message says why, for `lessons:check` and the panel. */
export class ComputeError extends Error {
  override readonly name = 'ComputeError';
}

/** Runs the engine on a lesson's data; the engine validates op, shape and params and names what is wrong. */
export function runEngine(op: string, input: { shape: readonly number[]; data: ArrayLike<number> }, params?: Record<string, unknown>): OpResult {
  return normalize(op as OpName, input, params as Partial<OpParams> | undefined);
}

/** Replaces every string that names a param by its value, at any depth (e.g. `weight: [g, 1]`). */
function substitute(value: unknown, params: Readonly<Record<string, number>>): unknown {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(params, value)) return params[value];
  if (Array.isArray(value)) return value.map((item) => substitute(item, params));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, params)]));
  }
  return value;
}

export interface NumericExpectation {
  /** The right answer for this attempt. */
  readonly expected: number;
  /** The params drawn from the attempt's seed (empty for a fixed answer). */
  readonly params: Readonly<Record<string, number>>;
}

/**
 * The answer a numeric item expects for the attempt with `seed`: the fixed `answer`, or the
 * engine's result for the params drawn from the seed, picked from `output` or an extra.
 */
export function numericExpectation(quiz: NumericQuiz, seed: Seed): NumericExpectation {
  if (quiz.answer !== undefined) return { expected: quiz.answer, params: {} };
  const compute = quiz.compute;
  if (!compute) throw new ComputeError(`${quiz.id}: neither answer nor compute`);
  const params = sampleParams(quiz.params, seed);
  return { expected: evaluateCompute(compute, params), params };
}

/** Runs one compute block with drawn params and picks the number it names. */
function evaluateCompute(compute: ComputeSpec, params: Readonly<Record<string, number>>): number {
  const data = compute.input.data.map((value) => (typeof value === 'number' ? value : params[value]!));
  let result: OpResult;
  try {
    result = runEngine(compute.op, { shape: compute.input.shape, data }, substitute(compute.params ?? {}, params) as Record<string, unknown>);
  } catch (error) {
    throw new ComputeError(`${error instanceof Error ? error.message : String(error)} (params ${JSON.stringify(params)})`);
  }
  const { from, index } = compute.pick;
  const tensor = from === 'output' ? result.output : result.extra[from];
  if (!tensor) {
    const available = ['output', ...Object.keys(result.extra)].join(', ');
    throw new ComputeError(`pick.from "${from}" is not produced by ${compute.op} (available: ${available})`);
  }
  if (index >= tensor.data.length) {
    throw new ComputeError(`pick.index ${index} is out of range: ${from} has ${tensor.data.length} values`);
  }
  const value = tensor.data[index]!;
  if (!Number.isFinite(value)) throw new ComputeError(`the computed value is ${value} (params ${JSON.stringify(params)})`);
  return value;
}

/**
 * The value of each of a numeric item's `mistakes` for the attempt with `seed`: a fixed number,
 * or the item's compute block with the mistake's keys put over it (each replaces the item's one
 * whole), evaluated by the engine with the same params as the answer.
 */
export function mistakeValues(quiz: NumericQuiz, seed: Seed): number[] {
  const mistakes = quiz.mistakes ?? [];
  if (mistakes.length === 0) return [];
  const params = sampleParams(quiz.params, seed);
  return mistakes.map((mistake, index) => {
    if ('answer' in mistake) return mistake.answer;
    if (!quiz.compute) throw new ComputeError(`mistakes.${index}: a compute block needs the item's own compute`);
    try {
      return evaluateCompute(mergeCompute(quiz.compute, mistake.compute), params);
    } catch (error) {
      throw new ComputeError(`mistakes.${index}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** A shallow merge at the top level: `op`, `input`, `params`, `pick` of the mistake replace the item's. */
export function mergeCompute(base: ComputeSpec, over: PartialComputeSpec): ComputeSpec {
  const defined = Object.fromEntries(Object.entries(over).filter(([, value]) => value !== undefined)) as Partial<ComputeSpec>;
  return { ...base, ...defined };
}
