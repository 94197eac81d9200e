// Every API method fuzzed, over the real loopback HTTP server and through the handler table itself
// (what Electron IPC calls): arbitrary JSON, prototype keys, deep nesting, huge strings, odd numbers
// and mutations of valid payloads. Each answer is 200, a 400 `invalid-input` naming paths, or one of
// the answers a valid payload may get (404 not-found, 400 probe-failed); never a 5xx, never a hang,
// and the built-in prototypes stay as they were. A failure prints fast-check's seed and path:
// `FUZZ_SEED=… FUZZ_PATH=… npx vitest run test/fuzz/api.test.ts -t '<test>'` replays it.
import { mkdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ApiMethod } from '../../shared/api/contract.js';
import { ApiCallError, createHandlers, type Handlers } from '../../electron/api/handlers.js';
import { createMetrics } from '../../electron/api/metrics.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/http-server.js';
import { placementOptions, SOURCE_KINDS, targetsFile } from '../../shared/schema/targets.js';
import { taskOrPipelineFile } from '../../shared/schema/task.js';
import { tempDir } from '../temp-dir.js';
import {
  damagedText,
  DEEP_SHAPES,
  deepJson,
  fuzzParameters,
  fuzzTimeout,
  hugeString,
  mutatedJson,
  mutatedValue,
  oddValue,
  pollutionSince,
  prototypeSnapshot,
  rawJson,
  schemaWords,
} from './arbitraries.js';
import { FLEET_FIXTURES } from './samples.js';

const METHODS = Object.keys(API) as ApiMethod[];
const FILE_SCHEMAS = [taskOrPipelineFile, targetsFile].map((s) =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }),
);
/** A request that takes longer than this is a hang (a placement here takes milliseconds). */
const HANG_MS = 10_000;

// A fleet whose capabilities are written (discovery off), with an ssh target that refuses at once
// (port 1 on loopback), so that no call waits on the network.
const TARGETS_FILE = {
  placement: { strategy: 'auto', discoveryEnabled: false, cacheMinutes: 5 },
  targets: [
    { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16, diskGb: 100, gpus: [], os: 'linux' } },
    {
      id: 'box',
      type: 'ssh',
      host: '127.0.0.1',
      port: 1,
      user: 'nobody',
      probe: true,
      labels: { site: 'lab' },
      capabilities: { cpu: 32, memoryGb: 128, gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }] },
    },
    {
      id: 'cloud',
      type: 'cloud',
      provider: 'aws',
      hourlyRate: 1.006,
      labels: { region: 'us-east-1' },
      capabilities: { cpu: 4, memoryGb: 16, gpus: [{ vendor: 'nvidia', vramGb: 24 }], tools: { docker: '27.1.1' } },
    },
  ],
};
const TASK_FILE = {
  task: {
    name: 'fuzz',
    requirements: {
      cpu: 2,
      memoryGb: 8,
      gpu: { type: 'cuda', minVram: 8 },
      tools: ['docker>=24'],
      maxCost: 5,
      custom: { region: 'us-east-1' },
    },
    preferences: { memoryGb: 64 },
    affinity: ['region=us-east-1'],
    antiAffinity: ['box'],
    estimate: { minutes: 60, on: { gpu: 'A10G' } },
  },
};
const PIPELINE_FILE = {
  pipeline: {
    name: 'p',
    nodes: [
      { id: 'a', requirements: { cpu: 1 } },
      { id: 'b', requirements: { gpu: true } },
    ],
  },
};
const K8S_NODES = FLEET_FIXTURES.kubernetes.json[1]!;
const PLACEMENT = { task: TASK_FILE, targets: TARGETS_FILE, options: { strategy: 'cost-optimized' }, whyNot: true };

/**
 * A valid payload of each method, the seed of its mutations. A method added to the contract without
 * one here is still fuzzed, from `{}`.
 */
