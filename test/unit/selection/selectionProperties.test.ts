import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSelection, parseSelection, SelectionParseError, type NotationKind } from '../../../src/core/selection';

type Nested = number | Nested[];

function nest(shape: readonly number[], data: readonly number[]): Nested[] {
  let next = 0;
  const build = (level: number): Nested[] =>
    Array.from({ length: shape[level]! }, () => (level === shape.length - 1 ? data[next++]! : build(level + 1)));
  return build(0);
}

const pythonFloat = (value: number) => (Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : String(value));
const pythonList = (value: Nested, open = '[', close = ']'): string =>
  Array.isArray(value) ? `${open}${value.map((item) => pythonList(item, open, close)).join(', ')}${open === '(' && value.length === 1 ? ',' : ''}${close}` : pythonFloat(value);

/** Writers for each notation, independent of the formatter under test; `maxRank` is what the notation can hold. */
const writers: { kind: NotationKind; maxRank: number; minRank: number; write(shape: number[], data: number[]): string }[] = [
  { kind: 'json', minRank: 1, maxRank: 4, write: (shape, data) => JSON.stringify(nest(shape, data)) },
  { kind: 'python', minRank: 1, maxRank: 4, write: (shape, data) => pythonList(nest(shape, data), '(', ')') },
  { kind: 'numpy', minRank: 1, maxRank: 4, write: (shape, data) => `np.array(${pythonList(nest(shape, data))}, dtype=np.float64)` },
  { kind: 'torch', minRank: 1, maxRank: 4, write: (shape, data) => `torch.tensor(${pythonList(nest(shape, data))})` },
  {
    kind: 'matlab',
    minRank: 2,
    maxRank: 2,
    write: (shape, data) => `[${(nest(shape, data) as number[][]).map((row) => row.join(' ')).join('; ')}]`,
  },
  { kind: 'delimited', minRank: 2, maxRank: 2, write: (shape, data) => (nest(shape, data) as number[][]).map((row) => row.join(',')).join('\n') },
  { kind: 'lines', minRank: 1, maxRank: 1, write: (_shape, data) => data.join('\n') },
];

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });

describe('round trip in every notation', () => {
  for (const writer of writers) {
    it(`${writer.kind}: parse(write(x)) = x, and formatting back keeps the notation and the numbers`, () => {
      const shapes = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: writer.minRank, maxLength: writer.maxRank });
      fc.assert(
        fc.property(
          shapes.chain((shape) => fc.tuple(fc.constant(shape), fc.array(finite, { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }))),
          ([rawShape, rawData]) => {
            // A single CSV row or a single column reads as a vector, as the notation says.
            let shape = rawShape;
            if (writer.kind === 'delimited' && (shape[0] === 1 || shape[1] === 1)) shape = [shape[0]! + 1, shape[1]! + 1];
            if (writer.kind === 'lines' && shape[0] === 1) shape = [2];
            if (writer.kind === 'matlab' && shape[0] === 1) shape = [2, shape[1]!];
            const count = shape.reduce((a, b) => a * b, 1);
            const data = Array.from({ length: count }, (_, index) => (rawData[index % rawData.length] === 0 ? 0 : rawData[index % rawData.length]!));
            const text = writer.write(shape, data);
            const parsed = parseSelection(text);
            expect(parsed.notation.kind).toBe(writer.kind);
            expect(parsed.shape).toEqual(shape);
            expect(Array.from(parsed.data)).toEqual(data);
            const written = formatSelection(parsed.shape, parsed.data, parsed.notation, { significantDigits: 17 });
            const again = parseSelection(written);
            expect(again.notation.kind).toBe(writer.kind);
            expect(again.shape).toEqual(shape);
            expect(Array.from(again.data)).toEqual(data);
            expect(formatSelection(again.shape, again.data, again.notation, { significantDigits: 17 })).toBe(written);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('rounding to d significant digits changes each number by at most half a unit in the d-th digit', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 16 }), (data, digits) => {
        const parsed = parseSelection(JSON.stringify(data));
        const back = parseSelection(formatSelection(parsed.shape, data, parsed.notation, { significantDigits: digits }));
        back.data.forEach((value, index) => {
          const original = data[index]!;
          // Half a unit in the last kept digit, plus one binary rounding of the decimal that was written.
          const tolerance = Math.abs(original) * (10 ** (1 - digits) * 0.5 + 2 * Number.EPSILON);
          expect(Math.abs(value - original)).toBeLessThanOrEqual(tolerance);
        });
      }),
    );
  });
});

