import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // .tsx: renderer component tests (they ask for the happy-dom environment in their first line).
    include: ['test/**/*.test.{ts,tsx}'],
    // CLI and end-to-end tests run the built binary: `npm test` builds first (pretest).
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // CI reads the JSON report to print its closing `N passed, N failed` line.
    reporters: process.env['CI'] ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
