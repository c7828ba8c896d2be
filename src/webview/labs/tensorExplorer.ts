/**
 * The tensor explorer: an (N, C, H·W) tensor drawn as N blocks of C rows × H·W columns. The cells
 * one normalization pools together share a colour and a border style; hovering or focusing a cell
 * shows its group's statistics and its value before and after. The state and every change to it
 * live in the core (`core/labs/tensorExplorerState`); this page draws a state and forwards events.
 */
import type { GroupStats, OpName } from '../../core/engine/types';
import { EXPLORER_LIMITS, EXPLORER_OP_LABELS, groupChoices, isExplorerOp, type TensorExplorerOptions } from '../../core/labs/tensorExplorer';
import {
  activeCell,
  type CellFacts,
  cellFacts,
  channelsOf,
  type ExplorerAnnouncement,
  type ExplorerEvent,
  type ExplorerState,
  opChoices,
  startExplorer,
  updateExplorer,
} from '../../core/labs/tensorExplorerState';
import { errorBox, field, formatNumber, html, liveRegion, select } from './dom';
import { type LabStrings, labStrings } from './strings';
import { drawTensorGrid, listenToTensorGrid, moveTabStop } from './tensorGrid';

function opLabel(op: OpName): string {
  return isExplorerOp(op) ? EXPLORER_OP_LABELS[op] : op;
}

function statsText(stats: GroupStats | undefined, t: LabStrings): string {
  if (!stats) return '';
  const names = t.explorer.statNames;
  return (['mean', 'std', 'rms', 'min', 'max', 'norm'] as const)
    .filter((key) => stats[key] !== undefined)
    .map((key) => `${names[key]} ${formatNumber(stats[key])}`)
    .join(t.explorer.statSeparator);
}

const AXIS_NAMES = ['n', 'c', 'hw'] as const;

