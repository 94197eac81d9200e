import { describe, expect, it } from 'vitest';
import { EmitError } from '../../../shared/export/index.js';
import { slurmTime } from '../../../shared/export/slurm.js';
import type { Target } from '../../../shared/schema/targets.js';
import { targetsOf } from '../inputs.js';
import { comments, emitError, laptop, placeAndEmit, slurmFleet } from './fleets.js';

/**
 * Reads a script as sbatch does: `#SBATCH --opt=value` lines up to the first command, each value one
 * word. Checks the shape of every line on the way.
 */
function sbatchOptions(text: string): Map<string, string> {
  const lines = text.split('\n');
  expect(lines[0]).toBe('#!/bin/bash');
  const options = new Map<string, string>();
  let commands = false;
  for (const line of lines.slice(1)) {
    if (line.startsWith('#SBATCH')) {
      expect(commands).toBe(false);
      const m = /^#SBATCH --([a-z-]+)=(\S+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(options.has(m![1]!)).toBe(false);
      options.set(m![1]!, m![2]!);
    } else if (line !== '' && !line.startsWith('# ')) commands = true;
  }
  return options;
}

const partitionsOf = (t: Target) => [
  ...(t.labels?.['partition']?.split(',') ?? []),
  ...Object.keys(t.labels ?? {})
    .filter((k) => k.startsWith('partition.') && t.labels![k] === 'true')
    .map((k) => k.slice('partition.'.length)),
];

/** The nodes Slurm would consider for the job, from its options and the nodes' own state. */
function admitted(options: Map<string, string>, targets: Target[]): string[] {
  return targets
    .filter((t) => {
      if (t.type !== 'slurm' || t.unschedulable !== undefined) return false;
      const node = t.source.node;
      const partitions = options.get('partition')?.split(',');
      if (partitions && !partitionsOf(t).some((p) => partitions.includes(p))) return false;
      if (options.has('nodelist') && !options.get('nodelist')!.split(',').includes(node)) return false;
      if (options.get('exclude')?.split(',').includes(node)) return false;
      const features = options.get('constraint')?.split('&') ?? [];
      if (features.some((f) => t.labels?.[f] !== 'true')) return false;
      const caps = t.capabilities ?? {};
      if ((caps.cpu ?? 0) < Number(options.get('cpus-per-task') ?? 0)) return false;
      const mem = Number(options.get('mem')?.replace(/M$/, '') ?? 0);
      if (((caps.memoryGb ?? 0) * 1e9) / 2 ** 20 < mem) return false;
      const gres = options.get('gres')?.split(':');
      if (gres) {
        const type = gres.length === 3 ? gres[1] : undefined;
        const count = (caps.gpus ?? [])
          .filter((g) => type === undefined || g.model?.toLowerCase() === type)
          .reduce((n, g) => n + (g.count ?? 1), 0);
        if (count < Number(gres[gres.length - 1])) return false;
      }
      return true;
    })
    .map((t) => t.id);
}

describe('slurm export, pinned', () => {
  it('writes one #SBATCH line per option, with the node, its partition and its GRES type', () => {
    const task = {
      name: 'train big\nmodel; rm -rf /',
      requirements: { cpu: 4, memoryGb: 16, diskGb: 50, gpu: { type: 'nvidia', minVram: 20 }, maxRuntimeMinutes: 90 },
    };
    const { emitted, result } = placeAndEmit('slurm', task, slurmFleet(), true);
    expect(result.selectedTarget).toBe('s-gpu01');
    expect(emitted.language).toBe('shell');
    const options = sbatchOptions(emitted.text);
    expect(Object.fromEntries(options)).toEqual({
      'job-name': 'train_big_model_rm_-rf_',
      partition: 'gpu',
      nodelist: 'gpu01',
      'cpus-per-task': '4',
      mem: '15259M',
      tmp: '47684M',
      gres: 'gpu:a100:1',
      time: '01:30:00',
    });
    expect(admitted(options, slurmFleet())).toEqual(['s-gpu01']);
  });

  it('names the one GRES type of a mixed node that meets the VRAM requirement', () => {
    const task = { requirements: { gpu: { count: 2, minVram: 100 } } };
    const { emitted, result } = placeAndEmit('slurm', task, slurmFleet(), true);
    expect(result.selectedTarget).toBe('s-gpu02');
    expect(sbatchOptions(emitted.text).get('gres')).toBe('gpu:h200:2');
    expect(emitted.unexpressed).toEqual([]);
  });

  it('lists what Slurm cannot express, each also a comment', () => {
    const task = { requirements: { cpu: 1, os: 'linux', tools: ['python3'], maxCost: 2, tolerations: ['spot'] } };
    const { emitted } = placeAndEmit('slurm', task, slurmFleet(), true);
    expect(emitted.unexpressed).toEqual([
      'tool python3: Slurm does not select by installed tools',
      'maxCost $2.00: Slurm has no cost cap',
      'os linux: Slurm does not select nodes by OS',
      'tolerations: Kubernetes taints; Slurm has none',
    ]);
    for (const u of emitted.unexpressed) expect(comments(emitted.text)).toContain(`not expressed: ${u}`);
  });
});

