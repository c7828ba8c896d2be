// Bundles the extension host code once, dist/extension.js, which both `main` (VS Code's Node
// extension host) and `browser` (the browser's web worker extension host: vscode.dev, github.dev)
// load: the host code uses no Node API, so one file serves both and the .vsix carries its
// libraries once. Also bundles the webview pages (browser).
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what `npm run package` ships)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --tests       also bundle the real-VS-Code tests into dist-test/ (integration/
//                                 for the Node extension host, web/index.js for the web worker host)
// Type checking is separate: `npm run typecheck` (tsc --noEmit, strict).
const esbuild = require('esbuild');
const fs = require('node:fs');
const { builtinModules } = require('node:module');
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

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Fails the build on any import of a Node built-in (`fs`, `node:path`, …): the web worker
 * extension host has none, and a silently shimmed or external one would only fail there at run
 * time. `advice` ends the message.
 */
function noNodeBuiltins(advice = '') {
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: /^[a-z_]/ }, (args) => {
        if (!nodeBuiltins.has(args.path) && !args.path.startsWith('node:')) return undefined;
        const importer = path.relative(__dirname, args.importer) || args.importer;
        return {
          errors: [{ text: `"${args.path}" is a Node built-in, which the browser's web worker extension host does not have (imported by ${importer})${advice}` }],
        };
      });
    },
  };
}

/**
 * The extension host bundle, `main` and `browser` alike: one CommonJS file (the web worker host
 * loads no chunks) with no Node built-in in it.
 */
function webExtensionOptions() {
  return {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    splitting: false,
    external: ['vscode'],
    plugins: [noNodeBuiltins()],
  };
}

/**
 * Integration test files that cannot run in the web worker extension host, each with the reason
 * (the README lists them too). Every other test file runs there as well.
 */
const nodeOnlyTests = {};

/**
 * The web test bundle: test/integration/web/index.ts with every test file and Mocha's browser
 * build in one CommonJS file; `node:assert` becomes a chai-based equivalent, any other Node
 * built-in fails the build.
 */
function webTestOptions() {
  const testFiles = fs
    .readdirSync('test/integration')
    .filter((file) => file.endsWith('.test.ts') && !(file in nodeOnlyTests))
    .sort();
  const webTestSupport = {
    name: 'web-test-support',
    setup(build) {
      build.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, () => ({ path: path.join(__dirname, 'test/integration/web/assert.ts') }));
      build.onResolve({ filter: /^test-files$/ }, () => ({ path: 'test-files', namespace: 'test-files' }));
      build.onLoad({ filter: /.*/, namespace: 'test-files' }, () => ({
        contents: [
          `exports.testFileCount = ${testFiles.length};`,
          'exports.loadTestFiles = () => {',
          ...testFiles.map((file) => `  require(${JSON.stringify(`./${file}`)});`),
          '};',
        ].join('\n'),
        resolveDir: path.join(__dirname, 'test/integration'),
        loader: 'js',
      }));
    },
  };
  return {
    ...common,
    minify: false,
    sourcemap: false,
    entryPoints: { index: 'test/integration/web/index.ts' },
    outdir: 'dist-test/web',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    plugins: [
      webTestSupport,
      noNodeBuiltins('; use vscode.workspace.fs and vscode.Uri instead, or list the test file in nodeOnlyTests in esbuild.js with the reason'),
    ],
  };
}

function buildOptions() {
  const options = [
    webExtensionOptions(),
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
    options.push(webTestOptions());
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

module.exports = { webExtensionOptions, noNodeBuiltins };

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
