// The module esbuild.js generates for the web test bundle: it requires each test file in turn.
declare module 'test-files' {
  export function loadTestFiles(): void;
  export const testFileCount: number;
}
