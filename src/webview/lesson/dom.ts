/** DOM helpers of the lesson page, on top of the pages' shared ones. */
import { fillTemplate } from '../../core/template';

export { html as element, uniqueId } from '../dom';

/**
 * Puts HTML the host rendered from a lesson into an element. That HTML comes from markdown-it
 * with raw HTML disabled and links and images filtered, so it holds no script or handler; the
 * page's CSP would refuse to run one anyway.
 */
export function withHtml<T extends HTMLElement>(node: T, html: string): T {
  node.innerHTML = html;
  return node;
}

/** `{0}`, `{1}`, … in a label, filled with the values. */
export function format(template: string, ...values: (string | number)[]): string {
  return fillTemplate(template, values);
}
