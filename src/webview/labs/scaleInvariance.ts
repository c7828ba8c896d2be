/**
 * The scale-invariance lab: the weights of a linear layer before a LayerNorm (or BatchNorm) are
 * scaled by s; the page shows the norm's output (the same for every s), the gradient of the
 * weights (1/s) and the effective step (1/s²), all from `core/labs/scaleInvariance`.
 */
import type { ScaleInvarianceConfig } from '../../core/labs/labConfig';
import { SCALE_INVARIANCE_LIMITS, SCALE_INVARIANCE_SIZES, type ScaleInvarianceNorm, scaleInvarianceState } from '../../core/labs/scaleInvariance';
import { field, formatNumber, html, liveRegion, select } from './dom';
import { labStrings } from './strings';

/** The scale slider moves in equal steps of log10(s): 20 positions per decade. */
const STEPS_PER_DECADE = 20;

function matrixTable(caption: string, values: ArrayLike<number>, rows: number, columns: number, rowName: (r: number) => string, columnName: (c: number) => string, testId: string): HTMLElement {
  const table = html('table', { class: 'nl-lab-matrix nl-lab-si-output', 'data-testid': testId });
  table.append(html('caption', {}, caption));
  const head = html('tr', {}, html('td', { class: 'nl-lab-si-corner' }));
  for (let c = 0; c < columns; c++) head.append(html('th', { scope: 'col' }, columnName(c)));
  table.append(head);
  for (let r = 0; r < rows; r++) {
    const row = html('tr', {}, html('th', { scope: 'row' }, rowName(r)));
    for (let c = 0; c < columns; c++) row.append(html('td', {}, formatNumber(values[r * columns + c], 3)));
    table.append(row);
  }
  return table;
}

