import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MalformedCaseFile, parseCaseFile, runConformance } from '../../../src/core/engine/conformance';

const goldenPath = path.resolve(__dirname, '../../golden/normalization-cases.json');
const repoRoot = path.resolve(__dirname, '../../..');

function goldenJson(): { format: string; cases: Array<Record<string, unknown>> } {
  return JSON.parse(fs.readFileSync(goldenPath, 'utf8'));
}

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('conformance on the golden file (test/golden, a copy of the reference cases)', () => {
  it('passes every case, including the expected errors', () => {
    const report = runConformance(fs.readFileSync(goldenPath, 'utf8'));
    const failures = report.outcomes.filter((o) => !o.passed).map((o) => o.failure);
    expect(failures).toEqual([]);
    expect(report.passed).toBe(goldenJson().cases.length);
    expect(report.passed).toBeGreaterThan(90);
    expect(report.summary).toBe(`${report.passed} passed, 0 failed`);
  });
});

describe('conformance runner catches what is wrong', () => {
  it('reports a wrong expected value with the case id, op, worst element index and both numbers', () => {
    const golden = goldenJson();
    const target = golden.cases.find((c) => c.id === 'ln-basic-1') as { expected: { data: number[] } };
    target.expected.data[2] = 7;
    target.expected.data[0] = -1.2247; // slightly off, but less wrong than element 2
    const report = runConformance(JSON.stringify(golden));
    expect(report.failed).toBe(1);
    const failure = report.outcomes.find((o) => !o.passed)!;
    expect(failure.failure).toMatch(/^ln-basic-1 \(layer_norm\): output\[2\] = 1\.22\d+, expected 7/);
    expect(report.summary).toBe(`${golden.cases.length - 1} passed, 1 failed`);
  });

  it('fails a case that should throw but returns, and one that throws but should not', () => {
    const golden = goldenJson();
    const returning = golden.cases.find((c) => c.id === 'sm-basic-1')!;
    delete returning.expected;
    delete returning.tol;
    returning.expected_error = 'made up';
    const throwing = golden.cases.find((c) => c.id === 'ln-basic-2') as { params: Record<string, unknown> };
    throwing.params.normalized_shape = [3];
    const report = runConformance(JSON.stringify(golden));
    const failed = report.outcomes.filter((o) => !o.passed);
    expect(failed.map((o) => o.id).sort()).toEqual(['ln-basic-2', 'sm-basic-1']);
    expect(failed.find((o) => o.id === 'sm-basic-1')!.failure).toContain('expected an error');
    expect(failed.find((o) => o.id === 'ln-basic-2')!.failure).toContain('EngineError');
  });

  it('fails on a shape mismatch and on a missing extra', () => {
    const golden = goldenJson();
    const shaped = golden.cases.find((c) => c.id === 'ln-basic-2') as { expected: { shape: number[] } };
    shaped.expected.shape = [4, 2];
    const extra = golden.cases.find((c) => c.id === 'l2-basic-1') as Record<string, unknown>;
    extra.extra = { mean: { shape: [], data: [1] } };
    const report = runConformance(JSON.stringify(golden));
    const failed = report.outcomes.filter((o) => !o.passed);
    expect(failed.map((o) => o.failure)).toEqual([
      expect.stringContaining('output has shape [2, 4], expected [4, 2]'),
      expect.stringContaining('mean is missing'),
    ]);
  });

  it('refuses malformed files with a clear message', () => {
    expect(() => parseCaseFile('{ not json')).toThrow(MalformedCaseFile);
    expect(() => parseCaseFile('{"format": "other/1", "cases": []}')).toThrow(/format/);
    expect(() => parseCaseFile('{"format": "normalization-cases/1", "cases": [{"id": "a"}]}')).toThrow(/cases\.0/);
    const golden = goldenJson();
    golden.cases.push({ ...golden.cases[0] });
    expect(() => parseCaseFile(JSON.stringify(golden))).toThrow(/duplicate case id "ln-basic-1"/);
    const unknownOp = goldenJson();
    unknownOp.cases[0].op = 'dropout';
    expect(() => parseCaseFile(JSON.stringify(unknownOp))).toThrow(MalformedCaseFile);
  });
});

describe('npm run conformance (the CLI)', () => {
  const cli = (file: string) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/conformance.ts', file], {
      cwd: repoRoot,
      encoding: 'utf8',
    });

  it('exits 0 on the golden file, 1 with a failing case and 2 on a malformed file', () => {
    const ok = cli(goldenPath);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n').pop()).toMatch(/^\d+ passed, 0 failed$/);

    const golden = goldenJson();
    (golden.cases[0] as { expected: { data: number[] } }).expected.data[0] = 100;
    const failing = cli(tempFile('failing.json', JSON.stringify(golden)));
    expect(failing.status).toBe(1);
    const lines = failing.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FAIL ln-basic-1 \(layer_norm\): output\[0\]/);
    expect(lines.pop()).toBe(`${golden.cases.length - 1} passed, 1 failed`);

    const malformed = cli(tempFile('malformed.json', '{"format": "normalization-cases/1"}'));
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('malformed');
  }, 180_000); // three tsx start-ups: seconds alone, a minute or more on a loaded machine
});
