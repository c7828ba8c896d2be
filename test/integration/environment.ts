// What the harness tells the tests about this run. In a Node extension host it comes from the
// extension host's environment (`extensionEnvironment` in the payload); the browser's web worker
// host has no `process`, so there the harness writes it to dist-test/web/environment.json, which
// the web index reads before any test file is loaded.

export interface TestEnvironment {
  /** The extension from the source tree, or the packaged .vsix installed. */
  readonly mode: 'dev' | 'vsix';
  /** The extension host: Node, or the browser's web worker (as on vscode.dev). */
  readonly host: 'node' | 'web';
  /** Only tests whose full title matches (empty: all). */
  readonly grep: string;
  /** The repository's absolute path on the machine code-server runs on. */
  readonly repoPath: string;
  /** Where the .vsix was installed (installed mode only). */
  readonly extensionsDir?: string;
}

// Kept on the global object: in the Node host each test file is its own bundle with its own copy of this module.
const key = Symbol.for('normalizationLab.testEnvironment');
const holder = globalThis as { [key]?: TestEnvironment };

export function setTestEnvironment(environment: TestEnvironment): void {
  holder[key] = environment;
}

export function testEnvironment(): TestEnvironment {
  const environment = holder[key];
  if (!environment) throw new Error('the test index did not set the test environment');
  return environment;
}

/** The environment of a Node extension host, from the variables the harness passed. */
export function nodeTestEnvironment(env: Record<string, string | undefined>): TestEnvironment {
  return {
    mode: env.NORMALIZATION_LAB_MODE === 'vsix' ? 'vsix' : 'dev',
    host: 'node',
    grep: env.NORMALIZATION_LAB_TEST_GREP ?? '',
    repoPath: env.NORMALIZATION_LAB_REPO ?? '',
    ...(env.NORMALIZATION_LAB_EXTENSIONS_DIR ? { extensionsDir: env.NORMALIZATION_LAB_EXTENSIONS_DIR } : {}),
  };
}
