import { describe, expect, it } from 'vitest';
import { checkHard } from '../../../shared/engine/checks.js';
import { compileRequirements } from '../../../shared/engine/compile.js';
import { timingOn } from '../../../shared/engine/estimate.js';
import { requirements as requirementsSchema } from '../../../shared/schema/requirements.js';
import type { TargetInput } from '../../../shared/schema/targets.js';
import { targetsOf } from '../inputs.js';

function check(req: Record<string, unknown>, t: Partial<TargetInput> & { capabilities?: Record<string, unknown> }) {
  const requirements = requirementsSchema.parse(req);
  const [target] = targetsOf({ id: 'x', type: 'local', ...t } as TargetInput);
  return checkHard(compileRequirements(requirements), target!, timingOn(target!, requirements, null));
}

const keys = (o: { mismatches: { key: string }[] }) => o.mismatches.map((m) => m.key);

describe('quantities: cpu, memoryGb, diskGb', () => {
  it.each([
    ['cpu', 4, 4, true],
    ['cpu', 4, 3, false],
    ['memoryGb', 16, 31.2, true],
    ['memoryGb', 16, 15.9, false],
    ['diskGb', 50, 50, true],
    ['diskGb', 50, 49.9, false],
  ] as const)('%s: need %d, have %d → met %s', (key, need, have, met) => {
    const out = check({ [key]: need }, { capabilities: { [key]: have } });
    expect(out.mismatches.length === 0).toBe(met);
    if (met) expect(out.matches).toEqual([{ key, need, have }]);
    else expect(out.mismatches[0]).toMatchObject({ key, need, have });
  });

  it('an unknown quantity never satisfies a requirement, and says it is unknown', () => {
    const out = check({ memoryGb: 1 }, { capabilities: {} });
    expect(out.mismatches).toEqual([
      {
        key: 'memoryGb',
        need: 1,
        have: null,
        message: 'unknown: x does not say how much memory it has (needs 1 GB)',
        unknown: true,
      },
    ]);
  });

  it('says what is missing in words', () => {
    expect(check({ cpu: 4 }, { capabilities: { cpu: 2 } }).mismatches[0]!.message).toBe(
      'cpu: needs 4 cores, has 2 cores',
    );
  });
});

describe('gpu', () => {
  const box = (gpus: Record<string, unknown>[]) => ({ capabilities: { gpus } }) as never;
  it('gpu: true needs any one GPU', () => {
    expect(keys(check({ gpu: true }, box([{ vendor: 'amd', vramGb: 16 }])))).toEqual([]);
    expect(check({ gpu: true }, box([])).mismatches[0]).toMatchObject({ key: 'gpu', have: 0 });
  });
  it('unknown GPUs never satisfy', () => {
    expect(check({ gpu: true }, { capabilities: {} }).mismatches[0]).toMatchObject({ key: 'gpu', have: null });
  });
  it('type must match the vendor', () => {
    const out = check({ gpu: { type: 'nvidia' } }, box([{ vendor: 'amd', vramGb: 64 }]));
    expect(out.mismatches[0]).toMatchObject({ key: 'gpu.type', need: 'nvidia', have: 'amd' });
  });
  it('minVram is per GPU; an unknown VRAM never satisfies it', () => {
    expect(keys(check({ gpu: { minVram: 24 } }, box([{ vendor: 'nvidia', vramGb: 24 }])))).toEqual([]);
    expect(check({ gpu: { minVram: 24 } }, box([{ vendor: 'nvidia', vramGb: 16 }])).mismatches[0]).toMatchObject({
      key: 'gpu.minVram',
      have: 16,
    });
    expect(check({ gpu: { minVram: 1 } }, box([{ vendor: 'nvidia', vramGb: null }])).mismatches[0]).toMatchObject({
      key: 'gpu.minVram',
      have: null,
    });
  });
  it('count counts GPUs of the requested type, including a device line with a count', () => {
    const server = box([
      { vendor: 'nvidia', model: 'A100', vramGb: 80, count: 8 },
      { vendor: 'intel', vramGb: 0 },
    ]);
    expect(keys(check({ gpu: { type: 'nvidia', count: 8, minVram: 80 } }, server))).toEqual([]);
    expect(check({ gpu: { type: 'nvidia', count: 9 } }, server).mismatches[0]).toMatchObject({
      key: 'gpu.count',
      need: 9,
      have: 8,
    });
  });
  it('minVram with count needs that many GPUs with enough VRAM', () => {
    const mixed = box([
      { vendor: 'nvidia', vramGb: 24 },
      { vendor: 'nvidia', vramGb: 12 },
    ]);
    expect(check({ gpu: { count: 2, minVram: 16 } }, mixed).mismatches[0]).toMatchObject({
      key: 'gpu.minVram',
      have: 12,
    });
    expect(keys(check({ gpu: { count: 2, minVram: 12 } }, mixed))).toEqual([]);
  });
});

