import type { Architecture, OperatingSystem } from '../schema/aliases.js';
import type { Capabilities } from '../schema/capabilities.js';
import { labelKey } from '../schema/primitives.js';
import type { Target, TargetSource } from '../schema/targets.js';
import { gpusFromGres } from './slurm-gres.js';
import { slurmNodeState } from './slurm-state.js';
import { FleetInputError, targetIdFor, type FleetImport, type SourceOrigin } from './types.js';

/** What every Slurm format says about a node, read but not yet converted. */
export interface SlurmNode {
  name: string;
  /** The cluster the document names, used when the origin names none. */
  cluster?: string;
  /** Logical CPUs jobs may use (`CPUEfctv`, else `CPUTot`). */
  cpus?: number;
  /** All logical CPUs (`CPUTot`), when it differs from `cpus`. */
  totalCpus?: number;
  realMemoryMib?: number;
  tmpDiskMib?: number;
  arch?: string;
  os?: string;
  features: string[];
  partitions: string[];
  gres?: string;
  /** State parts as written: `["IDLE","DRAIN"]`, `["mixed*"]`, `["idle","DRAIN"]` (sinfo state + flags). */
  state: string[];
  reason?: string;
  instanceType?: string;
}

const ARCHES: Record<string, Architecture> = {
  x86_64: 'x64',
  amd64: 'x64',
  x64: 'x64',
  aarch64: 'arm64',
  arm64: 'arm64',
};
const OS_NAMES: Record<string, OperatingSystem> = { linux: 'linux', darwin: 'macos', windows: 'windows' };
const LABEL_VALUE_MAX = 256;
/** A target's `name` holds at most 200 characters, a source's cluster 500. */
const NODE_NAME_MAX = 200;
const CLUSTER_MAX = 500;

type SlurmTarget = Extract<Target, { type: 'slurm' }>;

/** MiB as Slurm counts memory and disk → GB (10^9 bytes), one decimal. */
export function mibToGb(mib: number): number {
  return Math.round((mib * 1048576) / 1e8) / 10;
}

