import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'normalization-lab.normalization-lab';

describe('foundation: the extension inside a real VS Code', () => {
  it('is installed under its id and activates without errors', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('is loaded from where this run says: the source tree, or the installed .vsix', () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const mode = process.env.NORMALIZATION_LAB_MODE ?? 'dev';
    if (mode === 'vsix') {
      const extensionsDir = process.env.NORMALIZATION_LAB_EXTENSIONS_DIR!;
      assert.ok(
        extension.extensionPath.startsWith(extensionsDir),
        `expected the installed copy under ${extensionsDir}, got ${extension.extensionPath}`,
      );
      assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'src')), 'the .vsix must not ship sources');
    } else {
      assert.strictEqual(path.resolve(extension.extensionPath), path.resolve(process.env.NORMALIZATION_LAB_REPO!));
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
