/**
 * The `cells` item: on an (N, C, H·W) tensor the learner marks every cell whose statistics are
 * pooled with the highlighted target cell. The pools are the engine's (through the tensor
 * explorer's `computePooling` and `explorerParams`); nothing here knows what a norm pools.
 */
import { computePooling, explorerParams } from '../labs/tensorExplorer';
import type { CellsQuiz } from './schema';

/** The flat row-major index of cell (n, c, s) of an (N, C, H·W) tensor. */
export function flatIndex(shape: readonly [number, number, number], [n, c, s]: readonly [number, number, number]): number {
  return (n * shape[1] + c) * shape[2] + s;
}

export interface CellsAnswer {
  /** The target's flat index; it is pooled with itself, shown preselected and cannot be unmarked. */
  readonly target: number;
  /** Every cell pooled with the target, the target included, ascending. */
  readonly pooled: readonly number[];
  /** The engine's group of every cell (the page colours nothing with it before the answer is revealed). */
  readonly groupOf: Int32Array;
}

/** Asks the engine which cells share the target's group, for the op as the tensor explorer runs it. */
export function cellsAnswer(quiz: Pick<CellsQuiz, 'op' | 'shape' | 'groups' | 'target'>): CellsAnswer {
  const shape = quiz.shape;
  const count = shape[0] * shape[1] * shape[2];
  const pooling = computePooling({ op: quiz.op, shape, data: new Float64Array(count), params: explorerParams(quiz.op, shape, quiz.groups ?? 1) });
  const target = flatIndex(shape, quiz.target);
  const group = pooling.groupOf[target]!;
  const pooled: number[] = [];
  pooling.groupOf.forEach((candidate, cell) => {
    if (candidate === group) pooled.push(cell);
  });
  return { target, pooled, groupOf: pooling.groupOf };
}