const VALID: Partial<Record<ApiMethod, unknown>> = {
  'capabilities.get': { targetId: 'cloud', refresh: false },
  'capabilities.refresh': { targetId: 'cloud' },
  'targets.save': { file: TARGETS_FILE },
  'targets.probe': { targetId: 'box' },
  'targets.import': { kind: 'kubernetes', text: K8S_NODES, fileName: 'nodes.json', context: 'gke', apply: false },
  'targets.resolve': { task: PIPELINE_FILE, discover: false },
  'settings.set': { strategy: 'performance', mode: 'burst', discoveryEnabled: false, tieBreaker: 'id' },
  'placement.place': PLACEMENT,
  'placement.compare': { ...PLACEMENT, task: PIPELINE_FILE, whyNot: ['cloud'] },
  'history.list': { limit: 5, offset: 0, strategy: 'auto', outcome: 'placed', since: '2024-01-01', target: 'local' },
  // Set to the id of the placement beforeAll makes.
  'history.get': { id: 'abc' },
  'history.replay': { id: 'abc' },
  'report.export': { kind: 'comparison', format: 'md', task: TASK_FILE, targets: TARGETS_FILE },
};
const validOf = (m: ApiMethod): unknown => VALID[m] ?? {};
/** The keys and enum values of each method's input (and of the files it takes), for the mutations. */
const WORDS = Object.fromEntries(
  METHODS.map((m) => [
    m,
    schemaWords([
      z.toJSONSchema(API[m].input, { io: 'input', unrepresentable: 'any' }),
      ...(/^(placement|report|targets\.(save|resolve))/.test(m) ? FILE_SCHEMAS : []),
    ]),
  ]),
) as Record<ApiMethod, string[]>;

interface Reply {
  status: number;
  body: string;
  ms: number;
}

let server: BrowserServer;
let handlers: Handlers;
let before: ReturnType<typeof prototypeSnapshot>;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const savedEnv = { ...process.env };

