import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EmitError } from '../../../shared/export/index.js';
import { targetsOf } from '../inputs.js';
import { cloudFleet, comments, emitError, kubernetesFleet, laptop, placeAndEmit } from './fleets.js';

/**
 * The keys SkyPilot documents under `resources`, from its "SkyPilot YAML" spec page
 * (docs.skypilot.co/en/latest/reference/yaml-spec.html, and the older cloud/region/zone form).
 */
const RESOURCES_KEYS = new Set([
  'infra',
  'cloud',
  'region',
  'zone',
  'instance_type',
  'cpus',
  'memory',
  'accelerators',
  'accelerator_args',
  'use_spot',
  'disk_size',
  'disk_tier',
  'network_tier',
  'ports',
  'image_id',
  'labels',
  'autostop',
  'any_of',
  'ordered',
  'job_recovery',
]);

type Resources = Record<string, unknown> & { any_of?: Record<string, unknown>[] };

/** Parses the block and checks every key (also inside any_of) is one SkyPilot documents. */
function resourcesOf(text: string): Resources {
  const doc = parse(text) as { resources: Resources };
  expect(Object.keys(doc)).toEqual(['resources']);
  const keys = [...Object.keys(doc.resources), ...(doc.resources.any_of ?? []).flatMap((e) => Object.keys(e))];
  for (const key of keys) expect(RESOURCES_KEYS, key).toContain(key);
  return doc.resources;
}

const gpuTask = { requirements: { cpu: 4, memoryGb: 16, diskGb: 100, gpu: { type: 'nvidia', minVram: 20 } } };

describe('skypilot export, pinned', () => {
  it('pins the instance type, its infra, accelerators and spot market', () => {
    const { emitted, result } = placeAndEmit('skypilot', gpuTask, cloudFleet(), true, { strategy: 'cost-optimized' });
    expect(result.selectedTarget).toBe('g5.xlarge-spot.us-east-1');
    expect(resourcesOf(emitted.text)).toEqual({
      infra: 'aws/us-east-1/us-east-1a',
      instance_type: 'g5.xlarge',
      accelerators: 'A10G:1',
      use_spot: true,
      cpus: '4+',
      // 16 GB = 14.9 GiB, rounded up to a tenth; 100 GB = 93.1 GiB, rounded up.
      memory: '15+',
      disk_size: 94,
    });
    expect(comments(emitted.text).some((c) => c.startsWith('memory in GiB'))).toBe(true);
  });

  it('writes all the GPUs of a multi-GPU instance type, as SkyPilot checks', () => {
    const task = { requirements: { gpu: { count: 2 } } };
    const { emitted, result } = placeAndEmit('skypilot', task, cloudFleet(), true);
    expect(result.selectedTarget).toBe('p4d.24xlarge.us-east-1');
    expect(resourcesOf(emitted.text)).toMatchObject({ instance_type: 'p4d.24xlarge', accelerators: 'A100:8' });
  });

  it('lists what SkyPilot cannot express, each also a comment', () => {
    const task = {
      requirements: {
        cpu: 2,
        tools: ['docker>=24'],
        maxCost: 1,
        maxRuntimeMinutes: 30,
        custom: { region: 'us-central1', team: 'a\nb: c' },
      },
    };
    const targets = targetsOf({
      id: 'n2',
      type: 'cloud',
      provider: 'gcp',
      instanceType: 'n2-standard-8',
      hourlyRate: 0.39,
      labels: { region: 'us-central1', team: 'a\nb: c' },
      capabilities: { cpu: 8, tools: { docker: '27.0.0' } },
    });
    const { emitted } = placeAndEmit('skypilot', task, targets, true);
    expect(emitted.unexpressed).toEqual([
      'tool docker>=24: SkyPilot does not select by installed tools',
      'maxCost $1.00: SkyPilot has no cost cap',
      'maxRuntimeMinutes 30: SkyPilot has no run time limit',
      'custom.team=a\nb: c: not a SkyPilot resource',
    ]);
    const notes = comments(emitted.text);
    expect(notes).toContain('not expressed: custom.team=a\\nb: c: not a SkyPilot resource');
    expect(resourcesOf(emitted.text)).toEqual({ infra: 'gcp/us-central1', instance_type: 'n2-standard-8', cpus: '2+' });
  });
});

