/**
 * Every sentence that says what an op pools, in each language, written once: the lesson renderer,
 * the labs page, the result panel and the op picker all take their words from here. The facts
 * come from the engine (`OpResult.pooling`, the op names); this module only words them.
 */
import type { OpName, Pooling } from '../engine';

/** The languages these sentences are written in (the same as the course's). */
export type TextLanguage = 'en' | 'zh-cn';

interface PoolingWords {
  /** What one run pooled, e.g. "each of the 4 rows is pooled over its 3 values (last axis)". */
  readonly result: (pooling: Pooling) => string;
  /** What an op pools in general, as a picker's detail line. */
  readonly op: Readonly<Record<OpName, string>>;
}

/** "1 value", "3 values". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const en: PoolingWords = {
  result(pooling) {
    switch (pooling.kind) {
      case 'trailing': {
        const { rows, length, normalizedShape } = pooling;
        const where = normalizedShape.length === 1 ? 'last axis' : `last ${normalizedShape.length} axes, shape [${normalizedShape.join(', ')}]`;
        return rows === 1
          ? `the whole input is one slice, pooled over its ${count(length, 'value')} (${where})`
          : `each of the ${rows} rows is pooled over its ${count(length, 'value')} (${where})`;
      }
      case 'channels': {
        const { channels, samples, spatial } = pooling;
        const positions = spatial === 1 ? '' : ` (${count(samples, 'sample')} × ${count(spatial, 'position')})`;
        return `each of the ${count(channels, 'channel')} is pooled over ${count(samples * spatial, 'value')}${positions}, across the whole batch`;
      }
      case 'runningStatistics':
        return `nothing is pooled in eval mode: each of the ${count(pooling.channels, 'channel')} uses its running mean and variance`;
      case 'instances':
        return `each of the ${pooling.pairs} (sample, channel) pairs is pooled over its ${count(pooling.spatial, 'position')}`;
      case 'groups': {
        const { pairs, channelsPerGroup, spatial } = pooling;
        return `each of the ${pairs} (sample, group) pairs is pooled over ${count(channelsPerGroup, 'channel')} × ${count(spatial, 'position')} = ${count(channelsPerGroup * spatial, 'value')}`;
      }
      case 'whole':
        return `the whole input is one group of ${count(pooling.length, 'value')}`;
      case 'axis': {
        const { axis, groups, length } = pooling;
        const last = pooling.last ? ' (the last axis)' : '';
        return groups === 1
          ? `the whole input is one group of ${count(length, 'value')} along axis ${axis}${last}`
          : `each of the ${groups} slices along axis ${axis}${last} is pooled over its ${count(length, 'value')}`;
      }
      default: {
        const never: never = pooling;
        return never;
      }
    }
  },
  op: {
    batch_norm: 'Pools each channel over the whole batch and every spatial position',
    layer_norm: 'Pools each sample over its trailing dims (normalized_shape)',
    instance_norm: 'Pools each (sample, channel) pair over its spatial positions',
    group_norm: "Pools each sample's consecutive groups of channels over their channels and positions",
    rms_norm: 'Pools each sample over its trailing dims, dividing by the root mean square (no centring)',
    l2_normalize: 'Pools each slice along dim, dividing by its Euclidean norm',
    min_max: 'Pools each slice along axis (or the whole array), mapping its range onto [0, 1]',
    z_score: 'Pools each slice along axis (or the whole array), subtracting the mean and dividing by the std',
    softmax: 'Pools each slice along dim, turning it into probabilities that sum to 1',
  },
};

const zhCn: PoolingWords = {
  result(pooling) {
    switch (pooling.kind) {
      case 'trailing': {
        const { rows, length, normalizedShape } = pooling;
        const where = normalizedShape.length === 1 ? '最后一个轴' : `最后 ${normalizedShape.length} 个轴，形状 [${normalizedShape.join(', ')}]`;
        return rows === 1
          ? `整个输入是一个切片，在它的 ${length} 个值上汇总（${where}）`
          : `${rows} 行各自在自己的 ${length} 个值上汇总（${where}）`;
      }
      case 'channels': {
        const { channels, samples, spatial } = pooling;
        const positions = spatial === 1 ? '' : `（${samples} 个样本 × ${spatial} 个位置）`;
        return `${channels} 个通道各自在 ${samples * spatial} 个值上汇总${positions}，跨越整个批次`;
      }
      case 'runningStatistics':
        return `评估模式下不做汇总：${pooling.channels} 个通道各自使用自己的滑动均值和滑动方差`;
      case 'instances':
        return `${pooling.pairs} 个（样本，通道）对各自在自己的 ${pooling.spatial} 个位置上汇总`;
      case 'groups': {
        const { pairs, channelsPerGroup, spatial } = pooling;
        return `${pairs} 个（样本，组）对各自在 ${channelsPerGroup} 个通道 × ${spatial} 个位置 = ${channelsPerGroup * spatial} 个值上汇总`;
      }
      case 'whole':
        return `整个输入作为一组，共 ${pooling.length} 个值`;
      case 'axis': {
        const { axis, groups, length } = pooling;
        const last = pooling.last ? '（最后一个轴）' : ' ';
        return groups === 1
          ? `整个输入沿轴 ${axis}${last}构成一组，共 ${length} 个值`
          : `沿轴 ${axis}${last}的 ${groups} 个切片各自在自己的 ${length} 个值上汇总`;
      }
      default: {
        const never: never = pooling;
        return never;
      }
    }
  },
  op: {
    batch_norm: '汇总：每个通道，跨整个批次和所有空间位置',
    layer_norm: '汇总：每个样本，在其末尾维度（normalized_shape）上',
    instance_norm: '汇总：每个（样本，通道）对，在其空间位置上',
    group_norm: '汇总：每个样本中相邻通道组成的组，在组内通道和位置上',
    rms_norm: '汇总：每个样本，在其末尾维度上除以均方根（不减均值）',
    l2_normalize: '汇总：沿 dim 的每个切片，除以其欧几里得范数',
    min_max: '汇总：沿 axis 的每个切片（或整个数组），把取值范围映射到 [0, 1]',
    z_score: '汇总：沿 axis 的每个切片（或整个数组），减去均值再除以标准差',
    softmax: '汇总：沿 dim 的每个切片，变成和为 1 的概率',
  },
};

const WORDS: Readonly<Record<TextLanguage, PoolingWords>> = { en, 'zh-cn': zhCn };

/** The language for a BCP 47 tag: Chinese for any `zh…`, English otherwise. */
export function textLanguage(tag: string): TextLanguage {
  return tag.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** What one run pooled, as a clause to set inside a line ("…: each of the 4 rows is pooled …"). */
export function describePooling(language: TextLanguage, pooling: Pooling): string {
  return WORDS[language].result(pooling);
}

/** What one run pooled, as a sentence standing on its own (under a table, in the result panel). */
export function poolingSentence(language: TextLanguage, pooling: Pooling): string {
  const clause = describePooling(language, pooling);
  return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}${language === 'zh-cn' ? '。' : '.'}`;
}

/** What an op pools in general, one line (the op picker's detail). */
export function opPoolingLine(language: TextLanguage, op: OpName): string {
  return WORDS[language].op[op];
}