export function mountScaleInvariance(container: HTMLElement, config: ScaleInvarianceConfig): void {
  const words = labStrings().invariance;
  let scale = config.scale;
  let norm: ScaleInvarianceNorm = config.norm;
  let seed = config.seed;
  const [lowScale, highScale] = SCALE_INVARIANCE_LIMITS.scale;

  const scaleSlider = html('input', {
    type: 'range',
    class: 'nl-lab-scale-slider',
    'data-testid': 'lab-scale-slider',
    min: Math.round(Math.log10(lowScale) * STEPS_PER_DECADE),
    max: Math.round(Math.log10(highScale) * STEPS_PER_DECADE),
    step: 1,
    'aria-label': words.scaleSlider,
  });
  const scaleInput = html('input', { type: 'number', class: 'nl-lab-scale', 'data-testid': 'lab-scale', min: lowScale, max: highScale, step: 'any' });
  const normSelect = select(
    [
      ['layer_norm', words.layerNorm],
      ['batch_norm', words.batchNorm],
    ],
    norm,
    { class: 'nl-lab-norm', 'data-testid': 'lab-norm' },
  );
  const randomize = html('button', { type: 'button', class: 'nl-lab-randomize secondary', 'data-testid': 'lab-randomize' }, words.newWeights);
  const toolbar = html(
    'div',
    { class: 'nl-lab-toolbar', role: 'group', 'aria-label': words.controls },
    field(words.scale, scaleInput, scaleSlider),
    field(words.norm, normSelect),
    randomize,
  );
  const hint = html('p', { class: 'nl-lab-hint' });
  const output = html('div', { class: 'nl-lab-matrices' });
  const measures = html('div', { class: 'nl-lab-si-measures' });
  const check = html('p', { class: 'nl-lab-hint', 'data-testid': 'lab-gradient-check' });
  const summary = html('p', { class: 'nl-lab-summary', 'data-testid': 'lab-summary' });
  const live = liveRegion();
  container.replaceChildren(toolbar, hint, output, measures, check, summary, live);
  container.classList.add('nl-lab', 'nl-lab-scale-invariance');

  function render(announce: boolean): void {
    scaleInput.value = String(scale);
    scaleSlider.value = String(Math.round(Math.log10(scale) * STEPS_PER_DECADE));
    scaleSlider.setAttribute('aria-valuetext', words.scaleValue(formatNumber(scale)));
    normSelect.value = norm;
    const state = scaleInvarianceState({ norm, scale, learningRate: config.learningRate, seed });
    const { current, reference } = state;
    const { samples, features } = SCALE_INVARIANCE_SIZES;
    const s = formatNumber(scale);
    hint.textContent = words.hint(norm, samples, SCALE_INVARIANCE_SIZES.inputs, features, formatNumber(config.learningRate));
    output.replaceChildren(
      matrixTable(words.outputCaption(norm, s), current.output, samples, features, words.sampleName, words.featureName, 'lab-output'),
    );

    const rows: [string, number, number, string][] = [
      [words.weightNorm, reference.weightNorm, current.weightNorm, 'weight-norm'],
      [words.gradientNorm, reference.gradientNorm, current.gradientNorm, 'gradient-norm'],
      [words.effectiveStep, reference.effectiveStep, current.effectiveStep, 'effective-step'],
      [words.outputChange, reference.outputChangeAfterStep, current.outputChangeAfterStep, 'output-change'],
    ];
    const table = html('table', { class: 'nl-lab-matrix nl-lab-si-table', 'data-testid': 'lab-measures' });
    table.append(html('caption', {}, words.measuresCaption));
    table.append(
      html(
        'tr',
        {},
        html('th', { scope: 'col' }, words.quantity),
        html('th', { scope: 'col' }, words.atOne),
        html('th', { scope: 'col' }, words.atScale(s)),
        html('th', { scope: 'col' }, words.ratio),
      ),
    );
    for (const [name, atOne, atScale, key] of rows) {
      table.append(
        html(
          'tr',
          { 'data-measure': key },
          html('th', { scope: 'row' }, name),
          html('td', {}, formatNumber(atOne)),
          html('td', { 'data-testid': `lab-${key}` }, formatNumber(atScale)),
          html('td', {}, formatNumber(atScale / atOne, 3)),
        ),
      );
    }
    measures.replaceChildren(table);

    const gradientCheck = state.gradientCheck;
    check.textContent = words.gradientCheck(
      norm,
      formatNumber(gradientCheck.largestGroupSum, 2),
      formatNumber(gradientCheck.largestDotWithNormalized, 2),
      formatNumber(gradientCheck.largestDifferenceFromFiniteDifferences, 2),
      formatNumber(gradientCheck.largestGradient, 3),
    );
    container.dataset.scale = String(scale);
    container.dataset.gradientNorm = String(current.gradientNorm);
    container.dataset.effectiveStep = String(current.effectiveStep);
    container.dataset.outputDifference = String(state.outputDifferenceFromReference);
    container.dataset.output = Array.from(current.output, (y) => y.toFixed(6)).join(' ');
    summary.textContent = words.summary(
      s,
      formatNumber(state.outputDifferenceFromReference, 2),
      formatNumber(current.gradientNorm / reference.gradientNorm, 3),
      formatNumber(current.effectiveStep / reference.effectiveStep, 3),
    );
    if (announce) live.textContent = summary.textContent;
  }

  const clampScale = (value: number) => Math.min(highScale, Math.max(lowScale, value));
  scaleSlider.addEventListener('input', () => {
    scale = clampScale(Number((10 ** (Number(scaleSlider.value) / STEPS_PER_DECADE)).toPrecision(2)));
    render(true);
  });
  scaleInput.addEventListener('change', () => {
    const value = Number(scaleInput.value);
    if (Number.isFinite(value) && value > 0) scale = clampScale(value);
    render(true);
  });
  normSelect.addEventListener('change', () => {
    norm = normSelect.value === 'batch_norm' ? 'batch_norm' : 'layer_norm';
    render(true);
  });
  randomize.addEventListener('click', () => {
    seed += 1;
    render(true);
  });
  render(false);
}
