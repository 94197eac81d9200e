import { own } from '../engine/checks.js';
import type { GpuDevice } from '../schema/capabilities.js';
import type { Target } from '../schema/targets.js';
import { lookupGpu, skypilotName } from '../fleet/gpu-table.js';
import { EmitError, header, named, type EmitInput, type Emitted } from './emitted.js';
import { admitsExactly, exportNodes, nodeName, type ExportNodes } from './nodes.js';
import { ceilClean, commonUnexpressed, gbToMiB, gpuCount, mayFit, wholeCores } from './quantities.js';

type Node = Extract<Target, { type: 'slurm' }>;

// What an #SBATCH line can carry without quoting: sbatch splits options on blanks, and node,
// partition and feature lists use , & | [ ] ( ) * as operators.
const SAFE = /^[A-Za-z0-9._-]+$/;
const GRES_TYPE = /^[a-z0-9][a-z0-9._-]*$/;

function safe(value: string, what: string): string {
  if (!SAFE.test(value))
    throw new EmitError(
      `cannot write the ${what} ${named(value)} into an #SBATCH line: only letters, digits, . _ - fit`,
    );
  return value;
}

/** The partitions a node is in, from the importer's `partition=NAME` (or a list) and `partition.NAME=true` labels. */
function partitionsOf(t: Node): string[] {
  const out = new Set<string>();
  for (const name of (own(t.labels, 'partition') ?? '').split(',')) if (name.trim()) out.add(name.trim());
  for (const [key, value] of Object.entries(t.labels ?? {}))
    if (key.startsWith('partition.') && value === 'true') out.add(key.slice('partition.'.length));
  return [...out];
}

/**
 * The GRES type Slurm names a device by: the type in the node's imported GRES (`slurm.gres`) whose model
 * is the device's (`a100-80gb` for an A100 80GB), else the model in lower case when that is a plain word,
 * else the table model's short name in lower case (`a100` for A100 40GB, `h100` for H100 SXM).
 */
