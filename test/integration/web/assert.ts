// `node:assert` for the browser's web worker extension host, which has no Node built-ins: the web
// test bundle maps `node:assert` here, so the same test files run in both hosts. Built on chai's
// assert (its deepEqual is strict: same types, same keys). Covers what the tests use; add more
// as they need it.
import { assert as chai } from 'chai';

export function ok(value: unknown, message?: string): asserts value {
  chai.ok(value, message);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  chai.strictEqual(actual, expected, message);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  chai.notStrictEqual(actual, expected, message);
}

export function deepStrictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  chai.deepEqual(actual, expected, message);
}

export function notDeepStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  chai.notDeepEqual(actual, expected, message);
}

export function match(value: string, pattern: RegExp, message?: string): void {
  chai.match(value, pattern, message);
}

export function doesNotMatch(value: string, pattern: RegExp, message?: string): void {
  chai.notMatch(value, pattern, message);
}

export function fail(message = 'Failed'): never {
  return chai.fail(message);
}

type Expected = RegExp | (new (...args: any[]) => Error) | ((error: unknown) => boolean) | string;

/** Like Node's: `expected` is a RegExp for the message, an Error class, a validation function, or (a string) the assertion's message. */
function check(error: unknown, expected: Expected | undefined, message?: string): void {
  if (expected === undefined || typeof expected === 'string') return;
  if (expected instanceof RegExp) {
    chai.match(error instanceof Error ? error.message : String(error), expected, message);
  } else if (expected.prototype instanceof Error || expected === Error) {
    chai.instanceOf(error, expected as new (...args: any[]) => Error, message);
  } else {
    chai.ok((expected as (error: unknown) => boolean)(error), message ?? 'the error did not pass the validation function');
  }
}

export function throws(block: () => unknown, expected?: Expected, message?: string): void {
  try {
    block();
  } catch (error) {
    check(error, expected, message);
    return;
  }
  chai.fail(message ?? (typeof expected === 'string' ? expected : 'Missing expected exception.'));
}

export async function rejects(promise: Promise<unknown> | (() => Promise<unknown>), expected?: Expected, message?: string): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    check(error, expected, message);
    return;
  }
  chai.fail(message ?? (typeof expected === 'string' ? expected : 'Missing expected rejection.'));
}

export async function doesNotReject(promise: Promise<unknown> | (() => Promise<unknown>)): Promise<void> {
  await (typeof promise === 'function' ? promise() : promise);
}

const strict = Object.assign((value: unknown, message?: string) => ok(value, message), {
  ok, strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, match, doesNotMatch, fail, throws, rejects, doesNotReject,
});
export { strict };
export default strict;
