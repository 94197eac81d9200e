import { describe, expect, it } from 'vitest';
import { parse } from '@cdktf/hcl2json';
import { EmitError } from '../../../shared/export/index.js';
import type { Target } from '../../../shared/schema/targets.js';
import { targetsOf } from '../inputs.js';
import { comments, emitError, laptop, nomadFleet, placeAndEmit } from './fleets.js';

interface Constraint {
  attribute: string;
  operator?: string;
  value: string;
}
interface Device {
  count: number;
  constraint?: Constraint[];
}
interface Group {
  constraint?: Constraint[];
  ephemeral_disk?: { size: number }[];
  task: Record<string, { resources?: { cores?: number; memory?: number; device?: Record<string, Device[]> }[] }[]>;
}

// hcl2json writes HCL's JSON syntax, where ${ and %{ start a template and a literal one is $${ or %%{.
const unescape = (s: string) => s.replaceAll('$${', '${').replaceAll('%%{', '%{');
const literal = (s: string) => s.replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);

/** Parses the HCL with HashiCorp's parser (hcl2json, WASM) and returns the one job's one group. */
async function groupOf(text: string): Promise<{ job: string; group: Group }> {
  const doc = (await parse('job.nomad.hcl', text)) as {
    job: Record<string, { type: string; group: Record<string, Group[]> }[]>;
  };
  const [job, [body]] = Object.entries(doc.job)[0]!;
  expect(body!.type).toBe('batch');
  const groups = Object.values(body!.group);
  expect(groups).toHaveLength(1);
  return { job, group: groups[0]![0]! };
}

function resourcesOf(group: Group) {
  return Object.values(group.task)[0]![0]!.resources![0]!;
}

/** The value Nomad would interpolate for an attribute on one of our nodes. */
function attribute(t: Target, name: string): string | undefined {
  const caps = t.capabilities ?? {};
  const node = t.type === 'nomad' ? t.source.node : t.id;
  const table: Record<string, string | undefined> = {
    '${node.unique.name}': node,
    '${attr.kernel.name}': caps.os === 'macos' ? 'darwin' : caps.os,
    '${attr.cpu.arch}': caps.arch === 'x64' ? 'amd64' : caps.arch,
    '${node.datacenter}': t.labels?.['datacenter'],
    '${node.class}': t.labels?.['node.class'],
  };
  const meta = /^\$\{meta\.(.+)\}$/.exec(name);
  return meta ? t.labels?.[`meta.${meta[1]!}`] : table[name];
}

/** The nodes whose attributes pass every group constraint, as Nomad's feasibility check reads them. */
function admitted(group: Group, targets: Target[]): string[] {
  return targets
    .filter((t) => t.type === 'nomad' && t.unschedulable === undefined)
    .filter((t) =>
      (group.constraint ?? []).every((c) => {
        const v = attribute(t, unescape(c.attribute));
        const want = unescape(c.value);
        if (v === undefined) return false;
        if (c.operator === 'set_contains_any') return want.split(',').some((w) => v.split(',').includes(w));
        if (c.operator === 'regexp') return new RegExp(want).test(v);
        return v === want;
      }),
    )
    .map((t) => t.id);
}

describe('nomad export, pinned', () => {
  it('constrains the node name and asks for cores, memory, disk and a GPU with enough memory', async () => {
    const task = {
      requirements: { cpu: 4, memoryGb: 16, diskGb: 50, gpu: { type: 'nvidia', minVram: 20 }, maxRuntimeMinutes: 60 },
    };
    const { emitted, result } = placeAndEmit('nomad', task, nomadFleet(), true);
    expect(result.selectedTarget).toBe('n-gpu-1');
    expect(emitted.language).toBe('hcl');
    const { group } = await groupOf(emitted.text);
    expect(group.constraint).toEqual([{ attribute: '${node.unique.name}', value: 'gpu-1' }]);
    expect(group.ephemeral_disk).toEqual([{ size: 47684 }]);
    const resources = resourcesOf(group);
    expect(resources.cores).toBe(4);
    expect(resources.memory).toBe(15259);
    expect(resources.device).toEqual({
      'nvidia/gpu': [
        { count: 1, constraint: [{ attribute: '${device.attr.memory}', operator: '>=', value: '19074 MiB' }] },
      ],
    });
    expect(emitted.unexpressed).toEqual(['maxRuntimeMinutes 60: a Nomad job has no run time limit']);
    expect(comments(emitted.text)).toContain('not expressed: maxRuntimeMinutes 60: a Nomad job has no run time limit');
  });

  it('escapes a hostile node name and task name so that they stay strings', async () => {
    const hostile = 'gpu "x"\n}\njob "evil" {${attr.x}%{if 1}\\';
    const targets = targetsOf({
      id: 'n-odd',
      type: 'nomad',
      source: { kind: 'nomad', address: 'http://127.0.0.1:4646', node: hostile, importedAt: '2025-06-01T12:00:00Z' },
      capabilities: { cpu: 8 },
    });
    const { emitted } = placeAndEmit('nomad', { name: 'a "b"\n}', requirements: { cpu: 2 } }, targets, true);
    const { job, group } = await groupOf(emitted.text);
    expect(job).toBe('a-b-');
    expect(group.constraint![0]!.value).toBe(literal(hostile));
    expect(group.constraint).toHaveLength(1);
  });
});

