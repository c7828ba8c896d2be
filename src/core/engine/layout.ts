/**
 * Which elements an op pools together, as index arithmetic over the flat row-major data.
 *
 * Group g = o * lanes + l (o < outer, l < lanes) pools the elements
 *   o * slabStride + l * laneStride + b * blockStride + j      for b < blocks, j < run.
 *
 *   layer_norm / rms_norm / instance_norm / group_norm: one contiguous run per group.
 *   batch_norm (N, C, S): lanes = C channels, N blocks of S contiguous positions each.
 *   an axis op (softmax, l2_normalize, min_max, z_score) over an axis of length A, with `inner`
 *   elements after it: lanes = inner, A blocks of one element, blockStride = inner.
 */
export interface Layout {
  readonly outer: number;
  readonly slabStride: number;
  readonly lanes: number;
  readonly laneStride: number;
  readonly blocks: number;
  readonly blockStride: number;
  readonly run: number;
}

export function groupCountOf(layout: Layout): number {
  return layout.outer * layout.lanes;
}

export function groupSizeOf(layout: Layout): number {
  return layout.blocks * layout.run;
}

export function groupBase(layout: Layout, group: number): number {
  const o = Math.floor(group / layout.lanes);
  const l = group - o * layout.lanes;
  return o * layout.slabStride + l * layout.laneStride;
}

/** Groups that are contiguous slices of `size` values, one after the other. */
export function contiguousLayout(groups: number, size: number): Layout {
  return { outer: groups, slabStride: size, lanes: 1, laneStride: 0, blocks: 1, blockStride: size, run: size };
}

/** Groups that pool one axis of length `axisLength`, with `outerCount` slices before it and `inner` elements after. */
export function axisLayout(outerCount: number, axisLength: number, inner: number): Layout {
  if (inner === 1) return contiguousLayout(outerCount, axisLength);
  return {
    outer: outerCount,
    slabStride: axisLength * inner,
    lanes: inner,
    laneStride: 1,
    blocks: axisLength,
    blockStride: inner,
    run: 1,
  };
}

/** batch_norm: channel c pools, for every sample, the `spatial` contiguous values of that channel. */
export function channelLayout(samples: number, channels: number, spatial: number): Layout {
  return {
    outer: 1,
    slabStride: 0,
    lanes: channels,
    laneStride: spatial,
    blocks: samples,
    blockStride: channels * spatial,
    run: spatial,
  };
}

export function groupIndexMap(layout: Layout, total: number): Int32Array {
  const map = new Int32Array(total);
  const groups = groupCountOf(layout);
  for (let g = 0; g < groups; g++) {
    const base = groupBase(layout, g);
    for (let b = 0; b < layout.blocks; b++) {
      const start = base + b * layout.blockStride;
      map.fill(g, start, start + layout.run);
    }
  }
  return map;
}
