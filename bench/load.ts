// Browser mode under load (issue 15): 200 clients (autocannon) against the built CLI's `serve` on
// 127.0.0.1, placing, then comparing; beside them in the same run, the same clients against a bare
// Node HTTP server that echoes each JSON body back (the floor: Node's HTTP and the loopback) and
// against `GET /metrics` (our server's own transport, token check included, without the engine).
// Each server runs in its own process, as `serve` does; autocannon runs in this one.
//
// Part of `npm run bench` (runLoadBench); alone, from the repository root, after `npm run build`:
//   npx esbuild bench/load.ts --bundle --platform=node --format=esm --outfile=node_modules/.cache/load-bench.mjs \
//     && node node_modules/.cache/load-bench.mjs [--json]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A row as bench/bench.ts prints it, with what a load adds: the 90th percentile, the rate and failures. */
export interface LoadRow {
  name: string;
  /** Latency, 50th percentile. */
  medianMs: number;
  p99Ms: number;
  /** Requests answered. */
  n: number;
  p90Ms: number;
  perSecond: number;
  /** Requests not answered 200: other statuses, errors, timeouts. */
  failed: number;
  /**
   * The longest any client waited for its first answer (the run's length for one that got none):
   * under load Node 20+ accepts one connection per turn of its event loop (libuv#3696,
   * nodejs/node#57364), so the last clients to connect wait while the first are served.
   */
  firstAnswerMaxMs: number;
  /** Clients that got no answer at all during the run. */
  unanswered: number;
}

/** Clients, and seconds each measured run lasts. */
export const LOAD = { connections: 200, seconds: 10 };

interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface LoadResult {
  errors: number;
  timeouts: number;
  duration: number;
}
interface Instance extends Promise<LoadResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
/** The part of autocannon's programmatic API used here (it ships no types). */
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
  timeout: number;
}) => Instance;

// Required at run time from node_modules, not bundled (both are CommonJS; autocannon loads files of its own).
const load = createRequire(import.meta.url);
const autocannon = load('autocannon') as Autocannon;
const yaml = load('yaml') as { parse(text: string): unknown };

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Runs one load and times every answer itself (autocannon's histogram is coarser), and each client's first. */
async function measure(name: string, url: string, requests: LoadRequest[], seconds: number): Promise<LoadRow> {
  const times: number[] = [];
  const firstAnswer = new Map<unknown, number>();
  let failed = 0;
  const started = performance.now();
  // A request is given the whole run: a client still waiting to be let in is slow, not failed.
  const instance = autocannon({
    url,
    connections: LOAD.connections,
    duration: seconds,
    requests,
    timeout: seconds + 5,
  });
  instance.on('response', (client, status, _bytes, ms) => {
    if (!firstAnswer.has(client)) firstAnswer.set(client, performance.now() - started);
    if (status === 200) times.push(ms);
    else failed++;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN);
  const unanswered = LOAD.connections - firstAnswer.size;
  return {
    name,
    medianMs: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    n: times.length,
    perSecond: Math.round(times.length / result.duration),
    failed: failed + result.errors,
    firstAnswerMaxMs: Math.round(unanswered > 0 ? result.duration * 1000 : Math.max(...firstAnswer.values())),
    unanswered,
  };
}

/** Starts a process and resolves with the first line of its stdout that matches `ready`. */
function start(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
  });
}

/** The floor: Node's HTTP server reading each JSON body and sending it back, nothing else. */
const ECHO_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

const yamlFile = (name: string) => yaml.parse(readFileSync(join('examples', name), 'utf8'));

/**
 * The load benchmark: 200 clients for LOAD.seconds each against the echo floor, `GET /metrics`,
 * `placement.place` and `placement.compare` (examples/task.yaml on examples/targets.yaml, the local
 * target discovered, and finetune-7b.yaml on gpu-targets.yaml, in turn).
 */
export async function runLoadBench(seconds = LOAD.seconds): Promise<LoadRow[]> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'pe-bench-load-'));
  const children: ChildProcess[] = [];
  try {
    const echo = await start(['-e', ECHO_SERVER], /^port (\d+)\n/);
    children.push(echo.child);
    const served = await start(
      [
        'bin/placement-explorer.cjs',
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--targets',
        'examples/targets.yaml',
      ],
      /^Placement Explorer: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)\n/,
    );
    children.push(served.child);
    const url = served.match[1]!;
    const headers = { Authorization: `Bearer ${served.match[2]!}`, 'Content-Type': 'application/json' };
    const bodies = [
      JSON.stringify({ task: yamlFile('task.yaml') }),
      JSON.stringify({ task: yamlFile('finetune-7b.yaml'), targets: yamlFile('gpu-targets.yaml') }),
    ];
    const calls = (method: string): LoadRequest[] =>
      bodies.map((body) => ({ method: 'POST', path: `/api/${method}`, headers, body }));
    const echoUrl = `http://127.0.0.1:${echo.match[1]!}`;
    const echoed: LoadRequest[] = bodies.map((body) => ({ method: 'POST', path: '/', headers, body }));

    // A short run of each first: cold discovery, the JIT, and connections that the timed run re-opens.
    for (const [target, requests] of [
      [echoUrl, echoed],
      [url, calls('placement.place')],
      [url, calls('placement.compare')],
    ] as const)
      await measure('warm-up', target, [...requests], 2);

    return [
      await measure('load/echo-reference', echoUrl, echoed, seconds),
      await measure('load/metrics', url, [{ method: 'GET', path: '/metrics', headers }], seconds),
      await measure('load/place', url, calls('placement.place'), seconds),
      await measure('load/compare', url, calls('placement.compare'), seconds),
    ];
  } finally {
    for (const child of children) child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The rows as a table, each beside the echo floor of the same run. */
export function formatLoadRows(rows: readonly LoadRow[]): string {
  const floor = rows.find((r) => r.name === 'load/echo-reference');
  const columns = ['req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'n', 'failed', '1st max ms', 'no answer', '× echo'];
  const line = (name: string, cells: string[]) =>
    `${name.padEnd(22)}${cells.map((c, i) => c.padStart(Math.max(8, columns[i]!.length + 2))).join('')}\n`;
  return (
    line(`load (${LOAD.connections} clients)`, columns) +
    rows
      .map((r) =>
        line(r.name, [
          String(r.perSecond),
          r.medianMs.toFixed(1),
          r.p90Ms.toFixed(1),
          r.p99Ms.toFixed(1),
          String(r.n),
          String(r.failed),
          String(r.firstAnswerMaxMs),
          String(r.unanswered),
          floor ? `${(r.perSecond / floor.perSecond).toFixed(3)}x` : '',
        ]),
      )
      .join('')
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runLoadBench();
  if (process.argv.includes('--json')) for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
  else process.stdout.write(formatLoadRows(rows));
}
