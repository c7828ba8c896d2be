import * as vscode from 'vscode';

/**
 * Whether to register the `normalizationLab.internal.*` commands the integration tests call: when
 * developing or testing, and when the harness says so for the installed .vsix. It says so with a
 * user setting the manifest does not declare (`normalizationLab.internal.testCommands`), which
 * reaches the browser's web worker host too, and in a Node host also with NORMALIZATION_LAB_REPO
 * in the environment (the web worker has no `process` at all, hence the check before reading it).
 */
export function testCommandsWanted(context: vscode.ExtensionContext): boolean {
  if (context.extensionMode !== vscode.ExtensionMode.Production) return true;
  if (vscode.workspace.getConfiguration('normalizationLab').get<unknown>('internal.testCommands') === true) return true;
  return typeof process !== 'undefined' && process.env.NORMALIZATION_LAB_REPO !== undefined;
}

/** Where the extension runs, as the tests check it: the UI kind and whether Node's `process` exists. */
export interface HostInfo {
  readonly uiKind: 'desktop' | 'web';
  readonly hasProcess: boolean;
  readonly extensionKind: 'ui' | 'workspace';
}

/** A test-only command that reports where this extension's code runs (web worker host or Node). */
export function registerHostInfo(context: vscode.ExtensionContext): void {
  if (!testCommandsWanted(context)) return;
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'normalizationLab.internal.hostInfo',
      (): HostInfo => ({
        uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
        hasProcess: typeof process !== 'undefined',
        extensionKind: context.extension.extensionKind === vscode.ExtensionKind.UI ? 'ui' : 'workspace',
      }),
    ),
  );
}
