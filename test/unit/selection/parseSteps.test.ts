import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParseResult, parseSelectionSteps, tryParseSelection } from '../../../src/core/selection';

/** Runs the stepwise parse to its end, counting its pauses. */
function stepwise(text: string, sliceChars: number, languageId?: string): { result: ParseResult; pauses: number } {
  const steps = parseSelectionSteps(text, languageId ? { languageId } : {}, sliceChars);
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, pauses };
    pauses++;
  }
}

/** What a result says, errors by message and offset. */
const said = (result: ParseResult) => (result.ok ? result.selection : { error: result.error.message, offset: result.error.offset });

const SELECTIONS: [string, string | undefined][] = [
  ['[[1, 2, 3],  # first\n [4, 5, 6]]', 'python'],
  ['x = np.array([[1.5, 2.5], [3.5, 4.5]], dtype=np.int64)', 'python'],
  ['torch.tensor([(1, 2), (3, 4), (5, 6)])', 'python'],
  ['[[ 0.1  0.2]\n [ 0.3  0.4]]', undefined],
  ['A = [1 2 3; 4 5 6];  % weights', 'matlab'],
  ['a,b,c\n1,2,3\n4,5,6\n7,8,9\n', undefined],
  ['1\t2\n3\t4\n5\t6', undefined],
  ['0.5\n1.5\n2.5\n3.5', undefined],
  ['[[1, 2, 3], [4, 5]]', 'python'],
  ['[1, 2,, 3]', 'json'],
  ['1,2,3\n4,,6', undefined],
  ['[1, 2, x]', 'python'],
];

describe('parsing in steps', () => {
  it('reads the same as at once, wherever it pauses, errors and their places included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SELECTIONS), fc.integer({ min: 1, max: 40 }), ([text, languageId], sliceChars) => {
        const whole = tryParseSelection(text, languageId ? { languageId } : {});
        expect(said(stepwise(text, sliceChars, languageId).result)).toEqual(said(whole));
      }),
      { numRuns: 400 },
    );
  });

  it('pauses through a long list and a long CSV, at most about once per slice', () => {
    const numbers = Array.from({ length: 20_000 }, (_, index) => (index % 97) / 7);
    const list = `x = [${numbers.join(', ')}]`;
    const csv = Array.from({ length: 2_000 }, (_, row) => numbers.slice(row * 10, row * 10 + 10).join(',')).join('\n');
    for (const [text, languageId] of [[list, 'python'], [csv, undefined]] as const) {
      const { result, pauses } = stepwise(text, 16 * 1024, languageId);
      expect(result.ok && Array.from(result.selection.data)).toEqual(numbers);
      expect(pauses, `pauses in ${text.length} characters`).toBeGreaterThanOrEqual(Math.floor(text.length / (16 * 1024)) - 1);
      expect(pauses).toBeLessThanOrEqual(Math.ceil(text.length / (16 * 1024)));
    }
  });
});
