/**
 * The drawn tensor for the `axes` quiz: a small tensor with the learner's chosen axes, coloured by
 * the pools that choice makes. It shows the consequence of a choice, never the answer.
 */
import { pictureShape, poolsOverAxes } from '../../core/labs/axesPooling';
import { layoutOf } from '../../core/labs/tensorExplorer';
import { html, liveRegion } from './dom';
import { labStrings } from './strings';
import { groupClasses } from './tensorGrid';

export interface AxesPicture {
  /** Redraws for the axes now chosen (names from the quiz's `tensor`). */
  update(selected: readonly string[]): void;
}

export function mountAxesPicture(container: HTMLElement, axes: readonly string[], selected: readonly string[] = []): AxesPicture {
  const words = labStrings().axes;
  const shape = pictureShape(axes.length);
  const [batch, rows, columns] = layoutOf(shape);
  const blocksAxis = axes.length >= 3 ? axes[0] : undefined;
  const rowsAxis = axes.length >= 3 ? axes[1] : axes.length === 2 ? axes[0] : undefined;
  const columnAxes = axes.length >= 3 ? axes.slice(2) : axes.slice(-1);
  const picture = html('div', { class: 'nl-lab-tensor nl-lab-axes-picture', role: 'img', 'data-testid': 'lab-axes-picture' });
  const caption = html('p', { class: 'nl-lab-axes', 'aria-hidden': 'true' }, words.layout(blocksAxis, rowsAxis, columnAxes.join('·')));
  const summary = html('p', { class: 'nl-lab-summary', 'data-testid': 'lab-axes-summary' });
  const live = liveRegion();
  container.replaceChildren(picture, caption, summary, live);
  container.classList.add('nl-lab', 'nl-lab-axes-quiz');

  const cells: HTMLElement[] = [];
  for (let n = 0; n < batch; n++) {
    const grid = html('div', { class: 'nl-lab-grid', 'aria-hidden': 'true' });
    grid.style.gridTemplateColumns = `repeat(${columns}, 1.6rem)`;
    for (let i = 0; i < rows * columns; i++) {
      const cell = html('div', { class: 'nl-lab-cell nl-lab-cell-small' });
      cells.push(cell);
      grid.append(cell);
    }
    const label = blocksAxis ? html('div', { class: 'nl-lab-block-caption', 'aria-hidden': 'true' }, `${blocksAxis.toLowerCase()} = ${n}`) : undefined;
    picture.append(html('div', { class: 'nl-lab-block' }, label, grid));
  }

  function update(chosen: readonly string[]): void {
    const pooled = axes.map((axis) => chosen.includes(axis));
    const { groupOf, groupCount } = poolsOverAxes(shape, pooled);
    cells.forEach((cell, index) => {
      const group = groupOf[index];
      cell.className = `nl-lab-cell nl-lab-cell-small ${groupClasses(group)}`;
      cell.dataset.group = String(group);
    });
    const text = words.summary(
      axes.filter((_, i) => pooled[i]),
      groupCount,
      cells.length / groupCount,
    );
    summary.textContent = text;
    picture.setAttribute('aria-label', text);
    container.dataset.groupCount = String(groupCount);
    live.textContent = text;
  }

  update(selected);
  return { update };
}
