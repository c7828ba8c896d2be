import * as vscode from 'vscode';
import { registerLessons } from './host/lessons/registerLessons';
import { registerModelCode } from './host/modelCode/registerModelCode';
import { registerNormalizeSelection } from './host/normalize/registerNormalizeSelection';

export function activate(context: vscode.ExtensionContext): void {
  registerLessons(context);
  registerNormalizeSelection(context);
  registerModelCode(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