/** One `POST /api/<method>` with `body` as the raw request text; a call past HANG_MS is aborted. */
function post(method: string, body: string): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/${method}`,
        method: 'POST',
        agent,
        signal: AbortSignal.timeout(HANG_MS),
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (err) =>
      reject(new Error(`${method}: no answer within ${HANG_MS} ms or the connection broke: ${err.message}`)),
    );
    req.end(body);
  });
}

/** An answer the contract allows: anything but a 5xx, a hang, or a 400 that does not say where. */
function expectAnswer(method: string, sent: string, reply: Reply): void {
  const shown = `${method} ← ${sent.length > 300 ? `${sent.slice(0, 300)}… (${sent.length} chars)` : sent}`;
  expect(pollutionSince(before), `${shown}: polluted a built-in prototype`).toEqual([]);
  expect(reply.ms, `${shown}: took ${Math.round(reply.ms)} ms`).toBeLessThan(HANG_MS);
  expect(reply.status, `${shown} → ${reply.body.slice(0, 500)}`).toBeLessThan(500);
  expect([200, 400, 404], `${shown} → ${reply.body.slice(0, 500)}`).toContain(reply.status);
  const body = JSON.parse(reply.body) as { code?: unknown; issues?: unknown; message?: unknown };
  if (reply.status === 200) {
    // What the client's types promise: the method's output schema holds for every answer.
    const output = (API as Record<string, { output: z.ZodType }>)[method]?.output;
    if (output !== undefined) expect(output.safeParse(body).error?.issues, shown).toBeUndefined();
    expect(reply.body, shown).not.toMatch(/importer bug/);
    return;
  }
  expectError(`${shown} → ${reply.status} ${reply.body.slice(0, 500)}`, body, reply.status === 404 ? 404 : 400);
}

/** An `ApiError` as the transports send it: invalid-input names paths; the others say why in a line. */
function expectError(shown: string, error: { code?: unknown; issues?: unknown; message?: unknown }, status: number) {
  if (status === 404) {
    expect(error.code, shown).toBe('not-found');
    expect(typeof error.message, shown).toBe('string');
    return;
  }
  expect(['invalid-input', 'probe-failed'], shown).toContain(error.code);
  if (error.code === 'probe-failed') {
    expect(typeof error.message, shown).toBe('string');
    return;
  }
  // The one invalid-input answer without issues: a body over the size limit, which has no path.
  if (error.issues === undefined && typeof error.message === 'string' && /request body over/.test(error.message))
    return;
  expect(Array.isArray(error.issues), shown).toBe(true);
  const issues = error.issues as { path?: unknown; message?: unknown }[];
  expect(issues.length, shown).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(typeof issue.path, shown).toBe('string');
    expect(typeof issue.message, shown).toBe('string');
    expect(issue.message as string, shown).not.toBe('');
    expect(issue.message as string, shown).not.toMatch(/\n/);
  }
}

beforeAll(async () => {
  before = prototypeSnapshot();
  // Hermetic: no kubectl, scontrol, ssh or Chromium on PATH, no SkyPilot catalogs, Nomad refusing.
  const home = tempDir('pe-fuzz-home-');
  const bin = join(home, 'bin');
  mkdirSync(bin);
  Object.assign(process.env, { PATH: bin, HOME: home, NOMAD_ADDR: 'http://127.0.0.1:1', KUBECONFIG: join(home, 'kc') });
  const file = targetsFile.parse(TARGETS_FILE);
  const metrics = createMetrics();
  handlers = await createHandlers({
    dataDir: tempDir('pe-fuzz-api-'),
    targets: file.targets,
    options: placementOptions.parse(file.placement),
    metrics,
    emit: (event, payload) => server?.broadcast(event, payload),
    printPdf: async () => new TextEncoder().encode('%PDF-1.4 fuzz'),
  });
  server = await startBrowserServer(handlers, metrics, 0);
  // A placement in the history, so that history.get, replay and reports have something to find.
  const first = await post('placement.place', JSON.stringify({ task: TASK_FILE, targets: TARGETS_FILE }));
  expect(first.status, first.body).toBe(200);
  // Its id in the payloads that name one, so that their mutations start from a call that finds it.
  const { requestId } = JSON.parse(first.body) as { requestId: string };
  VALID['history.get'] = { id: requestId };
  VALID['history.replay'] = { id: requestId.slice(0, 8) };
}, 60_000);

afterAll(async () => {
  agent.destroy();
  handlers?.close();
  await server?.close();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

describe('every API method over HTTP', () => {
  it(
    'has a valid payload for the mutations of each method, and each one is answered 200 or as expected',
    async () => {
      for (const m of METHODS) expectAnswer(m, JSON.stringify(validOf(m)), await post(m, JSON.stringify(validOf(m))));
    },
    fuzzTimeout(60_000),
  );

  it(
    'answers arbitrary JSON with 200 or a 400 naming paths, never a 5xx or a hang',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...METHODS), rawJson, async (method, body) => {
          expectAnswer(method, body, await post(method, body));
        }),
        fuzzParameters(METHODS.length * 40),
      );
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'answers mutations of valid payloads (prototype keys, odd numbers, deep and huge values inside)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...METHODS).chain((m) => fc.tuple(fc.constant(m), mutatedJson(validOf(m), WORDS[m]))),
          async ([method, body]) => {
            expectAnswer(method, body, await post(method, body));
          },
        ),
        fuzzParameters(METHODS.length * 60),
      );
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'answers deep nesting, huge strings, prototype keys and odd numbers at the top of each payload',
    async () => {
      const bodies = [
        ...DEEP_SHAPES.map((s) => deepJson(10_000, s)),
        `{"task":${deepJson(10_000, 'object')},"targets":${deepJson(10_000, 'array')}}`,
        `{"file":{"targets":[${deepJson(10_000, 'mixed')}]}}`,
        `{"kind":"kubernetes","apply":false,"text":${JSON.stringify(deepJson(10_000, 'object'))}}`,
        `{"kind":"slurm","apply":false,"text":${hugeString(5_000_000)}}`,
        `{"id":${hugeString(3_000_000, true)},"targetId":${hugeString(3_000_000)}}`,
        `{"task":{"task":{"name":${hugeString(4_000_000)}}}}`,
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
        '{"task":{"__proto__":{"polluted":"yes"},"task":{"name":"a","__proto__":{"polluted":"yes"}}}}',
        '{"task":{"task":{"name":"a","requirements":{"custom":{"__proto__":{"polluted":"yes"},"constructor":"x"}}}}}',
        '{"targets":{"targets":[{"id":"a","type":"cloud","provider":"aws","labels":{"__proto__":"x","constructor":"y"}}]},"task":{"task":{"name":"a"}}}',
        '{"limit":1e309,"offset":-0,"targetId":-0,"refresh":1e-400,"cacheMinutes":1e309}',
        '{"cacheMinutes":-0,"strategy":"__proto__","mode":"constructor"}',
        // A map with a length that zod's length checks compare with a number (ToPrimitive throws).
        '{"id":{"length":[{"toString":null}]},"targetId":{"length":{"toString":1,"valueOf":1}}}',
        '{"task":{"task":{"name":"a","affinity":[{"length":[{"toString":null}]}]}}}',
        '{"file":{"targets":[{"id":{"length":[{"toString":null}]},"type":"local"}]}}',
        '{"kind":"__proto__","format":"toString","id":"constructor"}',
        `{"kind":"kubernetes","apply":false,"cloud":"aws","cluster":"c","address":"a","text":${JSON.stringify(K8S_NODES)}}`,
        '{"task":{"task":{"name":"a","requirements":{"cpu":1e309,"memoryGb":-0,"diskGb":9007199254740993}}}}',
        '[]',
        'null',
        '"x"',
        '1e309',
        '{"a":1,"a":2}',
        '{',
        '\u0000',
        '',
      ];
      for (const method of METHODS)
        for (const body of bodies) expectAnswer(method, body.slice(0, 200), await post(method, body));
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(120_000),
  );
});

describe('fleet imports over HTTP', () => {
  it(
    'previews and applies damaged fleet files, then places and resolves on what was imported',
    async () => {
      const damagedFleet = fc.constantFrom(...SOURCE_KINDS).chain((kind) => {
        const { json, text } = FLEET_FIXTURES[kind];
        const texts = [...json.map((doc) => mutatedJson(JSON.parse(doc))), ...[...json, ...text].map(damagedText)];
        return fc
          .record({ text: fc.oneof(...texts), apply: fc.boolean(), context: fc.constantFrom('fuzz', 'other') })
          .map(({ context, ...r }) => ({
            kind,
            ...r,
            fileName: kind === 'catalog' ? 'vms.csv' : 'nodes.json',
            // A catalog is scoped by its cloud, which a file's name does not say.
            ...(kind === 'catalog' ? { cloud: 'aws' } : { context }),
          }));
      });
      try {
        await fc.assert(
          fc.asyncProperty(damagedFleet, async (request) => {
            const calls: [string, unknown][] = [
              ['targets.import', request],
              ['placement.place', { task: { task: { name: 'after-import', requirements: { cpu: 1 } } } }],
              ['placement.compare', { task: { task: { name: 'after-import', requirements: { gpu: true } } } }],
              ['targets.resolve', { discover: false }],
              ['targets.list', {}],
            ];
            for (const [method, body] of calls)
              expectAnswer(method, JSON.stringify(body), await post(method, JSON.stringify(body)));
          }),
          fuzzParameters(100),
        );
      } finally {
        // The configuration as the other tests expect it.
        expect((await post('targets.save', JSON.stringify({ file: TARGETS_FILE }))).status).toBe(200);
      }
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );
});

/** The start of a payload as fast-check prints it (cycles, BigInts); JSON when too deep for that. */
function preview(value: unknown): string {
  for (const print of [fc.stringify, JSON.stringify])
    try {
      return String(print(value)).slice(0, 300);
    } catch {
      // too deep or cyclic for this printer: the next one
    }
  return '(unprintable)';
}

describe('every API method through the handler table (the Electron IPC path)', () => {
  /** What an IPC call may end in: an answer, or an ApiCallError the transport sends back as is. */
  async function expectInvoked(method: ApiMethod, payload: unknown): Promise<void> {
    const started = performance.now();
    let outcome: unknown;
    try {
      outcome = await Promise.race([
        handlers.invoke(method, payload),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`hang: no answer in ${HANG_MS} ms`)), HANG_MS)),
      ]);
    } catch (err) {
      outcome = err;
    }
    const shown = `${method} ← ${preview(payload)}`;
    expect(pollutionSince(before), `${shown}: polluted a built-in prototype`).toEqual([]);
    expect(performance.now() - started, shown).toBeLessThan(HANG_MS);
    if (!(outcome instanceof Error)) {
      expect(API[method].output.safeParse(outcome).error?.issues, shown).toBeUndefined();
      return;
    }
    expect(outcome, `${shown}: ${outcome.stack}`).toBeInstanceOf(ApiCallError);
    const error = (outcome as ApiCallError).error;
    expectError(`${shown} → ${JSON.stringify(error)}`, error, error.code === 'not-found' ? 404 : 400);
  }

  // What structured clone (IPC) can carry and JSON cannot: undefined, NaN, Dates, Maps, BigInts, cycles.
  const ipcValue = fc.oneof(
    oddValue,
    fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'task', 'targets')),
    }),
  );

  it(
    'ends every call in an answer or an ApiCallError, never another error',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...METHODS)
            .chain((m) =>
              fc.tuple(
                fc.constant(m),
                fc.oneof(ipcValue, { weight: 2, arbitrary: mutatedValue(validOf(m), WORDS[m]) }),
              ),
            ),
          async ([method, payload]) => expectInvoked(method, payload),
        ),
        fuzzParameters(METHODS.length * 80),
      );
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'answers a payload that contains itself',
    async () => {
      for (const method of METHODS) {
        const cyclic: Record<string, unknown> = { ...(validOf(method) as object) };
        cyclic['self'] = cyclic;
        const task: Record<string, unknown> = { name: 'loop' };
        task['requirements'] = { custom: task };
        await expectInvoked(method, cyclic);
        await expectInvoked(method, { ...(validOf(method) as object), task: { task } });
      }
      expect(pollutionSince(before)).toEqual([]);
    },
    fuzzTimeout(60_000),
  );
});
