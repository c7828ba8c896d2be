/**
 * What an op pooled, as data: each op returns one of these, so a page can say it in any language
 * without working the grouping out again from the op and its params (the sentences live in
 * `core/text/pooling.ts`).
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
