import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { HostInfo } from '../../src/host/testSupport';
import { testEnvironment } from './environment';

const extensionId = 'normalization-lab.normalization-lab';

describe('foundation: the extension inside a real VS Code', () => {
  it('is installed under its id and activates without errors', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('is loaded from where this run says: the source tree, or the installed .vsix', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const environment = testEnvironment();
    if (environment.mode === 'vsix') {
      const extensionsDir = environment.extensionsDir!;
      assert.ok(
        extension.extensionUri.path.startsWith(extensionsDir),
        `expected the installed copy under ${extensionsDir}, got ${extension.extensionUri.path}`,
      );
      await assert.rejects(
        Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, 'src'))),
        'the .vsix must not ship sources',
      );
    } else {
      assert.strictEqual(extension.extensionUri.path, environment.repoPath);
    }
  });

  it('runs in the extension host this run asks for: Node, or the browser’s web worker without process', async () => {
    const host = await vscode.commands.executeCommand<HostInfo>('normalizationLab.internal.hostInfo');
    if (testEnvironment().host === 'web') {
      // code-server's workbench is a browser page, so uiKind says Web in both hosts; only the web worker lacks Node.
      assert.deepStrictEqual(host, { uiKind: 'web', hasProcess: false, extensionKind: 'ui' });
      assert.strictEqual(typeof process, 'undefined', 'the tests run in the same web worker');
      assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    } else {
      assert.strictEqual(host.hasProcess, true);
      assert.strictEqual(host.extensionKind, 'workspace');
    }
  });

  it('registers the commands the manifest contributes', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of [
      'normalizationLab.explain',
      'normalizationLab.normalizeSelection',
      'normalizationLab.openLesson',
      'normalizationLab.resetProgress',
    ]) {
      assert.ok(commands.includes(command), `${command} is not registered`);
    }
  });

  it('contributes Normalize Selection to the editor context menu only when there is a selection', () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const entry = manifest.contributes.menus['editor/context'].find(
      (item: { command: string }) => item.command === 'normalizationLab.normalizeSelection',
    );
    assert.strictEqual(entry?.when, 'editorHasSelection');
  });

  it('activates only on its own commands, views and panels, never on startup', () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const events: string[] = manifest.activationEvents;
    assert.ok(!events.includes('*'));
    assert.ok(!events.includes('onStartupFinished'));
  });
});
