/** Small DOM helpers shared by the labs. Styles only through classes or CSSOM, never `style=""`. */

type Attributes = Record<string, string | number | boolean | undefined>;
type Child = Node | string | undefined | false;

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function html<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  for (const child of children) if (child !== undefined && child !== false) element.append(child);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  for (const child of children) if (child !== undefined && child !== false) element.append(child);
  return element;
}

/** A number short enough for a cell or a label: 4 significant digits, exponent form when tiny or huge. */
export function formatNumber(value: number | undefined, digits = 4): string {
  if (value === undefined) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e5 || magnitude < 1e-3 ? value.toExponential(digits - 2) : String(Number(value.toPrecision(digits)));
  return text.replace('-', '−');
}

/** A visually hidden polite live region: what it is given is read out by screen readers. */
export function liveRegion(): HTMLElement {
  return html('div', { class: 'nl-lab-live', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
}

let labelCounter = 0;
/** A unique id, for `<label for>` and `aria-describedby`. */
export function uniqueId(prefix: string): string {
  labelCounter += 1;
  return `${prefix}-${labelCounter}`;
}

/** A labelled control in the lab's toolbar. */
export function field(label: string, control: HTMLElement, ...after: Child[]): HTMLElement {
  const id = control.id || uniqueId('nl-lab-control');
  control.id = id;
  return html('span', { class: 'nl-lab-field' }, html('label', { for: id }, label), control, ...after);
}

export function select(options: readonly (readonly [string, string])[], value: string, attributes: Attributes = {}): HTMLSelectElement {
  const element = html('select', attributes);
  for (const [optionValue, text] of options) element.append(html('option', { value: optionValue }, text));
  element.value = value;
  return element;
}

/** The message a lab shows in place of itself when it cannot run. */
export function errorBox(message: string): HTMLElement {
  return html('div', { class: 'nl-lab-error', role: 'alert', 'data-testid': 'lab-error' }, message);
}
