/**
 * The tensor explorer: an (N, C, H·W) tensor drawn as N blocks of C rows × H·W columns. The cells
 * one normalization pools together share a colour and a border style; hovering or focusing a cell
 * shows its group's statistics and its value before and after. All numbers come from the engine
 * through `computePooling`.
 */
import type { GroupStats, OpName } from '../../core/engine/types';
import {
  computePooling,
  MAX_DRAWN_CELLS,
  type TensorExplorerOptions,
  EXPLORER_LIMITS,
  EXPLORER_OP_LABELS,
  EXPLORER_OPS,
  explorerParams,
  groupChoices,
  isExplorerOp,
  layoutOf,
  nearestGroupCount,
  type PooledTensor,
  randomTensor,
} from '../../core/labs/tensorExplorer';
import { errorBox, field, formatNumber, html, liveRegion, select } from './dom';
import { type LabStrings, labStrings } from './strings';

/** Six theme chart colours, cycled; with four border styles that gives 24 distinguishable groups. */
const COLOURS = 6;
const BORDERS = 4;

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

export function mountTensorExplorer(container: HTMLElement, options: TensorExplorerOptions): void {
  const t = labStrings();
  const words = t.explorer;
  const fromSelection = options.data !== undefined;
  const originalOp = options.op;
  let op: OpName = options.op;
  let shape = [...options.shape];
  let seed = options.seed ?? 1;
  let data = fromSelection ? Float64Array.from(options.data as ArrayLike<number>) : randomTensor(shape, seed);
  const channelsOf = () => (shape.length >= 2 ? shape[1] : 1);
  let groups = nearestGroupCount(channelsOf(), options.groups ?? 2);
  let pooling: PooledTensor | undefined;
  let selected = 0;
  let hovered: number | undefined;
  let showAfter = false;

  // ---- controls ----
  const opChoices: OpName[] = [...EXPLORER_OPS];
  if (!opChoices.includes(op)) opChoices.push(op);
  const opSelect = select(
    opChoices.map((name) => [name, opLabel(name)] as const),
    op,
    { class: 'nl-lab-op', 'data-testid': 'lab-op' },
  );
  const groupsInput = html('input', { type: 'range', class: 'nl-lab-groups', 'data-testid': 'lab-groups', min: 0, step: 1 });
  const groupsOutput = html('output', { class: 'nl-lab-groups-value', 'aria-hidden': 'true' });
  const groupsField = field(words.groups, groupsInput, groupsOutput);
  const sizeInputs = words.sizeNames.map((name, axis) =>
    html('input', {
      type: 'number',
      class: `nl-lab-size nl-lab-size-${['n', 'c', 'hw'][axis]}`,
      'data-testid': `lab-size-${['n', 'c', 'hw'][axis]}`,
      min: 1,
      max: [EXPLORER_LIMITS.batch, EXPLORER_LIMITS.channels, EXPLORER_LIMITS.positions][axis],
      step: 1,
      value: shape[axis],
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
  const randomize = html('button', { type: 'button', class: 'nl-lab-randomize secondary', 'data-testid': 'lab-randomize' }, fromSelection ? words.resetValues : words.randomize);
  const toolbar = html(
    'div',
    { class: 'nl-lab-toolbar', role: 'group', 'aria-label': words.controls },
    field(words.normalization, opSelect),
    groupsField,
    !fromSelection && html('span', { class: 'nl-lab-field' }, html('span', { class: 'nl-lab-field-label' }, words.shape), ...sizeInputs),
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

  const coordinates = (index: number) => {
    const [, channels, positions] = layoutOf(shape);
    return { n: Math.floor(index / (channels * positions)), c: Math.floor(index / positions) % channels, s: index % positions };
  };

  const cellName = (index: number) => {
    const { n, c, s } = coordinates(index);
    return words.cellName(shape.length, n, c, s);
  };

  function describeCell(index: number): string {
    if (!pooling) return '';
    const group = pooling.groupOf[index];
    const stats = pooling.groups[group]?.stats;
    const becomes = words.becomes(cellName(index), formatNumber(pooling.input[index]), formatNumber(pooling.output[index]));
    return `${becomes} ${words.groupOf(group + 1, pooling.groups.length, stats?.count ?? 0)}; ${statsText(stats, t)}.`;
  }

  function updateControls(): void {
    opSelect.value = op;
    const choices = groupChoices(channelsOf());
    groupsInput.max = String(choices.length - 1);
    groupsInput.value = String(Math.max(0, choices.indexOf(groups)));
    groupsInput.setAttribute('aria-valuetext', words.groupsValue(groups));
    groupsOutput.textContent = String(groups);
    groupsField.hidden = op !== 'group_norm';
    sizeInputs.forEach((input, axis) => (input.value = String(shape[axis])));
  }

  function paintActive(): void {
    const index = hovered ?? selected;
    const group = pooling?.groupOf[index];
    container.classList.toggle('nl-lab-has-active', group !== undefined);
    cells.forEach((cell, i) => {
      cell.classList.toggle('nl-lab-cell-active', pooling?.groupOf[i] === group);
      cell.classList.toggle('nl-lab-cell-current', i === index);
    });
    if (!pooling || group === undefined) {
      detailsText.textContent = '';
      return;
    }
    const stats = pooling.groups[group]?.stats;
    detailsText.replaceChildren(
      html('strong', {}, cellName(index)),
      html('span', {}, ` · ${words.groupOf(group + 1, pooling.groups.length, stats?.count ?? 0)}`),
      html('br'),
      html('span', {}, words.beforeAfter(formatNumber(pooling.input[index]), formatNumber(pooling.output[index]))),
      html('br'),
      html('span', {}, words.groupStats(statsText(stats, t))),
    );
    if (document.activeElement !== valueInput) valueInput.value = String(data[selected]);
  }

  function buildTensor(): void {
    const [batch, channels, positions] = layoutOf(shape);
    const focusedCell = cells.indexOf(document.activeElement as HTMLElement);
    cells = [];
    hovered = undefined;
    if (!pooling) return;
    const blocks: HTMLElement[] = [];
    for (let n = 0; n < batch; n++) {
      const grid = html('div', { class: 'nl-lab-grid', role: 'grid', 'aria-label': shape.length >= 3 ? words.sample(n) : words.show });
      grid.style.gridTemplateColumns = `repeat(${positions}, minmax(1.9rem, 1fr))`;
      for (let c = 0; c < channels; c++) {
        const row = html('div', { class: 'nl-lab-row', role: 'row' });
        for (let s = 0; s < positions; s++) {
          const index = (n * channels + c) * positions + s;
          const group = pooling.groupOf[index];
          const value = showAfter ? pooling.output[index] : pooling.input[index];
          const cell = html(
            'div',
            {
              class: `nl-lab-cell nl-lab-g${group % COLOURS} nl-lab-b${Math.floor(group / COLOURS) % BORDERS}`,
              role: 'gridcell',
              tabindex: index === selected ? 0 : -1,
              'data-index': index,
              'data-group': group,
              'data-n': n,
              'data-c': c,
              'data-s': s,
              'aria-label': describeCell(index),
            },
            formatNumber(value, 3),
          );
          cells.push(cell);
          row.append(cell);
        }
        grid.append(row);
      }
      const caption = shape.length >= 3 ? html('div', { class: 'nl-lab-block-caption', 'aria-hidden': 'true' }, words.blockCaption(n)) : undefined;
      blocks.push(html('div', { class: 'nl-lab-block' }, caption, grid));
    }
    const axes =
      shape.length >= 3
        ? html('p', { class: 'nl-lab-axes', 'aria-hidden': 'true' }, words.axes(batch, channels, positions))
        : undefined;
    tensorArea.replaceChildren(...blocks, axes ?? '');
    if (focusedCell >= 0) cells[Math.min(selected, cells.length - 1)]?.focus();
  }

  function recompute(announce: string | undefined): void {
    if (data.length > MAX_DRAWN_CELLS) {
      pooling = undefined;
      cells = [];
      tensorArea.replaceChildren(errorBox(words.tooMany(data.length, MAX_DRAWN_CELLS)));
      return;
    }
    // The op as first given keeps its params (a selection's eps, weight, …), except that GroupNorm's slider sets the group count.
    const params =
      op === originalOp && options.params
        ? { ...options.params, ...(op === 'group_norm' && { num_groups: groups }) }
        : explorerParams(op, shape, groups);
    try {
      pooling = computePooling({ op, shape, data, params });
    } catch (error) {
      pooling = undefined;
      cells = [];
      const message = error instanceof Error ? error.message : String(error);
      tensorArea.replaceChildren(errorBox(words.engineRefuses(message)));
      pooledText.textContent = '';
      live.textContent = message;
      container.dataset.groupCount = '0';
      return;
    }
    selected = Math.min(selected, data.length - 1);
    container.dataset.op = op;
    container.dataset.groupCount = String(pooling.groups.length);
    // The engine describes the pooling in English; other languages get the lab's own sentence per op.
    const pools = words.pools && isExplorerOp(op) ? words.pools(op) : pooling.describePooling;
    pooledText.textContent = words.poolingLine(opLabel(op), pools, words.groupCount(pooling.groups.length));
    buildTensor();
    paintActive();
    if (announce !== undefined) live.textContent = announce || pooledText.textContent;
  }

  // ---- events ----
  opSelect.addEventListener('change', () => {
    op = opSelect.value as OpName;
    updateControls();
    recompute('');
  });
  groupsInput.addEventListener('input', () => {
    groups = groupChoices(channelsOf())[Number(groupsInput.value)] ?? groups;
    updateControls();
    recompute('');
  });
  sizeInputs.forEach((input, axis) =>
    input.addEventListener('change', () => {
      const limit = Number(input.max);
      const size = Math.min(limit, Math.max(1, Math.round(Number(input.value) || 1)));
      shape = shape.map((old, i) => (i === axis ? size : old));
      data = randomTensor(shape, seed);
      groups = nearestGroupCount(channelsOf(), groups);
      updateControls();
      recompute('');
    }),
  );
  showSelect.addEventListener('change', () => {
    showAfter = showSelect.value === 'after';
    recompute(undefined);
  });
  randomize.addEventListener('click', () => {
    if (fromSelection) data = Float64Array.from(options.data as ArrayLike<number>);
    else data = randomTensor(shape, ++seed);
    recompute(fromSelection ? words.valuesReset : words.newValues);
  });
  valueInput.addEventListener('change', () => {
    const value = Number(valueInput.value);
    if (valueInput.value.trim() === '' || !Number.isFinite(value)) return;
    data[selected] = value;
    recompute(undefined);
    if (pooling) live.textContent = describeCell(selected);
  });
  valueInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === 'Escape') {
      if (event.key === 'Enter') valueInput.dispatchEvent(new Event('change'));
      cells[selected]?.focus();
      event.preventDefault();
    }
  });

  const cellIndexOf = (target: EventTarget | null) => {
    const cell = (target as HTMLElement | null)?.closest?.('.nl-lab-cell') as HTMLElement | null;
    return cell ? Number(cell.dataset.index) : undefined;
  };
  function choose(index: number, focus: boolean): void {
    if (index < 0 || index >= cells.length) return;
    cells[selected]?.setAttribute('tabindex', '-1');
    selected = index;
    hovered = undefined;
    cells[selected].setAttribute('tabindex', '0');
    if (focus) cells[selected].focus();
    paintActive();
    live.textContent = describeCell(selected);
  }
  tensorArea.addEventListener('mouseover', (event) => {
    const index = cellIndexOf(event.target);
    if (index !== undefined && index !== hovered) {
      hovered = index;
      paintActive();
    }
  });
  tensorArea.addEventListener('mouseleave', () => {
    hovered = undefined;
    paintActive();
  });
  tensorArea.addEventListener('click', (event) => {
    const index = cellIndexOf(event.target);
    if (index !== undefined) choose(index, true);
  });
  tensorArea.addEventListener('focusin', (event) => {
    const index = cellIndexOf(event.target);
    if (index !== undefined && index !== selected) choose(index, false);
  });
  tensorArea.addEventListener('keydown', (event) => {
    const index = cellIndexOf(event.target);
    if (index === undefined) return;
    const [batch, channels, positions] = layoutOf(shape);
    let { n, c, s } = coordinates(index);
    switch (event.key) {
      case 'ArrowRight':
        if (s < positions - 1) s += 1;
        else if (n < batch - 1) [n, s] = [n + 1, 0];
        break;
      case 'ArrowLeft':
        if (s > 0) s -= 1;
        else if (n > 0) [n, s] = [n - 1, positions - 1];
        break;
      case 'ArrowDown':
        c = Math.min(channels - 1, c + 1);
        break;
      case 'ArrowUp':
        c = Math.max(0, c - 1);
        break;
      case 'PageDown':
        n = Math.min(batch - 1, n + 1);
        break;
      case 'PageUp':
        n = Math.max(0, n - 1);
        break;
      case 'Home':
        s = 0;
        break;
      case 'End':
        s = positions - 1;
        break;
      case 'Enter':
        valueInput.focus();
        valueInput.select();
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    choose((n * channels + c) * positions + s, true);
  });

  updateControls();
  recompute(undefined);
}
