// Browser mode over a real socket: the built CLI's `serve`, called as a browser or a script would.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/cli-harness.js';
import { tempDir } from '../../temp-dir.js';

interface Served {
  child: ChildProcess;
  port: number;
  token: string;
}

const running: ChildProcess[] = [];
afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
});

/** Starts `serve --port 0` and waits for its first line, the URL with the token. */
function serve(dataDir: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, XDG_DATA_HOME: dataDir },
    });
    running.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Placement Explorer: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)\n/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), token: m[2]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

interface Reply {
  status: number;
  body: string;
}

/** One HTTP call with full control of the headers (Host and Origin included). */
function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'POST',
        headers: { 'Content-Type': 'application/json', ...options.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens /api/events, runs `trigger` once the stream is connected, and collects it until `marker` arrives. */
function streamUntil(s: Served, marker: string, trigger: () => Promise<unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: s.port, path: `/api/events?token=${s.token}`, method: 'GET' },
      (res) => {
        let text = '';
        let triggered = false;
        res.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes(marker)) {
            resolve(text);
            req.destroy();
          } else if (!triggered && text.includes(': connected')) {
            triggered = true;
            trigger().catch(reject);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const auth = (s: Served) => ({ Authorization: `Bearer ${s.token}` });
const task = (name: string) => ({ task: { task: { name, requirements: { cpu: 1 } } } });

describe('serve', () => {
  it('answers a placement with the token, records it in history, logs it and counts it in /metrics', async () => {
    const dir = tempDir('pe-serve-');
    const s = await serve(dir);
    const placed = await call(s.port, '/api/placement.place', { headers: auth(s), body: task('api-1') });
    expect(placed.status, placed.body).toBe(200);
    const result = JSON.parse(placed.body) as { success: boolean; selectedTarget: string; requestId: string };
    expect(result).toMatchObject({ success: true, selectedTarget: 'local' });
    const listed = JSON.parse((await call(s.port, '/api/history.list', { headers: auth(s), body: {} })).body) as {
      entries: { requestId: string }[];
    };
    expect(listed.entries.map((e) => e.requestId)).toEqual([result.requestId]);
    const metrics = await call(s.port, '/metrics', { method: 'GET', headers: auth(s) });
    expect(metrics.body).toContain(
      'placement_explorer_placements_total{strategy="auto",outcome="placed",target="local"} 1',
    );
    const logged = readFileSync(join(dir, 'placement-explorer.log'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.find((l) => l['msg'] === 'placement')).toMatchObject({
      requestId: result.requestId,
      success: true,
      target: 'local',
    });
    expect(logged.find((l) => l['msg'] === 'discovery')).toMatchObject({ target: 'local' });
  });

  it('refuses a missing or wrong token, a foreign Host and a foreign Origin', async () => {
    const s = await serve(tempDir('pe-serve-'));
    expect((await call(s.port, '/api/targets.list', { body: {} })).status).toBe(401);
    expect(
      (await call(s.port, '/api/targets.list', { headers: { Authorization: 'Bearer nope' }, body: {} })).status,
    ).toBe(401);
    expect((await call(s.port, '/metrics', { method: 'GET' })).status).toBe(401);
    expect(
      (await call(s.port, '/api/targets.list', { headers: { ...auth(s), Host: `evil.example:${s.port}` }, body: {} }))
        .status,
    ).toBe(403);
    expect(
      (await call(s.port, '/api/targets.list', { headers: { ...auth(s), Origin: 'http://evil.example' }, body: {} }))
        .status,
    ).toBe(403);
    const ok = await call(s.port, '/api/targets.list', {
      headers: { ...auth(s), Origin: `http://127.0.0.1:${s.port}` },
      body: {},
    });
    expect(ok.status).toBe(200);
    expect(ok.body).not.toMatch(/access-control/i);
    // Through an SSH tunnel that keeps the port, the browser says localhost: allowed; another port is not.
    const tunnelled = { ...auth(s), Host: `localhost:${s.port}`, Origin: `http://localhost:${s.port}` };
    expect((await call(s.port, '/api/targets.list', { headers: tunnelled, body: {} })).status).toBe(200);
    expect(
      (await call(s.port, '/api/targets.list', { headers: { ...auth(s), Host: `localhost:${s.port + 1}` }, body: {} }))
        .status,
    ).toBe(403);
  });

  it('answers a payload its schema rejects with 400 and the path of each problem', async () => {
    const s = await serve(tempDir('pe-serve-'));
    const bad = await call(s.port, '/api/placement.place', {
      headers: auth(s),
      body: { task: { task: { name: 'x', requirements: { cpu: 'lots' } } }, extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({
      code: 'invalid-input',
      issues: [{ path: 'extra', message: 'unknown key' }],
    });
    const badTask = await call(s.port, '/api/placement.place', {
      headers: auth(s),
      body: { task: { task: { name: 'x', requirements: { cpu: 'lots' } } } },
    });
    expect(JSON.parse(badTask.body)).toEqual({
      code: 'invalid-input',
      issues: [{ path: 'task.task.requirements.cpu', message: 'expected a number ≥ 0 (logical cores), got "lots"' }],
    });
    expect(
      (await call(s.port, '/api/placement.place', { headers: auth(s), body: undefined, method: 'POST' })).status,
    ).toBe(400);
    expect((await call(s.port, '/api/no.such', { headers: auth(s), body: {} })).status).toBe(404);
  });

  it('streams placement events to /api/events', async () => {
    const s = await serve(tempDir('pe-serve-'));
    const text = await streamUntil(s, 'event: placement.completed', () =>
      call(s.port, '/api/placement.place', { headers: auth(s), body: task('sse') }),
    );
    expect(text).toMatch(/event: placement\.completed\ndata: \{.*"taskName":"sse"/);
  });

  it('streams discovery progress while a discovery runs', async () => {
    const s = await serve(tempDir('pe-serve-'));
    const text = await streamUntil(s, '"phase":"finished"', () =>
      call(s.port, '/api/capabilities.refresh', { headers: auth(s), body: {} }),
    );
    expect(text).toContain('event: discovery.progress\ndata: {"targetId":"local","phase":"started"}');
    expect(text).toContain('event: discovery.progress\ndata: {"targetId":"local","phase":"finished"}');
  });

  it('after kill -9 and a torn last line, a restarted server lists every answered placement and replays one', async () => {
    const dir = tempDir('pe-serve-');
    const first = await serve(dir);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          JSON.parse(
            (await call(first.port, '/api/placement.place', { headers: auth(first), body: task(`k${i}`) })).body,
          ) as { requestId: string }
        ).requestId,
      );
    first.child.kill('SIGKILL');
    appendFileSync(join(dir, 'history.jsonl'), '{"event":"PlacementStarted","requestId":"torn');
    const second = await serve(dir);
    const listed = JSON.parse(
      (await call(second.port, '/api/history.list', { headers: auth(second), body: {} })).body,
    ) as { entries: { requestId: string }[]; warnings: string[] };
    expect(listed.entries.map((e) => e.requestId).sort()).toEqual([...ids].sort());
    expect(listed.warnings).toEqual(['history.jsonl line 7: torn (an append cut short); skipped']);
    const replay = JSON.parse(
      (await call(second.port, '/api/history.replay', { headers: auth(second), body: { id: ids[1] } })).body,
    ) as { reproduced: boolean };
    expect(replay.reproduced).toBe(true);
  });
});

describe('serve: configuration and history methods', () => {
  const post = (s: Served, method: string, body: unknown) => call(s.port, `/api/${method}`, { headers: auth(s), body });
  const targetsFile = {
    placement: { strategy: 'cost-optimized' },
    targets: [
      { id: 'local', type: 'local' },
      { id: 'c', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { cpu: 64 } },
    ],
  };

  it('targets.save validates, saves atomically and is what the next server starts with; settings follow', async () => {
    const dir = tempDir('pe-serve-');
    const first = await serve(dir);
    const bad = await post(first, 'targets.save', { file: { targets: [{ id: 'x', type: 'vm' }] } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).issues[0].path).toBe('file.targets[0].type');
    expect((await post(first, 'targets.save', { file: targetsFile })).status).toBe(200);
    expect(JSON.parse((await post(first, 'settings.set', { tieBreaker: 'id' })).body)).toMatchObject({
      strategy: 'cost-optimized',
      tieBreaker: 'id',
    });
    expect((await post(first, 'settings.set', { strategy: 'fastest' })).status).toBe(400);
    first.child.kill('SIGKILL');
    const second = await serve(dir);
    expect(JSON.parse((await post(second, 'targets.list', {})).body).targets.map((t: { id: string }) => t.id)).toEqual([
      'local',
      'c',
    ]);
    expect(JSON.parse((await post(second, 'settings.get', {})).body)).toMatchObject({
      strategy: 'cost-optimized',
      tieBreaker: 'id',
    });
  });

  it('capabilities.get, capabilities.refresh and targets.probe', async () => {
    const s = await serve(tempDir('pe-serve-'));
    const got = JSON.parse((await post(s, 'capabilities.get', {})).body) as {
      targetId: string;
      cached: boolean;
      capabilities: { os: string };
    };
    expect(got).toMatchObject({ targetId: 'local', cached: false, capabilities: { os: 'linux' } });
    expect(JSON.parse((await post(s, 'capabilities.get', {})).body).cached).toBe(true);
    expect(JSON.parse((await post(s, 'capabilities.refresh', {})).body).cached).toBe(false);
    expect((await post(s, 'capabilities.get', { targetId: 'nope' })).status).toBe(404);
    expect(JSON.parse((await post(s, 'targets.probe', { targetId: 'local' })).body)).toMatchObject({
      ok: true,
      report: { targetId: 'local', cached: false },
    });
  });

  it('history.list filters and pages; history.get returns the inputs and result; history.clear empties it', async () => {
    const s = await serve(tempDir('pe-serve-'));
    await post(s, 'targets.save', { file: targetsFile });
    for (const name of ['a', 'b', 'c']) await post(s, 'placement.place', task(name));
    await post(s, 'placement.place', { ...task('d'), options: { strategy: 'auto' } });
    const byStrategy = JSON.parse((await post(s, 'history.list', { strategy: 'cost-optimized', limit: 2 })).body) as {
      entries: { taskName: string }[];
      total: number;
    };
    expect(byStrategy.total).toBe(3);
    expect(byStrategy.entries.map((e) => e.taskName)).toEqual(['c', 'b']);
    const page2 = JSON.parse(
      (await post(s, 'history.list', { strategy: 'cost-optimized', limit: 2, offset: 2 })).body,
    ) as { entries: { taskName: string }[] };
    expect(page2.entries.map((e) => e.taskName)).toEqual(['a']);
    const one = JSON.parse((await post(s, 'history.list', { taskName: 'd' })).body) as {
      entries: { requestId: string }[];
    };
    const full = JSON.parse((await post(s, 'history.get', { id: one.entries[0]!.requestId })).body) as {
      inputs: unknown;
      result: { taskName: string };
    };
    expect(full.result.taskName).toBe('d');
    expect(full.inputs).not.toBeNull();
    expect(JSON.parse((await post(s, 'history.clear', {})).body)).toEqual({ cleared: 4 });
    expect(JSON.parse((await post(s, 'history.list', {})).body).total).toBe(0);
  });
});
