import { describe, expect, it } from 'vitest';
import { parseHostToResultPage, parseResultPageMessage, parseResultView, type ResultView } from '../../../src/messages';

const labels = Object.fromEntries(
  ['input', 'output', 'shape', 'notation', 'params', 'pooling', 'groups', 'group', 'count', 'mean', 'std', 'rstd', 'min', 'max', 'grid', 'gridCell', 'replace', 'insertBelow', 'copy', 'truncated', 'moreGroups', 'editUnavailable', 'notes'].map((key) => [key, key]),
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
});
