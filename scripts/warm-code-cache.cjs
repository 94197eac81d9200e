// Writes the CLI's code cache (read by bin/placement-explorer.cjs) after running the commands whose
// start-up counts: V8 caches every function compiled so far, so the functions these runs compiled
// lazily load from the cache too, not only the bundle's top level. Run by scripts/build.mjs in a
// process of its own, its output ignored; every run keeps its data in a temporary directory.
'use strict';
const { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = `${file}.cache`;
const examples = join(__dirname, '..', 'examples');
const files = ['--task', join(examples, 'task.yaml'), '--targets', join(examples, 'targets.yaml')];

const script = new vm.Script(Module.wrap(readFileSync(file, 'latin1')), { filename: file });
const cli = { exports: {} };
script.runInThisContext()(cli.exports, Module.createRequire(file), cli, file, dirname(file));

const dataDir = mkdtempSync(join(os.tmpdir(), 'pe-warm-'));
const runs = [
  ['place', ...files, '--no-discovery', '--no-history', '--data-dir', join(dataDir, 'bare')],
  // History and discovery, as a placement usually runs.
  ['place', ...files, '--data-dir', join(dataDir, 'full')],
  ['discover', '--json', '--data-dir', join(dataDir, 'cold')],
];

void (async () => {
  try {
    for (const args of runs) await cli.exports.main(args);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, cacheFile);
  process.exitCode = 0;
})();
