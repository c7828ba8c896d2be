import * as path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });

/** The boundary problems ESLint reports for `code` planted at `file` (a path under the repository that need not exist). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => `${message.line}: ${message.ruleId}: ${message.message}`);
}

describe('the architecture is a lint rule (eslint.config.mjs)', () => {
  it('the real tree lints clean', async () => {
    const results = await eslint.lintFiles(['src']);
    const found = results.flatMap((result) => result.messages.map((message) => `${path.relative(root, result.filePath)}:${message.line}: ${message.message}`));
    expect(found).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  }, 120_000);

  it('refuses vscode in the core, even imported over several lines', async () => {
    expect(await problems('src/core/engine/planted.ts', "import {\n  window\n} from 'vscode';\nexport const w = window;\n")).toEqual([
      "1: architecture/boundaries: 'vscode': the core never imports vscode (not even its types).",
    ]);
    expect(await problems('src/core/planted.ts', "import type { Uri } from 'vscode';\nexport type U = Uri;\n")).toHaveLength(1);
    expect(await problems('src/core/labs/planted.ts', "export const load = () => import('vscode');\nexport const v = require('vscode');\n")).toHaveLength(2);
  });

  it('refuses the DOM and the pages in the core', async () => {
    expect(await problems('src/core/render/planted.ts', 'export const title = () => document.title;\n')).toEqual([
      "1: no-restricted-globals: Unexpected use of 'document'. the core never touches the DOM; the pages in src/webview draw.",
    ]);
    expect(await problems('src/core/render/planted.ts', "export { element } from '../../webview/dom';\n")).toEqual([
      "1: architecture/boundaries: '../../webview/dom': the core imports only the core, not src/webview.",
    ]);
  });

  it('refuses a page importing the host or vscode as a value, and allows vscode types', async () => {
    expect(await problems('src/webview/planted.ts', "import { LessonPanel } from '../host/lessons/lessonPanel';\nexport const p = LessonPanel;\n")).toEqual([
      "1: architecture/boundaries: '../host/lessons/lessonPanel': a page imports nothing from src/host; messages go through src/messages.ts.",
    ]);
    expect(await problems('src/webview/result/planted.ts', "import {\n  env,\n} from 'vscode';\nexport const e = env;\n")).toHaveLength(1);
    expect(await problems('src/webview/result/planted.ts', "import type { Uri } from 'vscode';\nimport { type Disposable } from 'vscode';\nexport type T = Uri | Disposable;\n")).toEqual([]);
  });

  it('refuses a core folder importing one above it, and allows the one below', async () => {
    expect(await problems('src/core/lessons/planted.ts', "import {\n  renderLesson,\n} from '../render/lesson';\nexport const r = renderLesson;\n")).toEqual([
      "1: architecture/boundaries: '../render/lesson': core/lessons may import only core/engine, core/labs, core/markdown; core/render is above it or beside it.",
    ]);
    expect(await problems('src/core/engine/planted.ts', "export * from '../selection';\n")).toHaveLength(1);
    expect(await problems('src/core/selection/planted.ts', "export { MAX_DRAWN_CELLS } from '../labs/tensorExplorer';\n")).toHaveLength(1);
    expect(await problems('src/core/render/planted.ts', "export { gradeQuiz } from '../lessons/grade';\nexport { EngineError } from '../engine';\nexport { isRecord } from '../guards';\n")).toEqual([]);
  });

  it('refuses a core folder the layer table does not know, so the table stays the documentation', async () => {
    expect(await problems('src/core/unlisted/planted.ts', "export { EngineError } from '../engine';\n")).toEqual([
      "1: architecture/boundaries: '../engine': core/unlisted has no place in CORE_LAYERS (eslint.config.mjs).",
    ]);
  });
});
