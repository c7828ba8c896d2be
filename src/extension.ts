import * as vscode from 'vscode';
import { registerLessons } from './host/lessons/registerLessons';
import { registerModelCode } from './host/modelCode/registerModelCode';
import { registerNormalizeSelection } from './host/normalize/registerNormalizeSelection';
import { registerHostInfo } from './host/testSupport';

/** Registers everything; nothing is read or parsed here (lessons and the Python analyzer load when first needed). */
export function activate(context: vscode.ExtensionContext): void {
  registerNormalizeSelection(context);
  registerModelCode(context);
  registerHostInfo(context);
  registerLessons(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