export function mountTensorExplorer(container: HTMLElement, options: TensorExplorerOptions): void {
  const t = labStrings();
  const words = t.explorer;
  let state = startExplorer(options);

  // ---- controls ----
  const opSelect = select(
    opChoices(state).map((name) => [name, opLabel(name)] as const),
    state.op,
    { class: 'nl-lab-op', 'data-testid': 'lab-op' },
  );
  const groupsInput = html('input', { type: 'range', class: 'nl-lab-groups', 'data-testid': 'lab-groups', min: 0, step: 1 });
  const groupsOutput = html('output', { class: 'nl-lab-groups-value', 'aria-hidden': 'true' });
  const groupsField = field(words.groups, groupsInput, groupsOutput);
  const sizeInputs = words.sizeNames.map((name, axis) =>
    html('input', {
      type: 'number',
      class: `nl-lab-size nl-lab-size-${AXIS_NAMES[axis]}`,
      'data-testid': `lab-size-${AXIS_NAMES[axis]}`,
      min: 1,
      max: [EXPLORER_LIMITS.batch, EXPLORER_LIMITS.channels, EXPLORER_LIMITS.positions][axis],
      step: 1,
      value: state.shape[axis],
      'aria-label': name,
    }),
  );
  const showSelect = select(
    [
      ['before', words.before],
      ['after', words.after],
    ],
    'before',
    { class: 'nl-lab-show', 'data-testid': 'lab-show' },
  );
  const randomize = html(
    'button',
    { type: 'button', class: 'nl-lab-randomize secondary', 'data-testid': 'lab-randomize' },
    state.fromSelection ? words.resetValues : words.randomize,
  );
  const toolbar = html(
    'div',
    { class: 'nl-lab-toolbar', role: 'group', 'aria-label': words.controls },
    field(words.normalization, opSelect),
    groupsField,
    !state.fromSelection && html('span', { class: 'nl-lab-field' }, html('span', { class: 'nl-lab-field-label' }, words.shape), ...sizeInputs),
    field(words.show, showSelect),
    randomize,
  );

  const pooledText = html('p', { class: 'nl-lab-pooling', 'data-testid': 'lab-pooling' });
  const tensorArea = html('div', { class: 'nl-lab-tensor', 'data-testid': 'lab-tensor' });
  const detailsText = html('div', { class: 'nl-lab-details-text' });
  const valueInput = html('input', { type: 'number', step: 'any', class: 'nl-lab-cell-value', 'data-testid': 'lab-cell-value' });
  const details = html(
    'div',
    { class: 'nl-lab-details', 'data-testid': 'lab-details' },
    detailsText,
    html('span', { class: 'nl-lab-field' }, html('label', {}, words.cellValue, ' ', valueInput)),
  );
  const live = liveRegion();
  const hint = html('p', { class: 'nl-lab-hint' }, words.hint);
  container.replaceChildren(toolbar, pooledText, tensorArea, details, hint, live);
  container.classList.add('nl-lab', 'nl-lab-tensor-explorer');

  let cells: HTMLElement[] = [];

  const cellName = (facts: CellFacts) => words.cellName(facts.rank, facts.cell.n, facts.cell.c, facts.cell.s);
  const groupOf = (facts: CellFacts) => words.groupOf(facts.group + 1, facts.groupCount, facts.stats?.count ?? 0);

  function describeCell(index: number): string {
    const facts = cellFacts(state, index);
    if (!facts) return '';
    return `${words.becomes(cellName(facts), formatNumber(facts.before), formatNumber(facts.after))} ${groupOf(facts)}; ${statsText(facts.stats, t)}.`;
  }

  function announcementText(announcement: ExplorerAnnouncement): string {
    switch (announcement.kind) {
      case 'pooling':
        return pooledText.textContent ?? '';
      case 'cell':
        return describeCell(announcement.index);
      case 'newValues':
        return words.newValues;
      case 'valuesReset':
        return words.valuesReset;
      case 'refused':
        return announcement.message;
      default: {
        const never: never = announcement;
        return never;
      }
    }
  }

  function drawControls(): void {
    opSelect.value = state.op;
    const choices = groupChoices(channelsOf(state.shape));
    groupsInput.max = String(choices.length - 1);
    groupsInput.value = String(Math.max(0, choices.indexOf(state.groups)));
    groupsInput.setAttribute('aria-valuetext', words.groupsValue(state.groups));
    groupsOutput.textContent = String(state.groups);
    groupsField.hidden = state.op !== 'group_norm';
    sizeInputs.forEach((input, axis) => (input.value = String(state.shape[axis])));
  }

  function drawPicture(): void {
    const { picture } = state;
    const hadFocus = cells.includes(document.activeElement as HTMLElement);
    cells = [];
    switch (picture.kind) {
      case 'tooMany':
        tensorArea.replaceChildren(errorBox(words.tooMany(picture.count, picture.limit)));
        return;
      case 'refused':
        tensorArea.replaceChildren(errorBox(words.engineRefuses(picture.message)));
        pooledText.textContent = '';
        container.dataset.groupCount = '0';
        return;
      case 'pooled':
        break;
      default: {
        const never: never = picture;
        return never;
      }
    }
    const { pooling } = picture;
    container.dataset.op = state.op;
    container.dataset.groupCount = String(pooling.groups.length);
    // The engine describes the pooling in English; other languages get the lab's own sentence per op.
    const pools = words.pools && isExplorerOp(state.op) ? words.pools(state.op) : pooling.describePooling;
    pooledText.textContent = words.poolingLine(opLabel(state.op), pools, words.groupCount(pooling.groups.length));
    const values = state.showAfter ? pooling.output : pooling.input;
    cells = drawTensorGrid(tensorArea, {
      shape: pooling.shape,
      text: (index) => formatNumber(values[index], 3),
      label: describeCell,
      groupOf: pooling.groupOf,
      tabStop: state.selected,
      selection: 'one',
    });
    if (hadFocus) cells[state.selected]?.focus();
  }

  function paintActive(): void {
    const index = activeCell(state);
    const facts = cellFacts(state, index);
    const pooling = state.picture.kind === 'pooled' ? state.picture.pooling : undefined;
    container.classList.toggle('nl-lab-has-active', facts !== undefined);
    cells.forEach((cell, i) => {
      cell.classList.toggle('nl-lab-cell-active', facts !== undefined && pooling?.groupOf[i] === facts.group);
      cell.classList.toggle('nl-lab-cell-current', i === index);
    });
    if (!facts) {
      detailsText.textContent = '';
      return;
    }
    detailsText.replaceChildren(
      html('strong', {}, cellName(facts)),
      html('span', {}, ` · ${groupOf(facts)}`),
      html('br'),
      html('span', {}, words.beforeAfter(formatNumber(facts.before), formatNumber(facts.after))),
      html('br'),
      html('span', {}, words.groupStats(statsText(facts.stats, t))),
    );
    if (document.activeElement !== valueInput) valueInput.value = String(state.data[state.selected]);
  }

  /** Draws what changed from `previous` to the current state; `focusSelected` moves the keyboard focus to the selected cell. */
  function draw(previous: ExplorerState | undefined, focusSelected: boolean): void {
    if (!previous || state.op !== previous.op || state.shape !== previous.shape || state.groups !== previous.groups) drawControls();
    if (!previous || state.picture !== previous.picture || state.showAfter !== previous.showAfter) drawPicture();
    else if (state.selected !== previous.selected) moveTabStop(cells, state.selected, false);
    if (focusSelected) cells[state.selected]?.focus();
    paintActive();
    if (state.announcement) live.textContent = announcementText(state.announcement);
  }

  function dispatch(event: ExplorerEvent, focusSelected = false): void {
    const previous = state;
    state = updateExplorer(state, event);
    if (state !== previous) draw(previous, focusSelected);
  }

  // ---- events ----
  opSelect.addEventListener('change', () => dispatch({ type: 'chooseOp', op: opSelect.value as OpName }));
  groupsInput.addEventListener('input', () => {
    const groups = groupChoices(channelsOf(state.shape))[Number(groupsInput.value)];
    if (groups !== undefined) dispatch({ type: 'chooseGroups', groups });
  });
  sizeInputs.forEach((input, axis) => input.addEventListener('change', () => dispatch({ type: 'resize', axis: axis as 0 | 1 | 2, size: Number(input.value) })));
  showSelect.addEventListener('change', () => dispatch({ type: 'show', after: showSelect.value === 'after' }));
  randomize.addEventListener('click', () => dispatch({ type: 'newValues' }));
  valueInput.addEventListener('change', () => dispatch({ type: 'editValue', text: valueInput.value }));
  valueInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === 'Escape') {
      if (event.key === 'Enter') valueInput.dispatchEvent(new Event('change'));
      cells[state.selected]?.focus();
      event.preventDefault();
    }
  });
  listenToTensorGrid(tensorArea, {
    hover: (index) => dispatch({ type: 'hover', index }),
    click: (index) => dispatch({ type: 'select', index }, true),
    focus: (index) => {
      if (index !== state.selected) dispatch({ type: 'select', index });
    },
    navigate: (_, key) => dispatch({ type: 'move', key }, true),
    activate: (_, key) => {
      if (key !== 'Enter') return false;
      valueInput.focus();
      valueInput.select();
      return true;
    },
  });

  draw(undefined, false);
}
