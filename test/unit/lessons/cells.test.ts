import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellsAnswer, flatIndex } from '../../../src/core/lessons/cells';
import { gradeQuiz } from '../../../src/core/lessons/grade';
import { checkLessons } from '../../../src/core/course/check';
import { formatDiagnostic, parseLesson } from '../../../src/core/lessons/parse';
import { CELLS_OPS, type CellsQuiz } from '../../../src/core/lessons/schema';
import { normalize } from '../../../src/core/engine';
import { explorerParams } from '../../../src/core/labs/tensorExplorer';
import { lessonWithQuiz } from './fixtures';

/** The definitions the lessons teach, written out independently of the engine, to check the engine's pools against. */
function pooledTogether(op: CellsQuiz['op'], shape: readonly [number, number, number], groups: number, a: number[], b: number[]): boolean {
  const [, channels] = shape;
  switch (op) {
    case 'batch_norm':
      return a[1] === b[1];
    case 'layer_norm':
      return a[0] === b[0];
    case 'instance_norm':
      return a[0] === b[0] && a[1] === b[1];
    case 'group_norm': {
      const size = channels / groups;
      return a[0] === b[0] && Math.floor(a[1]! / size) === Math.floor(b[1]! / size);
    }
  }
}

const cellsQuiz = fc
  .record({
    op: fc.constantFrom(...CELLS_OPS),
    n: fc.integer({ min: 1, max: 4 }),
    c: fc.integer({ min: 1, max: 8 }),
    s: fc.integer({ min: 1, max: 6 }),
    pick: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()),
  })
  // The shapes the engine accepts: more than one value per pool for BatchNorm and InstanceNorm (lessons:check reports the others).
  .filter(({ op, n, s }) => (op !== 'batch_norm' || n * s > 1) && (op !== 'instance_norm' || s > 1))
  .map(({ op, n, c, s, pick }) => {
    const divisors = Array.from({ length: c }, (_, i) => i + 1).filter((g) => c % g === 0);
    const quiz: CellsQuiz = {
      id: 'q',
      type: 'cells',
      prompt: 'P',
      explain: 'E',
      op,
      shape: [n, c, s],
      ...(op === 'group_norm' ? { groups: divisors[pick[3] % divisors.length]! } : {}),
      target: [pick[0] % n, pick[1] % c, pick[2] % s],
    };
    return quiz;
  });

describe('the cells item', () => {
  it("marks as pooled exactly the cells in the target's group of the engine, for every op and random shapes", () => {
    fc.assert(
      fc.property(cellsQuiz, (quiz) => {
        const [n, c, s] = quiz.shape;
        const answer = cellsAnswer(quiz);
        const groupOf = normalize(quiz.op, { shape: quiz.shape, data: new Float64Array(n * c * s).map((_, i) => i % 7) }, explorerParams(quiz.op, quiz.shape, quiz.groups ?? 1)).groupOf();
        const target = flatIndex(quiz.shape, quiz.target);
        expect(answer.pooled).toEqual([...groupOf.keys()].filter((cell) => groupOf[cell] === groupOf[target]));
        const coordinates = (cell: number) => [Math.floor(cell / (c * s)), Math.floor(cell / s) % c, cell % s];
        for (let cell = 0; cell < n * c * s; cell++) {
          expect(answer.pooled.includes(cell)).toBe(pooledTogether(quiz.op, quiz.shape, quiz.groups ?? 1, coordinates(cell), quiz.target));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('grades the pooled set right (with or without the target), and one cell too many or too few wrong, with marks', () => {
    fc.assert(
      fc.property(cellsQuiz, fc.nat(), (quiz, pick) => {
        const { pooled, target } = cellsAnswer(quiz);
        const others = pooled.filter((cell) => cell !== target);
        expect(gradeQuiz(quiz, { type: 'cells', cells: [...others] }, 0).status).toBe('correct');
        expect(gradeQuiz(quiz, { type: 'cells', cells: [...pooled] }, 0).status).toBe('correct');
        const count = quiz.shape[0] * quiz.shape[1] * quiz.shape[2];
        const outside = [...Array(count).keys()].filter((cell) => !pooled.includes(cell));
        if (outside.length > 0) {
          const extra = outside[pick % outside.length]!;
          const verdict = gradeQuiz(quiz, { type: 'cells', cells: [...others, extra] }, 0);
          expect(verdict).toMatchObject({ status: 'wrong', marks: { [String(extra)]: 'wrong' } });
        }
        if (others.length > 0) {
          const missing = others[pick % others.length]!;
          const verdict = gradeQuiz(quiz, { type: 'cells', cells: others.filter((cell) => cell !== missing) }, 0);
          expect(verdict).toMatchObject({ status: 'wrong', marks: { [String(missing)]: 'missed' } });
          expect(verdict.status === 'wrong' && verdict.marks[String(target)]).toBe(undefined);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('lets lessons:check report a shape the engine refuses, in its words', () => {
    const report = checkLessons([{ language: 'en', file: 't.md', text: lessonWithQuiz('id: c\ntype: cells\nprompt: P\nexplain: E\nop: instance_norm\nshape: [2, 4, 1]\ntarget: [0, 0, 0]') }]);
    expect(report.diagnostics.map(formatDiagnostic)).toContainEqual(
      't.md:8: quiz "c": the engine cannot pool this tensor: instance_norm: expected more than 1 spatial element per (sample, channel), got input shape [2, 4, 1]',
    );
  });

  it('refuses cells outside the tensor', () => {
    const quiz: CellsQuiz = { id: 'q', type: 'cells', prompt: 'P', explain: 'E', op: 'layer_norm', shape: [2, 2, 2], target: [0, 0, 0] };
    expect(gradeQuiz(quiz, { type: 'cells', cells: [8] }, 0)).toEqual({ status: 'invalid', reason: 'unknownChoice' });
  });

  it('validates the block: groups for group_norm that divide C, a target inside the shape, no groups elsewhere', () => {
    const messages = (yaml: string) => parseLesson('t.md', lessonWithQuiz(`id: c\ntype: cells\nprompt: P\nexplain: E\n${yaml}`)).diagnostics.map((d) => `${d.line}: ${d.message}`);
    expect(messages('op: group_norm\nshape: [2, 4, 3]\ngroups: 2\ntarget: [1, 3, 2]')).toEqual([]);
    expect(messages('op: group_norm\nshape: [2, 4, 3]\ngroups: 3\ntarget: [0, 0, 0]')).toEqual(['15: `groups`: groups = 3 must divide the 4 channels (C)']);
    expect(messages('op: layer_norm\nshape: [2, 4, 3]\ntarget: [2, 0, 0]')).toEqual(['15: `target.0`: 2 is outside the axis of size 2']);
    expect(messages('op: instance_norm\nshape: [2, 4, 3]\ngroups: 2\ntarget: [0, 0, 0]')).toEqual(['15: `groups`: `groups` is only for group_norm']);
    expect(messages('op: rms_norm\nshape: [2, 4, 3]\ntarget: [0, 0, 0]')[0]).toMatch(/^13: `op`: /);
  });
});
