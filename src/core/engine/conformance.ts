/**
 * Runs a `normalization-cases/1` file (see `test/golden/README.md`) against the engine.
 * Rule, on the output and on every `extra` the case lists:
 *   |actual − expected| <= tol.abs + tol.rel · |expected|, shapes equal exactly;
 * `expected_error` cases must throw an EngineError. Used by `npm run conformance` and the tests.
 */
import { z } from 'zod';
import { EngineError, normalize, OPERATIONS, type OpName, type Tensor } from './index';
import { product } from './validate';

const DEFAULT_TOLERANCE = { abs: 1e-11, rel: 1e-9 };

const tensorSchema = z
  .object({
    shape: z.array(z.number().int().nonnegative()),
    data: z.array(z.number()),
  })
  .refine((t) => product(t.shape) === t.data.length, {
    message: 'data length must equal the product of shape',
  });

const opSchema = z.enum(Object.keys(OPERATIONS) as [OpName, ...OpName[]]);

const caseSchema = z
  .object({
    id: z.string().min(1),
    op: opSchema,
    input: z.object({ shape: z.array(z.number().int().nonnegative()), data: z.array(z.number()) }),
    params: z.record(z.string(), z.unknown()),
    expected: tensorSchema.optional(),
    extra: z.record(z.string(), tensorSchema).optional(),
    expected_error: z.string().optional(),
    tol: z.object({ abs: z.number().nonnegative(), rel: z.number().nonnegative() }).optional(),
    note: z.string().optional(),
  })
  .refine((c) => (c.expected_error === undefined) !== (c.expected === undefined), {
    message: 'a case needs exactly one of "expected" and "expected_error"',
  });

const fileSchema = z.object({
  format: z.literal('normalization-cases/1'),
  generator: z.string().optional(),
  cases: z.array(caseSchema),
});

export type ConformanceCase = z.infer<typeof caseSchema>;
export type ConformanceFile = z.infer<typeof fileSchema>;

/** The file cannot be run: not JSON, not the format, or duplicate ids. */
export class MalformedCaseFile extends Error {
  override readonly name = 'MalformedCaseFile';
}

export function parseCaseFile(text: string): ConformanceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MalformedCaseFile(`not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new MalformedCaseFile(`not a normalization-cases/1 file: at ${where}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const c of parsed.data.cases) {
    if (seen.has(c.id)) throw new MalformedCaseFile(`not a normalization-cases/1 file: duplicate case id "${c.id}"`);
    seen.add(c.id);
  }
  return parsed.data;
}

export interface CaseOutcome {
  readonly id: string;
  readonly op: string;
  readonly passed: boolean;
  /** For a failure: one line saying where and by how much. */
  readonly failure?: string;
}

export interface ConformanceReport {
  readonly passed: number;
  readonly failed: number;
  readonly outcomes: CaseOutcome[];
  /** The last line the runner prints: "N passed, N failed". */
  readonly summary: string;
}

interface Mismatch {
  readonly message: string;
}

function compare(name: string, actual: Tensor | undefined, expected: { shape: number[]; data: number[] }, tol: { abs: number; rel: number }): Mismatch | undefined {
  if (actual === undefined) return { message: `${name} is missing from the result` };
  if (actual.shape.length !== expected.shape.length || actual.shape.some((d, i) => d !== expected.shape[i])) {
    return { message: `${name} has shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]` };
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const allowed = tol.abs + tol.rel * Math.abs(expected.data[i]);
    const difference = Math.abs(actual.data[i] - expected.data[i]);
    if (difference <= allowed) continue;
    const excess = Number.isNaN(difference) ? Infinity : allowed > 0 ? difference / allowed : Infinity;
    if (worst < 0 || excess > worstExcess) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst < 0) return undefined;
  const e = expected.data[worst];
  const a = actual.data[worst];
  return {
    message: `${name}[${worst}] = ${a}, expected ${e} (|diff| ${Math.abs(a - e)} > ${tol.abs} + ${tol.rel}·|expected|)`,
  };
}

export function runCase(c: ConformanceCase): CaseOutcome {
  const fail = (why: string): CaseOutcome => ({ id: c.id, op: c.op, passed: false, failure: `${c.id} (${c.op}): ${why}` });
  let result;
  try {
    result = normalize(c.op, c.input, c.params);
  } catch (error) {
    if (c.expected_error !== undefined) {
      return error instanceof EngineError
        ? { id: c.id, op: c.op, passed: true }
        : fail(`expected an EngineError (${c.expected_error}) but got ${(error as Error).name}: ${(error as Error).message}`);
    }
    return fail(`threw ${(error as Error).name}: ${(error as Error).message}`);
  }
  if (c.expected_error !== undefined || c.expected === undefined) {
    return fail(`expected an error (${c.expected_error}) but the op returned a result`);
  }
  const tol = c.tol ?? DEFAULT_TOLERANCE;
  const mismatches: Mismatch[] = [];
  const outputMismatch = compare('output', result.output, c.expected, tol);
  if (outputMismatch) mismatches.push(outputMismatch);
  for (const [name, expected] of Object.entries(c.extra ?? {})) {
    const mismatch = compare(name, result.extra[name], expected, tol);
    if (mismatch) mismatches.push(mismatch);
  }
  if (mismatches.length > 0) return fail(mismatches.map((m) => m.message).join('; '));
  return { id: c.id, op: c.op, passed: true };
}

export function runCases(file: ConformanceFile): ConformanceReport {
  const outcomes = file.cases.map(runCase);
  const passed = outcomes.filter((o) => o.passed).length;
  const failed = outcomes.length - passed;
  return { passed, failed, outcomes, summary: `${passed} passed, ${failed} failed` };
}

/** Parse and run; throws MalformedCaseFile when the text is not a runnable case file. */
export function runConformance(text: string): ConformanceReport {
  return runCases(parseCaseFile(text));
}