describe('slurm export, unpinned', () => {
  it('turns feature requirements into --constraint and admits exactly the eligible nodes', () => {
    const task = { requirements: { cpu: 16, memoryGb: 64, custom: { nvme: true } } };
    const { emitted, eligible } = placeAndEmit('slurm', task, slurmFleet(), false);
    expect(eligible.sort()).toEqual(['s-cpu01', 's-gpu01']);
    const options = sbatchOptions(emitted.text);
    expect(options.get('constraint')).toBe('nvme');
    expect(options.get('partition')).toBe('cpu,debug,gpu');
    expect(options.has('nodelist')).toBe(false);
    expect(options.has('exclude')).toBe(false);
    expect(admitted(options, slurmFleet()).sort()).toEqual(eligible.sort());
  });

  it('excludes the ineligible nodes when no option tells them apart', () => {
    const task = { requirements: { cpu: 4, arch: 'x64', custom: { partition: 'cpu' } } };
    const { emitted, eligible } = placeAndEmit('slurm', task, slurmFleet(), false);
    expect(eligible).toEqual(['s-cpu01']);
    const options = sbatchOptions(emitted.text);
    expect(options.get('partition')).toBe('cpu');
    expect(options.get('exclude')).toBe('cpu03');
    expect(comments(emitted.text)).toContain(
      '--nodelist would ask for all of its nodes at once: excluding the ineligible ones instead',
    );
    expect(emitted.unexpressed).toEqual(['arch x64: Slurm does not select nodes by architecture']);
    expect(admitted(options, slurmFleet())).toEqual(eligible);
  });

  it('submits to every partition the eligible nodes share', () => {
    const task = { requirements: { cpu: 16 } };
    const targets = slurmFleet().filter((t) => t.id !== 's-gpu01' && t.id !== 's-gpu02');
    const { emitted, eligible } = placeAndEmit('slurm', task, targets, false);
    expect(eligible).toEqual(['s-cpu01']);
    const options = sbatchOptions(emitted.text);
    expect(options.get('partition')).toBe('cpu,debug');
    expect(admitted(options, targets)).toEqual(eligible);
  });
});

describe('slurm export, details', () => {
  it('writes --time as sbatch reads it, minutes rounded up', () => {
    expect(slurmTime(90)).toBe('01:30:00');
    expect(slurmTime(0.5)).toBe('00:01:00');
    expect(slurmTime(1500)).toBe('1-01:00:00');
    expect(slurmTime(2880)).toBe('2-00:00:00');
  });

  it('refuses a node name an #SBATCH line cannot carry, in one line', () => {
    const odd = targetsOf({
      id: 's-odd',
      type: 'slurm',
      source: { kind: 'slurm', cluster: 'hpc', node: 'odd\n#SBATCH --wrap=x', importedAt: '2025-06-01T12:00:00Z' },
      capabilities: { cpu: 8 },
    });
    const err = emitError('slurm', { requirements: { cpu: 1 } }, odd, true) as Error;
    expect(err).toBeInstanceOf(EmitError);
    expect(err.message).toBe(
      "cannot write the node name 'odd\\n#SBATCH --wrap=x' into an #SBATCH line: only letters, digits, . _ - fit",
    );
  });

  it('says why there is nothing to emit', () => {
    const none = emitError('slurm', { requirements: { cpu: 1 } }, laptop(), false) as Error;
    expect(none.message).toBe(
      'nothing to emit for Slurm: no slurm target is among the targets (import some: placement-explorer import)',
    );
    const local = emitError('slurm', { requirements: { cpu: 1 } }, [...laptop(), ...slurmFleet()], true) as Error;
    expect(local.message).toBe("cannot pin to Slurm: the selected target 'local' is a local target, not a slurm one");
  });
});

