// What the fuzzers feed every input: arbitrary JSON as raw text (so that `__proto__` arrives as an
// own key, as JSON.parse makes it, and numbers such as 1e309 and -0 arrive as written), hostile keys
// and strings, deep nesting, huge strings, and mutations of valid inputs that reach deeper checks.
import fc from 'fast-check';
import { dump } from 'js-yaml';

/** How many runs each property makes: FUZZ_RUNS scales them all (FUZZ_RUNS=10 for a long local hunt). */
export const RUNS_SCALE = Number(process.env['FUZZ_RUNS'] ?? 1) || 1;

/** A test's time limit, scaled as its runs are. */
export const fuzzTimeout = (ms: number): number => Math.round(ms * Math.max(1, RUNS_SCALE));

/**
 * fast-check's parameters: a failure prints its seed and path, which FUZZ_SEED and FUZZ_PATH replay.
 * The runs stop (as passed) at three quarters of the test's time limit `limitMs`, so that a failure
 * found late is still shrunk and reported before the test times out.
 */
export function fuzzParameters(numRuns: number, limitMs = 60_000): fc.Parameters<unknown> {
  const seed = process.env['FUZZ_SEED'];
  const path = process.env['FUZZ_PATH'];
  return {
    numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)),
    ...(seed !== undefined && { seed: Number(seed) }),
    ...(path !== undefined && { path }),
    interruptAfterTimeLimit: Math.round(fuzzTimeout(limitMs) * 0.75),
    markInterruptAsFailure: false,
  };
}

/** Keys that reach Object.prototype when an object is built with `obj[key] = …`, and other odd ones. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
export const ODD_KEYS = [
  ...PROTO_KEYS,
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'polluted',
  '',
  ' ',
  'a.b',
  'a[0]',
  '0',
  '-1',
  'length',
  'then',
] as const;

/** Strings that mean something to YAML, JSON, number parsers, terminals, spreadsheets or path joins. */
export const ODD_STRINGS = [
  ...ODD_KEYS,
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  '1_000',
  'true',
  'null',
  '~',
  'yes',
  '.inf',
  '\u0000',
  '\n',
  'a\nb',
  '\r\n',
  '\t',
  '\u2028',
  '\ud800',
  '\u001b[31mred',
  'ünïcødé ✓ 😀',
  '=HYPERLINK("http://x")',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%s%n',
  '*a',
  '&a',
  '<<',
  '!!js/function',
  '!!binary',
  'local',
  'gpu:a100:4(S:0-1)',
  'NodeName=x',
  '3800m',
  '16Gi',
  '1e3Ki',
] as const;

/** Numbers as JSON text: overflow, underflow, negative zero, past 2^53, and the ordinary. */
export const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '-0',
  '0',
  '-0.0',
  '1e-400',
  '5e-324',
  '1.7976931348623157e308',
  '9007199254740993',
  '123456789012345678901234567890',
  '0.1',
  '-1',
  '1',
  '2',
  '8',
  '24',
  '1E2',
] as const;

