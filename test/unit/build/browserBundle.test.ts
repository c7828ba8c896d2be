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
    expect(outputs.map(([file]) => file)).toEqual(['dist/web/extension.js']);
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
});
