/**
 * Messages from the core are English templates with `{0}` placeholders plus their arguments,
 * so the host can translate the template with `vscode.l10n.t(template, ...args)` and the core
 * stays free of `vscode`.
 */
import { fillTemplate } from '../template';

export { fillTemplate };

export interface CoreMessage {
  readonly template: string;
  readonly args: readonly (string | number)[];
}

export function formatMessage(message: CoreMessage): string {
  return fillTemplate(message.template, message.args);
}
