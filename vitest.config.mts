import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // The property tests are CPU-bound; two workers match this machine's two cores.
    maxWorkers: 2,
  },
});