describe('nomad export, unpinned', () => {
  it('writes attribute constraints that admit exactly the eligible nodes', async () => {
    const targets = nomadFleet();
    const task = {
      requirements: { cpu: 8, os: 'linux', arch: 'x64', custom: { datacenter: 'dc1', 'meta.rack': 'r1' } },
    };
    const { emitted, eligible } = placeAndEmit('nomad', task, targets, false);
    expect(eligible).toEqual(['n-gpu-1']);
    const { group } = await groupOf(emitted.text);
    expect(group.constraint).toEqual([
      { attribute: '${attr.kernel.name}', value: 'linux' },
      { attribute: '${attr.cpu.arch}', value: 'amd64' },
      { attribute: '${node.datacenter}', value: 'dc1' },
      { attribute: '${meta.rack}', value: 'r1' },
    ]);
    expect(admitted(group, targets)).toEqual(eligible);
  });

  it('adds a node-name set when attributes cannot tell the eligible nodes apart', async () => {
    const targets = nomadFleet();
    const { emitted, eligible } = placeAndEmit(
      'nomad',
      { requirements: { cpu: 2, custom: { team: 'ml' } } },
      targets,
      false,
    );
    expect(eligible.sort()).toEqual(['n-cpu-1', 'n-gpu-1']);
    const { group } = await groupOf(emitted.text);
    expect(group.constraint).toEqual([
      { attribute: '${node.unique.name}', operator: 'set_contains_any', value: 'cpu-1,gpu-1' },
    ]);
    expect(admitted(group, targets).sort()).toEqual(eligible.sort());
    expect(emitted.unexpressed).toEqual([
      'custom.team=ml: not a Nomad node attribute (datacenter, class, pool or meta.*)',
    ]);
  });

  it('falls back to an anchored regexp when a node name holds a comma', async () => {
    const odd = targetsOf(
      ...['a,b', 'a.b', 'c'].map((node, i) => ({
        id: `n-${i}`,
        type: 'nomad' as const,
        source: { kind: 'nomad' as const, address: 'x', node, importedAt: '2025-06-01T12:00:00Z' },
        capabilities: { cpu: i === 2 ? 1 : 8 },
      })),
    );
    const { emitted, eligible } = placeAndEmit('nomad', { requirements: { cpu: 2, gpu: false } }, odd, false);
    expect(eligible).toEqual(['n-0', 'n-1']);
    const { group } = await groupOf(emitted.text);
    // cores = 2 already keeps the 1-core node out: no name constraint needed.
    expect(group.constraint).toBeUndefined();
    const withTools = targetsOf(
      ...odd.map((t, i) => ({ ...t, capabilities: { cpu: 8, tools: i === 0 ? ['git'] : [] } })),
    );
    const second = placeAndEmit('nomad', { requirements: { tools: ['git'] } }, withTools, false);
    const parsed = await groupOf(second.emitted.text);
    expect(parsed.group.constraint![0]!.operator).toBe('regexp');
    expect(admitted(parsed.group, withTools)).toEqual(['n-0']);
  });

  it('asks for any vendor GPU when the task names none', async () => {
    const { emitted } = placeAndEmit('nomad', { requirements: { gpu: { count: 1 } } }, nomadFleet(), false);
    const { group } = await groupOf(emitted.text);
    expect(resourcesOf(group).device).toEqual({ gpu: [{ count: 1 }] });
  });
});

describe('nomad export, errors', () => {
  it('says why there is nothing to emit', () => {
    const err = emitError('nomad', { requirements: { cpu: 1 } }, laptop(), false) as Error;
    expect(err).toBeInstanceOf(EmitError);
    expect(err.message).toBe(
      'nothing to emit for Nomad: no nomad target is among the targets (import some: placement-explorer import)',
    );
    const none = emitError('nomad', { requirements: { cpu: 1000 } }, nomadFleet(), true) as Error;
    expect(none.message).toBe('nothing to emit for Nomad: the placement selected no target');
  });
});
