// Doyensec's Electronegativity over the Electron shell (electron/) and the page it shows (renderer/),
// as part of `npm run lint`. Fails when a finding of medium severity or above is not explained in
// .electronegativity-exceptions.json (each entry: check, file, reason), when an exception no longer
// matches any finding, or when a file could not be read: a file its parser skips is a file unchecked.
//   node scripts/electronegativity.mjs [--root DIR] [--exceptions FILE]
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const SCANNED = ['electron', 'renderer'];
// AvailableSecurityFixesGlobalCheck downloads Electron's release list to advise an upgrade: it
// depends on the network, and reads the version from a package.json, which is not scanned here.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const MEDIUM = 2;

/**
 * Electronegativity fetches newer translations of its messages (and, in the check excluded above,
 * Electron's releases) with `got`: it gets a `got` that fails at once, so lint never waits on the
 * network and reads the same on every machine. The messages bundled with the package are used.
 */
function offlineElectronegativity() {
  const tool = require.resolve('@doyensec/electronegativity');
  const got = require.resolve('got', { paths: [dirname(tool)] });
  const offline = Object.assign(new Module(got), { filename: got, loaded: true });
  offline.exports = async () => {
    throw new Error('offline: lint does not use the network');
  };
  require.cache[got] = offline;
  return require(tool);
}

const { values: args } = parseArgs({ options: { root: { type: 'string' }, exceptions: { type: 'string' } } });
const root = resolve(args.root ?? join(import.meta.dirname, '..'));
const exceptionsFile = resolve(args.exceptions ?? join(root, '.electronegativity-exceptions.json'));

/** The exceptions, each checked for a check id, a file and a reason worth the name. */
function readExceptions() {
  if (!existsSync(exceptionsFile)) return [];
  const entries = JSON.parse(readFileSync(exceptionsFile, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${exceptionsFile}: a list of {check, file, reason} expected`);
  entries.forEach((e, i) => {
    const ok =
      typeof e?.check === 'string' &&
      typeof e.file === 'string' &&
      typeof e.reason === 'string' &&
      e.reason.trim().length >= 20;
    if (!ok) throw new Error(`${exceptionsFile}, entry ${i}: needs check, file and a reason (a sentence, not a word)`);
  });
  return entries;
}

/** The Electron version the app ships (package.json), so that checks judge its defaults, not v0.1's. */
function electronVersion() {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  return String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '').replace(/^[^\d]*/, '');
}

async function scan() {
  // One input folder for both trees, so that the global checks (CSP, navigation, permissions) see
  // the shell and the page together; paths in findings are relative to the root.
  const input = mkdtempSync(join(tmpdir(), 'placement-explorer-electronegativity-'));
  const log = console.log;
  const printed = [];
  try {
    for (const dir of SCANNED)
      if (existsSync(join(root, dir))) cpSync(join(root, dir), join(input, dir), { recursive: true });
    // The runner prints a line when it cannot fetch newer translations (no network): not a finding.
    console.log = (...line) => printed.push(line.join(' '));
    const run = offlineElectronegativity();
    const { issues, errors } = await run({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion(),
      excludeFromScan: EXCLUDED_CHECKS,
    });
    return { issues, errors: errors.map((e) => ({ ...e, file: relative(input, e.file) })) };
  } catch (err) {
    for (const line of printed) log(line);
    throw err;
  } finally {
    console.log = log;
    rmSync(input, { recursive: true, force: true });
  }
}

const same = (exception, finding) =>
  exception.check === finding.id && exception.file.replaceAll('\\', '/') === finding.file.replaceAll('\\', '/');

const exceptions = readExceptions();
const { issues, errors } = await scan();
const serious = issues.filter((i) => i.severity.value >= MEDIUM);
const unexplained = serious.filter((i) => !exceptions.some((e) => same(e, i)));
const stale = exceptions.filter((e) => !serious.some((i) => same(e, i)));
const unread = errors.filter((e) => !e.tolerable);

for (const i of issues.filter((i) => i.severity.value < MEDIUM))
  console.log(`note: ${i.id} (${i.severity.name}) ${i.file}:${i.location.line}`);
for (const i of unexplained)
  console.error(
    `${i.id} (${i.severity.name}, ${i.confidence.name}) ${i.file}:${i.location.line}: ${i.description} ${i.shortenedURL}\n` +
      `  fix it, or explain it in ${exceptionsFile} ({check, file, reason})`,
  );
for (const e of stale) console.error(`stale exception: ${e.check} in ${e.file} no longer found; remove it`);
for (const e of unread) console.error(`not checked: ${e.file}: ${e.message}`);

const failed = unexplained.length + stale.length + unread.length;
console.log(
  `electronegativity: ${serious.length} finding(s) of medium severity or above, ${serious.length - unexplained.length} explained; ${failed} problem(s)`,
);
process.exitCode = failed > 0 ? 1 : 0;
