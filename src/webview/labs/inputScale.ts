/**
 * The input-scale lab: the same model trained with the same learning rate on raw features
 * (0–255 next to 0–1) and on the same features standardized by the engine's z_score.
 */
import { bestLoss, finalLoss, runExperiment, type TrainingRun } from '../../core/labs/inputScale';
import { INPUT_SCALE_LIMITS, type InputScaleConfig } from '../../core/labs/labConfig';
import { barChart, extent, lineChart } from './chart';
import { field, formatNumber, html, liveRegion } from './dom';
import { type LabStrings, labStrings } from './strings';

/** The learning-rate slider moves in equal steps of log10(rate): 20 positions per decade. */
const SLIDER_STEPS_PER_DECADE = 20;

function runSentence(words: LabStrings['scale'], name: string, run: TrainingRun): string {
  const stable = formatNumber(run.largestStableRate, 3);
  if (run.divergedAt !== undefined) return words.diverged(name, run.divergedAt, stable);
  return words.trained(name, formatNumber(run.losses[0]), formatNumber(finalLoss(run)), stable);
}

export function mountInputScale(container: HTMLElement, config: InputScaleConfig): void {
  const words = labStrings().scale;
  let steps = config.steps;
  let learningRate = config.learningRate;
  let seed = config.seed;
  const [lowRate, highRate] = INPUT_SCALE_LIMITS.learningRate;

  const rateSlider = html('input', {
    type: 'range',
    class: 'nl-lab-lr-slider',
    'data-testid': 'lab-lr-slider',
    min: Math.round(Math.log10(lowRate) * SLIDER_STEPS_PER_DECADE),
    max: Math.round(Math.log10(highRate) * SLIDER_STEPS_PER_DECADE),
    step: 1,
    'aria-label': words.learningRateSlider,
  });
  const rateInput = html('input', { type: 'number', class: 'nl-lab-lr', 'data-testid': 'lab-lr', min: lowRate, max: highRate, step: 'any' });
  const stepsInput = html('input', {
    type: 'number',
    class: 'nl-lab-steps',
    'data-testid': 'lab-steps',
    min: INPUT_SCALE_LIMITS.steps[0],
    max: INPUT_SCALE_LIMITS.steps[1],
    step: 1,
  });
  const randomize = html('button', { type: 'button', class: 'nl-lab-randomize secondary', 'data-testid': 'lab-randomize' }, words.newData);
  const toolbar = html(
    'div',
    { class: 'nl-lab-toolbar', role: 'group', 'aria-label': words.controls },
    field(words.learningRate, rateInput, rateSlider),
    field(words.steps, stepsInput),
    randomize,
  );
  const curves = html('div', { class: 'nl-lab-panels' });
  const gradients = html('div', { class: 'nl-lab-panels' });
  const summary = html('p', { class: 'nl-lab-summary', 'data-testid': 'lab-summary' });
  const live = liveRegion();
  container.replaceChildren(
    toolbar,
    html('p', { class: 'nl-lab-hint' }, words.hint(words.features.join(', '))),
    curves,
    gradients,
    summary,
    live,
  );
  container.classList.add('nl-lab', 'nl-lab-input-scale');

  function render(announce: boolean): void {
    rateInput.value = String(learningRate);
    rateSlider.value = String(Math.round(Math.log10(learningRate) * SLIDER_STEPS_PER_DECADE));
    rateSlider.setAttribute('aria-valuetext', words.learningRateValue(formatNumber(learningRate)));
    stepsInput.value = String(steps);
    const experiment = runExperiment({ steps, learningRate, seed });
    const best = bestLoss(experiment.raw);
    const floor = (run: TrainingRun) => [
      [0, best],
      [Math.max(steps, run.losses.length - 1), best],
    ] as const;
    const panels: [string, TrainingRun, string][] = [
      [words.raw, experiment.rawRun, 'raw'],
      [words.standardized, experiment.standardizedRun, 'standardized'],
    ];
    // Two stable runs share one loss scale so their heights compare; a diverged run gets its own.
    const bothStable = panels.every(([, run]) => run.divergedAt === undefined);
    const [low, high] = extent([...panels.flatMap(([, run]) => run.losses), best].map((loss) => Math.log10(Math.max(loss, 1e-300))));
    const yDomain = bothStable ? ([Math.floor(low), Math.max(Math.ceil(high), Math.floor(low) + 1)] as const) : undefined;
    curves.replaceChildren(
      ...panels.map(([title, run, key]) =>
        html(
          'div',
          { class: 'nl-lab-panel' },
          lineChart({
            title: run.divergedAt === undefined ? title : words.divergedTitle(title, run.divergedAt),
            xLabel: words.stepAxis,
            yLabel: words.lossAxis,
            yLog: true,
            yDomain,
            xDomain: [0, steps],
            series: [
              { points: run.losses.map((loss, step) => [step, loss] as const), className: `nl-lab-series-${key}`, label: words.lossSeries },
              { points: floor(run), className: 'nl-lab-series-best', label: words.bestSeries },
            ],
            description: runSentence(words, title, run),
            testId: `lab-loss-${key}`,
          }),
        ),
      ),
    );
    gradients.replaceChildren(
      ...panels.map(([title, run, key]) =>
        html(
          'div',
          { class: 'nl-lab-panel' },
          barChart({
            title: words.gradientTitle(title),
            bars: words.features.map((name, j) => ({ label: name, value: run.gradients[0]?.[j] ?? NaN, className: `nl-lab-bar-${j}` })),
            description: words.features.map((name, j) => `${name}: ${formatNumber(run.gradients[0]?.[j])}`).join('; '),
            testId: `lab-gradients-${key}`,
          }),
        ),
      ),
    );
    container.dataset.rawFinalLoss = String(finalLoss(experiment.rawRun));
    container.dataset.standardizedFinalLoss = String(finalLoss(experiment.standardizedRun));
    summary.textContent = words.summary(
      formatNumber(learningRate),
      steps,
      runSentence(words, words.raw, experiment.rawRun),
      runSentence(words, words.standardized, experiment.standardizedRun),
      formatNumber(best),
    );
    if (announce) live.textContent = summary.textContent;
  }

  const clampRate = (value: number) => Math.min(highRate, Math.max(lowRate, value));
  rateSlider.addEventListener('input', () => {
    learningRate = clampRate(Number((10 ** (Number(rateSlider.value) / SLIDER_STEPS_PER_DECADE)).toPrecision(2)));
    render(true);
  });
  rateInput.addEventListener('change', () => {
    const value = Number(rateInput.value);
    if (Number.isFinite(value) && value > 0) learningRate = clampRate(value);
    render(true);
  });
  stepsInput.addEventListener('change', () => {
    const value = Math.round(Number(stepsInput.value));
    if (Number.isFinite(value)) steps = Math.min(INPUT_SCALE_LIMITS.steps[1], Math.max(INPUT_SCALE_LIMITS.steps[0], value));
    render(true);
  });
  randomize.addEventListener('click', () => {
    seed += 1;
    render(true);
  });
  render(false);
}
