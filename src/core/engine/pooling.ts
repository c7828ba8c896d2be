/**
 * What an op pooled, as data: each op returns one of these, so a page can say it in any language
 * without working the grouping out again from the op and its params.
 */
export type Pooling =
  /** layer_norm, rms_norm: each of `rows` slices over its trailing dims. */
  | { readonly kind: 'trailing'; readonly rows: number; readonly length: number; readonly normalizedShape: readonly number[] }
  /** batch_norm in training: each channel over every sample and position. */
  | { readonly kind: 'channels'; readonly channels: number; readonly samples: number; readonly spatial: number }
  /** batch_norm in eval: nothing is pooled, each channel uses its running statistics. */
  | { readonly kind: 'runningStatistics'; readonly channels: number }
  /** instance_norm: each (sample, channel) pair over its positions. */
  | { readonly kind: 'instances'; readonly pairs: number; readonly spatial: number }
  /** group_norm: each (sample, group) pair over its channels and positions. */
  | { readonly kind: 'groups'; readonly pairs: number; readonly channelsPerGroup: number; readonly spatial: number }
  /** min_max, z_score with axis null: the whole input is one group. */
  | { readonly kind: 'whole'; readonly length: number }
  /** l2_normalize, softmax, min_max, z_score: each slice along one axis. */
  | { readonly kind: 'axis'; readonly axis: number; readonly groups: number; readonly length: number; readonly last: boolean };

/** "1 value", "3 values". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One English sentence, e.g. "each of the 4 rows is pooled over its 3 values (last axis)". */
export function describePoolingInEnglish(pooling: Pooling): string {
  switch (pooling.kind) {
    case 'trailing': {
      const { rows, length, normalizedShape } = pooling;
      const where = normalizedShape.length === 1 ? 'last axis' : `last ${normalizedShape.length} axes, shape [${normalizedShape.join(', ')}]`;
      return rows === 1
        ? `the whole input is one slice, pooled over its ${plural(length, 'value')} (${where})`
        : `each of the ${rows} rows is pooled over its ${plural(length, 'value')} (${where})`;
    }
    case 'channels': {
      const { channels, samples, spatial } = pooling;
      const positions = spatial === 1 ? '' : ` (${plural(samples, 'sample')} × ${plural(spatial, 'position')})`;
      return `each of the ${plural(channels, 'channel')} is pooled over ${plural(samples * spatial, 'value')}${positions}, across the whole batch`;
    }
    case 'runningStatistics':
      return `nothing is pooled in eval mode: each of the ${plural(pooling.channels, 'channel')} uses its running mean and variance`;
    case 'instances':
      return `each of the ${pooling.pairs} (sample, channel) pairs is pooled over its ${plural(pooling.spatial, 'position')}`;
    case 'groups': {
      const { pairs, channelsPerGroup, spatial } = pooling;
      return `each of the ${pairs} (sample, group) pairs is pooled over ${plural(channelsPerGroup, 'channel')} × ${plural(spatial, 'position')} = ${plural(channelsPerGroup * spatial, 'value')}`;
    }
    case 'whole':
      return `the whole input is one group of ${plural(pooling.length, 'value')}`;
    case 'axis': {
      const { axis, groups, length } = pooling;
      const last = pooling.last ? ' (the last axis)' : '';
      return groups === 1
        ? `the whole input is one group of ${plural(length, 'value')} along axis ${axis}${last}`
        : `each of the ${groups} slices along axis ${axis}${last} is pooled over its ${plural(length, 'value')}`;
    }
    default: {
      const never: never = pooling;
      return never;
    }
  }
}
