import type { Architecture, GpuVendor, OperatingSystem } from '../schema/aliases.js';
import type { GpuDevice } from '../schema/capabilities.js';
import type { Target } from '../schema/targets.js';
import { lookupGpu } from './gpu-table.js';
import {
  FleetInputError,
  parseJsonDocument,
  targetIdFor,
  warnAssumed,
  type FleetImport,
  type SourceOrigin,
} from './types.js';

type NomadTarget = Extract<Target, { type: 'nomad' }>;
type Json = Record<string, unknown>;

const WHAT = 'a Nomad node list';
const MIB = 1048576;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,316}$/;
const GPU_VENDORS: Record<string, GpuVendor> = { nvidia: 'nvidia', amd: 'amd', intel: 'intel', apple: 'apple' };

// Nomad's byte units (its `structs/units.go`): decimal kB…EB and binary KiB…EiB, any case.
const UNIT_POWERS: Record<string, number> = { '': 0, k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };
const BYTE_UNIT = /^([kmgtpe]?)(i?)b$/i;

/** One decimal, as every quantity the project shows. */
function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : JSON.stringify(v);
}

/** The object at `key`, absent as undefined; anything else is an input error naming where. */
function objectAt(node: Json, key: string, where: string): Json | undefined {
  const v = node[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new FleetInputError(`${where}.${key}: expected an object, got ${typeName(v)}`);
  return v;
}

/** A number ≥ 0 at `key`, absent as undefined. */
function numberAt(obj: Json | undefined, key: string, where: string): number | undefined {
  const v = obj?.[key];
  if (v === undefined || v === null) return undefined;
  // Past 2^53 a count is no count, and MiB of it overflow to Infinity GB.
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > Number.MAX_SAFE_INTEGER)
    throw new FleetInputError(`${where}.${key}: expected a number ≥ 0, got ${typeName(v)}`);
  return v;
}

function stringAt(obj: Json, key: string, where: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new FleetInputError(`${where}.${key}: expected a string, got ${typeName(v)}`);
  return v;
}

