import { parseSelectionExplorer } from '../../core/labs/selectionExplorer';
import { fillTemplate, formatNumber } from '../../core/selection';
import type { ResultAction, ResultView } from '../../messages';
import { html as element } from '../dom';
import { mountTensorExplorer } from '../labs/tensorExplorer';

/**
 * Colours cycle through this many theme chart colours, the first six in the tensor explorer's
 * order; the group number (from 1, as the explorer says it) is always written too.
 */
export const GROUP_COLOURS = 8;

const statistic = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value, 6, 'json'));

function summary(view: ResultView): HTMLElement {
  const { labels } = view;
  const rows: [string, string][] = [
    [labels.shape, `[${view.shape.join(', ')}]`],
    [labels.notation, view.notation],
    [labels.params, view.params || '—'],
    [labels.pooling, view.pooling],
  ];
  return element('dl', { class: 'summary' }, ...rows.flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, value)]));
}

function actions(view: ResultView, onAction: (action: ResultAction) => void): HTMLElement {
  const button = (action: ResultAction, label: string, secondary: boolean) => {
    const node = element('button', { type: 'button', 'data-action': action, ...(secondary ? { class: 'secondary' } : {}) }, label);
    if (!view.canEdit && action !== 'copy') node.disabled = true;
    if (action === 'copy' && !view.canEdit && view.truncated) node.disabled = true;
    node.addEventListener('click', () => onAction(action));
    return node;
  };
  return element(
    'div',
    { class: 'actions' },
    button('replace', view.labels.replace, false),
    button('insertBelow', view.labels.insertBelow, true),
    button('copy', view.labels.copy, true),
    element('span', { id: 'status', role: 'status', 'aria-live': 'polite' }),
  );
}

function sideBySide(view: ResultView): HTMLElement {
  const column = (label: string, text: string) => element('section', { class: 'text' }, element('h2', {}, label), element('pre', { tabindex: '0' }, text));
  return element('div', { class: 'side-by-side' }, column(view.labels.input, view.input), column(view.labels.output, view.output));
}

/** The tensor as a table: each cell's output, its group number, and a theme colour per group. */
function grid(view: ResultView): HTMLElement {
  const { grid: cells, labels } = view;
  const table = element('table', { class: 'grid', 'aria-labelledby': 'grid-heading' });
  const head = element('tr', {}, element('th', { scope: 'col' }, ''));
  for (let column = 0; column < cells.columns; column++) head.append(element('th', { scope: 'col' }, String(column)));
  table.append(element('thead', {}, head));
  const body = element('tbody');
  for (let row = 0; row < cells.rows; row++) {
    const line = element('tr', {}, element('th', { scope: 'row' }, String(row)));
    for (let column = 0; column < cells.columns; column++) {
      const index = row * cells.columns + column;
      const group = cells.groups[index]!;
      const description = fillTemplate(labels.gridCell, [row, column, cells.inputs[index]!, cells.outputs[index]!, group + 1]);
      line.append(
        element('td', { class: `group group-${group % GROUP_COLOURS}`, title: description, 'aria-label': description }, element('span', { class: 'value' }, cells.outputs[index]!), element('span', { class: 'group-index', 'aria-hidden': 'true' }, `g${group + 1}`)),
      );
    }
    body.append(line);
  }
  table.append(body);
  const parts: Node[] = [element('h2', { id: 'grid-heading' }, labels.grid), table];
  if (cells.rows < cells.totalRows || cells.columns < cells.totalColumns) {
    parts.push(element('p', { class: 'note' }, fillTemplate(labels.truncated, [cells.rows, cells.columns, cells.totalRows, cells.totalColumns])));
  }
  return element('section', { class: 'grid-section' }, ...parts);
}

function groupTable(view: ResultView): HTMLElement {
  const { labels } = view;
  // Only the statistics this op computes: softmax has no mean, LayerNorm no min/max.
  const statistics = (['mean', 'std', 'rstd', 'min', 'max'] as const).filter((name) => view.groups.some((group) => group[name] !== undefined));
  const columns = [labels.group, labels.count, ...statistics.map((name) => labels[name])];
  const table = element('table', { class: 'stats', 'aria-labelledby': 'stats-heading' }, element('thead', {}, element('tr', {}, ...columns.map((name) => element('th', { scope: 'col' }, name)))));
  const body = element('tbody');
  for (const group of view.groups) {
    body.append(
      element(
        'tr',
        {},
        element('th', { scope: 'row', class: `group group-${group.index % GROUP_COLOURS}` }, `g${group.index + 1}`),
        element('td', {}, String(group.count)),
        ...statistics.map((name) => element('td', {}, statistic(group[name]))),
      ),
    );
  }
  table.append(body);
  const parts: Node[] = [element('h2', { id: 'stats-heading' }, labels.groups), table];
  if (view.groups.length < view.groupCount) parts.push(element('p', { class: 'note' }, fillTemplate(labels.moreGroups, [view.groups.length, view.groupCount])));
  return element('section', {}, ...parts);
}

/**
 * The tensor explorer on the selection's own numbers, starting at the result on show; it draws
 * every cell with its group, so it takes the simple grid's place. Undefined when the view has no
 * explorer or it cannot start, and then the page shows the grid.
 */
function explorer(view: ResultView): HTMLElement | undefined {
  const options = parseSelectionExplorer(view.explorer, view.shape);
  if (!options) return undefined;
  const lab = element('div', { class: 'nl-lab', 'data-lab': 'tensor-explorer' });
  try {
    mountTensorExplorer(lab, options);
  } catch {
    return undefined;
  }
  lab.dataset.mounted = 'true';
  return element(
    'section',
    { class: 'explorer-section', 'aria-labelledby': 'explorer-heading' },
    element('h2', { id: 'explorer-heading' }, view.labels.explore),
    element('p', { class: 'note' }, view.labels.exploreIntro),
    lab,
  );
}

/** Replaces the page's content with the view. */
export function renderResult(root: HTMLElement, view: ResultView, onAction: (action: ResultAction) => void): void {
  const parts: Node[] = [element('h1', {}, view.title), summary(view)];
  if (view.notes.length) parts.push(element('ul', { class: 'notes', 'aria-label': view.labels.notes }, ...view.notes.map((note) => element('li', {}, note))));
  if (!view.canEdit) parts.push(element('p', { class: 'note' }, view.labels.editUnavailable));
  parts.push(actions(view, onAction), sideBySide(view), groupTable(view));
  // A view saved before the explorer existed has neither it nor its labels: it gets the grid.
  const lab = view.labels.explore ? explorer(view) : undefined;
  parts.push(lab ?? grid(view));
  root.replaceChildren(...parts);
}

/** Shows the outcome of a button; once the document was edited, the result no longer matches the selection, so editing is switched off. */
export function showStatus(root: HTMLElement, action: ResultAction, message: string, ok: boolean): void {
  const status = root.querySelector<HTMLElement>('#status');
  if (status) {
    status.textContent = message;
    status.className = ok ? 'ok' : 'error';
  }
  if (ok && action !== 'copy') {
    for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-action="replace"], button[data-action="insertBelow"]')) button.disabled = true;
  }
}
