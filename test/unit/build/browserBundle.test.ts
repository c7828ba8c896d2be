import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

// The same options `node esbuild.js` builds the package.json `browser` entry with.
const require = createRequire(import.meta.url);
const repoRoot = path.resolve(__dirname, '../../..');
const { webExtensionOptions, noNodeBuiltins } = require(path.join(repoRoot, 'esbuild.js')) as {
  webExtensionOptions: () => esbuild.BuildOptions;
  noNodeBuiltins: () => esbuild.Plugin;
};

describe('the browser bundle (web worker extension host)', () => {
  it('is one CommonJS file whose only import left is vscode, with no Node built-in in its inputs', async () => {
    const result = await esbuild.build({
      ...webExtensionOptions(),
      absWorkingDir: repoRoot,
      sourcemap: false,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.entries(result.metafile.outputs);
    expect(outputs.map(([file]) => file)).toEqual(['dist/extension.js']);
    const [, output] = outputs[0]!;
    expect(output.imports.map((entry) => [entry.path, entry.external])).toEqual(
      output.imports.map(() => ['vscode', true]),
    );
    expect(output.imports.length).toBeGreaterThan(0);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('src/extension.ts');
    expect(inputs.filter((input) => input.startsWith('node:') || !/[./]/.test(input))).toEqual([]);
  });

  it('fails the build, naming the import and its file, when code imports a Node built-in', async () => {
    for (const builtin of ['node:fs', 'path', 'crypto', 'fs/promises']) {
      const build = esbuild.build({
        stdin: { contents: `import * as planted from '${builtin}';\nexport const x = planted;`, resolveDir: path.join(repoRoot, 'src/host'), sourcefile: 'src/host/planted.ts', loader: 'ts' },
        bundle: true,
        platform: 'browser',
        format: 'cjs',
        write: false,
        logLevel: 'silent',
        plugins: [noNodeBuiltins()],
      });
      await expect(build).rejects.toThrow(new RegExp(`"${builtin}" is a Node built-in.*planted\\.ts`));
    }
  });

  it('is the one host bundle: the manifest\'s main and browser entries name the same file', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string; browser: string };
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.browser).toBe(manifest.main);
  });
});

/** Files reached from `entry` through static imports only (an `import()` is where lazy loading starts). */
function staticClosure(metafile: esbuild.Metafile, entry: string): Map<string, string | undefined> {
  const reachedFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.kind === 'dynamic-import' || imported.external || reachedFrom.has(imported.path)) continue;
      reachedFrom.set(imported.path, file);
      queue.push(imported.path);
    }
  }
  return reachedFrom;
}

describe('activation', () => {
  it('initialises neither markdown-it, KaTeX nor the Python parser: they are reached only through import()', async () => {
    const result = await esbuild.build({ ...webExtensionOptions(), absWorkingDir: repoRoot, sourcemap: false, write: false, metafile: true, logLevel: 'silent' });
    const reached = staticClosure(result.metafile, 'src/extension.ts');
    const chain = (file: string) => {
      const files = [file];
      for (let from = reached.get(file); from !== undefined; from = reached.get(from)) files.unshift(from);
      return files.filter((step) => !step.includes('node_modules/') || step === file).join(' -> ');
    };
    const heavy = [...reached.keys()].filter((file) => /node_modules\/(markdown-it|katex|@vscode\/markdown-it-katex|@lezer)\//.test(file));
    expect(heavy.map(chain)).toEqual([]);
    // The same libraries are in the bundle, behind the lazy boundary.
    const all = Object.keys(result.metafile.inputs);
    for (const library of ['markdown-it', 'katex', '@lezer/python']) expect(all.some((file) => file.includes(`node_modules/${library}/`))).toBe(true);
  });
});