/** JSON.parse's "at position N" as a line and column too, so a person can find it in an editor. */
function parseJson(text: string): unknown {
  try {
    return parseJsonDocument(text, WHAT);
  } catch (err) {
    const m = err instanceof FleetInputError ? / at position (\d+)\)$/.exec(err.message) : null;
    if (m === null) throw err;
    const before = text.slice(0, Number(m[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new FleetInputError(
      `${err instanceof Error ? err.message.slice(0, -1) : ''}, line ${line} column ${column})`,
    );
  }
}

/** The nodes of a `/v1/nodes` list, an array of `/v1/node/:id` documents, or one such document. */
function nodesOf(doc: unknown): { nodes: unknown[]; where: (i: number) => string } {
  if (Array.isArray(doc)) return { nodes: doc, where: (i) => `[${i}]` };
  if (isObject(doc) && ('Name' in doc || 'ID' in doc)) return { nodes: [doc], where: () => 'node' };
  throw new FleetInputError(
    `not ${WHAT}: expected an array of nodes (/v1/nodes?resources=true) or a /v1/node/:id document, got ${typeName(doc)}`,
  );
}

/** A typed device attribute (`{Int: 11441, Unit: "MiB"}`) in GB, or null when it is not a byte size. */
function bytesAttributeGb(attr: unknown): number | null {
  if (!isObject(attr)) return null;
  const value = typeof attr['Int'] === 'number' ? attr['Int'] : typeof attr['Float'] === 'number' ? attr['Float'] : NaN;
  const unit = BYTE_UNIT.exec(typeof attr['Unit'] === 'string' ? attr['Unit'] : '');
  if (!Number.isFinite(value) || value < 0 || unit === null) return null;
  const power = UNIT_POWERS[unit[1]!.toLowerCase()]!;
  return round1((value * (unit[2] ? 1024 : 1000) ** power) / 1e9);
}

function osOf(attrs: Json | undefined): OperatingSystem | undefined {
  const kernel = textOf(attrs?.['kernel.name']).toLowerCase();
  const os = kernel || textOf(attrs?.['os.name']).toLowerCase();
  if (os === '') return undefined;
  if (os === 'windows') return 'windows';
  if (os === 'darwin' || os === 'macos') return 'macos';
  if (os === 'linux') return 'linux';
  // Without kernel.name, os.name is the distribution (ubuntu, nixos): Linux, unless a BSD or Solaris.
  return kernel === '' && !/bsd|solaris|illumos|dragonfly/.test(os) ? 'linux' : undefined;
}

/**
 * An attribute as text: Nomad writes strings, but a file may hold anything, and String() throws on an
 * object whose own `toString` is not a function (`{"toString": 1}`).
 */
function textOf(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function archOf(attrs: Json | undefined): Architecture | undefined {
  const arch = textOf(attrs?.['cpu.arch']).toLowerCase();
  if (arch === 'amd64' || arch === 'x86_64') return 'x64';
  if (arch === 'arm64' || arch === 'aarch64') return 'arm64';
  return undefined;
}

/** The node's GPUs, one entry per device group, warning about what a person should know. */
function gpusOf(resources: Json | undefined, where: string, node: string, warnings: string[]): GpuDevice[] {
  const devices = resources?.['Devices'];
  if (devices === undefined || devices === null) return [];
  if (!Array.isArray(devices)) throw new FleetInputError(`${where}.NodeResources.Devices: expected an array`);
  const gpus: GpuDevice[] = [];
  devices.forEach((d: unknown, i) => {
    const at = `${where}.NodeResources.Devices[${i}]`;
    if (!isObject(d)) throw new FleetInputError(`${at}: expected an object, got ${typeName(d)}`);
    if (textOf(d['Type']).toLowerCase() !== 'gpu') return;
    const name = stringAt(d, 'Name', at) ?? '';
    const vendorText = (stringAt(d, 'Vendor', at) ?? '').toLowerCase();
    const known = name ? lookupGpu(name) : null;
    if (known !== null) warnAssumed(warnings, name, known.assumed);
    // Own keys only: a Vendor of `constructor` must not find Object's constructor.
    const vendor = (Object.hasOwn(GPU_VENDORS, vendorText) ? GPU_VENDORS[vendorText] : undefined) ?? known?.vendor;
    const label = `${vendorText || '?'}/gpu/${name || '?'}`;
    if (vendor === undefined) {
      warnings.push(`node ${node}: GPU ${label} is from a vendor the project does not know; left out`);
      return;
    }
    const instances = d['Instances'] ?? [];
    if (!Array.isArray(instances)) throw new FleetInputError(`${at}.Instances: expected an array`);
    if (instances.length === 0) return;
    const unhealthy = instances.filter((x: unknown) => isObject(x) && x['Healthy'] === false);
    if (unhealthy.length > 0) {
      const why = unhealthy
        .map((x) => (isObject(x) && typeof x['HealthDescription'] === 'string' ? x['HealthDescription'] : ''))
        .find((s) => s !== '');
      warnings.push(
        `node ${node}: ${unhealthy.length} of ${instances.length} ${label} devices unhealthy${why ? ` (${why})` : ''}; counted`,
      );
    }
    const attrs = objectAt(d, 'Attributes', at);
    const memory = attrs?.['memory'];
    let vramGb = bytesAttributeGb(memory);
    if (vramGb === null) {
      if (memory !== undefined)
        warnings.push(`node ${node}: ${label} memory ${JSON.stringify(memory)} is not a byte size; from the GPU table`);
      vramGb = known?.vramGb ?? null;
      if (vramGb === null) warnings.push(`node ${node}: ${label} has no known VRAM`);
    }
    gpus.push({ vendor, ...(name ? { model: name.slice(0, 200) } : {}), vramGb, count: instances.length });
  });
  return gpus;
}

/** Labels: every Meta key as it is, then datacenter, node_class and node_pool (which win). */
function labelsOf(node: Json, where: string, name: string, warnings: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  const meta = objectAt(node, 'Meta', where);
  for (const [key, value] of Object.entries(meta ?? {})) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (!LABEL_KEY.test(key) || text.length > 256) {
      warnings.push(
        `node ${name}: meta ${JSON.stringify(key).slice(0, 80)} cannot be a label (key or value); left out`,
      );
      continue;
    }
    labels[key] = text;
  }
  const datacenter = stringAt(node, 'Datacenter', where);
  const nodeClass = stringAt(node, 'NodeClass', where);
  const nodePool = stringAt(node, 'NodePool', where);
  for (const [key, value] of [
    ['datacenter', datacenter],
    ['node_class', nodeClass],
    ['node_pool', nodePool],
  ] as const) {
    if (!value) continue;
    // A label value holds 256 characters.
    if (value.length > 256) warnings.push(`node ${name}: ${key} longer than 256 characters; left out of the labels`);
    else labels[key] = value;
  }
  return labels;
}

/** Why Nomad would not place work on the node now, or undefined when it would. */
function unschedulableOf(node: Json, where: string): string | undefined {
  const reasons: string[] = [];
  const status = stringAt(node, 'Status', where);
  if (status !== undefined && status !== 'ready') reasons.push(status);
  if (stringAt(node, 'SchedulingEligibility', where) === 'ineligible') reasons.push('ineligible');
  if (node['Drain'] === true || isObject(node['DrainStrategy'])) reasons.push('draining');
  // A target's unschedulable holds 1000 characters; a Status is a word, but a file may hold anything.
  return reasons.length > 0 ? reasons.join('; ').slice(0, 1000) : undefined;
}

function nodeTarget(raw: unknown, where: string, origin: SourceOrigin, warnings: string[]): NomadTarget {
  if (!isObject(raw)) throw new FleetInputError(`${where}: expected a node object, got ${typeName(raw)}`);
  const name = stringAt(raw, 'Name', where);
  if (!name) throw new FleetInputError(`${where}.Name: expected the node's name`);
  const resources = objectAt(raw, 'NodeResources', where);
  const reserved = objectAt(raw, 'ReservedResources', where);
  const attrs = objectAt(raw, 'Attributes', where);
  const at = (part: string) => `${where}.${part}`;

  const cpuRes = resources && objectAt(resources, 'Cpu', at('NodeResources'));
  let cpu = numberAt(cpuRes, 'TotalCpuCores', at('NodeResources.Cpu'));
  if (cpu === undefined && attrs?.['cpu.numcores'] !== undefined) {
    const raw = attrs['cpu.numcores'];
    const n = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
    if (Number.isFinite(n) && n >= 0) cpu = n;
  }
  // Cores set aside with `reserved { cores = "0-1" }` are not the scheduler's to give.
  const reservedCores = reserved && objectAt(reserved, 'Cpu', at('ReservedResources'))?.['ReservedCpuCores'];
  if (cpu !== undefined && Array.isArray(reservedCores)) cpu = Math.max(0, cpu - reservedCores.length);

  const mib = (section: string, field: string): number | undefined => {
    const total = numberAt(
      resources && objectAt(resources, section, at('NodeResources')),
      field,
      at(`NodeResources.${section}`),
    );
    if (total === undefined) return undefined;
    const held = numberAt(
      reserved && objectAt(reserved, section, at('ReservedResources')),
      field,
      at(`ReservedResources.${section}`),
    );
    return round1((Math.max(0, total - (held ?? 0)) * MIB) / 1e9);
  };
  const memoryGb = mib('Memory', 'MemoryMB');
  const diskGb = mib('Disk', 'DiskMB');
  const gpus = gpusOf(resources, where, name, warnings);
  const os = osOf(attrs);
  const arch = archOf(attrs);
  const cpuModel = typeof attrs?.['cpu.modelname'] === 'string' ? attrs['cpu.modelname'].slice(0, 200) : undefined;
  const unschedulable = unschedulableOf(raw, where);

  return {
    id: targetIdFor(name),
    type: 'nomad',
    labels: labelsOf(raw, where, name, warnings),
    capabilities: {
      ...(cpu !== undefined ? { cpu } : {}),
      ...(cpuModel ? { cpuModel } : {}),
      ...(memoryGb !== undefined ? { memoryGb } : {}),
      ...(diskGb !== undefined ? { diskGb } : {}),
      ...(gpus.length > 0 ? { gpus } : {}),
      ...(os ? { os } : {}),
      ...(arch ? { arch } : {}),
    },
    source: { kind: 'nomad', ...origin, node: name.slice(0, 500) },
    hourlyRate: 0,
    ...(unschedulable ? { unschedulable } : {}),
  };
}

/**
 * Reads Nomad's `/v1/nodes?resources=true` (or an array of `/v1/node/:id` documents, or one) into
 * one `nomad` target per node: cores, memory and disk less what is reserved, GPUs with their memory
 * from the device's typed `memory` attribute, datacenter, node class, node pool and meta as labels,
 * and why the scheduler would not use the node now (`down`, `ineligible`, `draining`).
 */
export function parseNomadNodes(text: string, origin: SourceOrigin): FleetImport {
  const { nodes, where } = nodesOf(parseJson(text));
  const warnings: string[] = [];
  const targets: Target[] = [];
  const seen = new Map<string, number>();
  nodes.forEach((raw, i) => {
    const t = nodeTarget(raw, where(i), origin, warnings);
    // Two node names that only differ in characters an id cannot hold get -2, -3…
    let n = seen.get(t.id) ?? 0;
    seen.set(t.id, n + 1);
    // Until the id is free: `a`, `a`, `a-2` must not give two `a-2`.
    if (n > 0) {
      const base = t.id;
      do t.id = `${base.slice(0, 100 - String(++n).length - 1)}-${n}`;
      while (seen.has(t.id));
      seen.set(t.id, 1);
    }
    targets.push(t);
  });
  return { targets, warnings };
}
