import { describe, expect, it } from 'vitest';
import { capabilities } from '../../../shared/schema/capabilities.js';
import { requirements } from '../../../shared/schema/requirements.js';
import { taskFile } from '../../../shared/schema/task.js';
import { targetsFile } from '../../../shared/schema/targets.js';

describe('aliases are normalised once, at parse time', () => {
  it.each([
    ['cuda', 'nvidia'],
    ['rocm', 'amd'],
    ['metal', 'apple'],
    ['nvidia', 'nvidia'],
    ['intel', 'intel'],
  ])('gpu type %s → %s', (alias, canonical) => {
    expect(requirements.parse({ gpu: { type: alias } }).gpu!.type).toBe(canonical);
    expect(capabilities.parse({ gpus: [{ vendor: alias }] }).gpus![0]!.vendor).toBe(canonical);
  });
  it.each([
    ['darwin', 'macos'],
    ['win32', 'windows'],
    ['linux', 'linux'],
  ])('os %s → %s', (alias, canonical) => {
    expect(requirements.parse({ os: alias }).os).toBe(canonical);
    expect(capabilities.parse({ os: alias }).os).toBe(canonical);
  });
  it.each([
    ['amd64', 'x64'],
    ['x86_64', 'x64'],
    ['aarch64', 'arm64'],
    ['arm64', 'arm64'],
  ])('arch %s → %s', (alias, canonical) => {
    expect(requirements.parse({ arch: alias }).arch).toBe(canonical);
    expect(capabilities.parse({ arch: alias }).arch).toBe(canonical);
  });
  it('rejects a name that is no alias', () => {
    expect(requirements.safeParse({ os: 'solaris' }).success).toBe(false);
    expect(requirements.safeParse({ gpu: { type: 'voodoo' } }).success).toBe(false);
  });
});

describe('normal forms', () => {
  it('gpu: true is {required: true}; gpu: false asks for nothing', () => {
    expect(taskFile.parse({ task: { name: 'a', requirements: { gpu: true } } }).task.requirements.gpu).toEqual({
      required: true,
    });
    expect(taskFile.parse({ task: { name: 'a', requirements: { gpu: false } } }).task.requirements).toEqual({});
  });
  it('a gpu block with required: false moves to the preferences', () => {
    const t = taskFile.parse({
      task: { name: 'a', requirements: { gpu: { required: false, type: 'cuda', minVram: 8 } } },
    }).task;
    expect(t.requirements.gpu).toBeUndefined();
    expect(t.preferences.gpu).toEqual({ type: 'nvidia', minVram: 8, required: true });
  });
  it('the normal form parses again to itself (history replays re-read it)', () => {
    const once = taskFile.parse({
      task: { name: 'a', requirements: { gpu: { type: 'rocm' }, os: 'darwin', tools: ['docker>=24'] } },
    });
    expect(taskFile.parse(once)).toEqual(once);
    const targets = targetsFile.parse({
      targets: [{ id: 'l', type: 'local', capabilities: { tools: ['git'], os: 'win32' } }],
    });
    expect(targetsFile.parse(targets)).toEqual(targets);
  });
  it('a tools list becomes a map of unknown versions', () => {
    expect(capabilities.parse({ tools: ['git', 'docker'] }).tools).toEqual({ git: null, docker: null });
  });
  it('fills placement defaults', () => {
    expect(targetsFile.parse({ targets: [] }).placement).toEqual({
      strategy: 'auto',
      mode: 'burst',
      fallbackEnabled: true,
      discoveryEnabled: true,
      cacheMinutes: 5,
      tieBreaker: 'first',
    });
  });
});

describe('strictness', () => {
  it('an unknown key is an error at every level', () => {
    expect(taskFile.safeParse({ task: { name: 'a', extra: 1 } }).success).toBe(false);
    expect(taskFile.safeParse({ task: { name: 'a', requirements: { gpu: { vram: 8 } } } }).success).toBe(false);
    expect(targetsFile.safeParse({ targets: [{ id: 'l', type: 'local', capabilities: { cores: 4 } }] }).success).toBe(
      false,
    );
  });
  it('numbers are finite and non-negative', () => {
    for (const bad of [-1, Infinity, NaN, '4']) expect(requirements.safeParse({ cpu: bad }).success).toBe(false);
  });
  it('nothing that looks like an ssh option gets through host, user or key files', () => {
    const ssh = (extra: Record<string, unknown>) =>
      targetsFile.safeParse({ targets: [{ id: 's', type: 'ssh', host: 'h', ...extra }] }).success;
    expect(ssh({})).toBe(true);
    expect(ssh({ host: '-oProxyCommand=touch /tmp/x' })).toBe(false);
    expect(ssh({ host: 'a b' })).toBe(false);
    expect(ssh({ user: '-l' })).toBe(false);
    expect(ssh({ identityFile: '-F/etc/passwd' })).toBe(false);
    expect(ssh({ hostKeyPolicy: 'no' })).toBe(false);
    expect(ssh({ port: 0 })).toBe(false);
  });
  it('target ids are unique', () => {
    const r = targetsFile.safeParse({
      targets: [
        { id: 'a', type: 'local' },
        { id: 'a', type: 'local' },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['targets', 1, 'id']);
  });
  it('a cloud target must state its rate and capabilities', () => {
    expect(targetsFile.safeParse({ targets: [{ id: 'c', type: 'cloud', provider: 'aws' }] }).success).toBe(false);
  });
  it('tool requirements need a valid semver range', () => {
    expect(requirements.safeParse({ tools: ['docker>=24', 'node@^20', 'python3 ~3.11', 'git'] }).success).toBe(true);
    expect(requirements.safeParse({ tools: ['docker>=banana'] }).success).toBe(false);
    expect(requirements.safeParse({ tools: ['rm -rf /'] }).success).toBe(false);
  });
});
