/**
 * How a selection wrote its numbers, recorded verbatim where possible so the result can be
 * written back in the same notation: the wrapper text, the brackets, and the exact separators
 * between items at each tensor dimension.
 */

export type NotationKind =
  /** `[[1, 2], [3, 4]]` with no Python-only features. */
  | 'json'
  /** Python lists/tuples: `[1, 2]`, `((1, 2), (3, 4))`, `1_000`, trailing commas. */
  | 'python'
  /** `np.array([...], dtype=...)`, `np.asarray(...)`, or a printed ndarray `[[1. 2.] [3. 4.]]`. */
  | 'numpy'
  /** `torch.tensor([...], dtype=...)`. */
  | 'torch'
  /** Any other call around a list, e.g. `tf.constant([...])`. */
  | 'call'
  /** MATLAB/Octave `[1 2; 3 4]`. */
  | 'matlab'
  /** CSV, TSV, semicolon- or whitespace-separated rows, with an optional header row. */
  | 'delimited'
  /** One number per line. */
  | 'lines';

/** The text around and between the items of one tensor dimension. */
export interface Level {
  readonly open: string;
  readonly close: string;
  /** Between the opening bracket and the first item. */
  readonly afterOpen: string;
  /** Between two items (the first pair seen in the source). */
  readonly separator: string;
  /** Between the last item and the closing bracket (keeps a trailing comma). */
  readonly beforeClose: string;
}

/** The text between two items written verbatim, because it holds a comment. */
export interface VerbatimGap {
  /** Which gap: the gaps (after an opening bracket, between items, before a closing one) counted in writing order from 0. */
  readonly gap: number;
  readonly text: string;
}

export interface Notation {
  readonly kind: NotationKind;
  /** Whitespace before and after everything, kept so a replaced line keeps its indentation and newline. */
  readonly leading: string;
  readonly trailing: string;
  /** Verbatim text before the numbers: `x = np.array(`, or a CSV header line with its newline. */
  readonly prefix: string;
  /** Verbatim text after the numbers: `, dtype=np.float32)`, a statement's `;`. */
  readonly suffix: string;
  /** One entry per tensor dimension, outermost first. */
  readonly levels: readonly Level[];
  /** The dtype named in the wrapper (`np.float32`, `torch.float64`, `'float32'`), if any. */
  readonly dtype?: string;
  /** Where `dtype` starts in `suffix`, so it can be rewritten there. */
  readonly dtypeAt?: number;
  /** Gaps with comments in them, in order; every other gap is written as its level says. */
  readonly comments?: readonly VerbatimGap[];
  /** The CSV/TSV delimiter, for `delimited`. */
  readonly delimiter?: string;
}

/** Notations whose numbers are Python floats, so whole numbers are written `1.0`. */
export function usesPythonFloats(kind: NotationKind): boolean {
  return kind === 'python' || kind === 'numpy' || kind === 'torch' || kind === 'call';
}
