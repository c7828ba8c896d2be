import * as fs from 'node:fs';
import * as path from 'node:path';

export interface VscodeImport {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

// A value import, re-export, require or dynamic import of 'vscode'. `import type` is allowed:
// it is erased at build time and cannot pull the editor API into the core or a browser page.
const valueImport = /^\s*(?:import(?!\s+type\b)[^'"]*from\s*|export[^'"]*from\s*|.*\brequire\s*\(\s*|.*\bimport\s*\(\s*)['"]vscode['"]/;

function* typeScriptFiles(folder: string): Generator<string> {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

/** Every place under `folder` that imports the `vscode` module as a value. */
export function findVscodeImports(folder: string): VscodeImport[] {
  const hits: VscodeImport[] = [];
  for (const file of typeScriptFiles(folder)) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (valueImport.test(text)) hits.push({ file, line: index + 1, text: text.trim() });
      });
  }
  return hits;
}