describe('skypilot export, unpinned', () => {
  it('lists each eligible instance type under any_of, with the constraints above', () => {
    const { emitted, eligible } = placeAndEmit('skypilot', gpuTask, cloudFleet(), false);
    expect(eligible.sort()).toEqual(['g5.xlarge-spot.us-east-1', 'g5.xlarge.us-east-1', 'p4d.24xlarge.us-east-1']);
    const resources = resourcesOf(emitted.text);
    expect(resources).toMatchObject({ cpus: '4+', memory: '15+', disk_size: 94 });
    expect(resources.any_of).toEqual(
      expect.arrayContaining([
        { infra: 'aws/us-east-1/us-east-1a', instance_type: 'g5.xlarge', accelerators: 'A10G:1', use_spot: true },
        { infra: 'aws/us-east-1', instance_type: 'g5.xlarge', accelerators: 'A10G:1' },
        { infra: 'aws/us-east-1', instance_type: 'p4d.24xlarge', accelerators: 'A100:8' },
      ]),
    );
    expect(resources.any_of).toHaveLength(3);
  });

  it('takes SkyPilot names for GPU-table models and the count asked for without an instance type', () => {
    const targets = targetsOf({
      id: 'lambda-a6000',
      type: 'cloud',
      provider: 'lambda',
      hourlyRate: 0.8,
      capabilities: { gpus: [{ vendor: 'nvidia', model: 'RTX A6000', vramGb: 48, count: 4 }] },
    });
    const { emitted } = placeAndEmit('skypilot', { requirements: { gpu: { count: 2 } } }, targets, false);
    expect(resourcesOf(emitted.text).any_of).toEqual([{ infra: 'lambda', accelerators: 'RTXA6000:2' }]);
  });

  it.each([
    // The table's canonical names say memory and form factor; SkyPilot's accelerator names are shorter.
    ['A100 40GB', 'A100'],
    ['A100 80GB', 'A100-80GB'],
    ['H100 SXM', 'H100'],
    ['H100 PCIe', 'H100'],
    ['V100 16GB', 'V100'],
    ['V100 32GB', 'V100-32GB'],
    ['RTX 6000 Ada', 'RTX6000-Ada'],
    // nvidia-smi and GPU Feature Discovery spellings: one word, but not SkyPilot's.
    ['A100-SXM4-40GB', 'A100'],
    ['NVIDIA-H100-80GB-HBM3', 'H100'],
    // A name the table had to guess at is kept as written.
    ['A100', 'A100'],
  ])('writes the GPU-table model %s as SkyPilot’s %s', (model, accelerator) => {
    const targets = targetsOf({
      id: 'box',
      type: 'cloud',
      provider: 'aws',
      hourlyRate: 3,
      capabilities: { gpus: [{ vendor: 'nvidia', model, vramGb: 40, count: 1 }] },
    });
    const { emitted } = placeAndEmit('skypilot', { requirements: { gpu: { count: 1 } } }, targets, false);
    expect(resourcesOf(emitted.text).any_of).toEqual([{ infra: 'aws', accelerators: `${accelerator}:1` }]);
  });
});

describe('skypilot export, errors', () => {
  it('refuses a region that cannot be one part of infra', () => {
    const targets = targetsOf({
      id: 'odd',
      type: 'cloud',
      provider: 'aws',
      hourlyRate: 1,
      labels: { region: 'us-east-1\ninstance_type: x' },
      capabilities: { cpu: 4 },
    });
    const err = emitError('skypilot', { requirements: { cpu: 1 } }, targets, true) as Error;
    expect(err).toBeInstanceOf(EmitError);
    expect(err.message).toBe(
      "cannot write the region 'us-east-1\\ninstance_type: x' of 'odd' for SkyPilot: only letters, digits, . _ -",
    );
  });

  it('says why there is nothing to emit', () => {
    const pinned = emitError('skypilot', { requirements: { cpu: 1 } }, [...laptop(), ...cloudFleet()], true) as Error;
    expect(pinned.message).toBe(
      "cannot pin to SkyPilot: the selected target 'local' is a local target, not a cloud one",
    );
    const none = emitError('skypilot', { requirements: { cpu: 1 } }, kubernetesFleet(), false) as Error;
    expect(none.message).toBe(
      'nothing to emit for SkyPilot: no cloud target is among the targets (import some: placement-explorer import)',
    );
  });
});
