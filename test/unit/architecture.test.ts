import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findVscodeImports } from '../../src/cli/architecture';

const root = path.resolve(__dirname, '../..');

describe('architecture boundary', () => {
  it('the core never imports vscode', () => {
    expect(findVscodeImports(path.join(root, 'src', 'core'))).toEqual([]);
  });

  it('the webview pages import vscode only as types (they run in a browser)', () => {
    expect(findVscodeImports(path.join(root, 'src', 'webview'))).toEqual([]);
  });

  it('the check catches every way of importing vscode', () => {
    const scratch = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'arch-'));
    fs.mkdirSync(path.join(scratch, 'nested'));
    fs.writeFileSync(path.join(scratch, 'a.ts'), "import * as vscode from 'vscode';\n");
    fs.writeFileSync(path.join(scratch, 'nested', 'b.ts'), 'const v = require("vscode");\n');
    fs.writeFileSync(path.join(scratch, 'c.ts'), "export { window } from 'vscode';\n");
    fs.writeFileSync(path.join(scratch, 'd.ts'), "const v = await import('vscode');\n");
    fs.writeFileSync(path.join(scratch, 'ok.ts'), "import type { Uri } from 'vscode';\n// 'vscode' in a comment\n");
    const found = findVscodeImports(scratch).map((hit) => path.relative(scratch, hit.file)).sort();
    expect(found).toEqual(['a.ts', 'c.ts', 'd.ts', path.join('nested', 'b.ts')]);
  });
});