function gresType(d: GpuDevice, t: Node): string | null {
  const model = d.model ?? '';
  // Both through the table: a hand-written `A100` and the GRES type `nvidia_a100` are both its A100 40GB.
  const wanted = (lookupGpu(model)?.model ?? model).toLowerCase();
  for (const entry of (own(t.labels, 'slurm.gres') ?? '').split(',')) {
    const m = /^gpu:([^:(]+):\d+/.exec(entry.trim());
    if (m === null) continue;
    const type = m[1]!;
    if ((lookupGpu(type)?.model ?? type).toLowerCase() === wanted && SAFE.test(type)) return type;
  }
  const type = model.toLowerCase();
  if (GRES_TYPE.test(type)) return type;
  const known = lookupGpu(model);
  const short = known === null ? '' : skypilotName(known).toLowerCase();
  return GRES_TYPE.test(short) ? short : null;
}

/** The GRES types of a node that alone give the task its GPUs (vendor and VRAM as required). */
function typesFor(t: Node, input: EmitInput): Set<string> {
  const gpu = input.task.requirements.gpu!;
  const counts = new Map<string, number>();
  for (const d of t.capabilities?.gpus ?? []) {
    const type = gresType(d, t);
    if (type === null || (gpu.type !== undefined && d.vendor !== gpu.type)) continue;
    if (gpu.minVram !== undefined && (d.vramGb === undefined || d.vramGb === null || d.vramGb < gpu.minVram)) continue;
    counts.set(type, (counts.get(type) ?? 0) + (d.count ?? 1));
  }
  return new Set([...counts].filter(([, n]) => n >= (gpu.count ?? 1)).map(([type]) => type));
}

/** One GRES type every eligible node (or the pinned one) has enough of, or null. */
function commonGresType(input: EmitInput, among: readonly Node[]): string | null {
  const sets = among.map((t) => typesFor(t, input));
  const common = [...(sets[0] ?? [])].filter((type) => sets.every((s) => s.has(type)));
  return common.sort()[0] ?? null;
}

/**
 * The partitions to submit to: those the task names, else those every candidate node is in, else all
 * of theirs. A list lets Slurm take whichever partition's limits admit the job; --exclude trims the rest.
 */
function choosePartitions(input: EmitInput, nodes: ExportNodes<Node>): string[] | null {
  const custom = input.task.requirements.custom ?? {};
  const named = Object.entries(custom)
    .filter(([key, value]) => key.startsWith('partition.') && value === 'true')
    .map(([key]) => key.slice('partition.'.length));
  const wanted = own(custom, 'partition');
  if (wanted !== undefined) named.push(wanted);
  if (named.length > 0) return [...new Set(named)].sort();
  const lists = (nodes.pinned ? [nodes.pinned] : nodes.eligible).map(partitionsOf);
  if (lists.some((l) => l.length === 0)) return null;
  const common = lists.reduce((acc, l) => acc.filter((p) => l.includes(p)));
  return [...new Set(common.length > 0 ? common : lists.flat())].sort();
}

/** Custom requirements that are Slurm features (`feature=true` labels); partitions are not. */
function features(input: EmitInput): { features: string[]; other: string[] } {
  const out = { features: [] as string[], other: [] as string[] };
  for (const [key, value] of Object.entries(input.task.requirements.custom ?? {})) {
    if (key === 'partition' || key.startsWith('partition.')) continue;
    if (value === 'true' && SAFE.test(key)) out.features.push(key);
    else out.other.push(`custom.${key}=${value}`);
  }
  return out;
}

/** `HH:MM:00`, or `D-HH:MM:00` from a day on: minutes rounded up, as Slurm counts them. */
export function slurmTime(minutes: number): string {
  const total = ceilClean(minutes);
  const days = Math.floor(total / 1440);
  const hh = String(Math.floor((total % 1440) / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `${days > 0 ? `${days}-` : ''}${hh}:${mm}:00`;
}

function slurmUnexpressed(input: EmitInput, type: string | null, other: string[]): string[] {
  const req = input.task.requirements;
  const out = commonUnexpressed(input.task, 'Slurm');
  if (req.os !== undefined) out.push(`os ${req.os}: Slurm does not select nodes by OS`);
  if (req.arch !== undefined) out.push(`arch ${req.arch}: Slurm does not select nodes by architecture`);
  if (req.gpu?.type !== undefined && type === null) out.push(`gpu.type ${req.gpu.type}: GRES gpu names no vendor`);
  if (req.gpu?.minVram !== undefined && type === null)
    out.push(`gpu.minVram ${req.gpu.minVram} GB: Slurm does not select GPUs by memory`);
  for (const o of other) out.push(`${o}: not a Slurm feature or partition`);
  if (req.tolerations?.length) out.push(`tolerations: Kubernetes taints; Slurm has none`);
  return out;
}

/** A job name sbatch takes as one word. */
function jobName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 200) || 'task';
}

/** An sbatch script header: `#SBATCH` lines for the node choice and the resources. */
export function emitSlurm(input: EmitInput): Emitted {
  const nodes = exportNodes(input, 'slurm', 'Slurm');
  const req = input.task.requirements;
  const count = gpuCount(req);
  const among = nodes.pinned ? [nodes.pinned] : nodes.eligible;
  const type = count > 0 ? commonGresType(input, among) : null;
  const partitions = choosePartitions(input, nodes);
  const { features: feats, other } = features(input);
  const notes = ['--mem and --tmp in MiB, from the task GB (10^9 bytes), rounded up'];
  // A type read from the nodes' own GRES is gres.conf's; one made from a model name is a guess, and says so.
  const fromGres = (t: Node) =>
    (own(t.labels, 'slurm.gres') ?? '').split(',').some((g) => g.trim().startsWith(`gpu:${type}:`));
  if (type !== null && !among.every(fromGres))
    notes.push(`GRES type ${type} is the GPU model in lower case: rename it if gres.conf differs`);
  const lines: string[] = [`--job-name=${jobName(input.task.name)}`];
  if (partitions !== null) lines.push(`--partition=${partitions.map((p) => safe(p, 'partition')).join(',')}`);
  if (nodes.pinned) lines.push(`--nodelist=${safe(nodeName(nodes.pinned), 'node name')}`);
  if (feats.length > 0) lines.push(`--constraint=${feats.join('&')}`);
  if (req.cpu) lines.push(`--cpus-per-task=${wholeCores(req.cpu)}`);
  if (req.memoryGb) lines.push(`--mem=${gbToMiB(req.memoryGb)}M`);
  if (req.diskGb) lines.push(`--tmp=${gbToMiB(req.diskGb)}M`);
  if (count > 0) lines.push(`--gres=gpu:${type === null ? '' : `${type}:`}${count}`);
  if (req.maxRuntimeMinutes !== undefined) lines.push(`--time=${slurmTime(req.maxRuntimeMinutes)}`);
  if (!nodes.pinned) {
    const ask = {
      cpu: req.cpu === undefined ? undefined : wholeCores(req.cpu),
      memoryGb: req.memoryGb,
      diskGb: req.diskGb,
      ...(count > 0
        ? { gpu: { count, device: (d: GpuDevice, t: Target) => type === null || gresType(d, t as Node) === type } }
        : {}),
    };
    const admitted = (t: Node) =>
      t.unschedulable === undefined &&
      (partitions === null || partitionsOf(t).some((p) => partitions.includes(p))) &&
      feats.every((f) => own(t.labels, f) === 'true') &&
      mayFit(t, ask);
    if (!admitsExactly(nodes, admitted)) {
      const eligible = new Set<Node>(nodes.eligible);
      const extra = nodes.universe.filter((t) => admitted(t) && !eligible.has(t)).map(nodeName);
      notes.push('--nodelist would ask for all of its nodes at once: excluding the ineligible ones instead');
      lines.push(`--exclude=${extra.map((n) => safe(n, 'node name')).join(',')}`);
    }
    if (nodes.elsewhere > 0) notes.push(`${nodes.elsewhere} eligible nodes of other clusters are not covered`);
  }
  const unexpressed = slurmUnexpressed(input, type, other);
  const what = nodes.pinned
    ? `Placement Explorer: task ${named(input.task.name)} pinned to Slurm node ${named(nodeName(nodes.pinned))}`
    : `Placement Explorer: task ${named(input.task.name)} on any of ${nodes.eligible.length} eligible Slurm nodes of ${nodes.universe.length}`;
  const text = `#!/bin/bash\n${header(what, notes, unexpressed)}${lines.map((l) => `#SBATCH ${l}\n`).join('')}\n# your job steps here\n`;
  return { format: 'slurm', language: 'shell', text, unexpressed };
}