/** Splits a comma list (`gpu,debug`), dropping Slurm's empty markers. */
export function commaList(value: string | undefined): string[] {
  if (value === undefined || value === '(null)' || value === 'N/A') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function capabilitiesOf(node: SlurmNode, warnings: string[]): Capabilities {
  const caps: Capabilities = {};
  if (node.cpus !== undefined) caps.cpu = node.cpus;
  if (node.realMemoryMib !== undefined && node.realMemoryMib > 0) caps.memoryGb = mibToGb(node.realMemoryMib);
  // TmpDisk 0 is Slurm's default for "not configured", so it says nothing about the disk.
  if (node.tmpDiskMib !== undefined && node.tmpDiskMib > 0) caps.diskGb = mibToGb(node.tmpDiskMib);
  caps.gpus = gpusFromGres(node.gres, node.name, warnings);
  const osWord = node.os?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  // Own keys only: an OS or Arch of `constructor` must not find Object's constructor.
  if (Object.hasOwn(OS_NAMES, osWord)) caps.os = OS_NAMES[osWord];
  else if (osWord !== '' && osWord !== '(null)' && osWord !== 'n/a')
    warnings.push(`node ${node.name}: operating system "${node.os!.trim()}" not recognised; left unknown`);
  const arch = node.arch?.trim() ?? '';
  if (Object.hasOwn(ARCHES, arch)) caps.arch = ARCHES[arch];
  else if (arch !== '' && arch !== '(null)' && arch !== 'N/A')
    warnings.push(`node ${node.name}: architecture "${arch}" not recognised; left unknown`);
  caps.network = true;
  if (node.totalCpus !== undefined && node.cpus !== undefined && node.totalCpus !== node.cpus)
    caps.physical = { cpu: node.totalCpus };
  return caps;
}

/**
 * Labels: each feature as `<feature>: "true"`; partitions as `partition: <first listed>` (DESIGN's
 * `partition=NAME`; a label holds one value) plus `partition.<name>: "true"` for every partition, so a
 * requirement can name any of them; and `slurm.state` with the state as Slurm writes it.
 */
function labelsOf(node: SlurmNode, written: string, warnings: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  const reserved = (key: string) =>
    key === 'partition' || key.startsWith('partition.') || key === 'slurm.state' || key === 'slurm.gres';
  for (const feature of node.features) {
    if (!labelKey.safeParse(feature).success || reserved(feature))
      warnings.push(`node ${node.name}: feature "${feature}" cannot be a label key; left out of the labels`);
    else labels[feature] = 'true';
  }
  const usable = node.partitions.filter((p) => {
    const ok = labelKey.safeParse(`partition.${p}`).success && p.length <= LABEL_VALUE_MAX;
    if (!ok) warnings.push(`node ${node.name}: partition "${p}" cannot be a label; left out of the labels`);
    return ok;
  });
  if (usable[0] !== undefined) labels['partition'] = usable[0];
  for (const p of usable) labels[`partition.${p}`] = 'true';
  labels['slurm.state'] = written.slice(0, LABEL_VALUE_MAX);
  // The GRES as gres.conf names it (`gpu:a100-80gb:4(S:0-1)`), so that an #SBATCH --gres can use its types.
  if (node.gres && node.gres !== '(null)' && node.gres.length <= LABEL_VALUE_MAX) labels['slurm.gres'] = node.gres;
  return labels;
}

/** One target for a Slurm node: capabilities in the project's units, labels, and why it is unusable. */
export function slurmTarget(node: SlurmNode, origin: SourceOrigin, warnings: string[]): SlurmTarget {
  if (node.name.length > NODE_NAME_MAX)
    throw new FleetInputError(
      `node ${JSON.stringify(node.name.slice(0, 40))}…: expected a node name of at most ${NODE_NAME_MAX} characters`,
    );
  const state = slurmNodeState(node.state, node.reason, node.name);
  warnings.push(...state.warnings);
  // Field by field: a caller's origin may carry more than a source holds (the catalog's `cloud`).
  const source: TargetSource = { kind: 'slurm', node: node.name, importedAt: origin.importedAt };
  const cluster = origin.cluster ?? node.cluster;
  if (cluster !== undefined && cluster.length > CLUSTER_MAX)
    throw new FleetInputError(
      `node ${JSON.stringify(node.name)}: expected a cluster name of at most ${CLUSTER_MAX} characters, got ${JSON.stringify(cluster.slice(0, 40))}…`,
    );
  if (cluster !== undefined) source.cluster = cluster;
  if (origin.context !== undefined) source.context = origin.context;
  if (origin.address !== undefined) source.address = origin.address;
  if (origin.file !== undefined) source.file = origin.file;
  const id = targetIdFor(node.name);
  const target: SlurmTarget = {
    id,
    type: 'slurm',
    ...(id !== node.name ? { name: node.name } : {}),
    source,
    hourlyRate: 0,
    capabilities: capabilitiesOf(node, warnings),
    labels: labelsOf(node, state.written, warnings),
  };
  if (node.instanceType) target.instanceType = node.instanceType.slice(0, 100);
  if (state.unschedulable !== undefined) target.unschedulable = state.unschedulable;
  return target;
}

/** Targets for the nodes read, in order; a node whose id repeats an earlier one's is left out with a warning. */
export function slurmImport(nodes: SlurmNode[], origin: SourceOrigin, warnings: string[]): FleetImport {
  const targets: Target[] = [];
  const seen = new Map<string, string>();
  for (const node of nodes) {
    const target = slurmTarget(node, origin, warnings);
    const first = seen.get(target.id);
    if (first !== undefined) {
      warnings.push(`node ${node.name}: same target id "${target.id}" as node ${first}; left out`);
      continue;
    }
    seen.set(target.id, node.name);
    targets.push(target);
  }
  if (nodes.length === 0) warnings.push('the input lists no nodes');
  return { targets, warnings };
}
