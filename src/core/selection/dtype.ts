/**
 * The `dtype=` of an `np.array(...)` or `torch.tensor(...)` call: found when reading, and
 * replaced when writing a result that an integer or boolean dtype would truncate.
 */
import type { CoreMessage } from './messages';
import type { Notation } from './notation';
import { characters, type Scanner } from './scanner';

const { APOSTROPHE, DOT, EQUALS, HASH, isIdentifierPart, isSpace, QUOTE } = characters;

export interface DtypeArgument {
  /** Offset of the value in the text. */
  readonly at: number;
  readonly value: string;
}

/** Reads the value of `dtype=` among a call's arguments between `start` and `end`, skipping strings and comments. */
export function findDtype(scanner: Scanner, start: number, end: number): DtypeArgument | undefined {
  const text = scanner.text;
  let index = start;
  while (index < end) {
    const c = text.charCodeAt(index);
    if (c === QUOTE || c === APOSTROPHE) {
      const close = text.indexOf(text[index]!, index + 1);
      index = close < 0 ? end : close + 1;
    } else if (c === HASH) index = scanner.skipComment(index, end);
    else if (text.startsWith('dtype', index) && !isIdentifierPart(text.charCodeAt(index - 1)) && !isIdentifierPart(text.charCodeAt(index + 5))) {
      let at = index + 5;
      while (at < end && isSpace(text.charCodeAt(at))) at++;
      if (text.charCodeAt(at) !== EQUALS) return undefined;
      at = scanner.skipSpace(at + 1, end);
      let valueEnd = at;
      while (valueEnd < end) {
        const code = text.charCodeAt(valueEnd);
        // Names such as `np.float32`, strings such as `'float32'` or `'<f8'`.
        if (!(isIdentifierPart(code) || code === DOT || code === QUOTE || code === APOSTROPHE || text[valueEnd] === '<' || text[valueEnd] === '>')) break;
        valueEnd++;
      }
      return valueEnd > at ? { at, value: text.slice(at, valueEnd) } : undefined;
    } else index++;
  }
  return undefined;
}

/**
 * Integer and boolean dtypes as NumPy and PyTorch name them (`np.int32`, `torch.long`,
 * `'int64'`, `'<i4'`, `int`, `bool`), without their module and quotes.
 */
const WHOLE_NUMBER_DTYPE = /^(?:u?int(?:8|16|32|64)?_?|u?intc|u?intp|u?long(?:long)?|u?short|u?byte|bool_?|[<>=|]?[iub][1248]?)$/;

/**
 * The dtype to write a normalized result with when `dtype` can only hold whole numbers (or
 * booleans): `np.float64`, `torch.float64`, `'float64'` (in the same module and quotes), or the
 * builtin `float` for `int`. Undefined when `dtype` is already floating point.
 */
export function floatingDtype(dtype: string): string | undefined {
  const quote = dtype[0] === "'" || dtype[0] === '"' ? dtype[0] : '';
  const bare = quote ? dtype.slice(1, -1) : dtype;
  const dot = bare.lastIndexOf('.');
  const module = bare.slice(0, dot + 1);
  if (!WHOLE_NUMBER_DTYPE.test(bare.slice(dot + 1))) return undefined;
  if (!module && !quote) return 'float';
  return `${quote}${module}float64${quote}`;
}

/** The notation to write a result in: the same, except that an integer dtype becomes a floating-point one, with a note saying so. */
export function notationForResult(notation: Notation): { notation: Notation; notes: CoreMessage[] } {
  const { dtype, dtypeAt } = notation;
  const replacement = dtype === undefined ? undefined : floatingDtype(dtype);
  if (dtype === undefined || dtypeAt === undefined || replacement === undefined) return { notation, notes: [] };
  const suffix = notation.suffix.slice(0, dtypeAt) + replacement + notation.suffix.slice(dtypeAt + dtype.length);
  return {
    notation: { ...notation, suffix, dtype: replacement },
    notes: [{ template: 'the dtype {0} holds only whole numbers, which would truncate the result, so it is written with dtype={1}', args: [dtype, replacement] }],
  };
}