describe('tools', () => {
  const tools = { docker: '27.1.1', 'nvidia-smi': '550.54', python3: null };
  it('a bare name needs the tool on PATH', () => {
    expect(keys(check({ tools: ['docker', 'python3'] }, { capabilities: { tools } }))).toEqual([]);
    expect(check({ tools: ['kubectl'] }, { capabilities: { tools } }).mismatches[0]).toMatchObject({
      key: 'tools.kubectl',
      message: 'tools.kubectl: needs kubectl, not installed',
    });
  });
  it('a semver range is checked against the version, coerced when not semver', () => {
    expect(keys(check({ tools: ['docker>=24'] }, { capabilities: { tools } }))).toEqual([]);
    expect(keys(check({ tools: ['docker>=28'] }, { capabilities: { tools } }))).toEqual(['tools.docker']);
    expect(keys(check({ tools: ['nvidia-smi>=535'] }, { capabilities: { tools } }))).toEqual([]);
    expect(keys(check({ tools: ['docker@^27'] }, { capabilities: { tools } }))).toEqual([]);
  });
  it('a range never accepts an unknown version', () => {
    expect(check({ tools: ['python3>=3'] }, { capabilities: { tools } }).mismatches[0]!.message).toBe(
      'unknown: x does not say which version of python3 it has (needs python3>=3)',
    );
  });
  it('a list of names means present with unknown versions', () => {
    expect(keys(check({ tools: ['git'] }, { capabilities: { tools: ['git'] } }))).toEqual([]);
  });
  it('unknown tools never satisfy', () => {
    expect(keys(check({ tools: ['git'] }, { capabilities: {} }))).toEqual(['tools.git']);
  });
});

describe('os, arch, network', () => {
  it('os and arch must be equal (after aliases)', () => {
    expect(keys(check({ os: 'darwin', arch: 'aarch64' }, { capabilities: { os: 'macos', arch: 'arm64' } }))).toEqual(
      [],
    );
    expect(keys(check({ os: 'linux', arch: 'x64' }, { capabilities: { os: 'windows', arch: 'arm64' } }))).toEqual([
      'os',
      'arch',
    ]);
  });
  it('network: true needs network; false asks for nothing', () => {
    expect(keys(check({ network: true }, { capabilities: { network: false } }))).toEqual(['network']);
    expect(keys(check({ network: false }, { capabilities: { network: false } }))).toEqual([]);
  });
});

describe('maxRuntimeMinutes and maxCost', () => {
  it('a target whose own limit is shorter is ineligible; no limit means unlimited', () => {
    expect(keys(check({ maxRuntimeMinutes: 120 }, { capabilities: { maxRuntimeMinutes: 90 } }))).toEqual([
      'maxRuntimeMinutes',
    ]);
    expect(keys(check({ maxRuntimeMinutes: 90 }, { capabilities: { maxRuntimeMinutes: 90 } }))).toEqual([]);
    expect(keys(check({ maxRuntimeMinutes: 10_000 }, { capabilities: {} }))).toEqual([]);
  });
  it('cost is hourlyRate × maxRuntimeMinutes/60, one hour when the task gives no runtime', () => {
    const cloud = { type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: {} } as const;
    expect(keys(check({ maxCost: 2 }, cloud))).toEqual([]);
    expect(keys(check({ maxCost: 1.99 }, cloud))).toEqual(['maxCost']);
    expect(keys(check({ maxCost: 5, maxRuntimeMinutes: 180 }, cloud))).toEqual(['maxCost']);
    expect(check({ maxCost: 5, maxRuntimeMinutes: 180 }, cloud).mismatches[0]).toMatchObject({ have: 6 });
  });
  it('local and ssh targets cost nothing by default', () => {
    expect(keys(check({ maxCost: 0 }, { capabilities: {} }))).toEqual([]);
  });
});

