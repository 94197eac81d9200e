#!/usr/bin/env node
// Loads the bundled CLI through V8's code cache: compiling the bundle is most of a cold start, and a
// cached compile is several times faster. The cache sits beside the bundle and is rebuilt whenever
// V8 rejects it (a new bundle or a new Node). CommonJS, because an ES module entry costs the loader
// a few milliseconds more on every start.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = `${file}.cache`;

let source;
try {
  // The build makes the bundle ASCII (scripts/build.mjs): read as Latin-1, it is copied, not decoded.
  source = readFileSync(file, 'latin1');
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
const cli = { exports: {} };
script.runInThisContext()(cli.exports, Module.createRequire(file), cli, file, dirname(file));

void cli.exports.main(process.argv.slice(2)).then(() => {
  if (cachedData !== undefined && !script.cachedDataRejected) return;
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only install runs without the cache, only slower.
  }
});
