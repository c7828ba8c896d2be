import { describe, expect, it } from 'vitest';
import { MAX_DRAWN_CELLS } from '../../../src/core/labs/tensorExplorer';
import { checkMessage, hostToResultPageSchema, parseHostToResultPage, parseResultPageMessage, parseResultView, resultViewSchema, type ResultView } from '../../../src/messages';

const labels = Object.fromEntries(
  ['input', 'output', 'shape', 'notation', 'params', 'pooling', 'groups', 'group', 'count', 'mean', 'std', 'rstd', 'min', 'max', 'grid', 'gridCell', 'replace', 'insertBelow', 'copy', 'truncated', 'moreGroups', 'editUnavailable', 'notes', 'explore', 'exploreIntro'].map((key) => [key, key]),
) as unknown as ResultView['labels'];

const view: ResultView = {
  title: 'Layer normalization of [2, 2]',
  pooling: 'each of the 2 rows is pooled over its 2 values (last axis)',
  params: 'normalized_shape=[2], eps=0.00001',
  shape: [2, 2],
  notation: 'JSON array',
  count: 4,
  groupCount: 2,
  input: '[[1, 2], [3, 4]]',
  output: '[[-1, 1], [-1, 1]]',
  truncated: false,
  groups: [
    { index: 0, count: 2, mean: 1.5, std: 0.5, rstd: 2 },
    { index: 1, count: 2, mean: 3.5, std: 0.5, rstd: 2 },
  ],
  grid: { rows: 2, columns: 2, totalRows: 2, totalColumns: 2, groups: [0, 0, 1, 1], inputs: ['1', '2', '3', '4'], outputs: ['-1', '1', '-1', '1'] },
  notes: [],
  canEdit: true,
  labels,
};

describe('result page messages', () => {
  it('the host accepts ready and the three button actions, nothing else', () => {
    expect(parseResultPageMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    for (const action of ['replace', 'insertBelow', 'copy']) expect(parseResultPageMessage({ type: 'apply', action })).toEqual({ type: 'apply', action });
    expect(parseResultPageMessage({ type: 'apply', action: 'delete' })).toBeUndefined();
    expect(parseResultPageMessage({ type: 'apply' })).toBeUndefined();
    expect(parseResultPageMessage('ready')).toBeUndefined();
    expect(parseResultPageMessage(null)).toBeUndefined();
  });

  it('the page accepts a complete view and an action outcome', () => {
    expect(parseHostToResultPage({ type: 'showResult', view })).toEqual({ type: 'showResult', view });
    expect(parseHostToResultPage({ type: 'actionDone', action: 'copy', ok: true, message: 'Copied.' })).toEqual({ type: 'actionDone', action: 'copy', ok: true, message: 'Copied.' });
    expect(parseHostToResultPage({ type: 'actionDone', action: 'copy', ok: 'yes', message: '' })).toBeUndefined();
  });

  it.each([
    ['a grid whose group list is shorter than its cells', { grid: { ...view.grid, groups: [0, 0, 1] } }],
    ['a negative group index', { grid: { ...view.grid, groups: [0, 0, 1, -1] } }],
    ['a statistic that is not a number', { groups: [{ index: 0, count: 2, mean: '1.5' }] }],
    ['a shape with a fraction', { shape: [2.5, 2] }],
    ['a missing label', { labels: { ...labels, copy: 3 } }],
    ['a missing canEdit', { canEdit: undefined }],
  ])('a view with %s is refused (also as restored state)', (_, change) => {
    const broken = { ...view, ...change };
    expect(parseResultView(broken)).toBeUndefined();
    expect(parseHostToResultPage({ type: 'showResult', view: broken })).toBeUndefined();
  });

  const explorer = { op: 'layer_norm', shape: [2, 2], data: [1, 2, 3, 4], params: { normalized_shape: [2], eps: 1e-5 } } as const;
  const withExplorer = { ...view, explorer };

  it('a view with the selection for the tensor explorer is accepted as is, and without one too', () => {
    expect(parseResultView(withExplorer)?.explorer).toEqual(explorer);
    expect(parseHostToResultPage({ type: 'showResult', view: withExplorer })).toEqual({ type: 'showResult', view: withExplorer });
    expect(parseResultView(view)?.explorer).toBeUndefined();
  });

  const big = Array.from({ length: MAX_DRAWN_CELLS + 2 }, (_, i) => i);
  it.each([
    ['fewer values than its shape holds', { explorer: { ...explorer, data: [1, 2, 3] } }],
    ['a value that is not a number', { explorer: { ...explorer, data: [1, 2, '3', 4] } }],
    ['a NaN that became null in JSON', { explorer: { ...explorer, data: [1, 2, null, 4] } }],
    ['no values', { explorer: { op: explorer.op, shape: explorer.shape, params: explorer.params } }],
    ['no params', { explorer: { op: explorer.op, shape: explorer.shape, data: explorer.data } }],
    ['params that are a list', { explorer: { ...explorer, params: [2] } }],
    ['an op the explorer does not offer', { explorer: { ...explorer, op: 'softmax', params: { dim: -1 } } }],
    ['an op the engine does not know', { explorer: { ...explorer, op: 'magic_norm' } }],
    ['a shape other than the result\'s', { explorer: { ...explorer, shape: [4, 1] } }],
    ['a vector', { shape: [4], grid: { ...view.grid, rows: 1, columns: 4, totalRows: 1, totalColumns: 4 }, explorer: { ...explorer, shape: [4] } }],
    ['more values than the explorer draws', { shape: [big.length / 2, 2], explorer: { ...explorer, shape: [big.length / 2, 2], data: big } }],
    ['a group count of zero', { explorer: { ...explorer, groups: 0 } }],
    ['a string instead of an object', { explorer: 'layer_norm' }],
  ])('an explorer with %s makes the view refused (also as restored state)', (_, change) => {
    const broken = { ...view, ...change };
    expect(parseResultView(broken)).toBeUndefined();
    expect(parseHostToResultPage({ type: 'showResult', view: broken })).toBeUndefined();
  });

  it('a view whose labels lack one is refused, and the problem names that label', () => {
    const { copy: _copy, ...withoutCopy } = labels;
    const broken = { ...view, labels: withoutCopy };
    expect(parseResultView(broken)).toBeUndefined();
    const checked = checkMessage(hostToResultPageSchema, { type: 'showResult', view: broken });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problem).toMatch(/^view\.labels\.copy: /);
  });

  it.each([
    ['no labels at all', { labels: undefined }, /^labels: /],
    ['a grid with too few outputs', { grid: { ...view.grid, outputs: ['-1'] } }, /^grid\.outputs: needs one entry per cell/],
    ['a fractional count', { count: 1.5 }, /^count: /],
    ['a group statistic given as text', { groups: [{ index: 0, count: 2, mean: '1.5' }] }, /^groups\.0\.mean: /],
    ['an explorer on another shape', { explorer: { op: 'layer_norm', shape: [4, 1], data: [1, 2, 3, 4], params: { normalized_shape: [1] } } }, /^explorer: the explorer's shape is not the result's/],
  ])('the problem with %s names the field', (_, change, problem) => {
    const checked = checkMessage(resultViewSchema, { ...view, ...change });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problem).toMatch(problem);
  });

  it('a complete view checks out as the same value', () => {
    expect(checkMessage(resultViewSchema, view)).toEqual({ ok: true, value: view });
  });
});
