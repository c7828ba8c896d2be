/** Fills `{0}`, `{1}`, … with the arguments; a placeholder without an argument stays as it is. */
export function fillTemplate(template: string, args: readonly (string | number)[]): string {
  let out = '';
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    if (open < 0) break;
    const close = template.indexOf('}', open);
    if (close < 0) break;
    const slot = Number(template.slice(open + 1, close));
    out += template.slice(index, open);
    out += Number.isInteger(slot) && slot < args.length ? String(args[slot]) : template.slice(open, close + 1);
    index = close + 1;
  }
  return out + template.slice(index);
}