export const oddKey = fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 12 }));
export const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);
const rawNumber = fc.oneof(
  fc.constantFrom(...RAW_NUMBERS),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

/** One JSON value as raw text: duplicate and prototype keys kept, numbers as written. */
export const rawJson: fc.Arbitrary<string> = fc.letrec<{ value: string; leaf: string; array: string; object: string }>(
  (tie) => ({
    value: fc.oneof({ depthSize: 'small', maxDepth: 5 }, tie('leaf'), tie('array'), tie('object')),
    leaf: fc.oneof(
      rawNumber,
      fc.constantFrom('true', 'false', 'null'),
      oddString.map((s) => JSON.stringify(s)),
    ),
    array: fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
    object: fc
      .array(fc.tuple(oddKey, tie('value')), { maxLength: 5 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  }),
).value;

/** A JS value of the kinds JSON.parse makes, with odd keys, strings and numbers in it. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: rawJson.map((text) => JSON.parse(text) as unknown) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(Infinity, -Infinity, NaN, -0, 1e308, 2 ** 53 + 2, -1, 0.5, 1e-7) },
);

/** `[[[…]]]`, `{"a":{"a":…}}` and mixes, `depth` deep, as JSON text (built without recursion). */
export function deepJson(depth: number, shape: 'array' | 'object' | 'mixed'): string {
  if (shape === 'array') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  if (shape === 'object') return `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
  return `${'{"__proto__":['.repeat(depth)}1${']}'.repeat(depth)}`;
}

export const DEEP_SHAPES = ['array', 'object', 'mixed'] as const;

/** A string of `size` characters as JSON text: ASCII, or multi-byte. */
export function hugeString(size: number, multiByte = false): string {
  return JSON.stringify(multiByte ? 'é😀'.repeat(Math.ceil(size / 3)) : 'x'.repeat(size));
}

/** Placeholders replaced in the JSON text of a mutated value by something too big to build as an object. */
const DEEP_MARK = '\u0000fuzz-deep\u0000';
const HUGE_MARK = '\u0000fuzz-huge\u0000';
// As JSON.stringify writes the mark (`\u0000` escaped), so the regular expression holds no control character.
const RAW_MARK = /"\\u0000fuzz-raw:(\d+)\\u0000"/g;

/** Raw number texts (`1e309`, `-0`) JSON.stringify cannot write, kept as placeholders until the text is made. */
const rawNumberMark = fc
  .constantFrom(...RAW_NUMBERS.map((_, i) => i))
  .map((i) => `\u0000fuzz-raw:${i}\u0000` as unknown);

/** What a mutation puts in: an odd value, or (rarely) something deep or huge. */
const insertion: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: oddValue },
  { weight: 2, arbitrary: rawNumberMark },
  { weight: 1, arbitrary: fc.constant(DEEP_MARK) },
  { weight: 1, arbitrary: fc.constant(HUGE_MARK) },
);

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const k of Object.keys(value)) pathsOf((value as Record<string, unknown>)[k], [...path, k], out);
  return out;
}

/** Sets an own property, even `__proto__` (which `obj[key] = v` would take as the prototype). */
function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Mutation {
  at: number;
  op: 'replace' | 'delete' | 'add' | 'rename';
  key: string;
  value: unknown;
}

function applyMutation(root: unknown, m: Mutation): unknown {
  const paths = pathsOf(root);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.op === 'add' && typeof root === 'object' && root !== null ? root : m.value;
  let parent = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const here = parent[last];
  if (m.op === 'delete' || (m.op === 'rename' && !Array.isArray(parent))) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
    // A key renamed keeps its value: a valid label or tool under `constructor` or `__proto__`.
    if (m.op === 'rename') setOwn(parent, m.key, here);
  } else if (m.op === 'add' && typeof here === 'object' && here !== null) {
    if (Array.isArray(here)) here.push(m.value);
    else setOwn(here, m.key, m.value);
  } else setOwn(parent, last, m.value);
  return root;
}

function mutation(words: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.record({
    at: fc.nat(),
    op: fc.oneof(
      { weight: 3, arbitrary: fc.constant('replace' as const) },
      fc.constantFrom('delete' as const, 'add' as const, 'rename' as const),
    ),
    key: words.length > 0 ? fc.oneof(oddKey, fc.constantFrom(...words)) : oddKey,
    value: words.length > 0 ? fc.oneof(insertion, fc.constantFrom(...words)) : insertion,
  });
}

/** JSON text of `value`, with the deep and huge placeholders swapped for the real thing. */
export function toJsonText(value: unknown, deep = 2_000, huge = 200_000): string {
  return JSON.stringify(value)
    .replaceAll(JSON.stringify(DEEP_MARK), () => deepJson(deep, 'mixed'))
    .replaceAll(JSON.stringify(HUGE_MARK), () => hugeString(huge))
    .replace(RAW_MARK, (_, i: string) => RAW_NUMBERS[Number(i)]!);
}

/**
 * A valid value with one to three fields replaced, deleted, renamed or added at random paths (keys
 * include `__proto__` and its kin, as own keys), as JSON text: the checks behind the first field a
 * schema accepts get their turn. `words` (a schema's keys and enum values) are tried as keys and values
 * too, so that a mutation can turn one valid payload into another (`kind: slurm` for `kubernetes`).
 */
export function mutatedJson(valid: unknown, words: readonly string[] = []): fc.Arbitrary<string> {
  return fc
    .array(mutation(words), { minLength: 1, maxLength: 3 })
    .map((ms) => toJsonText(ms.reduce(applyMutation, structuredClone(valid))));
}

/** The same mutations as plain data (for callers that take values, not text: the IPC table, the importers). */
export function mutatedValue(valid: unknown, words: readonly string[] = []): fc.Arbitrary<unknown> {
  return mutatedJson(valid, words).map((text) => JSON.parse(text) as unknown);
}

/** Every key and short string of a document: the words a valid input of its kind is made of. */
export function dataWords(doc: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length <= 40) out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null)
      for (const [k, child] of Object.entries(v)) {
        out.add(k);
        walk(child);
      }
  };
  walk(doc);
  return [...out].sort();
}

/** Every key, enum value and literal a JSON Schema names: the words a valid payload is made of. */
export function schemaWords(schema: unknown, out = new Set<string>()): string[] {
  if (Array.isArray(schema)) for (const s of schema) schemaWords(s, out);
  else if (typeof schema === 'object' && schema !== null) {
    const node = schema as Record<string, unknown>;
    for (const v of [...(Array.isArray(node['enum']) ? node['enum'] : []), node['const']])
      if (typeof v === 'string') out.add(v);
    if (typeof node['properties'] === 'object' && node['properties'] !== null)
      for (const k of Object.keys(node['properties'])) out.add(k);
    for (const v of Object.values(node)) if (typeof v === 'object') schemaWords(v, out);
  }
  return [...out].sort();
}

/** Pieces of YAML, JSON, CSV and scontrol syntax, glued into text that is almost something. */
export const TOKENS = [
  ...ODD_STRINGS,
  ':',
  ': ',
  '- ',
  '-',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '\n',
  '\n  ',
  '  ',
  '#',
  '? ',
  '|',
  '>',
  '&x ',
  '*x',
  '<<: ',
  '!!str ',
  '!!float ',
  '!!js/undefined ',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  'task',
  'pipeline',
  'targets',
  'placement',
  'requirements',
  'nodes',
  'id',
  'type',
  'capabilities',
  'gpus',
  'cpu',
  'memoryGb',
  'kind',
  'items',
  'metadata',
  'status',
  'allocatable',
  'NodeName=',
  'Gres=',
  'State=',
  'RealMemory=',
  ' ',
  '=',
  '(',
  ')',
  'InstanceType,vCPUs,MemoryGiB,Price,Region\n',
  '"a,b"',
  '""',
  '\r',
  '\uFEFF',
];
export const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));

/** Text cut, spliced and repeated: a file damaged in the ways files are (truncated, merged, edited). */
export function damagedText(base: string): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    length: fc.nat({ max: 40 }),
    insert: fc.oneof(oddString, tokenText, fc.constant('')),
  });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce((text, e) => {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.insert + text.slice(at + e.length);
    }, base),
  );
}

/** YAML of a value (js-yaml's dump keeps own `__proto__` keys); JSON, which YAML reads too, when too deep to dump. */
export function dumpYaml(value: unknown): string {
  try {
    return dump(value, { lineWidth: -1, noRefs: true });
  } catch {
    return JSON.stringify(value);
  }
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];

interface Snapshot {
  /** `Object.toString` → that property's descriptor. */
  descriptors: Map<string, PropertyDescriptor>;
}

const nameOf = (proto: object, key: string | symbol) =>
  `${(proto as { constructor: { name: string } }).constructor.name}.${String(key)}`;

/** Every property of the built-in prototypes, by identity: a pollution adds a key or replaces a value. */
export function prototypeSnapshot(): Snapshot {
  const descriptors = new Map<string, PropertyDescriptor>();
  for (const proto of PROTOTYPES)
    for (const key of Reflect.ownKeys(proto))
      descriptors.set(nameOf(proto, key), Object.getOwnPropertyDescriptor(proto, key)!);
  return { descriptors };
}

/**
 * What changed on the built-in prototypes since `before` (and `{}` having a property it should not),
 * put back as it was, so that the next run (and fast-check's shrinking) starts clean.
 */
export function pollutionSince(before: Snapshot): string[] {
  const changed: string[] = [];
  for (const proto of PROTOTYPES)
    for (const key of Reflect.ownKeys(proto)) {
      const name = nameOf(proto, key);
      const was = before.descriptors.get(name);
      const now = Object.getOwnPropertyDescriptor(proto, key)!;
      if (was === undefined) {
        changed.push(name);
        delete (proto as Record<string | symbol, unknown>)[key];
      } else if ((was.value ?? was.get) !== (now.value ?? now.get)) {
        changed.push(name);
        Object.defineProperty(proto, key, was);
      }
    }
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'a', 'x', 'isAdmin', 'kind', 'type', 'id', 'name'])
    if (probe[key] !== undefined) changed.push(`({}).${key}`);
  return changed;
}
