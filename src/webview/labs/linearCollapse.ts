/**
 * The linear-collapse lab: 2–3 small random affine layers, their composition as one W and b, and
 * both plotted over the same inputs. With ReLU switched on between the layers the stack bends and
 * no single layer can follow it.
 */
import type { LinearCollapseConfig } from '../../core/labs/labConfig';
import { collapse, INPUT_RANGE, type Matrix, type Network, randomNetwork, sampleCurves } from '../../core/labs/linearCollapse';
import { lineChart } from './chart';
import { field, formatNumber, html, liveRegion, select } from './dom';
import { labStrings } from './strings';

function matrixTable(caption: string, weight: Matrix, testId?: string): HTMLElement {
  const table = html('table', { class: 'nl-lab-matrix', 'data-testid': testId });
  table.append(html('caption', {}, caption));
  for (let r = 0; r < weight.rows; r++) {
    const row = html('tr');
    for (let c = 0; c < weight.columns; c++) row.append(html('td', {}, formatNumber(weight.data[r * weight.columns + c])));
    table.append(row);
  }
  return table;
}

function vectorTable(caption: string, values: readonly number[], testId?: string): HTMLElement {
  return matrixTable(caption, { rows: values.length, columns: 1, data: values }, testId);
}

export function mountLinearCollapse(container: HTMLElement, config: LinearCollapseConfig): void {
  const words = labStrings().collapse;
  let layers = config.layers;
  let width = config.width;
  let seed = config.seed;
  let relu = false;
  let network: Network = randomNetwork({ layers, width, seed });

  const layersSelect = select(
    [
      ['2', words.layers(2)],
      ['3', words.layers(3)],
    ],
    String(layers),
    { class: 'nl-lab-layers', 'data-testid': 'lab-layers' },
  );
  const widthSelect = select(
    [2, 3, 4].map((w) => [String(w), words.units(w)] as const),
    String(width),
    { class: 'nl-lab-width', 'data-testid': 'lab-width' },
  );
  const reluBox = html('input', { type: 'checkbox', class: 'nl-lab-relu', 'data-testid': 'lab-relu' });
  const randomize = html('button', { type: 'button', class: 'nl-lab-randomize secondary', 'data-testid': 'lab-randomize' }, words.newWeights);
  const toolbar = html(
    'div',
    { class: 'nl-lab-toolbar', role: 'group', 'aria-label': words.controls },
    field(words.depth, layersSelect),
    field(words.width, widthSelect),
    html('span', { class: 'nl-lab-field' }, html('label', {}, reluBox, ` ${words.relu}`)),
    randomize,
  );
  const matrices = html('div', { class: 'nl-lab-matrices', 'data-testid': 'lab-matrices' });
  const plot = html('div', { class: 'nl-lab-plot' });
  const summary = html('p', { class: 'nl-lab-summary', 'data-testid': 'lab-summary' });
  const live = liveRegion();
  container.replaceChildren(toolbar, matrices, plot, summary, live);
  container.classList.add('nl-lab', 'nl-lab-linear-collapse');

  function render(announce: boolean): void {
    const single = collapse(network);
    const curves = sampleCurves(network, relu);
    const stack = html('div', { class: 'nl-lab-stack' });
    network.layers.forEach((layer, i) => {
      stack.append(
        html(
          'div',
          { class: 'nl-lab-layer' },
          matrixTable(`W${i + 1} (${layer.weight.rows}×${layer.weight.columns})`, layer.weight),
          vectorTable(`b${i + 1}`, layer.bias),
        ),
      );
      if (relu && i < network.layers.length - 1) stack.append(html('div', { class: 'nl-lab-relu-mark' }, 'ReLU'));
    });
    const product = network.layers.map((_, i) => `W${network.layers.length - i}`).join('·');
    const collapsed = html(
      'div',
      { class: 'nl-lab-layer nl-lab-collapsed' },
      matrixTable(`W = ${product}`, single.weight, 'lab-collapsed-weight'),
      vectorTable('b', single.bias, 'lab-collapsed-bias'),
    );
    matrices.replaceChildren(
      html('div', { class: 'nl-lab-matrices-part' }, html('h4', {}, words.stackHeading), stack),
      html('div', { class: 'nl-lab-matrices-part' }, html('h4', {}, words.collapsedHeading), collapsed),
    );
    container.dataset.relu = String(relu);
    container.dataset.maxDifference = String(curves.maxDifference);
    plot.replaceChildren(
      lineChart({
        title: relu ? words.withRelu : words.withoutRelu,
        xLabel: words.inputAxis,
        yLabel: words.outputAxis,
        xDomain: INPUT_RANGE,
        // With ReLU the collapsed layer of the linear stack can be far off the bent curve and would
        // squash it flat, so the plot compares the stack with the best straight line through it.
        series: [
          { points: curves.inputs.map((x, i) => [x, curves.network[i]] as const), className: 'nl-lab-series-network', label: words.stackSeries },
          relu
            ? {
                points: INPUT_RANGE.map((x) => [x, curves.bestLine.slope * x + curves.bestLine.intercept] as const),
                className: 'nl-lab-series-collapsed',
                label: words.bestLineSeries,
              }
            : { points: curves.inputs.map((x, i) => [x, curves.collapsed[i]] as const), className: 'nl-lab-series-collapsed', label: words.singleSeries },
        ],
        description: relu ? words.plotBent(formatNumber(curves.bestLine.maxError)) : words.plotSame,
        testId: 'lab-collapse-plot',
      }),
    );
    const range = `[${INPUT_RANGE[0]}, ${INPUT_RANGE[1]}]`;
    summary.textContent = relu
      ? words.summaryBent(formatNumber(curves.maxDifference), range, formatNumber(curves.bestLine.maxError))
      : words.summarySame(layers, formatNumber(single.weight.data[0]), formatNumber(single.bias[0]), range, formatNumber(curves.maxDifference));
    if (announce) live.textContent = summary.textContent;
  }

  const rebuild = () => {
    network = randomNetwork({ layers, width, seed });
    render(true);
  };
  layersSelect.addEventListener('change', () => {
    layers = Number(layersSelect.value);
    rebuild();
  });
  widthSelect.addEventListener('change', () => {
    width = Number(widthSelect.value);
    rebuild();
  });
  reluBox.addEventListener('change', () => {
    relu = reluBox.checked;
    render(true);
  });
  randomize.addEventListener('click', () => {
    seed += 1;
    rebuild();
  });
  render(false);
}
