import { num, usd } from '../engine/format.js';
import { gpuSummary } from '../fleet/summary.js';
import type { Capabilities, GpuDevice } from '../schema/capabilities.js';
import type { Requirements } from '../schema/requirements.js';
import type { Target } from '../schema/targets.js';
import type { ReportFact } from './report-data.js';

// Requirements and capabilities as a reader says them ("memory: 16 GB"), so that every format shows
// the same words and none has to know the schema.

const labelsOf = (record: Readonly<Record<string, string>>) => Object.entries(record).map(([k, v]) => `${k}=${v}`);

function gpuDemand(gpu: NonNullable<Requirements['gpu']>): string {
  const parts = [
    gpu.count !== undefined && gpu.count > 1 ? `${gpu.count}×` : '',
    gpu.type ?? 'any vendor',
    gpu.minVram !== undefined ? `≥ ${num(gpu.minVram)} GB VRAM` : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}

/** A task's requirements (or preferences), one fact per key, in the order the schema declares them. */
export function demandFacts(r: Requirements): ReportFact[] {
  const out: ReportFact[] = [];
  if (r.cpu !== undefined) out.push({ key: 'cpu', value: `${num(r.cpu)} cores` });
  if (r.memoryGb !== undefined) out.push({ key: 'memory', value: `${num(r.memoryGb)} GB` });
  if (r.diskGb !== undefined) out.push({ key: 'disk', value: `${num(r.diskGb)} GB free` });
  if (r.gpu !== undefined) out.push({ key: 'gpu', value: gpuDemand(r.gpu) });
  if (r.tools !== undefined && r.tools.length > 0) out.push({ key: 'tools', value: r.tools.join(', ') });
  if (r.os !== undefined) out.push({ key: 'os', value: r.os });
  if (r.arch !== undefined) out.push({ key: 'arch', value: r.arch });
  if (r.network !== undefined) out.push({ key: 'network', value: r.network ? 'needed' : 'not needed' });
  if (r.maxRuntimeMinutes !== undefined) out.push({ key: 'max runtime', value: `${num(r.maxRuntimeMinutes)} min` });
  if (r.maxCost !== undefined) out.push({ key: 'max cost', value: usd(r.maxCost) });
  if (r.custom !== undefined && Object.keys(r.custom).length > 0)
    out.push({ key: 'labels', value: labelsOf(r.custom).join(', ') });
  return out;
}

/**
 * A target's GPUs as the Targets view writes them, identical ones grouped: eight entries of an
 * A100 with 40 GB are `8× A100 40 GB`, not the same words eight times.
 */
export function gpusInWords(gpus: NonNullable<Capabilities['gpus']>): string {
  const groups = new Map<string, GpuDevice>();
  for (const g of gpus) {
    const key = JSON.stringify([g.vendor, g.model ?? null, g.vramGb ?? null]);
    const seen = groups.get(key);
    if (seen) seen.count = (seen.count ?? 1) + (g.count ?? 1);
    else groups.set(key, { ...g, count: g.count ?? 1 });
  }
  return gpuSummary({ gpus: [...groups.values()] });
}

/** A target's capabilities as used; an absent one is unknown and left out. */
export function capabilityFacts(c: Capabilities | undefined): ReportFact[] {
  if (c === undefined) return [];
  const out: ReportFact[] = [];
  if (c.cpu !== undefined)
    out.push({ key: 'cpu', value: `${num(c.cpu)} cores${c.cpuModel ? ` (${c.cpuModel})` : ''}` });
  if (c.memoryGb !== undefined) out.push({ key: 'memory', value: `${num(c.memoryGb)} GB` });
  if (c.diskGb !== undefined) out.push({ key: 'disk', value: `${num(c.diskGb)} GB free` });
  if (c.gpus !== undefined) out.push({ key: 'gpus', value: gpusInWords(c.gpus) });
  if (c.os !== undefined) out.push({ key: 'os', value: c.os });
  if (c.arch !== undefined) out.push({ key: 'arch', value: c.arch });
  if (c.network !== undefined) out.push({ key: 'network', value: c.network ? 'yes' : 'no' });
  if (c.tools !== undefined) {
    const tools = Object.entries(c.tools).map(([name, version]) => (version ? `${name} ${version}` : name));
    out.push({ key: 'tools', value: tools.length > 0 ? tools.join(', ') : 'none' });
  }
  if (c.maxRuntimeMinutes !== undefined) out.push({ key: 'max runtime', value: `${num(c.maxRuntimeMinutes)} min` });
  return out;
}

/** Where a target is: `ml@10.0.0.5:22`, `aws g5.xlarge`, `this machine`. */
export function whereOf(t: Target): string {
  switch (t.type) {
    case 'local':
      return 'this machine';
    case 'ssh':
      return `${t.user ? `${t.user}@` : ''}${t.host}:${t.port}`;
    case 'cloud':
      return `${t.provider}${t.instanceType ? ` ${t.instanceType}` : ''}`;
    case 'kubernetes':
    case 'slurm':
    case 'nomad':
      return `${t.type} node ${t.source.node}${(t.source.context ?? t.source.cluster ?? t.source.address) ? ` (${t.source.context ?? t.source.cluster ?? t.source.address})` : ''}`;
  }
}

export function labelFacts(t: Target): ReportFact[] {
  return Object.entries(t.labels ?? {}).map(([key, value]) => ({ key, value }));
}

/** An age in the largest unit that keeps it short: `42 s`, `5 min`, `3 h`, `2 d`. */
export function ageInWords(ms: number | null): string {
  if (ms === null) return 'as written';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}