describe('GRES types as gres.conf names them', () => {
  it('asks for the type in the node’s imported GRES, not the model’s display name', () => {
    const nodes = targetsOf({
      id: 'big',
      type: 'slurm',
      source: { kind: 'slurm', cluster: 'hpc', node: 'big', importedAt: '2026-11-29T10:00:00Z' },
      labels: { partition: 'gpu', 'partition.gpu': 'true', 'slurm.gres': 'gpu:a100-80gb:4(S:0-1),mps:100' },
      capabilities: { cpu: 32, memoryGb: 512, gpus: [{ vendor: 'nvidia', model: 'A100 80GB', vramGb: 80, count: 4 }] },
    });
    const { emitted } = placeAndEmit(
      'slurm',
      { requirements: { gpu: { type: 'nvidia', minVram: 60, count: 2 } } },
      nodes,
      true,
    );
    expect(sbatchOptions(emitted.text).get('gres')).toBe('gpu:a100-80gb:2');
    // Read from the node's own GRES, the type is no guess: no note asks to rename it.
    expect(emitted.text).not.toContain('rename it');
  });
  it('says a type made from the model name is a guess when the node carries no GRES of its own', () => {
    const nodes = targetsOf({
      id: 'hand',
      type: 'slurm',
      source: { kind: 'slurm', cluster: 'hpc', node: 'hand', importedAt: '2026-11-29T10:00:00Z' },
      capabilities: { cpu: 32, memoryGb: 512, gpus: [{ vendor: 'nvidia', model: 'H100', vramGb: 80, count: 4 }] },
    });
    const { emitted } = placeAndEmit('slurm', { requirements: { gpu: { count: 1 } } }, nodes, true);
    expect(sbatchOptions(emitted.text).get('gres')).toBe('gpu:h100:1');
    expect(emitted.text).toContain('# GRES type h100 is the GPU model in lower case: rename it if gres.conf differs');
  });
  it('makes the type of a GPU-table model from its short name (A100 40GB: a100)', () => {
    const nodes = targetsOf({
      id: 'hand',
      type: 'slurm',
      source: { kind: 'slurm', cluster: 'hpc', node: 'hand', importedAt: '2026-11-29T10:00:00Z' },
      capabilities: { cpu: 32, memoryGb: 512, gpus: [{ vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 4 }] },
    });
    const { emitted } = placeAndEmit('slurm', { requirements: { gpu: { count: 1 } } }, nodes, true);
    expect(sbatchOptions(emitted.text).get('gres')).toBe('gpu:a100:1');
  });
  it('finds a hand-written model’s type in the node’s GRES through the GPU table', () => {
    const nodes = targetsOf({
      id: 'hand',
      type: 'slurm',
      source: { kind: 'slurm', cluster: 'hpc', node: 'hand', importedAt: '2026-11-29T10:00:00Z' },
      labels: { 'slurm.gres': 'gpu:nvidia_a100:4' },
      capabilities: { cpu: 32, memoryGb: 512, gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 40, count: 4 }] },
    });
    const { emitted } = placeAndEmit('slurm', { requirements: { gpu: { count: 1 } } }, nodes, true);
    expect(sbatchOptions(emitted.text).get('gres')).toBe('gpu:nvidia_a100:1');
    expect(emitted.text).not.toContain('rename it');
  });
});
