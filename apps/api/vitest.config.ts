import '../../scripts/node20-polyfills.js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each test file gets its own database cloned from the migrated template, so files can run
    // in parallel without seeing each other's rows.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
