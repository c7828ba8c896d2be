import type { OpResult, Pooling } from '../engine';
import type { LessonLanguage } from './strings';

/**
 * The line under a worked example that says what was pooled together, from the engine's own
 * account of it (`OpResult.pooling`): English as the engine words it, Chinese said here.
 */
export function poolingSentence(language: LessonLanguage, result: Pick<OpResult, 'pooling' | 'describePooling'>): string {
  const sentence = language === 'zh-cn' ? chinesePooling(result.pooling) : result.describePooling;
  // Under a table the sentence stands on its own, so it starts with a capital.
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function chinesePooling(pooling: Pooling): string {
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
}
