import { stringify } from 'yaml';
import { own } from '../engine/checks.js';
import { lookupGpu, skypilotName } from '../fleet/gpu-table.js';
import type { GpuDevice } from '../schema/capabilities.js';
import type { Target } from '../schema/targets.js';
import { EmitError, header, named, type EmitInput, type Emitted } from './emitted.js';
import { exportNodes } from './nodes.js';
import { ceilClean, commonUnexpressed, gbToGiB, gpuCount } from './quantities.js';

type Cloud = Extract<Target, { type: 'cloud' }>;

/** More entries than this in `any_of` would hide the constraints: write the constraints alone. */
const MAX_ANY_OF = 64;
const WORD = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// Labels that SkyPilot fields express, so that a custom requirement on them is not lost.
const EXPRESSED_LABELS = new Set(['region', 'zone', 'spot']);

/** The accelerator name as SkyPilot writes it (`A10G`, `A100-80GB`), or null when there is none. */
function acceleratorName(d: GpuDevice): string | null {
  if (d.model === undefined) return null;
  // The table knows SkyPilot's name for the models it is sure of (`A100` for NVIDIA-A100-SXM4-40GB,
  // `H100` for H100 SXM); a name it had to guess at, or does not know, is kept as written.
  const found = lookupGpu(d.model);
  if (found !== null && found.assumed === undefined) {
    const name = skypilotName(found);
    if (WORD.test(name)) return name;
  }
  if (WORD.test(d.model)) return d.model;
  const name = skypilotName(found ?? { model: d.model });
  return WORD.test(name) ? name : null;
}

function word(value: string, what: string, t: Cloud): string {
  if (!WORD.test(value))
    throw new EmitError(
      `cannot write the ${what} ${named(value)} of ${named(t.id)} for SkyPilot: only letters, digits, . _ -`,
    );
  return value;
}

/** `aws/us-east-1[/us-east-1a]` from the provider and the region and zone labels. */
function infraOf(t: Cloud): string {
  const parts = [word(t.provider.toLowerCase(), 'provider', t)];
  const region = own(t.labels, 'region');
  const zone = own(t.labels, 'zone');
  if (region !== undefined) parts.push(word(region, 'region', t));
  if (region !== undefined && zone !== undefined) parts.push(word(zone, 'zone', t));
  return parts.join('/');
}

/**
 * `A10G:1`: with an instance type, all of its GPUs of that model (SkyPilot checks the two agree);
 * without one, the count the task asks for.
 */
function acceleratorsOf(t: Cloud, input: EmitInput): string | null {
  const count = gpuCount(input.task.requirements);
  if (count === 0) return null;
  const vendor = input.task.requirements.gpu?.type;
  const device = (t.capabilities.gpus ?? []).find(
    (d) => (vendor === undefined || d.vendor === vendor) && acceleratorName(d),
  );
  if (device === undefined) return null;
  const name = acceleratorName(device)!;
  const same = (t.capabilities.gpus ?? []).filter((d) => acceleratorName(d) === name);
  const total = same.reduce((n, d) => n + (d.count ?? 1), 0);
  return `${name}:${t.instanceType === undefined ? count : total}`;
}

/** Where one eligible target runs: its infra, instance type, accelerators and spot market. */
function placementOf(t: Cloud, input: EmitInput): Record<string, unknown> {
  const entry: Record<string, unknown> = { infra: infraOf(t) };
  if (t.instanceType !== undefined) entry['instance_type'] = word(t.instanceType, 'instance type', t);
  const accelerators = acceleratorsOf(t, input);
  if (accelerators !== null) entry['accelerators'] = accelerators;
  if (own(t.labels, 'spot') === 'true') entry['use_spot'] = true;
  return entry;
}

function skypilotUnexpressed(input: EmitInput): string[] {
  const req = input.task.requirements;
  const out = commonUnexpressed(input.task, 'SkyPilot');
  if (req.os !== undefined) out.push(`os ${req.os}: SkyPilot picks an image, not an OS`);
  if (req.arch !== undefined) out.push(`arch ${req.arch}: SkyPilot does not select by CPU architecture`);
  if (req.gpu?.minVram !== undefined)
    out.push(`gpu.minVram ${req.gpu.minVram} GB: only the accelerator names keep to it`);
  if (req.maxRuntimeMinutes !== undefined)
    out.push(`maxRuntimeMinutes ${req.maxRuntimeMinutes}: SkyPilot has no run time limit`);
  for (const [key, value] of Object.entries(req.custom ?? {}))
    if (!EXPRESSED_LABELS.has(key)) out.push(`custom.${key}=${value}: not a SkyPilot resource`);
  if (req.tolerations?.length) out.push('tolerations: Kubernetes taints; not for cloud instances');
  return out;
}

/** A SkyPilot task's `resources:` block: pinned to one instance type, or the constraints and the eligible ones. */
export function emitSkypilot(input: EmitInput): Emitted {
  const nodes = exportNodes(input, 'cloud', 'SkyPilot');
  const req = input.task.requirements;
  const resources: Record<string, unknown> = {};
  const notes: string[] = [];
  if (nodes.pinned) Object.assign(resources, placementOf(nodes.pinned, input));
  if (req.cpu) resources['cpus'] = `${req.cpu}+`;
  if (req.memoryGb) {
    resources['memory'] = `${gbToGiB(req.memoryGb)}+`;
    notes.push(`memory in GiB, SkyPilot's unit: the task's ${req.memoryGb} GB (10^9 bytes), rounded up to a tenth`);
  }
  if (req.diskGb) {
    resources['disk_size'] = ceilClean((req.diskGb * 1e9) / 1024 ** 3);
    notes.push(`disk_size in GiB (SkyPilot's GB are 2^30 bytes), rounded up`);
  }
  if (!nodes.pinned) {
    const entries = [
      ...new Map(nodes.eligible.map((t) => placementOf(t, input)).map((e) => [JSON.stringify(e), e])).values(),
    ];
    if (entries.length <= MAX_ANY_OF) resources['any_of'] = entries;
    else {
      const names = new Set(entries.map((e) => (e['accelerators'] as string | undefined)?.split(':')[0]));
      names.delete(undefined);
      const count = gpuCount(req);
      if (names.size > 0) resources['accelerators'] = [...names].sort().map((n) => `${n}:${count}`);
      notes.push(`${entries.length} eligible instance types: too many to list, constraints only`);
    }
  }
  const unexpressed = skypilotUnexpressed(input);
  const what = nodes.pinned
    ? `Placement Explorer: task ${named(input.task.name)} pinned to ${named(nodes.pinned.id)}`
    : `Placement Explorer: task ${named(input.task.name)} on any of ${nodes.eligible.length} eligible cloud targets of ${nodes.universe.length}`;
  const text = header(what, notes, unexpressed) + stringify({ resources }, { lineWidth: 0 });
  return { format: 'skypilot', language: 'yaml', text, unexpressed };
}
