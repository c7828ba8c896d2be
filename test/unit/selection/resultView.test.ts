import { describe, expect, it, vi } from 'vitest';
import { normalize } from '../../../src/core/engine';
import type { OpName } from '../../../src/core/engine/types';
import { MAX_DRAWN_CELLS } from '../../../src/core/labs/tensorExplorer';
import { buildResultView } from '../../../src/host/normalize/resultView';
import { parseResultView } from '../../../src/messages';

// The view builder only needs vscode for its localized labels: English, with {n} filled in.
vi.mock('vscode', () => ({
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)])) },
  env: { language: 'en' },
}));

function view(op: OpName, shape: number[], opParams: Record<string, unknown>) {
  const count = shape.reduce((a, b) => a * b, 1);
  // Distinct, non-round values, so a reordered or truncated copy would not pass.
  const data = Float64Array.from({ length: count }, (_, i) => ((i * 7919) % 101) / 10 - 3.3);
  const result = normalize(op, { shape, data }, opParams);
  return {
    data,
    view: buildResultView({
      title: 'title',
      op,
      opParams,
      params: 'params',
      notation: 'JSON array',
      shape,
      inputData: data,
      inputText: '[…]',
      outputText: '[…]',
      result,
      notes: [],
    }),
  };
}

describe('result view: the tensor explorer on the selection', () => {
  it('a small GroupNorm selection carries its op, shape, every value, its params and its group count', () => {
    const params = { num_groups: 2, eps: 1e-5 };
    const { view: built, data } = view('group_norm', [2, 4, 3], params);
    expect(built.explorer).toEqual({ op: 'group_norm', shape: [2, 4, 3], data: Array.from(data), params, groups: 2 });
    expect(built.labels.explore).toBe('Explore the pooling');
  });

  it('a 2-D LayerNorm selection carries its params and no group count', () => {
    const params = { normalized_shape: [5], eps: 1e-5 };
    const { view: built, data } = view('layer_norm', [3, 5], params);
    expect(built.explorer).toEqual({ op: 'layer_norm', shape: [3, 5], data: Array.from(data), params });
  });

  it('exactly MAX_DRAWN_CELLS values get the explorer, one more does not (the grid stays)', () => {
    const atLimit = view('batch_norm', [MAX_DRAWN_CELLS / 2, 2], { training: true, eps: 1e-5 }).view;
    expect(atLimit.explorer?.data).toHaveLength(MAX_DRAWN_CELLS);
    const above = view('batch_norm', [MAX_DRAWN_CELLS / 2 + 1, 2], { training: true, eps: 1e-5 }).view;
    expect(above.count).toBe(MAX_DRAWN_CELLS + 2);
    expect(above.explorer).toBeUndefined();
    expect(above).not.toHaveProperty('explorer');
    expect(above.grid.rows).toBeGreaterThan(0);
  });

  it('ops the explorer does not switch between (softmax, min-max) get no explorer', () => {
    expect(view('softmax', [2, 3], { dim: -1 }).view.explorer).toBeUndefined();
    expect(view('min_max', [2, 3], { axis: 0 }).view.explorer).toBeUndefined();
  });

  it('a 1-D selection gets no explorer: the norms it offers need (N, C, …)', () => {
    expect(view('layer_norm', [6], { normalized_shape: [6], eps: 1e-5 }).view.explorer).toBeUndefined();
  });

  it('the built view passes the page validator, explorer included, and survives a JSON round trip (saved state)', () => {
    const { view: built } = view('instance_norm', [2, 2, 3], { eps: 1e-5 });
    const restored = parseResultView(JSON.parse(JSON.stringify({ ...built, canEdit: false })));
    expect(restored?.explorer).toEqual(built.explorer);
  });
});
