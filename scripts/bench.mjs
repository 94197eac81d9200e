// Bundles the benchmark (TypeScript) with esbuild and runs it in this process: `npm run bench [-- --json]`.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Inside the repository, so that the bundle's external imports (playwright-core) resolve from node_modules.
mkdirSync('node_modules/.cache', { recursive: true });
const dir = mkdtempSync(join('node_modules/.cache', 'pe-bench-'));
const out = join(dir, 'bench.mjs');
try {
  await build({
    entryPoints: ['bench/bench.ts'],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // Playwright loads its own files at run time: it is required from node_modules, not bundled.
    external: ['playwright-core'],
    // CommonJS dependencies (systeminformation, semver) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  await import(pathToFileURL(join(process.cwd(), out)).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
