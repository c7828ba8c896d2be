// Bundles the extension host code (Node, CommonJS) and the webview pages (browser).
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --tests       also bundle the real-VS-Code tests into dist-test/
// Type checking is separate: `npm run typecheck` (tsc --noEmit, strict).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Pages that run inside webviews, one bundle each. */
const webviewPages = ['lessonPage', 'resultPage'];

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

function buildOptions() {
  const options = [
    {
      ...common,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    },
    {
      ...common,
      entryPoints: Object.fromEntries(webviewPages.map((page) => [page, `src/webview/${page}.ts`])),
      outdir: 'dist/webview',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    },
  ];
  if (tests) {
    const testFiles = fs
      .readdirSync('test/integration')
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `test/integration/${file}`);
    options.push({
      ...common,
      minify: false,
      sourcemap: true,
      entryPoints: testFiles,
      outdir: 'dist-test/integration',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    });
  }
  return options;
}

async function main() {
  // A production build starts from an empty dist/ so no development source map reaches the .vsix.
  if (production) fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
  const contexts = await Promise.all(buildOptions().map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('[esbuild] watching for changes');
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
