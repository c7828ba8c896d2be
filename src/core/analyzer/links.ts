/**
 * Where a recognized layer leads: the lesson and quiz that explain its op, and a small tensor
 * for the explorer that keeps the layer's grouping (GroupNorm(32, 256) keeps its 8 channels per
 * group and shows 2 of the 32 groups).
 */
import type { OpName } from '../engine';
import type { Layer, Size } from './types';

export interface LessonTarget {
  readonly lessonId: string;
  /** The quiz item about what this op pools. */
  readonly quizId: string;
}

const LESSONS: Partial<Record<OpName, LessonTarget>> = {
  batch_norm: { lessonId: 'batch-norm', quizId: 'bn-axes-nchw' },
  layer_norm: { lessonId: 'layer-norm', quizId: 'ln-reduce-axis' },
  instance_norm: { lessonId: 'norm-family', quizId: 'family-axes-in' },
  group_norm: { lessonId: 'norm-family', quizId: 'family-axes-gn' },
  rms_norm: { lessonId: 'norm-family', quizId: 'family-axes-rms' },
};

export function lessonFor(layer: Pick<Layer, 'op'>): LessonTarget | undefined {
  return layer.op ? LESSONS[layer.op] : undefined;
}

/** What the tensor explorer opens with: an explorer op, an (N, C, H·W) shape within its limits, and GroupNorm's groups. */
export interface ExplorerPreset {
  readonly op: 'batch_norm' | 'layer_norm' | 'instance_norm' | 'group_norm' | 'rms_norm';
  readonly shape: readonly [number, number, number];
  readonly groups: number;
}

/** The explorer's limits (`EXPLORER_LIMITS` in src/core/labs/tensorExplorer.ts): N ≤ 8, C ≤ 16, H·W ≤ 16. */
const LIMITS = { batch: 8, channels: 16, positions: 16 } as const;

const known = (size: Size | undefined): number | undefined => (size?.value !== undefined && size.value >= 1 ? size.value : undefined);
const clamp = (value: number | undefined, fallback: number, high: number): number => Math.min(value ?? fallback, high);

export function explorerPresetFor(layer: Pick<Layer, 'op' | 'pooling'>): ExplorerPreset | undefined {
  const sizes = layer.pooling?.sizes ?? {};
  switch (layer.op) {
    case 'batch_norm':
      // One statistic per channel over N and the positions: a few of each.
      return { op: 'batch_norm', shape: [2, clamp(known(sizes.C), 4, 6), 4], groups: 1 };
    case 'instance_norm':
      return { op: 'instance_norm', shape: [2, clamp(known(sizes.C), 4, 6), 4], groups: 1 };
    case 'layer_norm':
    case 'rms_norm': {
      const op = layer.op;
      const trailing = layer.pooling?.over ?? ['D'];
      if (trailing.length >= 2 && layer.pooling?.layout[1] === 'C') {
        // normalized_shape (C, H, W): each sample over all of it.
        const positions = (known(sizes.H) ?? 2) * (known(sizes.W) ?? 2);
        return { op, shape: [2, clamp(known(sizes.C), 3, 4), clamp(positions, 4, 9)], groups: 1 };
      }
      // Over the last dim of size D: each of 4 tokens (rows) over its D values.
      const last = trailing[trailing.length - 1];
      return { op, shape: [4, 1, clamp(known(sizes[last]), 8, 12)], groups: 1 };
    }
    case 'group_norm': {
      const groups = known(layer.pooling?.groups) ?? 2;
      const perGroup = known(layer.pooling?.channelsPerGroup) ?? 2;
      const shownPerGroup = Math.min(perGroup, 8);
      const shownGroups = Math.max(1, Math.min(groups, Math.floor(LIMITS.channels / shownPerGroup), 4));
      return { op: 'group_norm', shape: [2, shownGroups * shownPerGroup, 4], groups: shownGroups };
    }
    default:
      return undefined;
  }
}
