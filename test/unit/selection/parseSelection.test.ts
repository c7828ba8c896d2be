import { describe, expect, it } from 'vitest';
import { formatSelection, parseSelection, SelectionParseError } from '../../../src/core/selection';

function parse(text: string, languageId?: string) {
  const parsed = parseSelection(text, languageId ? { languageId } : {});
  return { shape: parsed.shape, data: Array.from(parsed.data), kind: parsed.notation.kind, parsed };
}

function errorOf(text: string): SelectionParseError {
  try {
    parseSelection(text);
  } catch (error) {
    if (error instanceof SelectionParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseSelection: notations', () => {
  it('reads a nested JSON array and infers its shape from the nesting', () => {
    expect(parse('[[1, 2, 3], [4, 5, 6]]')).toMatchObject({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6], kind: 'json' });
  });

  it('reads a 3-D array', () => {
    expect(parse('[[[1,2],[3,4]],[[5,6],[7,8]],[[9,10],[11,12]]]')).toMatchObject({ shape: [3, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
  });

  it('calls a bracket list Python in a Python document, and for tuples, underscores and trailing commas anywhere', () => {
    expect(parse('[1, 2]', 'python').kind).toBe('python');
    expect(parse('((1, 2), (3, 4))')).toMatchObject({ shape: [2, 2], kind: 'python' });
    expect(parse('[1_000, 2_000.5]')).toMatchObject({ data: [1000, 2000.5], kind: 'python' });
    expect(parse('[1, 2, 3,]')).toMatchObject({ shape: [3], kind: 'python' });
    expect(parse('(7,)')).toMatchObject({ shape: [1], data: [7], kind: 'python' });
  });

  it('reads np.array and np.asarray with a dtype, keeping the wrapper and dtype', () => {
    const { parsed, ...rest } = parse('np.array([[1.5, -2], [3e-2, +4]], dtype=np.float32)');
    expect(rest).toMatchObject({ shape: [2, 2], data: [1.5, -2, 0.03, 4], kind: 'numpy' });
    expect(parsed.notation.dtype).toBe('np.float32');
    expect(parsed.notation.prefix).toBe('np.array(');
    expect(parsed.notation.suffix).toBe(', dtype=np.float32)');
    expect(parse('numpy.asarray([1, 2])').kind).toBe('numpy');
  });

  it('reads torch.tensor with and without dtype, and a printed tensor', () => {
    expect(parse('torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64)')).toMatchObject({ shape: [2, 2], kind: 'torch' });
    expect(parse('torch.tensor([0.5, 1.5])').parsed.notation.dtype).toBeUndefined();
    expect(parse('tensor([[1., 2.]])')).toMatchObject({ shape: [1, 2], kind: 'torch' });
  });

  it('keeps an assignment in front of the literal', () => {
    const { parsed } = parse('x = np.array([1, 2, 3])');
    expect(parsed.notation.prefix).toBe('x = np.array(');
    expect(Array.from(parsed.data)).toEqual([1, 2, 3]);
  });

  it('reads a printed NumPy array (items separated by spaces)', () => {
    expect(parse('[[ 1.  2.]\n [ 3.  4.]]')).toMatchObject({ shape: [2, 2], data: [1, 2, 3, 4], kind: 'numpy' });
  });

  it('reads MATLAB matrices with spaces or commas, semicolons or newlines between rows', () => {
    expect(parse('[1 2 3; 4 5 6]')).toMatchObject({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6], kind: 'matlab' });
    expect(parse('A = [1, 2; 3, 4];')).toMatchObject({ shape: [2, 2], kind: 'matlab' });
    expect(parse('[1 2;\n 3 4]')).toMatchObject({ shape: [2, 2], kind: 'matlab' });
  });

  it('reads CSV, TSV, semicolon and whitespace-separated rows', () => {
    expect(parse('1,2,3\n4,5,6')).toMatchObject({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6], kind: 'delimited' });
    expect(parse('1\t2\n3\t4').parsed.notation.delimiter).toBe('\t');
    expect(parse('1;2\n3;4').parsed.notation.delimiter).toBe(';');
    expect(parse('  1   2\n  3   4\n')).toMatchObject({ shape: [2, 2], data: [1, 2, 3, 4] });
    expect(parse('1,2\r\n3,4\r\n')).toMatchObject({ shape: [2, 2], data: [1, 2, 3, 4] });
  });

  it('skips a header row with a note and keeps it for writing back', () => {
    const { parsed, ...rest } = parse('height,weight\n1.8,70\n1.6,55\n');
    expect(rest).toMatchObject({ shape: [2, 2], data: [1.8, 70, 1.6, 55] });
    expect(parsed.notes).toHaveLength(1);
    expect(parsed.notes[0]!.args).toEqual(['height,weight']);
  });

  it('reads one number per line as a vector', () => {
    expect(parse('0.5\n-1.25\n3\n')).toMatchObject({ shape: [3], data: [0.5, -1.25, 3], kind: 'lines' });
  });

  it('reads a single CSV row as a vector', () => {
    expect(parse('1, 2, 3')).toMatchObject({ shape: [3], kind: 'delimited' });
  });

  it('reads numbers exactly as Number() does', () => {
    const literals = ['0', '-0.0', '123456789012345', '1234567890123456789', '0.1', '.5', '5.', '1e-300', '2.5E+10', '-7.000001e-7', '0.30000000000000004', '9007199254740993'];
    expect(parse(`[${literals.join(', ')}]`).data).toEqual(literals.map(Number));
  });
});

describe('parseSelection: errors name what and where', () => {
  it.each([
    ['', 1, 1, /empty/],
    ['   \n  ', 1, 1, /empty/],
    ['[[1, 2, 3], [4, 5]]', 1, 18, /row 2 has 2 values, the rows above have 3/],
    ['[[1, 2], [3, 4, 5]]', 1, 17, /row 2 has 3 values, the rows above have 2/],
    ['1,2,3\n4,5\n', 2, 1, /row 2 has 2 values, the rows above have 3/],
    ['1,2\n3,4\n5,6,7', 3, 5, /row 3 has more than 2 values/],
    ['[1, 2, nan]', 1, 8, /not a finite number/],
    ['[1, -inf]', 1, 5, /not a finite number/],
    ['[1, np.nan]', 1, 5, /not a finite number/],
    ['[True, False]', 1, 2, /boolean True/],
    ['[1, None]', 1, 5, /missing value None/],
    ['[1, 2] + [3]', 1, 8, /after the closing bracket/],
    ['[1,\n 2,,3]', 2, 4, /two commas/],
    ['[1, 2', 1, 1, /never closed/],
    ['[1, 2)', 1, 6, /does not match/],
    ['[1, "two"]', 1, 5, /quoted text/],
    ['[1, 2 3]', 1, 7, /missing comma/],
    ['weights = [0.1, abc]', 1, 17, /"abc" .* is not a number/],
    ['[1e999]', 1, 2, /too large/],
    ['[3+4j]', 1, 2, /not a number|complex/],
    ['[1j]', 1, 2, /complex/],
    ['[1.2.3]', 1, 2, /"1.2.3"/],
    ['[[1], 2]', 1, 7, /expected a list/],
    ['[1, [2]]', 1, 5, /expected a number/],
    ['[[], []]', 1, 1, /no numbers/],
    ['x,y\n', 1, 1, /"x"/],
    ['1,,2', 1, 3, /empty value/],
    ['np.array([1, 2]', 1, 16, /not closed/],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(SelectionParseError);
    expect(error.message).toMatch(message);
    expect([error.line, error.column]).toEqual([line, column]);
    const lines = text.split('\n');
    const offset = lines.slice(0, line - 1).reduce((sum, part) => sum + part.length + 1, 0) + column - 1;
    expect(error.offset).toBe(offset);
  });
});

describe('formatSelection: back in the source notation', () => {
  it.each([
    ['[[1, 2.5], [-3, 4]]', undefined],
    ['[\n  [1, 2.5],\n  [-3, 4]\n]', undefined],
    ['[[1.0, 2.5], [-3.0, 4.0]]', 'python'],
    ['((1.0, 2.5), (-3.0, 4.0))', undefined],
    ['(7.0,)', undefined],
    ['x = np.array([[1.0, 2.5], [-3.0, 4.0]], dtype=np.float32)', undefined],
    ['np.asarray([0.25, 0.5])', undefined],
    ['torch.tensor([[1.0, 2.5],\n              [-3.0, 4.0]], dtype=torch.float64, requires_grad=True)', undefined],
    ['[[1.0 2.5]\n [-3.0 4.0]]', undefined],
    ['[1 2.5; -3 4]', undefined],
    ['M = [1, 2.5;\n     -3, 4];', undefined],
    ['[1 2.5 -3 4]', undefined],
    ['1,2.5\n-3,4', undefined],
    ['a, b\n1, 2.5\n-3, 4\n', undefined],
    ['1\t2.5\n-3\t4\n', undefined],
    ['1;2.5\r\n-3;4', undefined],
    ['    1  2.5\n    -3  4\n', undefined],
    ['1\n2.5\n-3\n4\n', undefined],
    ['  [1, 2.5, -3, 4]  \n', undefined],
  ])('%j is written back unchanged', (text, languageId) => {
    const parsed = parseSelection(text, languageId ? { languageId } : {});
    expect(formatSelection(parsed.shape, parsed.data, parsed.notation, { significantDigits: 17 })).toBe(text);
  });

  it('writes other numbers into the same layout, rounded to the significant digits asked for', () => {
    const parsed = parseSelection('np.array([[1, 2], [3, 4]], dtype=np.float32)');
    const out = formatSelection(parsed.shape, [Math.PI, -1 / 3, 1, 1e-9 / 3], parsed.notation, { significantDigits: 4 });
    expect(out).toBe('np.array([[3.142, -0.3333], [1.0, 3.333e-10]], dtype=np.float32)');
  });

  it('writes whole numbers without a decimal point in JSON, CSV and MATLAB', () => {
    for (const text of ['[1.5, 2.5]', '1.5,2.5', '[1.5 2.5]']) {
      const parsed = parseSelection(text);
      expect(formatSelection(parsed.shape, [0, 1], parsed.notation, { significantDigits: 6 })).toBe(text.replace('1.5', '0').replace('2.5', '1'));
    }
  });

  it('refuses data that does not match the shape', () => {
    const parsed = parseSelection('[1, 2, 3]');
    expect(() => formatSelection(parsed.shape, [1, 2], parsed.notation, { significantDigits: 6 })).toThrow(/holds 3 numbers/);
  });
});

describe('parseSelection: notes', () => {
  it('records an integer dtype without a warning: the result is written with a floating-point one instead', () => {
    const parsed = parseSelection('torch.tensor([1, 2, 3], dtype=torch.int64)');
    expect(parsed.notation.dtype).toBe('torch.int64');
    expect(parsed.notes).toEqual([]);
    expect(formatSelection(parsed.shape, [0.5, 1, 1.5], parsed.notation, { significantDigits: 6 })).toBe('torch.tensor([0.5, 1.0, 1.5], dtype=torch.float64)');
    expect(parseSelection('np.array([1, 2], dtype=np.float32)').notes).toEqual([]);
  });
});
