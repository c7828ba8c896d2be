/** A hand-written SVG line chart: enough axes, ticks and lines for the labs, coloured by CSS classes. */
import { formatNumber, svg } from './dom';

export interface Series {
  readonly points: readonly (readonly [number, number])[];
  /** Picks the stroke colour and dash pattern in media/labs.css. */
  readonly className: string;
  readonly label: string;
}

export interface ChartOptions {
  readonly title: string;
  readonly series: readonly Series[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yLog?: boolean;
  readonly xDomain?: readonly [number, number];
  /** A fixed y range (already in log10 units when `yLog`), so two charts can share one scale. */
  readonly yDomain?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
  /** A sentence for screen readers describing what the chart shows. */
  readonly description: string;
  readonly testId?: string;
}

const MARGIN = { left: 52, right: 12, top: 40, bottom: 34 };

function niceTicks(low: number, high: number, count = 5): number[] {
  if (low === high) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

/** An accessible SVG root: its title and aria-label say what the chart shows. */
function chartRoot(width: number, height: number, options: { title: string; description: string; testId?: string }): SVGSVGElement {
  const chart = svg('svg', {
    class: 'nl-lab-chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `${options.title}. ${options.description}`,
    'data-testid': options.testId,
  }) as SVGSVGElement;
  chart.append(svg('title', {}, `${options.title}. ${options.description}`));
  return chart;
}

export function extent(values: readonly number[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low === Infinity) return [0, 1];
  if (low === high) return [low - 1, high + 1];
  return [low, high];
}

/** About how wide a 10 px label is: CJK characters are full width, the rest about 6 px. */
function textWidthOf(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 10 : 6), 0);
}

export function lineChart(options: ChartOptions): SVGSVGElement {
  const width = options.width ?? 420;
  const height = options.height ?? 230;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const transformY = (y: number) => (options.yLog ? Math.log10(Math.max(y, 1e-300)) : y);
  const xs = options.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = options.series.flatMap((s) => s.points.map((p) => transformY(p[1])));
  const [xLow, xHigh] = options.xDomain ?? extent(xs);
  let [yLow, yHigh] = options.yDomain ?? extent(ys);
  if (options.yDomain) {
    // Used as given.
  } else if (options.yLog) {
    yLow = Math.floor(yLow);
    yHigh = Math.max(Math.ceil(yHigh), yLow + 1);
  } else {
    const pad = (yHigh - yLow) * 0.05;
    yLow -= pad;
    yHigh += pad;
  }
  const px = (x: number) => MARGIN.left + ((x - xLow) / (xHigh - xLow || 1)) * plotWidth;
  const py = (y: number) => MARGIN.top + (1 - (transformY(y) - yLow) / (yHigh - yLow || 1)) * plotHeight;

  const chart = chartRoot(width, height, options);
  chart.append(svg('text', { x: MARGIN.left, y: 16, class: 'nl-lab-chart-title' }, options.title));
  chart.append(svg('rect', { x: MARGIN.left, y: MARGIN.top, width: plotWidth, height: plotHeight, class: 'nl-lab-chart-frame' }));

  for (const tick of niceTicks(xLow, xHigh)) {
    const x = px(tick);
    chart.append(svg('line', { x1: x, x2: x, y1: MARGIN.top, y2: MARGIN.top + plotHeight, class: 'nl-lab-chart-grid' }));
    chart.append(svg('text', { x, y: MARGIN.top + plotHeight + 14, class: 'nl-lab-chart-tick', 'text-anchor': 'middle' }, formatNumber(tick, 3)));
  }
  // Log axes tick at powers of ten, and also at 2× and 5× when they span only a decade or two.
  const decades = niceTicks(yLow, yHigh, 5).filter(Number.isInteger);
  const yTicks = !options.yLog
    ? niceTicks(yLow, yHigh, 5)
    : yHigh - yLow > 2
      ? decades
      : decades.flatMap((d) => [d, d + Math.log10(2), d + Math.log10(5)]).filter((t) => t <= yHigh + 1e-9);
  for (const tick of yTicks) {
    const y = options.yLog ? MARGIN.top + (1 - (tick - yLow) / (yHigh - yLow)) * plotHeight : py(tick);
    chart.append(svg('line', { x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: y, y2: y, class: 'nl-lab-chart-grid' }));
    const label = options.yLog ? formatNumber(10 ** tick, 2) : formatNumber(tick, 3);
    chart.append(svg('text', { x: MARGIN.left - 4, y: y + 3, class: 'nl-lab-chart-tick', 'text-anchor': 'end' }, label.replace('-', '−')));
  }
  chart.append(svg('text', { x: MARGIN.left + plotWidth / 2, y: height - 4, class: 'nl-lab-chart-axis', 'text-anchor': 'middle' }, options.xLabel));
  chart.append(
    svg('text', { x: 12, y: MARGIN.top + plotHeight / 2, class: 'nl-lab-chart-axis', 'text-anchor': 'middle', transform: `rotate(-90 12 ${MARGIN.top + plotHeight / 2})` }, options.yLabel),
  );

  for (const series of options.series) {
    const finite = series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(transformY(y)));
    if (finite.length === 0) continue;
    const points = finite.map(([x, y]) => `${px(x).toFixed(2)},${py(y).toFixed(2)}`).join(' ');
    chart.append(svg('polyline', { points, class: `nl-lab-series ${series.className}`, 'data-series': series.label }));
  }

  // The legend repeats each line's dash pattern, so the series are not told apart by colour alone.
  let legendX = MARGIN.left + plotWidth;
  for (const series of [...options.series].reverse()) {
    const textWidth = textWidthOf(series.label) + 8;
    legendX -= textWidth + 22;
    chart.append(svg('line', { x1: legendX, x2: legendX + 18, y1: 29, y2: 29, class: `nl-lab-series ${series.className}` }));
    chart.append(svg('text', { x: legendX + 22, y: 33, class: 'nl-lab-chart-legend' }, series.label));
  }
  return chart;
}

/** Horizontal bars with their numbers written next to them. */
export function barChart(options: {
  readonly title: string;
  readonly bars: readonly { readonly label: string; readonly value: number; readonly className: string }[];
  readonly description: string;
  readonly testId?: string;
}): SVGSVGElement {
  const width = 420;
  const rowHeight = 24;
  const labelWidth = 110;
  const valueWidth = 70;
  const height = 26 + options.bars.length * rowHeight;
  const largest = Math.max(...options.bars.map((b) => (Number.isFinite(b.value) ? Math.abs(b.value) : 0)), 1e-300);
  const chart = chartRoot(width, height, options);
  chart.append(svg('text', { x: 0, y: 14, class: 'nl-lab-chart-title' }, options.title));
  options.bars.forEach((bar, i) => {
    const y = 24 + i * rowHeight;
    const length = Number.isFinite(bar.value) ? (Math.abs(bar.value) / largest) * (width - labelWidth - valueWidth) : 0;
    chart.append(svg('text', { x: 0, y: y + 13, class: 'nl-lab-chart-tick' }, bar.label));
    chart.append(svg('rect', { x: labelWidth, y: y + 2, width: Math.max(length, 1), height: rowHeight - 8, class: `nl-lab-bar ${bar.className}` }));
    chart.append(svg('text', { x: labelWidth + Math.max(length, 1) + 4, y: y + 13, class: 'nl-lab-chart-tick' }, formatNumber(bar.value)));
  });
  return chart;
}