/** The parser's contract on any input: a consistent result, or its own error with a position inside the text. */
function checkContract(text: string): void {
  let parsed;
  try {
    parsed = parseSelection(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SelectionParseError);
    const { offset, line, column } = error as SelectionParseError;
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(text.length);
    expect(line).toBe(text.slice(0, offset).split('\n').length);
    expect(column).toBe(offset - text.slice(0, offset).lastIndexOf('\n'));
    return;
  }
  expect(parsed.shape.length).toBeGreaterThan(0);
  expect(parsed.shape.reduce((a, b) => a * b, 1)).toBe(parsed.data.length);
  expect(parsed.data.length).toBeGreaterThan(0);
  expect(parsed.data.every(Number.isFinite)).toBe(true);
  expect(parsed.notation.levels).toHaveLength(parsed.shape.length);
}

describe('fuzz: random and mutated selections', () => {
  const alphabet = fc.constantFrom(...'0123456789-+.eE_,;[]() \n\t\rjxnaTrue"\''.split(''), 'np.array(', 'torch.tensor(', 'nan', 'dtype=', '1.5', '[1, 2]');

  it('random text from the notation alphabet: parsed consistently or rejected with SelectionParseError', () => {
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join('')), checkContract), { numRuns: 3000 });
  });

  it('valid selections with one edit (insert, delete or replace a character) never break the contract', () => {
    const seeds = [
      '[[1, 2, 3], [4, 5, 6]]',
      'np.array([[1.5, 2.0], [3.0, 4.0]], dtype=np.float32)',
      'torch.tensor([0.1, 0.2, 0.3])',
      '[1 2; 3 4]',
      'a,b\n1,2\n3,4\n',
      '1\t2\n3\t4',
      '0.5\n1.5\n2.5',
      '((1, 2), (3, 4))',
      '[[ 1.  2.]\n [ 3.  4.]]',
    ];
    const edit = fc.record({
      seed: fc.constantFrom(...seeds),
      position: fc.nat(),
      kind: fc.constantFrom('insert', 'delete', 'replace'),
      character: fc.constantFrom(...'0-.e,;[]() \nxn_"'.split('')),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = edits[0]!.seed;
        for (const { position, kind, character } of edits) {
          const at = position % (text.length + 1);
          text = kind === 'insert' ? text.slice(0, at) + character + text.slice(at) : kind === 'delete' ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + character + text.slice(at + 1);
        }
        checkContract(text);
      }),
      { numRuns: 3000 },
    );
  });

  // Speed is the bench's business (`npm run bench`); here only that nothing recurses per character.
  it('adversarial inputs of 400,000 characters keep the contract without deep recursion', () => {
    const inputs = ['['.repeat(400_000), '1'.repeat(400_000), '1,'.repeat(200_000), '[1,'.repeat(133_333), '-'.repeat(400_000), '1e'.repeat(200_000), `[${'1 '.repeat(200_000)}]`, '_'.repeat(400_000), ' '.repeat(400_000), '1_'.repeat(200_000), 'a'.repeat(400_000)];
    for (const text of inputs) checkContract(text);
  });

  it('a million numbers parse into the right shape', () => {
    const row = Array.from({ length: 1000 }, (_, index) => (index % 97) / 8 - 6).join(',');
    const parsed = parseSelection(Array.from({ length: 1000 }, () => row).join('\n'));
    expect(parsed.shape).toEqual([1000, 1000]);
    expect(parsed.data[999_999]).toBe((999 % 97) / 8 - 6);
  });
});
