import { describe, expect, it } from 'vitest';
import { formatSelection, parseSelection, SelectionParseError, tryParseSelection, writeSelection, type WrittenSelection } from '../../../src/core/selection';
import { floatingDtype } from '../../../src/core/selection/dtype';

/** Parses `text` and writes `values` (one per number) back in its notation, through the one writer. */
function writeBack(text: string, values: readonly number[], languageId?: string, sliceSize?: number): WrittenSelection {
  const parsed = parseSelection(text, languageId ? { languageId } : {});
  const writing = writeSelection(parsed.shape, values, parsed.notation, { significantDigits: 6, ...(sliceSize ? { sliceSize } : {}) });
  let step = writing.next();
  while (!step.done) step = writing.next();
  return step.value;
}

describe('integer dtypes are written back as floating point', () => {
  it.each([
    ['np.array([3, 5, 9], dtype=np.int32)', 'np.array([-1.0, 0.0, 1.0], dtype=np.float64)', 'np.int32', 'np.float64'],
    ['numpy.asarray([3, 5, 9], dtype=numpy.uint8)', 'numpy.asarray([-1.0, 0.0, 1.0], dtype=numpy.float64)', 'numpy.uint8', 'numpy.float64'],
    ["np.array([3, 5, 9], dtype='int64')", "np.array([-1.0, 0.0, 1.0], dtype='float64')", "'int64'", "'float64'"],
    ['np.array([3, 5, 9], dtype="<i4")', 'np.array([-1.0, 0.0, 1.0], dtype="float64")', '"<i4"', '"float64"'],
    ['np.array([3, 5, 9], dtype=int)', 'np.array([-1.0, 0.0, 1.0], dtype=float)', 'int', 'float'],
    ['np.array([1, 0, 1], dtype=bool)', 'np.array([-1.0, 0.0, 1.0], dtype=float)', 'bool', 'float'],
    ['torch.tensor([3, 5, 9], dtype=torch.long)', 'torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64)', 'torch.long', 'torch.float64'],
    ['torch.tensor([3, 5, 9], dtype=torch.int64)', 'torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64)', 'torch.int64', 'torch.float64'],
    ['torch.tensor([3, 5, 9], dtype=torch.int32, requires_grad=False)', 'torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64, requires_grad=False)', 'torch.int32', 'torch.float64'],
  ])('%s → %s, with a note', (text, expected, from, to) => {
    const written = writeBack(text, [-1, 0, 1]);
    expect(written.replacement).toBe(expected);
    expect(written.notes).toEqual([{ template: 'the dtype {0} holds only whole numbers, which would truncate the result, so it is written with dtype={1}', args: [from, to] }]);
  });

  it('keeps a floating-point dtype the user chose, with no note', () => {
    for (const dtype of ['np.float32', 'np.float16', 'torch.float32', 'torch.half', 'torch.bfloat16', "'float32'", 'float']) {
      const call = dtype.startsWith('torch') ? 'torch.tensor' : 'np.array';
      const written = writeBack(`${call}([3, 5, 9], dtype=${dtype})`, [-1, 0, 1]);
      expect(written.replacement).toBe(`${call}([-1.0, 0.0, 1.0], dtype=${dtype})`);
      expect(written.notes).toEqual([]);
    }
  });

  it('replaces the dtype argument only, not a "dtype" in a comment or a string before it', () => {
    const text = "np.array([3, 5, 9],  # dtype=np.int8 was too small\n         name='dtype=x', dtype=np.int16)";
    expect(writeBack(text, [-1, 0, 1]).replacement).toBe("np.array([-1.0, 0.0, 1.0],  # dtype=np.int8 was too small\n         name='dtype=x', dtype=np.float64)");
  });

  it('knows which dtypes hold only whole numbers', () => {
    expect(['np.int8', 'np.intc', 'np.int_', 'np.uint64', 'np.longlong', 'torch.int', 'torch.short', 'torch.uint8', 'torch.bool', "'u1'"].map(floatingDtype)).toEqual([
      'np.float64',
      'np.float64',
      'np.float64',
      'np.float64',
      'np.float64',
      'torch.float64',
      'torch.float64',
      'torch.float64',
      'torch.float64',
      "'float64'",
    ]);
    expect(['np.float64', 'np.longdouble', 'torch.double', 'torch.complex64', "'f4'", 'np.single'].map(floatingDtype)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('comments in Python lists', () => {
  const commented = ['weights = [', '    # first layer', '    0.5,  # w0', '    1.5,  # w1', '    2.5,  # the last one, with a trailing comma', ']  # end'].join('\n');

  it('skips a comment line before the first element, comments after elements and after the trailing comma', () => {
    const parsed = parseSelection(commented);
    expect(parsed.shape).toEqual([3]);
    expect(Array.from(parsed.data)).toEqual([0.5, 1.5, 2.5]);
    expect(parsed.notation.kind).toBe('python');
  });

  it('keeps every comment in its place when the result is written back', () => {
    expect(writeBack(commented, [-1.22474, 0, 1.22474]).replacement).toBe(
      ['weights = [', '    # first layer', '    -1.22474,  # w0', '    0.0,  # w1', '    1.22474,  # the last one, with a trailing comma', ']  # end'].join('\n'),
    );
  });

  it('writes the gaps without comments the way the commented ones are laid out, minus the comment', () => {
    const text = '[1, 2,  # two\n 3, 4]';
    expect(writeBack(text, [5, 6, 7, 8]).replacement).toBe('[5.0, 6.0,  # two\n 7.0, 8.0]');
    const firstGapCommented = '[1,  # one\n 2,\n 3]';
    expect(writeBack(firstGapCommented, [4, 5, 6]).replacement).toBe('[4.0,  # one\n 5.0,\n 6.0]');
  });

  it('reads comments in nested lists, np.array and torch.tensor calls, and a comment line above the list', () => {
    expect(writeBack('[[1, 2],  # row 0\n [3, 4]]  # done', [1, 2, 3, 4]).replacement).toBe('[[1.0, 2.0],  # row 0\n [3.0, 4.0]]  # done');
    expect(writeBack('np.array(  # data\n    [1, 2],  # values\n    dtype=np.float32)', [3, 4]).replacement).toBe('np.array(  # data\n    [3.0, 4.0],  # values\n    dtype=np.float32)');
    expect(writeBack('torch.tensor([1,# one\n 2])', [3, 4]).replacement).toBe('torch.tensor([3.0,# one\n 4.0])');
    expect(writeBack('# the inputs\nx = [1, 2]', [3, 4]).replacement).toBe('# the inputs\nx = [3.0, 4.0]');
  });

  it('a "#" in a JSON document is refused, saying JSON has no comments', () => {
    const result = tryParseSelection('[1, 2,  # two\n 3]', { languageId: 'json' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(SelectionParseError);
    expect(result.error.message).toBe('a "#" comment at line 1, column 9: JSON has no comments; remove it or select the list in a Python file');
    expect(result.error.offset).toBe(8);
  });

  it('a comment still cannot stand in for a comma', () => {
    expect(() => parseSelection('[1, 2  # two\n 3]')).toThrow('missing comma before line 2, column 2');
  });
});

describe('MATLAB % comments', () => {
  it('are skipped inside the matrix, end a row like a newline, and are dropped when written back', () => {
    const text = 'A = [1 2;  % first row\n     3 4];';
    const parsed = parseSelection(text);
    expect(parsed).toMatchObject({ shape: [2, 2], notation: { kind: 'matlab' } });
    expect(formatSelection(parsed.shape, [5, 6, 7, 8], parsed.notation, { significantDigits: 6 })).toBe('A = [5 6;\n     7 8];');
    expect(parseSelection('[1 2 % first row\n 3 4]').shape).toEqual([2, 2]);
  });

  it('a comment after the matrix is kept, as are comments on their own lines inside it (dropped)', () => {
    const parsed = parseSelection('[1 2 3]; % weights');
    expect(formatSelection(parsed.shape, [4, 5, 6], parsed.notation, { significantDigits: 6 })).toBe('[4 5 6]; % weights');
    const withLine = parseSelection('[ % header\n 1 2; 3 4]');
    expect(withLine.shape).toEqual([2, 2]);
    expect(formatSelection(withLine.shape, [5, 6, 7, 8], withLine.notation, { significantDigits: 6 })).toBe('[ 5 6; 7 8]');
    expect(() => parseSelection('[ % nothing here\n ]')).toThrow(/empty matrix/);
  });
});

describe('one writer for every output', () => {
  it('writes the same text in slices as in one go, yielding the count done after each slice', () => {
    const text = `np.array([${Array.from({ length: 10 }, (_, index) => index).join(', ')}], dtype=np.int64)`;
    const parsed = parseSelection(text);
    const values = Array.from(parsed.data, (value) => value / 3);
    const writing = writeSelection(parsed.shape, values, parsed.notation, { significantDigits: 4, sliceSize: 4 });
    const yielded: number[] = [];
    let step = writing.next();
    while (!step.done) {
      yielded.push(step.value);
      step = writing.next();
    }
    expect(yielded).toEqual([4, 8]);
    expect(step.value.replacement).toBe(formatSelection(parsed.shape, values, parsed.notation, { significantDigits: 4 }));
    expect(step.value.replacement).toBe('np.array([0.0, 0.3333, 0.6667, 1.0, 1.333, 1.667, 2.0, 2.333, 2.667, 3.0], dtype=np.float64)');
  });

  it('lays out nested rows and commented gaps the same at every slice size, a slice ending inside a row or at its end', () => {
    const text = ['x = [', '  [[1, 2, 3],  # first', '   [4, 5, 6]],', '  # second block', '  [[7, 8, 9],', '   [10, 11, 12]],', ']  # done', ''].join('\n');
    const values = Array.from({ length: 12 }, (_, index) => index / 4 - 1);
    const whole = writeBack(text, values, 'python');
    expect(whole.replacement).toBe(['x = [', '  [[-1.0, -0.75, -0.5],  # first', '   [-0.25, 0.0, 0.25]],', '  # second block', '  [[0.5, 0.75, 1.0],', '   [1.25, 1.5, 1.75]],', ']  # done', ''].join('\n'));
    for (const sliceSize of [1, 2, 3, 5, 6, 11, 12, 13]) expect(writeBack(text, values, 'python', sliceSize).replacement, `slices of ${sliceSize}`).toBe(whole.replacement);
  });

  it('gives the block without the whitespace around the selection, for inserting and copying', () => {
    const written = writeBack('  [1, 2]\n', [3, 4]);
    expect(written.replacement).toBe('  [3, 4]\n');
    expect(written.block).toBe('[3, 4]');
  });

  it('tryParseSelection returns the error that parseSelection throws', () => {
    const result = tryParseSelection('[1, 2');
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.error.line, result.error.column, result.error.message]).toEqual([1, 1, 'the "[" at line 1, column 1 is never closed']);
  });
});
