// The file parsers fuzzed through the built CLI, as a user meets them: `validate`, `place` and
// `import` on damaged and arbitrary files. Each run exits 2 with one line per problem, each naming
// the file, and no stack trace (or 0/1 when the input happens to be valid). A process costs about
// 150 ms, so the runs here are a few dozen; test/fuzz/parsers.test.ts fuzzes the same parsers
// in-process by the thousand.
import { existsSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, DATA_HOME, FLEET, linesOf, runCli, workspace, type CliRun } from '../electron/cli/cli-harness.js';
import { damagedText, dumpYaml, fuzzParameters, fuzzTimeout, mutatedJson, rawJson } from './arbitraries.js';
import { SOURCE_KINDS } from '../../shared/schema/targets.js';
import { FLEET_FIXTURES, TARGETS_EXAMPLES, TASK_EXAMPLES } from './samples.js';

const ws = workspace('pe-fuzz-cli-');

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
  ws.write('fleet.yaml', FLEET);
  ws.write('task.yaml', 'task: {name: ok, requirements: {cpu: 1}}\n');
});
afterAll(() => {
  rmSync(ws.dir, { recursive: true, force: true });
  rmSync(DATA_HOME, { recursive: true, force: true });
});

/** A damaged, mutated (as YAML or JSON) or arbitrary version of a sample file, with a name to match. */
function fuzzedFile(samples: string[], ext: 'yaml' | 'json' | 'txt' | 'csv' = 'yaml') {
  const asData = samples.flatMap((s) => {
    try {
      return [ext === 'yaml' ? load(s) : JSON.parse(s)] as unknown[];
    } catch {
      return [];
    }
  });
  const texts: fc.Arbitrary<string>[] = [fc.constantFrom(...samples).chain(damagedText), rawJson];
  if (asData.length > 0) {
    const mutated = fc.constantFrom(...asData).chain(mutatedJson);
    texts.push(ext === 'yaml' ? mutated.map((t) => dumpYaml(JSON.parse(t))) : mutated);
  }
  return fc.oneof(...texts);
}

/** No stack frame, no internal error, no error class: what a person reads is the problem. */
function expectNoStack(what: string, run: CliRun): void {
  expect(run.signal, `${what}: killed (a hang?)`).toBeNull();
  expect(run.stderr, what).not.toMatch(/^\s+at\s/m);
  expect(run.stderr, what).not.toMatch(/internal error/i);
  expect(run.stderr, what).not.toMatch(/importer bug/i);
  expect(run.code, `${what}\n${run.stderr}`).not.toBe(70);
}

/** Exit 2, nothing on stdout, and each stderr line names one of `files`. */
function expectBadInput(what: string, run: CliRun, files: string[]): void {
  expect(run.code, `${what}\n${run.stderr}`).toBe(2);
  expect(run.stdout, what).toBe('');
  const lines = linesOf(run.stderr);
  expect(lines.length, what).toBeGreaterThan(0);
  for (const line of lines)
    expect(
      files.some((f) => line.startsWith(`${f}: `)),
      `${what}: a line that names no file: ${JSON.stringify(line)}`,
    ).toBe(true);
}

const TASKS = TASK_EXAMPLES;
const TARGETS = [...TARGETS_EXAMPLES, FLEET];

