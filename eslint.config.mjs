// The architecture as lint rules (`npm run lint`). Only boundaries are checked here; the type
// checks and the tests cover the rest.
//
//   src/core/**     pure TypeScript: imports neither `vscode` (not even its types) nor the host,
//                   the pages, `src/messages.ts`, nor touches DOM globals. Its folders import in one
//                   direction, lower to higher, as CORE_LAYERS says.
//   src/webview/**  browser pages: `vscode` only as types, nothing from `src/host`.
//   src/host/**     VS Code glue: nothing from `src/webview` (the pages are separate bundles).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * What each core folder may import, besides itself and the shared files directly in src/core
 * (guards, random, template, …), which import no folder. Read bottom-up:
 *
 *   engine ← selection                       (parsing a selection asks the engine for shapes)
 *   engine ← analyzer                        (model code is described in the engine's op names)
 *   engine ← labs ← lessons ← render ← course
 *   markdown ← lessons                       (a lesson is cut into blocks with the same markdown-it
 *                                             that renders it)
 *
 * A folder not listed here is an error, so a new one gets its place in this table.
 */
const CORE_LAYERS = {
  engine: [],
  markdown: [],
  selection: ['engine'],
  analyzer: ['engine'],
  labs: ['engine'],
  lessons: ['engine', 'labs', 'markdown'],
  render: ['engine', 'labs', 'lessons', 'markdown'],
  course: ['engine', 'labs', 'lessons', 'markdown', 'render'],
};

/** `core/engine`, `core` (a shared file), `host`, `webview`, `messages`, … for a path under src/. */
function areaOf(file) {
  const relative = path.relative(path.join(root, 'src'), file).split(path.sep);
  if (relative[0] === '..') return undefined;
  if (relative[0] === 'core') return relative.length > 2 ? `core/${relative[1]}` : 'core';
  return relative.length > 1 ? relative[0] : relative[0].replace(/\.ts$/, '');
}

/** The file a relative import names; a folder (`'../engine'`) stands for its index file. */
function resolveImport(importer, source) {
  const target = path.resolve(path.dirname(importer), source);
  return fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, 'index.ts') : target;
}

/** Why `from` may not import `target` (an area or the module `vscode`), or undefined when it may. */
function forbidden(from, target, typeOnly) {
  if (from === 'core' || from.startsWith('core/')) {
    if (target === 'vscode') return 'the core never imports vscode (not even its types)';
    if (!(target === 'core' || target.startsWith('core/'))) return `the core imports only the core, not src/${target}`;
    if (from === 'core') return target === 'core' ? undefined : `the shared files in src/core import no core folder (${target})`;
    const folder = from.slice('core/'.length);
    const allowed = CORE_LAYERS[folder];
    if (!allowed) return `core/${folder} has no place in CORE_LAYERS (eslint.config.mjs)`;
    if (target === 'core' || target === from || allowed.includes(target.slice('core/'.length))) return undefined;
    return `core/${folder} may import only ${allowed.map((name) => `core/${name}`).join(', ') || 'the shared core files'}; ${target} is above it or beside it`;
  }
  if (from === 'webview') {
    if (target === 'vscode' && !typeOnly) return 'a page runs in a browser: import vscode only as types (`import type`)';
    if (target === 'host' || target === 'extension') return `a page imports nothing from src/${target}; messages go through src/messages.ts`;
  }
  if (from === 'host' && target === 'webview') return 'the host imports nothing from src/webview (the pages are bundled on their own)';
  return undefined;
}

const isTypeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.type === 'ImportDeclaration' && node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.importKind === 'type'));

/** Every import, re-export, dynamic import and require of a module, however it is laid out over lines. */
const boundaries = {
  meta: { type: 'problem', schema: [], messages: { crossed: "'{{source}}': {{reason}}." } },
  create(context) {
    const from = areaOf(context.filename);
    if (!from) return {};
    const check = (node, sourceNode, typeOnly) => {
      if (!sourceNode || typeof sourceNode.value !== 'string') return;
      const source = sourceNode.value;
      const target = source === 'vscode' ? 'vscode' : source.startsWith('.') ? areaOf(resolveImport(context.filename, source)) : undefined;
      const reason = target && forbidden(from, target, typeOnly);
      if (reason) context.report({ node, messageId: 'crossed', data: { source, reason } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference.expression, node.importKind === 'type'),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0], false);
      },
    };
  },
};

/** Browser globals the core must not touch: it runs in the host, the CLI and the tests too. */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'HTMLElement', 'Element', 'customElements', 'requestAnimationFrame', 'getComputedStyle', 'acquireVsCodeApi'];

export default defineConfig(
  { ignores: ['dist/**', 'dist-test/**', 'node_modules/**', '.cache/**', 'test-output/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { architecture: { rules: { boundaries } } },
    rules: { 'architecture/boundaries': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'the core never touches the DOM; the pages in src/webview draw.' }))],
    },
  },
);
