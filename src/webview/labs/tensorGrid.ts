/**
 * A tensor drawn cell by cell, as N blocks of C rows × H·W columns (`layoutOf`), and the pointer
 * and keyboard events a learner makes on it. The tensor explorer draws its pools with it; a quiz
 * that asks "which cells are pooled with this one?" draws the same grid without the pools and
 * lets the learner pick cells (`selection: 'many'`).
 */
import { layoutOf } from '../../core/labs/tensorExplorer';
import { type GridKey, isGridKey } from '../../core/labs/tensorGrid';
import { html } from './dom';
import { labStrings } from './strings';

/** Six theme chart colours, cycled; with four border styles that gives 24 distinguishable groups. */
const COLOURS = 6;
const BORDERS = 4;

/** The classes that draw pool `group`: its colour and its border style. */
export function groupClasses(group: number): string {
  return `nl-lab-g${group % COLOURS} nl-lab-b${Math.floor(group / COLOURS) % BORDERS}`;
}

export interface TensorGridSpec {
  readonly shape: readonly number[];
  /** What a cell shows. */
  readonly text: (index: number) => string;
  /** What a screen reader says for a cell. */
  readonly label: (index: number) => string;
  /** Each cell's pool, drawn as its colour and border. Without it every cell is plain (a quiz must not draw its answer). */
  readonly groupOf?: ArrayLike<number>;
  /** The cell holding the grid's one tab stop. */
  readonly tabStop: number;
  /**
   * `one`: one current cell at a time (the explorer). `many`: cells are picked and unpicked, each
   * carrying `aria-selected` (see `markPicked`).
   */
  readonly selection: 'one' | 'many';
}

/**
 * Replaces `area`'s content with the grid and returns its cells, indexed like the tensor's flat
 * row-major data. Each cell carries `data-index`, `data-n`, `data-c`, `data-s` (and `data-group`
 * when pools are drawn).
 */
export function drawTensorGrid(area: HTMLElement, spec: TensorGridSpec): HTMLElement[] {
  const words = labStrings().explorer;
  const { shape, groupOf } = spec;
  const [batch, channels, positions] = layoutOf(shape);
  const cells: HTMLElement[] = [];
  const blocks: HTMLElement[] = [];
  for (let n = 0; n < batch; n++) {
    const grid = html('div', {
      class: 'nl-lab-grid',
      role: 'grid',
      'aria-label': shape.length >= 3 ? words.sample(n) : words.show,
      'aria-multiselectable': spec.selection === 'many' ? 'true' : undefined,
    });
    grid.style.gridTemplateColumns = `repeat(${positions}, minmax(1.9rem, 1fr))`;
    for (let c = 0; c < channels; c++) {
      const row = html('div', { class: 'nl-lab-row', role: 'row' });
      for (let s = 0; s < positions; s++) {
        const index = (n * channels + c) * positions + s;
        const group = groupOf?.[index];
        const cell = html(
          'div',
          {
            class: group === undefined ? 'nl-lab-cell' : `nl-lab-cell ${groupClasses(group)}`,
            role: 'gridcell',
            tabindex: index === spec.tabStop ? 0 : -1,
            'data-index': index,
            'data-group': group,
            'data-n': n,
            'data-c': c,
            'data-s': s,
            'aria-label': spec.label(index),
            'aria-selected': spec.selection === 'many' ? 'false' : undefined,
          },
          spec.text(index),
        );
        cells.push(cell);
        row.append(cell);
      }
      grid.append(row);
    }
    const caption = shape.length >= 3 ? html('div', { class: 'nl-lab-block-caption', 'aria-hidden': 'true' }, words.blockCaption(n)) : undefined;
    blocks.push(html('div', { class: 'nl-lab-block' }, caption, grid));
  }
  const axes = shape.length >= 3 ? html('p', { class: 'nl-lab-axes', 'aria-hidden': 'true' }, words.axes(batch, channels, positions)) : '';
  area.replaceChildren(...blocks, axes);
  return cells;
}

/** Moves the grid's tab stop to `index`, and with `focus` the keyboard focus too. */
export function moveTabStop(cells: readonly HTMLElement[], index: number, focus: boolean): void {
  cells.forEach((cell, i) => cell.setAttribute('tabindex', i === index ? '0' : '-1'));
  if (focus) cells[index]?.focus();
}

/** For `selection: 'many'`: marks the picked cells (`aria-selected`, class `nl-lab-cell-picked`). */
export function markPicked(cells: readonly HTMLElement[], picked: (index: number) => boolean): void {
  cells.forEach((cell, index) => {
    const on = picked(index);
    cell.setAttribute('aria-selected', String(on));
    cell.classList.toggle('nl-lab-cell-picked', on);
  });
}

export interface TensorGridHandlers {
  /** The pointer is over a cell, or (undefined) left the grid. */
  readonly hover?: (index: number | undefined) => void;
  /** A cell was clicked. */
  readonly click?: (index: number) => void;
  /** The keyboard focus arrived in a cell (Tab, or a click). */
  readonly focus?: (index: number) => void;
  /** An arrow, Page Up/Down, Home or End on the focused cell `from`; `moveInGrid` says where it leads. */
  readonly navigate?: (from: number, key: GridKey) => void;
  /** Enter or Space on a cell; true if it was handled (its default action is then prevented). */
  readonly activate?: (index: number, key: 'Enter' | ' ') => boolean;
}

function cellIndexOf(target: EventTarget | null): number | undefined {
  const cell = target instanceof Element ? target.closest<HTMLElement>('.nl-lab-cell[data-index]') : null;
  return cell ? Number(cell.dataset.index) : undefined;
}

/**
 * Listens on `area` (once; it survives redrawing the grid inside it) and reports what happens to
 * which cell. Moving keys have their default action (scrolling) prevented.
 */
export function listenToTensorGrid(area: HTMLElement, handlers: TensorGridHandlers): void {
  const { hover, click, focus, navigate, activate } = handlers;
  if (hover) {
    area.addEventListener('mouseover', (event) => {
      const index = cellIndexOf(event.target);
      if (index !== undefined) hover(index);
    });
    area.addEventListener('mouseleave', () => hover(undefined));
  }
  if (click) {
    area.addEventListener('click', (event) => {
      const index = cellIndexOf(event.target);
      if (index !== undefined) click(index);
    });
  }
  if (focus) {
    area.addEventListener('focusin', (event) => {
      const index = cellIndexOf(event.target);
      if (index !== undefined) focus(index);
    });
  }
  area.addEventListener('keydown', (event) => {
    const index = cellIndexOf(event.target);
    if (index === undefined) return;
    if (isGridKey(event.key) && navigate) {
      event.preventDefault();
      navigate(index, event.key);
    } else if ((event.key === 'Enter' || event.key === ' ') && activate?.(index, event.key)) {
      event.preventDefault();
    }
  });
}
