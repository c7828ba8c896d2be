/**
 * Argument checks shared by the ops. Each throws an EngineError naming the op, the argument and
 * what was expected; none touches the data beyond its length.
 */
import { EngineError, type OpName, type TensorLike } from './types';

export function fail(op: OpName | string, argument: string, expected: string, detail: string): never {
  throw new EngineError(op, argument, expected, detail);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Checks the shape against the data and returns it as a plain array. Empty input is refused. */
export function checkInput(op: OpName, input: TensorLike): number[] {
  if (typeof input !== 'object' || input === null) {
    fail(op, 'input', 'a tensor { shape, data }', `input must be a tensor { shape, data }, got ${describeValue(input)}`);
  }
  const { shape, data } = input;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(op, 'input.shape', 'a list of non-negative integers', `input.shape must be a list of non-negative integers, got ${describeValue(shape)}`);
  }
  if (data === null || typeof data !== 'object' || typeof data.length !== 'number') {
    fail(op, 'input.data', 'an array of numbers', 'input.data must be an array of numbers');
  }
  const size = product(shape);
  if (size !== data.length) {
    fail(op, 'input.data', `${size} values for shape [${shape.join(', ')}]`, `input.data has ${data.length} values but shape [${shape.join(', ')}] needs ${size}`);
  }
  if (size === 0) fail(op, 'input', 'at least one value', 'input is empty; expected at least one value');
  return [...shape];
}

export function checkEps(op: OpName, eps: unknown): number {
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0) {
    fail(op, 'eps', 'a finite number >= 0', `eps = ${describeValue(eps)} must be a finite number >= 0`);
  }
  return eps;
}

export function checkNumber(op: OpName, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(op, name, 'a finite number', `${name} = ${describeValue(value)} must be a finite number`);
  }
  return value;
}

export function checkBoolean(op: OpName, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(op, name, 'true or false', `${name} = ${describeValue(value)} must be true or false`);
  return value;
}

/** An optional per-channel (or per-position) vector: null, or exactly `length` finite numbers. */
export function checkVector(
  op: OpName,
  name: string,
  value: unknown,
  length: number,
  what: string,
): ArrayLike<number> | null {
  if (value === null || value === undefined) return null;
  const vector = value as ArrayLike<number>;
  if (typeof value !== 'object' || typeof vector.length !== 'number') {
    fail(op, name, `null or ${length} numbers`, `${name} must be null or a list of ${length} numbers (${what})`);
  }
  if (vector.length !== length) {
    fail(op, name, `${length} values (${what})`, `${name} has ${vector.length} values; expected ${length} (${what})`);
  }
  for (let i = 0; i < length; i++) {
    const v = vector[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail(op, name, 'finite numbers', `${name}[${i}] = ${describeValue(v)} must be a finite number`);
    }
  }
  return vector;
}

/** A dim or axis, negative counting from the end; returns it in [0, rank). A 0-d tensor accepts 0 and −1. */
export function checkAxis(op: OpName, name: string, value: unknown, rank: number): number {
  const effectiveRank = Math.max(rank, 1);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(op, name, 'an integer', `${name} = ${describeValue(value)} must be an integer`);
  }
  if (value < -effectiveRank || value >= effectiveRank) {
    fail(
      op,
      name,
      `an integer in [${-effectiveRank}, ${effectiveRank - 1}]`,
      `${name} = ${value} is out of range for a ${rank}-d input; expected an integer in [${-effectiveRank}, ${effectiveRank - 1}]`,
    );
  }
  return value < 0 ? value + effectiveRank : value;
}

/** normalized_shape must be the input's trailing dims; returns how many dims it covers. */
export function checkNormalizedShape(op: OpName, value: unknown, shape: readonly number[]): number {
  if (!Array.isArray(value) || value.length === 0 || !value.every((d) => Number.isInteger(d) && d > 0)) {
    fail(op, 'normalized_shape', 'a non-empty list of positive integers', `normalized_shape = ${describeValue(value)} must be a non-empty list of positive integers`);
  }
  const trailing = shape.slice(shape.length - value.length);
  if (value.length > shape.length || trailing.some((d, i) => d !== value[i])) {
    fail(
      op,
      'normalized_shape',
      `the trailing dims of the input shape [${shape.join(', ')}]`,
      `normalized_shape = [${value.join(', ')}] must equal the trailing dims of the input shape [${shape.join(', ')}]`,
    );
  }
  return value.length;
}

/** The number of elements of a tensor of this shape (1 for a scalar). */
export function product(dims: readonly number[]): number {
  return dims.reduce((p, d) => p * d, 1);
}
