/**
 * The `cells` item's tensor: one grid per sample, channels as rows, positions as columns, as the
 * tensor explorer draws it, without values. Cells toggle by click or by Space/Enter; the arrows,
 * Page Up/Down (between samples) and Home/End move as in the explorer. The target is selected
 * and cannot be unselected. One cell is in the tab order at a time (roving tabindex).
 */
import type { LessonPageLabels } from '../../messages';
import { gridCellOf, isGridKey, moveInGrid } from '../../core/labs/tensorGrid';
import { element, format } from './dom';

export interface CellsGrid {
  readonly root: HTMLElement;
  selected(): number[];
  setSelected(cells: readonly number[]): void;
  /** Marks after grading ('correct', 'wrong', 'missed'), keyed by flat index; undefined clears them. */
  mark(marks: Readonly<Record<string, string>> | undefined): void;
  setDisabled(disabled: boolean): void;
}

export function mountCellsGrid(shape: readonly [number, number, number], target: number, labels: LessonPageLabels): CellsGrid {
  const [batch, channels, positions] = shape;
  const picked = new Set<number>();
  const cells: HTMLElement[] = [];
  let current = target;
  let disabled = false;
  const status = element('p', { class: 'nl-visually-hidden', 'aria-live': 'polite' });
  const coordinates = (index: number) => gridCellOf(shape, index);
  const name = (index: number) => {
    const { n, c, s } = coordinates(index);
    return format(labels.cell, n, c, s);
  };
  const blocks: HTMLElement[] = [];
  for (let n = 0; n < batch; n++) {
    const grid = element('div', { class: 'nl-lab-grid nl-cells-grid', role: 'grid', 'aria-label': format(labels.cellsSample, n), 'aria-multiselectable': 'true' });
    // Square-ish cells of a fixed width: a small tensor should not stretch across the page.
    grid.style.gridTemplateColumns = `repeat(${positions}, 2.6rem)`;
    for (let c = 0; c < channels; c++) {
      const row = element('div', { class: 'nl-lab-row', role: 'row' });
      for (let s = 0; s < positions; s++) {
        const index = (n * channels + c) * positions + s;
        const isTarget = index === target;
        const cell = element('div', {
          class: `nl-lab-cell nl-cell${isTarget ? ' nl-cell-target' : ''}`,
          role: 'gridcell',
          tabindex: isTarget ? 0 : -1,
          'data-index': index,
          'aria-selected': isTarget ? 'true' : 'false',
          'aria-readonly': isTarget ? 'true' : undefined,
          'aria-label': isTarget ? `${name(index)}, ${labels.cellTarget}` : name(index),
        }, isTarget ? '●' : '');
        cells.push(cell);
        row.append(cell);
      }
      grid.append(row);
    }
    blocks.push(element('div', { class: 'nl-lab-block' }, element('div', { class: 'nl-lab-block-caption', 'aria-hidden': 'true' }, format(labels.cellsSample, n)), grid));
  }
  const root = element('div', { class: 'nl-cells', 'aria-label': labels.cellsGrid, role: 'group' }, ...blocks, status);

  const paint = () => {
    cells.forEach((cell, index) => {
      const on = index === target || picked.has(index);
      cell.setAttribute('aria-selected', on ? 'true' : 'false');
      cell.classList.toggle('nl-cell-selected', on && index !== target);
    });
  };
  const toggle = (index: number) => {
    if (disabled || index === target) return;
    if (picked.has(index)) picked.delete(index);
    else picked.add(index);
    paint();
    status.textContent = format(labels.cellsSelected, picked.size + 1);
    root.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const focus = (index: number) => {
    cells[current]?.setAttribute('tabindex', '-1');
    current = index;
    cells[current]?.setAttribute('tabindex', '0');
    cells[current]?.focus();
  };
  const indexOf = (node: EventTarget | null) => {
    const value = node instanceof HTMLElement ? node.closest<HTMLElement>('[data-index]')?.dataset.index : undefined;
    return value === undefined ? undefined : Number(value);
  };
  root.addEventListener('click', (event) => {
    const index = indexOf(event.target);
    if (index === undefined) return;
    focus(index);
    toggle(index);
  });
  root.addEventListener('keydown', (event) => {
    const index = indexOf(event.target);
    if (index === undefined) return;
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      toggle(index);
      return;
    }
    if (!isGridKey(event.key)) return;
    event.preventDefault();
    focus(moveInGrid(shape, index, event.key));
  });
  paint();
  return {
    root,
    selected: () => [...picked].sort((a, b) => a - b),
    setSelected: (selection) => {
      picked.clear();
      for (const index of selection) if (index !== target && index >= 0 && index < cells.length) picked.add(index);
      paint();
    },
    mark: (marks) => {
      cells.forEach((cell, index) => {
        const mark = marks?.[String(index)];
        if (mark) cell.dataset.mark = mark;
        else delete cell.dataset.mark;
        cell.textContent = index === target ? '●' : mark === 'missed' ? '○' : mark === 'wrong' ? '✕' : '';
      });
    },
    setDisabled: (value) => {
      disabled = value;
      root.classList.toggle('nl-cells-disabled', value);
    },
  };
}
