/**
 * Messages from the core are English templates with `{0}` placeholders plus their arguments,
 * so the host can translate the template with `vscode.l10n.t(template, ...args)` and the core
 * stays free of `vscode`.
 */
export interface CoreMessage {
  readonly template: string;
  readonly args: readonly (string | number)[];
  /** Worth interrupting for (shown as a warning even when the result goes straight into the document). */
  readonly warning?: boolean;
}

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

export function formatMessage(message: CoreMessage): string {
  return fillTemplate(message.template, message.args);
}
