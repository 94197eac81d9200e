import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests run the built binary: `npm test` builds first (pretest).
    testTimeout: 20_000,
    // CI reads the JSON report to print its closing `N passed, N failed` line.
    reporters: process.env['CI'] ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
