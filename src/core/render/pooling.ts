import type { LessonLanguage } from './strings';

/** The params of a ```normalize block as written (missing ones take the engine's defaults). */
type BlockParams = Readonly<Record<string, unknown>> | undefined;

const product = (dims: readonly number[]) => dims.reduce((total, dim) => total * dim, 1);

/** A negative axis counted from the end, as the engine reads it; rank 0 behaves as rank 1. */
function resolveAxis(axis: number, rank: number): number {
  const effectiveRank = Math.max(rank, 1);
  return axis < 0 ? axis + effectiveRank : axis;
}

/**
 * The line under a worked example that says what was pooled together. The engine words it in
 * English (`describePooling`); for a Chinese lesson it is said again here from the op, the input
 * shape and the params, after the engine accepted them, so the numbers are the same.
 */
export function poolingSentence(language: LessonLanguage, op: string, shape: readonly number[], params: BlockParams, english: string): string {
  // Under a table the sentence stands on its own, so it starts with a capital.
  if (language !== 'zh-cn') return english.charAt(0).toUpperCase() + english.slice(1);
  return chinesePooling(op, shape, params ?? {}) ?? english;
}

function chinesePooling(op: string, shape: readonly number[], params: Readonly<Record<string, unknown>>): string | undefined {
  switch (op) {
    case 'layer_norm':
    case 'rms_norm': {
      const normalizedShape = Array.isArray(params.normalized_shape) ? (params.normalized_shape as number[]) : shape.slice(-1);
      const covered = normalizedShape.length;
      const length = product(shape.slice(shape.length - covered));
      const rows = product(shape.slice(0, shape.length - covered));
      const where = covered === 1 ? '最后一个轴' : `最后 ${covered} 个轴，形状 [${normalizedShape.join(', ')}]`;
      return rows === 1
        ? `整个输入是一个切片，在它的 ${length} 个值上汇总（${where}）`
        : `${rows} 行各自在自己的 ${length} 个值上汇总（${where}）`;
    }
    case 'batch_norm': {
      const [samples = 0, channels = 0] = shape;
      const spatial = product(shape.slice(2));
      if (params.training === false) return `评估模式下不做汇总：${channels} 个通道各自使用自己的滑动均值和滑动方差`;
      const positions = spatial === 1 ? '' : `（${samples} 个样本 × ${spatial} 个位置）`;
      return `${channels} 个通道各自在 ${samples * spatial} 个值上汇总${positions}，跨越整个批次`;
    }
    case 'instance_norm': {
      const [samples = 0, channels = 0] = shape;
      return `${samples * channels} 个（样本，通道）对各自在自己的 ${product(shape.slice(2))} 个位置上汇总`;
    }
    case 'group_norm': {
      const [samples = 0, channels = 0] = shape;
      const groups = typeof params.num_groups === 'number' ? params.num_groups : 1;
      const spatial = product(shape.slice(2));
      const perGroup = channels / groups;
      return `${samples * groups} 个（样本，组）对各自在 ${perGroup} 个通道 × ${spatial} 个位置 = ${perGroup * spatial} 个值上汇总`;
    }
    case 'l2_normalize':
    case 'softmax':
      return axisPooling(shape, typeof params.dim === 'number' ? params.dim : -1);
    case 'min_max':
    case 'z_score':
      return axisPooling(shape, typeof params.axis === 'number' ? params.axis : null);
    default:
      return undefined;
  }
}

function axisPooling(shape: readonly number[], axis: number | null): string {
  if (axis === null) return `整个输入作为一组，共 ${product(shape)} 个值`;
  const dims = shape.length === 0 ? [1] : shape;
  const resolved = resolveAxis(axis, shape.length);
  const length = dims[resolved]!;
  const groups = product(dims.slice(0, resolved)) * product(dims.slice(resolved + 1));
  const last = resolved === dims.length - 1 ? '（最后一个轴）' : ' ';
  return groups === 1
    ? `整个输入沿轴 ${resolved}${last}构成一组，共 ${length} 个值`
    : `沿轴 ${resolved}${last}的 ${groups} 个切片各自在自己的 ${length} 个值上汇总`;
}
