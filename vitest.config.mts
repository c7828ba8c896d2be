import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // The property tests are CPU-bound; two workers match this machine's two cores.
    maxWorkers: 2,
    // Fuzz properties take ~1 s alone but several times that on a loaded machine; a slow machine
    // must not fail the suite (speed is measured by `npm run bench`, not here).
    testTimeout: 60_000,
  },
});
