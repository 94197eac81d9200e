// The file parsers fuzzed: task and targets files (YAML and JSON), and each importer's formats
// (Kubernetes, Slurm JSON and text, Nomad, SkyPilot's catalog CSV), fed arbitrary text, arbitrary
// JSON and YAML, and mutations of the examples and fixtures. Each gives a value or problems (one line
// each, with a path), never a throw, never a hang, and leaves Object.prototype as it was.
import { join } from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import * as z from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSource, SourceError } from '../../electron/fleet/read-source.js';
import { checkTargetsFile, checkTaskFile, detectKind, parseText, type Parsed } from '../../shared/files/parse.js';
import { planImport } from '../../shared/fleet/merge.js';
import { priceNodes } from '../../shared/fleet/pricing.js';
import {
  SOURCE_KINDS,
  sourceKey,
  targetList,
  targetsFile,
  type SourceKind,
  type Target,
} from '../../shared/schema/targets.js';
import { taskOrPipelineFile } from '../../shared/schema/task.js';
import { boundedModule } from './bounded.js';
import {
  damagedText,
  dataWords,
  DEEP_SHAPES,
  deepJson,
  dumpYaml,
  fuzzParameters,
  fuzzTimeout,
  hugeString,
  mutatedJson,
  pollutionSince,
  prototypeSnapshot,
  rawJson,
  schemaWords,
  tokenText,
} from './arbitraries.js';
import { FLEET_FIXTURES, ROOT, TARGETS_EXAMPLES, TASK_EXAMPLES } from './samples.js';

/** One parse taking longer than this is a hang: the inputs here are at most a few hundred kB. */
const HANG_MS = 5_000;

const anyText = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 3, arbitrary: tokenText },
  { weight: 3, arbitrary: rawJson },
);

/** The keys and enum values of task and targets files: mutations can turn one valid file into another. */
const FILE_WORDS = schemaWords(
  [taskOrPipelineFile, targetsFile].map((schema) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })),
);

/** A mutated data file as YAML (js-yaml's dump keeps own `__proto__` keys) or as JSON text. */
function mutatedFile(yamlText: string): fc.Arbitrary<{ text: string; name: string }> {
  return fc.oneof(
    mutatedJson(load(yamlText), FILE_WORDS).map((text) => ({ text, name: 'fuzz.json' })),
    mutatedJson(load(yamlText), FILE_WORDS).map((text) => ({
      text: dumpYaml(JSON.parse(text) as unknown),
      name: 'fuzz.yaml',
    })),
    damagedText(yamlText).map((text) => ({ text, name: 'fuzz.yaml' })),
  );
}

/** Runs `fn`, failing when it throws or takes longer than HANG_MS. */
function timed<T>(what: string, fn: () => T): T {
  const started = performance.now();
  const out = fn();
  expect(performance.now() - started, `${what}: took too long`).toBeLessThan(HANG_MS);
  return out;
}

function expectProblems(what: string, parsed: Parsed<unknown>): void {
  if (parsed.ok) return;
  expect(parsed.problems.length, what).toBeGreaterThan(0);
  for (const p of parsed.problems) {
    expect(typeof p.path, what).toBe('string');
    expect(p.message, what).toMatch(/\S/);
    expect(`${p.path}: ${p.message}`, what).not.toMatch(/[\n\r]/);
  }
}

/** What `validate`, `place` and the API do with a file: parse, tell its kind, check it as each kind. */
function checkFile(text: string, name: string): void {
  const what = `${name} ← ${JSON.stringify(text.slice(0, 300))}`;
  try {
    checkParsed(what, text, name);
  } finally {
    expect(pollutionSince(before), `${what}: polluted a built-in prototype`).toEqual([]);
  }
}

function checkParsed(what: string, text: string, name: string): void {
  const data = timed(what, () => parseText(text, name));
  expectProblems(what, data);
  if (!data.ok) return;
  timed(what, () => detectKind(data.value));
  expectProblems(
    what,
    timed(what, () => checkTaskFile(data.value)),
  );
  expectProblems(
    what,
    timed(what, () => checkTargetsFile(data.value)),
  );
}

/**
 * What an import does with a source's text: read and parse it (a SourceError, one line naming the
 * file, or targets), check the targets as a targets file would, and plan and price the import.
 */
async function checkImport(kind: SourceKind, text: string): Promise<void> {
  const what = `${kind} ← ${JSON.stringify(text.slice(0, 300))}`;
  try {
    await checkImported(what, kind, text);
  } finally {
    expect(pollutionSince(before), `${what}: polluted a built-in prototype`).toEqual([]);
  }
}

