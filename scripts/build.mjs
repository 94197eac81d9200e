// Bundles the CLI into one CommonJS file: one script to load, whose compiled code V8 can cache
// (see bin/placement-explorer.cjs), makes start-up fast.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

/**
 * commander loads child_process (and with it net, dgram and the streams) only to start executable
 * subcommands, of which this CLI has none: it gets a stand-in that loads the module on first use.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "exports.spawn = (...args) => require('node:child_process').spawn(...args);",
      loader: 'js',
    }));
  },
};

/**
 * Libraries only some commands load (when they run): read from node_modules then, not from the
 * bundle, so that every start does not read half a megabyte of code it does not run (the bundle is
 * read whole, its compiled code comes from the cache): systeminformation (discovery off Linux),
 * yaml (emitting and merging YAML), pino and prom-client (serve).
 */
const loadedWhenUsed = ['systeminformation', 'yaml', 'pino', 'prom-client'];

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'electron/cli/main.ts' },
  external: loadedWhenUsed,
  plugins: [lazyChildProcessForCommander],
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
});

// esbuild writes ASCII, except inside regular expressions (systeminformation has /[^°]*/). One
// non-ASCII character makes V8 hold the whole 1.2 MB source as a two-byte string on every start;
// \uXXXX means the same in a regex, a string, a template or a comment (not in String.raw, which the
// CLI's own sources keep ASCII for this reason).
{
  const cli = 'dist/cli.cjs';
  const text = readFileSync(cli, 'utf8');
  const ascii = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(cli, ascii);
}

// The Electron shell: the main process (ESM) and the sandboxed preload (CommonJS, as sandboxing needs).
await build({
  entryPoints: { main: 'electron/main.ts' },
  outdir: 'dist/electron',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
await build({
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});

// The renderer (React), into dist/renderer: served by browser mode, loaded from disk by Electron.
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

// The code cache, written after the commands whose start-up counts have run (see the script), so that
// the first real run starts fast too.
execFileSync(process.execPath, ['scripts/warm-code-cache.cjs'], { stdio: 'ignore', timeout: 60_000 });
