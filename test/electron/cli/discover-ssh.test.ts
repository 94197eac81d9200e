// `discover --target` and `place` over a real sshd on loopback, through the built CLI.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../../shared/schema/capabilities.js';
import { placementResult } from '../../../shared/schema/result.js';
import { freePort, startSshd, type TestSshd } from '../discovery/sshd.js';
import { cliWorkspace, expectNoStackTrace, json } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();
let sshd: TestSshd;
let closedPort: number;

beforeAll(async () => {
  sshd = await startSshd();
  closedPort = await freePort();
  const target = (id: string, port: number) =>
    `  - {id: ${id}, type: ssh, host: 127.0.0.1, port: ${port}, user: ${sshd.user}, probe: true, identityFile: "${sshd.userKey}", knownHostsFile: "${sshd.knownHosts}"}`;
  ws.write('ssh-targets.yaml', `targets:\n${target('box', sshd.port)}\n${target('down', closedPort)}\n`);
});

afterAll(async () => {
  await sshd?.stop();
});

describe('discover over ssh', () => {
  it('probes a real sshd and finds the same CPU count as this machine', async () => {
    const r = await inWs(
      'discover',
      '--target',
      'box',
      '--targets',
      'ssh-targets.yaml',
      '--json',
      '--data-dir',
      ws.path('d1'),
    );
    expect(r.code, r.stderr).toBe(0);
    const found = json(r) as { targetId: string; capabilities: unknown };
    expect(found.targetId).toBe('box');
    const caps = capabilities.parse(found.capabilities);
    expect(caps.cpu).toBe(os.availableParallelism());
    expect(caps.os).toBe('linux');
  });

  it('a closed port exits 1 with one clear line, quickly', async () => {
    const started = Date.now();
    const r = await inWs('discover', '--target', 'down', '--targets', 'ssh-targets.yaml', '--data-dir', ws.path('d2'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`down: connection refused (127.0.0.1:${closedPort})\n`);
    expectNoStackTrace(r.stderr);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('place uses probed capabilities, and keeps the written ones of a target whose probe fails', async () => {
    ws.write('t.yaml', 'task: {name: t, requirements: {cpu: 1}}\n');
    const r = await inWs(
      'place',
      '--task',
      't.yaml',
      '--targets',
      'ssh-targets.yaml',
      '--json',
      '--data-dir',
      ws.path('d3'),
    );
    expect(r.stderr).toBe(
      `warning: down: connection refused (127.0.0.1:${closedPort}); using the capabilities its file writes\n`,
    );
    const result = placementResult.parse(JSON.parse(r.stdout));
    expect(result.selectedTarget).toBe('box');
    expect(result.scores.find((s) => s.targetId === 'down')!.mismatches[0]!.message).toBe(
      'unknown: down does not say how many cores it has (needs 1 core)',
    );
  });

  it('a placement on a target whose probe failed says so: beside the winner, in JSON, in the history and the log', async () => {
    ws.write(
      'unreachable.yaml',
      `targets:\n  - {id: local, type: local, capabilities: {gpus: []}}\n  - {id: gpu-box, type: ssh, host: 127.0.0.1, port: ${closedPort}, probe: true, capabilities: {gpus: [{vendor: nvidia, vramGb: 24}]}}\n`,
    );
    ws.write('gpu-task.yaml', 'task: {name: finetune, requirements: {gpu: true}}\n');
    const dir = ws.path('d-unreachable');
    const warning = `gpu-box: probe failed: connection refused (127.0.0.1:${closedPort}); placed on the capabilities written in the file, which could not be checked`;
    const human = await inWs('place', '--task', 'gpu-task.yaml', '--targets', 'unreachable.yaml', '--data-dir', dir);
    expect(human.code, human.stderr).toBe(0);
    const lines = human.stdout.split('\n');
    expect(lines[0]).toMatch(/^Task 'finetune' → gpu-box /);
    expect(lines[1]).toBe(`⚠ ${warning}`);
    const r = await inWs(
      'place',
      '--task',
      'gpu-task.yaml',
      '--targets',
      'unreachable.yaml',
      '--json',
      '--data-dir',
      dir,
    );
    expect(placementResult.parse(JSON.parse(r.stdout)).warnings).toEqual([warning]);
    // The history keeps why, so that a replay reproduces the warning; the log has one line per placement.
    const history = readFileSync(join(dir, 'history.jsonl'), 'utf8');
    expect(history).toContain(`"unchecked":"probe failed: connection refused (127.0.0.1:${closedPort})"`);
    const replay = await inWs('replay', JSON.parse(r.stdout).requestId, '--data-dir', dir);
    expect(replay.stdout).toContain('reproduced exactly');
    const log = readFileSync(join(dir, 'placement-explorer.log'), 'utf8').trimEnd().split('\n');
    expect(log.map((l) => JSON.parse(l).msg)).toEqual(['placement', 'placement']);
    expect(JSON.parse(log[1]!)).toMatchObject({ target: 'gpu-box', warnings: [warning] });
  });

  it('place uses a failed probe cached within its life instead of probing the host again', async () => {
    ws.write('t.yaml', 'task: {name: t, requirements: {cpu: 1}}\n');
    const place = () =>
      inWs('place', '--task', 't.yaml', '--targets', 'ssh-targets.yaml', '--json', '--data-dir', ws.path('d4'));
    const refusedLine = `warning: down: connection refused (127.0.0.1:${closedPort}); using the capabilities its file writes\n`;
    expect((await place()).stderr).toBe(refusedLine);
    // Now something listens there (and hangs up at once): a new probe would say so, the cached failure does not.
    const hangUp = net.createServer((socket) => socket.destroy());
    await new Promise<void>((r) => hangUp.listen(closedPort, '127.0.0.1', r));
    try {
      expect((await place()).stderr).toBe(refusedLine);
    } finally {
      await new Promise((r) => hangUp.close(r));
    }
  });
});
