// `discover --target` and `place` over a real sshd on loopback, through the built CLI.
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
      'cpu: needs 1 core, unknown on this target',
    );
  });
});
