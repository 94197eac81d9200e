import { stringify } from 'yaml';
import { own, tolerates } from '../engine/checks.js';
import type { GpuVendor } from '../schema/aliases.js';
import { TOLERATION } from '../schema/requirements.js';
import type { Target } from '../schema/targets.js';
import { header, named, type EmitInput, type Emitted } from './emitted.js';
import { admitsExactly, exportNodes, nodeName, type ExportNodes } from './nodes.js';
import { ceilClean, commonUnexpressed, gbToMiB, gpuCount, mayFit, type ResourceAsk } from './quantities.js';

type Node = Extract<Target, { type: 'kubernetes' }>;

const HOSTNAME = 'kubernetes.io/hostname';
const GPU_PRODUCT = 'nvidia.com/gpu.product';
const GPU_MEMORY = 'nvidia.com/gpu.memory';
const OS_VALUES: Partial<Record<string, string>> = { linux: 'linux', windows: 'windows' };
const ARCH_VALUES: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };
const GPU_RESOURCE: Record<GpuVendor, string | null> = {
  nvidia: 'nvidia.com/gpu',
  amd: 'amd.com/gpu',
  intel: 'gpu.intel.com/i915',
  apple: null,
};

interface Expression {
  key: string;
  operator: 'In' | 'Gt';
  values: string[];
}

/** A node selector requirement evaluated as the Kubernetes scheduler does. */
function holds(e: Expression, labels: Readonly<Record<string, string>> | undefined): boolean {
  const value = own(labels, e.key);
  if (value === undefined) return false;
  if (e.operator === 'In') return e.values.includes(value);
  return /^-?\d+$/.test(value) && Number(value) > Number(e.values[0]);
}

/** Whether the scheduler itself keeps off the node: cordoned, not Ready, or a taint not tolerated. */
function refusedByScheduler(t: Node, tolerations: readonly string[] | undefined): boolean {
  if (t.unschedulable !== undefined) return true;
  return (t.taints ?? []).some((taint) => taint.effect !== 'PreferNoSchedule' && !tolerates(tolerations, taint));
}

function hostnameOf(t: Node): string {
  return own(t.labels, HOSTNAME) ?? nodeName(t);
}

/** `4`, `500m`: Kubernetes CPU quantities. */
function cpuQuantity(cpu: number): string {
  return Number.isInteger(cpu) ? String(cpu) : `${ceilClean(cpu * 1000)}m`;
}

/** `16G`, `1500M`: decimal suffixes, since our GB are 10^9 bytes. */
function byteQuantity(gb: number): string {
  return Number.isInteger(gb) ? `${gb}G` : `${ceilClean(gb * 1000)}M`;
}

/** The vendor whose device resource the container asks for, and a note when eligible nodes mix vendors. */
function gpuVendor(input: EmitInput, nodes: ExportNodes<Node>): { vendor: GpuVendor | null; note: string | null } {
  const wanted = input.task.requirements.gpu?.type;
  if (wanted !== undefined) return { vendor: wanted, note: null };
  const among = nodes.pinned ? [nodes.pinned] : nodes.eligible;
  const vendors = [...new Set(among.flatMap((t) => (t.capabilities?.gpus ?? []).map((g) => g.vendor)))];
  const vendor = (nodes.pinned ?? nodes.eligible[0])!.capabilities?.gpus?.[0]?.vendor ?? vendors[0] ?? 'nvidia';
  const note =
    vendors.length > 1 ? `eligible nodes mix GPU vendors (${vendors.join(', ')}); this asks for ${vendor} GPUs` : null;
  return { vendor, note };
}

/** Label expressions from the requirements, each kept only when every eligible node passes it. */
function requirementExpressions(input: EmitInput, eligible: readonly Node[], vendor: GpuVendor | null) {
  const req = input.task.requirements;
  const base: Expression[] = [];
  const os = req.os === undefined ? undefined : OS_VALUES[req.os];
  if (os !== undefined) base.push({ key: 'kubernetes.io/os', operator: 'In', values: [os] });
  if (req.arch !== undefined)
    base.push({ key: 'kubernetes.io/arch', operator: 'In', values: [ARCH_VALUES[req.arch]!] });
  for (const [key, value] of Object.entries(req.custom ?? {})) base.push({ key, operator: 'In', values: [value] });
  const gpu: Expression[] = [];
  if (req.gpu?.minVram !== undefined && vendor === 'nvidia')
    gpu.push({ key: GPU_MEMORY, operator: 'Gt', values: [String(gbToMiB(req.gpu.minVram) - 1)] });
  const products = [...new Set(eligible.map((t) => own(t.labels, GPU_PRODUCT)))];
  const product: Expression[] =
    req.gpu !== undefined && vendor === 'nvidia' && !products.includes(undefined)
      ? [{ key: GPU_PRODUCT, operator: 'In', values: (products as string[]).sort() }]
      : [];
  const everywhere = (e: Expression) => eligible.every((t) => holds(e, t.labels));
  return { base: base.filter(everywhere), gpu: gpu.filter(everywhere), product };
}

