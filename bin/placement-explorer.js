#!/usr/bin/env node
// Loads the bundled CLI through V8's code cache: compiling the bundle is most of a cold start, and a
// cached compile is several times faster. The cache sits beside the bundle and is rebuilt whenever
// V8 rejects it (a new bundle or a new Node).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const cacheFile = `${file}.cache`;

let source;
try {
  source = readFileSync(file, 'utf8');
} catch {
  process.stderr.write('placement-explorer: not built yet; run `npm run build` first\n');
  process.exit(2);
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}

const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
await module.exports.main(process.argv.slice(2));

if (cachedData === undefined || script.cachedDataRejected) {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only install runs without the cache, only slower.
  }
}
