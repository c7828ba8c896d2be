/** Small DOM helpers shared by the labs. Styles only through classes or CSSOM, never `style=""`. */

import { formatNumber as formatCoreNumber } from '../../core/format';
import { html, uniqueId, type Attributes, type Child } from '../dom';

export { html, svg, uniqueId } from '../dom';

/** A number short enough for a cell or a label: 4 significant digits, exponent form when tiny or huge. */
export function formatNumber(value: number | undefined, digits = 4): string {
  if (value === undefined) return '–';
  return formatCoreNumber(value, { digits, compact: true, typographicMinus: true, nonFinite: labNonFinite });
}

const labNonFinite = (value: number) => (Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞');

/** A visually hidden polite live region: what it is given is read out by screen readers. */
export function liveRegion(): HTMLElement {
  return html('div', { class: 'nl-lab-live', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
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
