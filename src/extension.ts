import * as vscode from 'vscode';
import { registerLessons } from './host/lessons/registerLessons';
import { registerModelCode } from './host/modelCode/registerModelCode';
import { registerNormalizeSelection } from './host/normalize/registerNormalizeSelection';
import { registerHostInfo } from './host/testSupport';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  registerNormalizeSelection(context);
  registerModelCode(context);
  registerHostInfo(context);
  // Last: it reads the lesson files first (through vscode.workspace.fs, which is asynchronous).
  await registerLessons(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