async function checkImported(what: string, kind: SourceKind, text: string): Promise<void> {
  const started = performance.now();
  let read;
  try {
    read = await readSource({ kind, text, file: 'fleet.txt', context: 'fuzz' });
  } catch (err) {
    expect(err, `${what}: ${(err as Error).stack}`).toBeInstanceOf(SourceError);
    expect((err as Error).message, what).toMatch(/^fleet\.txt: \S/);
    expect((err as Error).message, what).not.toMatch(/[\n\r]/);
    return;
  } finally {
    expect(performance.now() - started, `${what}: took too long`).toBeLessThan(HANG_MS);
  }
  // An importer that returns targets a targets file would refuse has a bug ("an importer bug").
  const checked = targetList.safeParse(read.targets);
  expect(checked.error?.issues, what).toBeUndefined();
  for (const w of read.warnings) expect(w, what).not.toMatch(/[\n\r]/);
  const plan = planImport([], checked.data!, sourceKey({ kind, ...read.origin, node: '-' }));
  priceNodes(plan.targets);
}

let before: ReturnType<typeof prototypeSnapshot>;
beforeAll(() => {
  before = prototypeSnapshot();
});

describe('task and targets files', () => {
  it(
    'give a value or one-line problems for arbitrary text, as YAML and as JSON',
    () => {
      fc.assert(
        fc.property(anyText, fc.constantFrom('fuzz.yaml', 'fuzz.json'), (text, name) => checkFile(text, name)),
        fuzzParameters(1000),
      );
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'give a value or one-line problems for mutations of every example file',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...TASK_EXAMPLES, ...TARGETS_EXAMPLES).chain(mutatedFile), ({ text, name }) =>
          checkFile(text, name),
        ),
        fuzzParameters(1000),
      );
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'refuse deep nesting, huge files, alias bombs and prototype keys in words',
    () => {
      const texts: [string, string][] = [
        ...DEEP_SHAPES.flatMap((s): [string, string][] => [
          [deepJson(10_000, s), 'deep.json'],
          [deepJson(10_000, s), 'deep.yaml'],
        ]),
        [`${'- '.repeat(5_000)}x`, 'deep.yaml'],
        [Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n'), 'deep.yaml'],
        [`a: &a ${deepJson(90, 'array')}\nb: [*a, *a, *a]\ntask: {name: x}`, 'aliases.yaml'],
        [`task:\n  name: ${hugeString(3_000_000)}\n`, 'huge.yaml'],
        [`{"task": {"name": ${hugeString(3_000_000, true)}}}`, 'huge.json'],
        ['__proto__: {polluted: yes}\ntask: {name: a}\n', 'proto.yaml'],
        ['<<: {__proto__: {polluted: yes}}\ntask: {name: a}\n', 'merge.yaml'],
        ['task:\n  <<: {__proto__: {polluted: yes}}\n  name: a\n', 'merge.yaml'],
        [
          '{"__proto__": {"polluted": "yes"}, "task": {"name": "a", "requirements": {"custom": {"constructor": "x"}}}}',
          'proto.json',
        ],
        ['targets:\n  - {id: a, type: cloud, provider: aws, labels: {constructor: x, toString: y}}\n', 'proto.yaml'],
        ['task: {name: a, requirements: {tools: [__proto__, constructor, "toString>=1"]}}', 'tools.yaml'],
        ['task: !!js/function "function () { return 1 }"', 'tag.yaml'],
        // A map with a length that zod's length checks compare with a number (ToPrimitive throws).
        ['task:\n  name: a\n  affinity: [{length: [{toString: null}]}]\n', 'length.yaml'],
        ['task:\n  name: {length: {valueOf: 1, toString: 2}}\n', 'length.yaml'],
        ['targets:\n  - {id: {length: [{toString: null}]}, type: local}\n', 'length.yaml'],
        ['task: {name: a, requirements: {cpu: 1e309, memoryGb: -0, diskGb: .nan}}', 'numbers.yaml'],
      ];
      for (const [text, name] of texts) checkFile(text, name);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );
});

