/** Small DOM helpers for the lesson page: elements with attributes and children, no templates. */
type Child = Node | string | undefined | false;

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== undefined && child !== false) node.append(child);
  return node;
}

/**
 * Puts HTML the host rendered from a lesson into an element. That HTML comes from markdown-it
 * with raw HTML disabled and links and images filtered, so it holds no script or handler; the
 * page's CSP would refuse to run one anyway.
 */
export function withHtml<T extends HTMLElement>(node: T, html: string): T {
  node.innerHTML = html;
  return node;
}

let counter = 0;
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function format(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (values[Number(index)] === undefined ? whole : String(values[Number(index)])));
}
