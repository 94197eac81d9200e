import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../temp-dir.js';
import { findOnPath, probeTools } from '../../../electron/discovery/tools.js';

/** A directory of real executables standing in for tools, each a small sh script. */
function fakeBin(scripts: Record<string, string>): string {
  const dir = tempDir('pe-tools-');
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe('probeTools', () => {
  it('finds real tools on PATH with the versions they print', async () => {
    const { tools } = await probeTools(['git', 'node', 'no-such-tool-here'], process.env['PATH']!, 5000);
    const git = /(\d+\.\d+\.\d+)/.exec(execFileSync('git', ['--version'], { encoding: 'utf8' }))![1];
    expect(tools['git']).toBe(git);
    expect(tools['node']).toBe(process.versions.node);
    expect('no-such-tool-here' in tools).toBe(false);
  });

  it('another node on PATH is asked its version: only the Node running discovery answers without a process', async () => {
    const bin = fakeBin({ node: 'echo v18.19.1' });
    expect((await probeTools(['node'], bin, 5000)).tools).toEqual({ node: '18.19.1' });
    const { tools } = await probeTools(['node'], dirname(process.execPath), 5000);
    expect(tools).toEqual({ node: process.versions.node });
  });

  it('reads versions from stderr too, and uses client-only flags', async () => {
    const bin = fakeBin({
      java: 'if [ "$1" = "-version" ]; then echo \'openjdk version "17.0.15" 2025-04-15\' >&2; else exit 9; fi',
      kubectl:
        'if [ "$1 $2" = "version --client" ]; then echo "Client Version: v1.30.1"; else echo "contacted the cluster"; exit 1; fi',
    });
    const { tools, warnings } = await probeTools(['java', 'kubectl'], bin, 5000);
    expect(tools).toEqual({ java: '17.0.15', kubectl: '1.30.1' });
    expect(warnings).toEqual([]);
  });

  it('a tool that hangs is present with an unknown version and a warning, and does not stall discovery', async () => {
    const bin = fakeBin({ slow: 'sleep 30', fast: 'echo "fast 1.2.3"' });
    const started = Date.now();
    const { tools, warnings } = await probeTools(['slow', 'fast'], bin, 300);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(tools).toEqual({ fast: '1.2.3', slow: null });
    expect(warnings).toEqual(['slow: no answer to its version call within 300 ms; version unknown']);
  });

  it('a tool that crashes is present with an unknown version and a warning', async () => {
    const bin = fakeBin({ crashy: 'kill -SEGV $$' });
    const { tools, warnings } = await probeTools(['crashy'], bin, 5000);
    expect(tools).toEqual({ crashy: null });
    expect(warnings[0]).toMatch(/^crashy: its version call crashed/);
  });

  it('a shim that fails its version call is not a working tool', async () => {
    const bin = fakeBin({ python3: 'echo "pyenv: python3: command not found" >&2; exit 127' });
    const { tools, warnings } = await probeTools(['python3'], bin, 5000);
    expect(tools).toEqual({});
    expect(warnings[0]).toMatch(/^python3: on PATH but its version call fails/);
  });

  it('ignores names that are not tool names, and never runs them through a shell', async () => {
    const bin = fakeBin({ safe: 'echo "safe 1.0.0"' });
    const { tools } = await probeTools(['safe', 'x; touch /tmp/pwned', '../../bin/sh'], bin, 5000);
    expect(tools).toEqual({ safe: '1.0.0' });
  });
});

describe('findOnPath', () => {
  it('returns the first executable match, skipping non-executables', async () => {
    const a = fakeBin({});
    writeFileSync(join(a, 'tool'), 'not executable');
    const b = fakeBin({ tool: 'true' });
    expect(await findOnPath('tool', `${a}:${b}`)).toBe(join(b, 'tool'));
    expect(await findOnPath('tool', a)).toBeNull();
  });

  it('the first directory of PATH wins when several hold the tool, wherever the others are', async () => {
    const dirs = [fakeBin({}), fakeBin({ tool: 'true' }), fakeBin({}), fakeBin({ tool: 'true' })];
    expect(await findOnPath('tool', ['', ...dirs, ''].join(':'))).toBe(join(dirs[1]!, 'tool'));
    expect(await findOnPath('tool', [dirs[3], dirs[1]].join(':'))).toBe(join(dirs[3]!, 'tool'));
  });
});