describe('fleet importers', () => {
  const kinds = fc.constantFrom(...SOURCE_KINDS);

  it(
    'give targets or a one-line SourceError for arbitrary text, in every format',
    async () => {
      await fc.assert(
        fc.asyncProperty(kinds, anyText, async (kind, text) => checkImport(kind, text)),
        fuzzParameters(1000),
      );
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'give targets or a one-line SourceError for mutations of every fixture, fed to every importer',
    async () => {
      const all = Object.values(FLEET_FIXTURES);
      const mutated = fc.oneof(
        fc.constantFrom(...all.flatMap((f) => f.json)).chain((doc) => mutatedJson(JSON.parse(doc))),
        fc.constantFrom(...all.flatMap((f) => [...f.json, ...f.text])).chain(damagedText),
      );
      // Mostly each importer its own format; sometimes another's, which it must refuse in words.
      const own = fc.constantFrom(...SOURCE_KINDS).chain((kind) => {
        const f = FLEET_FIXTURES[kind];
        // The fixture's own keys and values as the mutations' words: `"Type": "gpu"` where it was not.
        const texts = [
          ...f.json.map((doc) => mutatedJson(JSON.parse(doc), dataWords(JSON.parse(doc)))),
          ...[...f.json, ...f.text].map(damagedText),
        ];
        return fc.tuple(fc.constant(kind), fc.oneof(...texts));
      });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 4, arbitrary: own }, { weight: 1, arbitrary: fc.tuple(kinds, mutated) }),
          async ([kind, text]) => checkImport(kind, text),
        ),
        fuzzParameters(1500),
      );
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'plan an import over any configured targets: every id once, in bounded time',
    async () => {
      // Ids that collide the ways renaming can: long ones, ones already prefixed, ones with a suffix.
      const long = 'n'.repeat(100);
      const idPart = fc.constantFrom('a', 'b', long, long.slice(0, 98), 'a-2', 'kubernetes-a', 'kubernetes-a-2');
      const id = fc
        .tuple(fc.nat({ max: 2 }), idPart)
        .map(([prefixes, base]) => `${'kubernetes-'.repeat(prefixes)}${base}`.slice(0, 100));
      const source = (node: string) => ({ kind: 'kubernetes', context: 'c', node, importedAt: '2025-01-01T00:00:00Z' });
      const list = (entries: object[]): Target[] =>
        targetsFile.parse({ targets: entries.map((e) => ({ capabilities: {}, hourlyRate: 0, ...e })) }).targets;
      const merge = boundedModule(join(ROOT, 'shared/fleet/merge.ts'));
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(id, { maxLength: 6 }),
            fc.uniqueArray(id, { maxLength: 6 }),
            fc.uniqueArray(id, { maxLength: 6 }),
            async (handWritten, previous, imported) => {
              const written = list(handWritten.map((i) => ({ id: i, type: 'cloud', provider: 'aws' })));
              const before = list(
                previous
                  .filter((i) => !handWritten.includes(i))
                  .map((i) => ({ id: i, type: 'kubernetes', source: source(i) })),
              );
              const nodes = list(imported.map((i) => ({ id: i, type: 'kubernetes', source: source(i) })));
              const plan = (await merge.call(
                'planImport',
                [[...written, ...before], nodes, 'kubernetes:c'],
                2_000,
              )) as {
                targets: Target[];
              };
              const ids = plan.targets.map((t) => t.id);
              expect(new Set(ids).size, ids.join(' ')).toBe(ids.length);
              expect(ids.length).toBe(written.length + nodes.length);
              expect(targetList.safeParse(plan.targets).error?.issues).toBeUndefined();
            },
          ),
          fuzzParameters(300),
        );
      } finally {
        await merge.close();
      }
    },
    fuzzTimeout(60_000),
  );

  it(
    'refuse deep nesting, huge input and prototype keys in words',
    async () => {
      const texts = [
        ...DEEP_SHAPES.map((s) => deepJson(10_000, s)),
        `{"kind":"List","items":[${deepJson(10_000, 'object')}]}`,
        `{"nodes":[${deepJson(10_000, 'mixed')}]}`,
        `[${deepJson(10_000, 'array')}]`,
        hugeString(4_000_000),
        `NodeName=${'x'.repeat(2_000_000)} Gres=${'gpu:'.repeat(200_000)}`,
        'NodeName=a '.repeat(200_000),
        `InstanceType,vCPUs,MemoryGiB,Price,Region\n${'a,1,1,1,r\n'.repeat(200_000)}`,
        `"${'""'.repeat(1_000_000)}`,
        '{"__proto__":{"polluted":"yes"},"kind":"List","items":[{"__proto__":{"polluted":"yes"},"metadata":{"name":"n","labels":{"__proto__":"x","constructor":"y","kubernetes.io/os":"constructor","kubernetes.io/arch":"toString"}}}]}',
        '{"kind":"Node","metadata":{"name":"__proto__"},"status":{"allocatable":{"__proto__":"1","constructor":"2","cpu":"1e309"}}}',
        '{"nodes":[{"name":"constructor","features":"__proto__,constructor","partitions":["__proto__"],"gres":"gpu:__proto__:1","state":["constructor"]}]}',
        'NodeName=__proto__ Arch=constructor State=toString Gres=gpu:constructor:1 Partitions=__proto__ AvailableFeatures=__proto__,hasOwnProperty',
        '[{"ID":"__proto__","Name":"constructor","Datacenter":"__proto__","NodeClass":"toString","Meta":{"__proto__":"x","constructor":"y"},"Attributes":{"kernel.name":"constructor","cpu.arch":"__proto__"}}]',
        'InstanceType,vCPUs,MemoryGiB,Price,Region,AcceleratorName,Cloud\n__proto__,1,1,1,constructor,toString,__proto__\n',
        // Objects whose own toString or valueOf is not a function: String() and Number() throw on them.
        '[{"Name":"n","Attributes":{"cpu.arch":{"toString":1},"kernel.name":{"valueOf":1,"toString":1},"cpu.numcores":{"valueOf":{}}},"NodeResources":{"Devices":[{"Type":{"toString":"gpu"},"Name":"A100"}]}}]',
        "InstanceType,vCPUs,MemoryGiB,Price,Region,AcceleratorName,AcceleratorCount,GpuInfo\nx,1,1,1,r,,,\"{'Gpus': [{'Name': {'toString': 1}, 'Manufacturer': {'toString': 1}, 'Count': {'valueOf': 1}, 'MemoryInfo': {'SizeInMiB': {'valueOf': 1}}}]}\"\n",
        '{"kind":"Node","metadata":{"name":"n","labels":{"a":{"toString":1}}},"status":{"allocatable":{"cpu":{"toString":1}}}}',
        '{"nodes":[{"name":"n","state":[{"toString":1}],"features":[{"toString":1}],"cpus":{"valueOf":1}}],"errors":[[{"toString":1}]]}',
        // Sizes that overflow to Infinity GB once converted from MiB.
        '[{"Name":"n","NodeResources":{"Memory":{"MemoryMB":1e308},"Disk":{"DiskMB":1.7976931348623157e308},"Cpu":{"TotalCpuCores":1e308}}}]',
        '{"nodes":[{"name":"n","state":["IDLE"],"real_memory":1e308,"temporary_disk":{"set":true,"number":1e308},"cpus":1e308}]}',
        `NodeName=n State=IDLE RealMemory=${'9'.repeat(400)} TmpDisk=${'9'.repeat(20)} CPUTot=${'9'.repeat(309)}`,
        '{"kind":"Node","metadata":{"name":"n"},"status":{"allocatable":{"cpu":"1e308","memory":"1e308Ki","ephemeral-storage":"9e307"}}}',
        `InstanceType,vCPUs,MemoryGiB,Price,Region\nx,1e308,1e308,1e308,r\ny,${'9'.repeat(400)},1,1,r\n`,
        // Line breaks in the names and values that warnings and errors quote.
        '{"nodes":[{"name":"a\\nb","state":["WEIRD\\r"],"features":["x y\\n"],"gres":"gpu:my\\nstery:2"}]}',
        '[{"Name":"a\\nb","Status":"down\\n","Meta":{"a\\nb":"c"},"NodeResources":{"Devices":[{"Type":"gpu","Vendor":"x\\ny","Name":"q\\nz","Instances":[{}]}]}}]',
        '{"kind":"Node","metadata":{"name":"a\\nb","labels":{"kubernetes.io/os":"x\\ny"}}}',
        // Names that map to one id, and a name that is what the second's renamed id would be.
        '[{"Name":"a","Status":"ready"},{"Name":"a","Status":"ready"},{"Name":"a-2","Status":"ready"}]',
        '[{"Name":"a-2","Status":"ready"},{"Name":"a","Status":"ready"},{"Name":"a","Status":"ready"},{"Name":"a!","Status":"ready"}]',
        `{"nodes":[{"name":"a","state":["IDLE"]},{"name":"a!","state":["IDLE"]},{"name":"${'n'.repeat(300)}","state":["IDLE"]}]}`,
      ];
      for (const kind of SOURCE_KINDS) for (const text of texts) await checkImport(kind, text);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(120_000),
  );
});
