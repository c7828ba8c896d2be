import { describe, expect, it } from 'vitest';
import { parseSelection } from '../../../src/core/selection';
import { flatText } from '../../../src/core/selection/scanner';

describe('flatText', () => {
  const rows = Array.from({ length: 4000 }, (_, row) => `[${row}, ${row + 0.5}, -${row}e-3]`);
  // Built by concatenation, as the bench and many callers build text: a rope of pieces in V8.
  const built = `[${rows.join(',\n')}]`;

  it('gives back the same characters for long text built by concatenation', () => {
    expect(built.length).toBeGreaterThan(1 << 16);
    const flat = flatText(built);
    expect(flat.length).toBe(built.length);
    expect(flat).toBe(built);
  });

  it('keeps a text that contains NUL as it is, and short text as it is', () => {
    const withNul = `${built}\u0000 tail`;
    expect(flatText(withNul)).toBe(withNul);
    expect(flatText('[1, 2, 3]')).toBe('[1, 2, 3]');
  });

  it('parses long text the same whether or not it was flattened', () => {
    const parsed = parseSelection(built);
    expect(parsed.shape).toEqual([4000, 3]);
    expect(parsed.data[3 * 3999 + 2]).toBe(-3999e-3);
    expect(Array.from(parseSelection(flatText(built)).data)).toEqual(Array.from(parsed.data));
  });
});