describe('the CLI on fuzzed files', () => {
  // Inputs the fuzzers found bugs with, kept as seeds: each once answered with a line that named no
  // file, or with "an importer bug".
  const FOUND: [string, string, string[]][] = [
    ['task.json', '__proto__\n', ['validate']],
    ['task.json', '{"task": {"name": "a",\n}}', ['validate']],
    ['length.yaml', 'task:\n  name: a\n  affinity: [{length: [{toString: null}]}]\n', ['validate']],
    [
      'nodes.json',
      '{"kind":"Node","metadata":{"name":"n","labels":{"kubernetes.io/os":"constructor","kubernetes.io/arch":"toString"}}}',
      ['import', 'kubernetes'],
    ],
    ['nodes.json', '{"kind": "List",\n "items": [}', ['import', 'kubernetes']],
    [
      'nodes.txt',
      `NodeName=n1 State=${Array.from({ length: 300 }, (_, i) => `ODD${i}`).join('+')} Arch=constructor OS=constructor`,
      ['import', 'slurm'],
    ],
    ['nodes.txt', `NodeName=${'n'.repeat(300)} State=IDLE`, ['import', 'slurm']],
    ['nodes.json', '[{"Name":"a"},{"Name":"a"},{"Name":"a-2"}]', ['import', 'nomad']],
    [
      'nodes.json',
      `[{"Name":"a","Datacenter":"${'d'.repeat(300)}","Status":"${'s'.repeat(2000)}","NodeResources":{"Devices":[{"Type":"gpu","Vendor":"constructor","Name":"A100","Instances":[{}]}]}}]`,
      ['import', 'nomad'],
    ],
    [
      'vms.csv',
      `InstanceType,vCPUs,MemoryGiB,Price,Region,AcceleratorName,AcceleratorCount,GpuInfo\nx,1,1,1,r,${'g'.repeat(300)},1,"{'Gpus': [{'Name': 'A100', 'Manufacturer': 'constructor', 'Count': 1}]}"\n`,
      ['import', 'catalog', '--cloud', 'aws'],
    ],
  ];
  it.each(FOUND)('%s ← %j: exit 0 or 2 with lines that name it', async (base, text, command) => {
    // A name of its own: the properties below use task.yaml and fleet.yaml as they are.
    const name = ws.write(`seed-${base}`, text);
    const run = await runCli([...command, ...(command[0] === 'import' ? ['--file'] : []), name], { cwd: ws.dir });
    const what = `${command.join(' ')} ${name} ← ${JSON.stringify(text.slice(0, 200))}`;
    expectNoStack(what, run);
    if (run.code !== 0) expectBadInput(what, run, [name]);
  });

  it(
    'validate: a valid file, or exit 2 with lines that name it',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fuzzedFile([...TASKS, ...TARGETS]),
          fc.constantFrom('fuzz.yaml', 'fuzz.json'),
          async (text, name) => {
            ws.write(name, text);
            const run = await runCli(['validate', name], { cwd: ws.dir });
            const what = `validate ${name} ← ${JSON.stringify(text.slice(0, 300))}`;
            expectNoStack(what, run);
            if (run.code === 0) expect(run.stdout, what).toMatch(new RegExp(`^${name}: valid (task|targets) file`));
            else expectBadInput(what, run, [name]);
          },
        ),
        fuzzParameters(12, 120_000),
      );
    },
    fuzzTimeout(120_000),
  );

  it(
    'place: placed, not placed, or exit 2 with lines that name the fuzzed file',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fuzzedFile(TASKS).map((text) => ({ text, kind: 'task' as const })),
            fuzzedFile(TARGETS).map((text) => ({ text, kind: 'targets' as const })),
          ),
          async ({ text, kind }) => {
            const name = ws.write(`fuzz-${kind}.yaml`, text);
            const [task, targets] = kind === 'task' ? [name, 'fleet.yaml'] : ['task.yaml', name];
            const run = await runCli(
              ['place', '--task', task, '--targets', targets, '--no-discovery', '--no-history'],
              { cwd: ws.dir },
            );
            const what = `place --${kind} ${name} ← ${JSON.stringify(text.slice(0, 300))}`;
            expectNoStack(what, run);
            if (run.code !== 0 && run.code !== 1) expectBadInput(what, run, [name]);
          },
        ),
        fuzzParameters(12, 120_000),
      );
    },
    fuzzTimeout(120_000),
  );

  // The file's extension as users save each source; the catalog's cloud named, as its path does not.
  const SOURCES = {
    kubernetes: { ext: 'json', args: [] },
    slurm: { ext: 'txt', args: [] },
    nomad: { ext: 'json', args: [] },
    catalog: { ext: 'csv', args: ['--cloud', 'aws'] },
  } as const;

  for (const kind of SOURCE_KINDS) {
    const { ext, args } = SOURCES[kind];
    const samples = [...FLEET_FIXTURES[kind].json, ...FLEET_FIXTURES[kind].text];
    it(
      `import ${kind}: targets, or exit 2 with lines that name the file`,
      async () => {
        await fc.assert(
          fc.asyncProperty(fuzzedFile(samples, ext), async (text) => {
            const name = ws.write(`fuzz-nodes.${ext}`, text);
            const run = await runCli(['import', kind, '--file', name, ...args, '--json'], { cwd: ws.dir });
            const what = `import ${kind} --file ${name} ← ${JSON.stringify(text.slice(0, 300))}`;
            expectNoStack(what, run);
            if (run.code !== 0) expectBadInput(what, run, [name]);
          }),
          fuzzParameters(6, 120_000),
        );
      },
      fuzzTimeout(120_000),
    );
  }
});