describe('custom labels', () => {
  it('each custom key must equal the target label', () => {
    expect(
      keys(check({ custom: { region: 'eu-west-1', tier: 2 } }, { labels: { region: 'eu-west-1', tier: '2' } })),
    ).toEqual([]);
    expect(keys(check({ custom: { region: 'eu-west-1' } }, { labels: { region: 'us-east-1' } }))).toEqual([
      'custom.region',
    ]);
    expect(keys(check({ custom: { region: 'eu-west-1' } }, {}))).toEqual(['custom.region']);
  });
});

describe('unknown is not a mismatch like the others', () => {
  const unknowns = (req: Record<string, unknown>, capabilities: Record<string, unknown>) =>
    check(req, { id: 'gpu-box', capabilities } as never).mismatches.map((m) => [m.key, m.unknown, m.message]);

  it('marks each requirement the target does not say it meets as unknown, naming the target', () => {
    expect(
      unknowns(
        { cpu: 4, memoryGb: 16, diskGb: 50, gpu: true, tools: ['python3'], os: 'linux', arch: 'x64', network: true },
        {},
      ),
    ).toEqual([
      ['cpu', true, 'unknown: gpu-box does not say how many cores it has (needs 4 cores)'],
      ['memoryGb', true, 'unknown: gpu-box does not say how much memory it has (needs 16 GB)'],
      ['diskGb', true, 'unknown: gpu-box does not say how much free disk it has (needs 50 GB)'],
      ['gpu', true, 'unknown: gpu-box does not say whether it has a GPU (needs 1× any GPU)'],
      ['tools.python3', true, 'unknown: gpu-box does not say whether it has python3'],
      ['os', true, 'unknown: gpu-box does not say which OS it runs (needs linux)'],
      ['arch', true, 'unknown: gpu-box does not say which architecture it has (needs x64)'],
      ['network', true, 'unknown: gpu-box does not say whether it has network access'],
    ]);
    expect(unknowns({ gpu: { minVram: 20 } }, { gpus: [{ vendor: 'nvidia', vramGb: null }] })).toEqual([
      ['gpu.minVram', true, 'unknown: gpu-box does not say how much VRAM its GPUs have (needs 20 GB per GPU)'],
    ]);
  });

  it('a value the target does state is an ordinary mismatch, without the mark', () => {
    const out = unknowns(
      { cpu: 4, tools: ['python3'], os: 'linux', network: true, custom: { region: 'eu' } },
      { cpu: 2, tools: [], os: 'windows', network: false },
    );
    expect(out).toEqual([
      ['cpu', undefined, 'cpu: needs 4 cores, has 2 cores'],
      ['tools.python3', undefined, 'tools.python3: needs python3, not installed'],
      ['os', undefined, 'os: needs linux, has windows'],
      ['network', undefined, 'network: needs network access, has none'],
      ['custom.region', undefined, 'custom.region: needs eu, has no region label'],
    ]);
  });

  it('an unstated runtime limit admits the task but is never listed as met', () => {
    const out = check({ maxRuntimeMinutes: 180 }, { capabilities: {} });
    expect(out).toEqual({ matches: [], mismatches: [] });
    expect(check({ maxRuntimeMinutes: 180 }, { capabilities: { maxRuntimeMinutes: 240 } }).matches).toEqual([
      { key: 'maxRuntimeMinutes', need: 180, have: 240 },
    ]);
  });
});
