import * as vscode from 'vscode';

/**
 * Whether to register the `normalizationLab.internal.*` commands the integration tests call: when
 * developing or testing, and when the harness says so (NORMALIZATION_LAB_REPO in the extension
 * host's environment, also set when it tests the packaged .vsix). The browser's web worker host
 * has no `process` at all, hence the check before reading it.
 */
export function testCommandsWanted(context: vscode.ExtensionContext): boolean {
  if (context.extensionMode !== vscode.ExtensionMode.Production) return true;
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
