// End-to-end tests of `discover` on this machine, through the built CLI.
import { execFileSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { readCgroupLimits } from '../../../electron/discovery/cgroups.js';
import { capabilities } from '../../../shared/schema/capabilities.js';
import { cliWorkspace, expectNoStackTrace, json, linesOf } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();

const versionOf = (cmd: string, args: string[]) =>
  /(\d+\.\d+\.\d+)/.exec(execFileSync(cmd, args, { encoding: 'utf8' }))![1];

interface Found {
  targetId: string;
  capabilities: unknown;
  warnings: string[];
  cached: boolean;
  ageMs: number;
  toolsProbed: string[];
}

describe('discover', () => {
  it('reports this machine: cgroup-effective CPU and memory, disk, no GPU, linux/x64, network, tool versions', async () => {
    const r = await inWs('discover', '--json', '--refresh', '--data-dir', ws.path('data-a'));
    expect(r.code, r.stderr).toBe(0);
    const found = json(r) as Found;
    const caps = capabilities.parse(found.capabilities);
    const limits = await readCgroupLimits();
    expect(caps.cpu).toBe(Math.min(os.availableParallelism(), limits.cpu ?? Infinity));
    expect(caps.memoryGb).toBe(Math.min(Math.round(os.totalmem() / 1e8) / 10, limits.memoryGb ?? Infinity));
    const fs = statfsSync(os.tmpdir());
    expect(caps.diskGb).toBeCloseTo((fs.bavail * fs.bsize) / 1e9, -1);
    expect(caps.gpus).toEqual([]);
    expect(caps.os).toBe('linux');
    expect(caps.arch).toBe('x64');
    expect(caps.network).toBe(true);
    expect(caps.tools!['git']).toBe(versionOf('git', ['--version']));
    expect(caps.tools!['node']).toBe(process.versions.node);
    expect(found.cached).toBe(false);
  });

  it('serves the second run from the cache, and --refresh discovers again', async () => {
    const dir = ws.path('data-b');
    await inWs('discover', '--json', '--data-dir', dir);
    const again = json(await inWs('discover', '--json', '--data-dir', dir)) as Found;
    expect(again.cached).toBe(true);
    const refreshed = json(await inWs('discover', '--json', '--refresh', '--data-dir', dir)) as Found;
    expect(refreshed.cached).toBe(false);
  });

  it('looks for the tools it is asked about, and looks again when a new one is wanted', async () => {
    const dir = ws.path('data-c');
    await inWs('discover', '--json', '--data-dir', dir);
    const more = json(await inWs('discover', '--json', '--tools', 'sh,no-such-tool-xyz', '--data-dir', dir)) as Found;
    expect(more.cached).toBe(false);
    expect(more.toolsProbed).toContain('no-such-tool-xyz');
    expect(Object.keys((more.capabilities as { tools: object }).tools)).not.toContain('no-such-tool-xyz');
  });

  it('prints a readable summary by default', async () => {
    const r = await inWs('discover', '--data-dir', ws.path('data-d'));
    expect(r.code).toBe(0);
    const lines = linesOf(r.stdout);
    expect(lines[0]).toMatch(/^local: discovered just now in \d+ ms$/);
    for (const label of ['CPU', 'Memory', 'Disk', 'GPUs', 'OS/arch', 'Network', 'Tools'])
      expect(r.stdout).toMatch(new RegExp(`^${label}\\s`, 'm'));
    expect(r.stdout).toMatch(/^GPUs\s+none$/m);
    expect(r.stdout).toContain(`git ${versionOf('git', ['--version'])}`);
    expect(r.stdout).toContain('Sizes are GB (10^9 bytes), rounded to one decimal.');
  });

  it('--target needs --targets, names an existing probed target, and refuses cloud targets', async () => {
    ws.write('t.yaml', 'targets: [{id: c, type: cloud, provider: aws, hourlyRate: 1, capabilities: {cpu: 1}}]\n');
    const alone = await inWs('discover', '--target', 'c');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--target and --targets go together');
    const unknown = await inWs('discover', '--target', 'zz', '--targets', 't.yaml');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('t.yaml: no target with id "zz" (ids: c)\n');
    const cloud = await inWs('discover', '--target', 'c', '--targets', 't.yaml');
    expect(cloud.code).toBe(2);
    expect(cloud.stderr).toContain('is a cloud target');
    expectNoStackTrace(cloud.stderr);
  });

  it('place says where the local capabilities came from and how old they are', async () => {
    const dir = ws.path('data-e');
    ws.write('task.yaml', 'task: {name: t, requirements: {cpu: 1}}\n');
    const first = await inWs('place', '--task', 'task.yaml', '--data-dir', dir);
    expect(first.stdout).toContain('Capabilities: local discovered just now.');
    const second = await inWs('place', '--task', 'task.yaml', '--data-dir', dir);
    expect(second.stdout).toMatch(/Capabilities: local discovered \d+ s ago \(cached\)\./);
  });
});