/** The matchExpressions that admit exactly the eligible nodes, falling back to their hostnames. */
function chooseExpressions(input: EmitInput, nodes: ExportNodes<Node>, ask: ResourceAsk, vendor: GpuVendor | null) {
  const { base, gpu, product } = requirementExpressions(input, nodes.eligible, vendor);
  const tolerations = input.task.requirements.tolerations;
  for (const candidate of [
    [...base, ...gpu],
    [...base, ...gpu, ...product],
  ]) {
    const admitted = (t: Node) =>
      !refusedByScheduler(t, tolerations) && mayFit(t, ask) && candidate.every((e) => holds(e, t.labels));
    if (admitsExactly(nodes, admitted)) return { expressions: candidate, byHostname: false };
  }
  const hosts = [...new Set(nodes.eligible.map(hostnameOf))].sort();
  return { expressions: [{ key: HOSTNAME, operator: 'In', values: hosts }] as Expression[], byHostname: true };
}

function tolerationsOf(specs: readonly string[] | undefined) {
  return (specs ?? []).map((spec) => {
    const [, key, value, effect] = TOLERATION.exec(spec)!;
    return {
      key: key!,
      operator: value === undefined ? 'Exists' : 'Equal',
      ...(value === undefined ? {} : { value }),
      ...(effect === undefined ? {} : { effect }),
    };
  });
}

/** A DNS-1123 label from the task name: what Kubernetes accepts as a container name. */
function containerName(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label || 'task';
}

/** What the Kubernetes scheduler cannot select on, beyond what no scheduler can. */
function kubernetesUnexpressed(input: EmitInput, nodes: ExportNodes<Node>, vendor: GpuVendor | null): string[] {
  const req = input.task.requirements;
  const out = commonUnexpressed(input.task, 'Kubernetes');
  if (req.os !== undefined && OS_VALUES[req.os] === undefined)
    out.push(`os ${req.os}: Kubernetes nodes run linux or windows`);
  if (req.gpu !== undefined && vendor !== null && GPU_RESOURCE[vendor] === null)
    out.push(`gpu.type ${vendor}: Kubernetes has no device resource for it`);
  const among = nodes.pinned ? [nodes.pinned] : nodes.eligible;
  if (
    req.gpu?.minVram !== undefined &&
    (vendor !== 'nvidia' || among.some((t) => own(t.labels, GPU_MEMORY) === undefined))
  )
    out.push(
      `gpu.minVram ${req.gpu.minVram} GB: no ${GPU_MEMORY} label to select on; only the node choice keeps to it`,
    );
  return out;
}

/** A Pod spec fragment: node selection, tolerations and the container's resources. */
export function emitKubernetes(input: EmitInput): Emitted {
  const nodes = exportNodes(input, 'kubernetes', 'Kubernetes');
  const req = input.task.requirements;
  const count = gpuCount(req);
  const { vendor, note: vendorNote } = count > 0 ? gpuVendor(input, nodes) : { vendor: null, note: null };
  const resource = vendor === null ? null : GPU_RESOURCE[vendor];
  const ask: ResourceAsk = {
    cpu: req.cpu,
    memoryGb: req.memoryGb,
    diskGb: req.diskGb,
    ...(resource ? { gpu: { count, device: (d) => d.vendor === vendor } } : {}),
  };
  const notes: string[] = ['memory and ephemeral-storage in G and M: 10^9 and 10^6 bytes, as the task states GB'];
  if (vendorNote) notes.push(vendorNote);
  const spec: Record<string, unknown> = {};
  if (nodes.pinned) spec['nodeSelector'] = { [HOSTNAME]: hostnameOf(nodes.pinned) };
  else {
    const { expressions, byHostname } = chooseExpressions(input, nodes, ask, vendor);
    if (byHostname)
      notes.push(`no label expression admits exactly the ${nodes.eligible.length} eligible nodes: listed by hostname`);
    if (expressions.length > 0)
      spec['affinity'] = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expressions }] },
        },
      };
    if (nodes.elsewhere > 0) notes.push(`${nodes.elsewhere} eligible nodes of other clusters are not covered`);
  }
  const tolerations = tolerationsOf(req.tolerations);
  if (tolerations.length > 0) spec['tolerations'] = tolerations;
  if (req.maxRuntimeMinutes !== undefined) spec['activeDeadlineSeconds'] = ceilClean(req.maxRuntimeMinutes * 60);
  const limits: Record<string, string> = {};
  if (req.cpu) limits['cpu'] = cpuQuantity(req.cpu);
  if (req.memoryGb) limits['memory'] = byteQuantity(req.memoryGb);
  if (req.diskGb) limits['ephemeral-storage'] = byteQuantity(req.diskGb);
  if (resource) limits[resource] = String(count);
  const container: Record<string, unknown> = { name: containerName(input.task.name) };
  if (Object.keys(limits).length > 0) container['resources'] = { limits, requests: { ...limits } };
  spec['containers'] = [container];
  notes.push('add the container image and command');
  const unexpressed = kubernetesUnexpressed(input, nodes, vendor);
  const what = nodes.pinned
    ? `Placement Explorer: task ${named(input.task.name)} pinned to Kubernetes node ${named(nodeName(nodes.pinned))}`
    : `Placement Explorer: task ${named(input.task.name)} on any of ${nodes.eligible.length} eligible Kubernetes nodes of ${nodes.universe.length}`;
  const text = header(what, notes, unexpressed) + stringify({ spec }, { lineWidth: 0 });
  return { format: 'kubernetes', language: 'yaml', text, unexpressed };
}
