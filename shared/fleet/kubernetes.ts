import type { Capabilities } from '../schema/capabilities.js';
import { TAINT_EFFECTS, type Target, type Taint } from '../schema/targets.js';
import { kubernetesGpus, type NodeGpuFacts } from './kubernetes-gpus.js';
import { parseQuantity } from './quantity.js';
import { FleetInputError, parseJsonDocument, targetIdFor, type FleetImport, type SourceOrigin } from './types.js';

type KubernetesTarget = Extract<Target, { type: 'kubernetes' }>;
type Json = Record<string, unknown>;

const WHAT = 'kubectl get nodes -o json output';
// The same rule as the targets file's label keys (shared/schema/primitives.ts): a label that would
// fail there is left out here, with a warning, rather than failing the whole import later.
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,316}$/;
const MAX_LABEL_VALUE = 256;
const MAX_TAINTS = 100;
const MAX_NODE_NAME = 253;
const OS: Readonly<Record<string, 'linux' | 'windows' | 'macos'>> = {
  linux: 'linux',
  windows: 'windows',
  darwin: 'macos',
};
const ARCH: Readonly<Record<string, 'x64' | 'arm64'>> = {
  amd64: 'x64',
  x86_64: 'x64',
  x64: 'x64',
  arm64: 'arm64',
  aarch64: 'arm64',
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as an error message shows it: strings quoted and cut short, containers by kind. */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (isObject(v)) return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return String(v);
}

/** `items[2].status` + `allocatable` → `items[2].status.allocatable`; keys with dots or dashes in brackets. */
function at(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function fail(path: string, expected: string, got: unknown): never {
  throw new FleetInputError(`${path || 'document'}: expected ${expected}, got ${shown(got)}`);
}

function objectAt(parent: Json, key: string, path: string): Json | undefined {
  const v = parent[key];
  if (v === undefined) return undefined;
  if (!isObject(v)) fail(at(path, key), 'an object', v);
  return v;
}

function arrayAt(parent: Json, key: string, path: string): unknown[] | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) fail(at(path, key), 'an array', v);
  return v;
}

function stringAt(parent: Json, key: string, path: string): string | undefined {
  const v = parent[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') fail(at(path, key), 'a string', v);
  return v;
}

/** A quantity of `status.allocatable`, or undefined when not listed. A malformed one fails the import. */
function quantityAt(alloc: Json, key: string, path: string): number | undefined {
  const v = alloc[key];
  if (v === undefined) return undefined;
  // Kubernetes writes quantities as strings; a bare JSON number is what a hand-edited file may hold.
  const q = typeof v === 'string' ? parseQuantity(v) : typeof v === 'number' && Number.isFinite(v) ? v : null;
  if (q === null) fail(at(path, key), 'a Kubernetes quantity', v);
  if (q < 0) fail(at(path, key), 'a quantity ≥ 0', v);
  return q;
}

function gpuCountAt(alloc: Json, key: string, path: string): number | undefined {
  const q = quantityAt(alloc, key, path);
  if (q !== undefined && !Number.isInteger(q)) fail(at(path, key), 'a whole number of GPUs', alloc[key]);
  return q;
}

/** GB (10^9 bytes) to one decimal, as everywhere in the project. */
function gb(bytes: number): number {
  return Math.round(bytes / 1e8) / 10;
}

/** One line, at most `max` characters: condition messages may hold newlines and whole stack traces. */
function oneLine(text: string, max = 300): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function readLabels(meta: Json, path: string, node: string, warnings: string[]): Record<string, string> {
  const raw = objectAt(meta, 'labels', path);
  const labels: Record<string, string> = {};
  if (raw === undefined) return labels;
  for (const key in raw) {
    const v = raw[key];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      fail(at(at(path, 'labels'), key), 'a label value', v);
    const value = String(v);
    if (!LABEL_KEY.test(key) || value.length > MAX_LABEL_VALUE)
      warnings.push(`node ${node}: label ${JSON.stringify(key)} left out (not a valid label key or value)`);
    else labels[key] = value;
  }
  return labels;
}

function readTaints(spec: Json, path: string, node: string, warnings: string[]): Taint[] {
  const raw = arrayAt(spec, 'taints', path) ?? [];
  const taints: Taint[] = [];
  raw.forEach((t, i) => {
    const here = `${at(path, 'taints')}[${i}]`;
    if (!isObject(t)) fail(here, 'a taint object', t);
    const key = stringAt(t, 'key', here);
    if (key === undefined || key === '' || key.length > 317) fail(at(here, 'key'), 'a taint key', t['key']);
    const value = stringAt(t, 'value', here);
    const effect = t['effect'];
    if (!(TAINT_EFFECTS as readonly unknown[]).includes(effect))
      fail(at(here, 'effect'), TAINT_EFFECTS.join(' | '), effect);
    // `kubectl taint node n key:NoSchedule` stores no value; an empty one means the same.
    taints.push({ key, ...(value ? { value: value.slice(0, 256) } : {}), effect: effect as Taint['effect'] });
  });
  if (taints.length > MAX_TAINTS) {
    warnings.push(`node ${node}: ${taints.length} taints; only the first ${MAX_TAINTS} kept`);
    taints.length = MAX_TAINTS;
  }
  return taints;
}

/** Why the node is not Ready, or undefined when its Ready condition is True. */
function notReady(status: Json | undefined, path: string): string | undefined {
  const conditions = (status === undefined ? undefined : arrayAt(status, 'conditions', path)) ?? [];
  let ready: Json | undefined;
  let here = '';
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (!isObject(c)) fail(`${at(path, 'conditions')}[${i}]`, 'a condition object', c);
    if (c['type'] === 'Ready') [ready, here] = [c, `${at(path, 'conditions')}[${i}]`];
  }
  if (ready === undefined) return 'not Ready (no Ready condition reported)';
  const state = stringAt(ready, 'status', here);
  if (state === 'True') return undefined;
  const reason = stringAt(ready, 'reason', here);
  const message = stringAt(ready, 'message', here);
  // Unknown: the kubelet stopped reporting (node down or unreachable); False: it reports a problem.
  const why = [reason, message && oneLine(message)].filter(Boolean).join(': ');
  return `not Ready (${state ?? 'no status'}${why ? `, ${why}` : ''})`;
}

function readOsArch(
  labels: Record<string, string>,
  info: Json | undefined,
  path: string,
  node: string,
  warnings: string[],
) {
  const infoPath = at(path, 'nodeInfo');
  const osName =
    labels['kubernetes.io/os'] ?? labels['beta.kubernetes.io/os'] ?? stringAtOpt(info, 'operatingSystem', infoPath);
  const archName =
    labels['kubernetes.io/arch'] ?? labels['beta.kubernetes.io/arch'] ?? stringAtOpt(info, 'architecture', infoPath);
  // Own keys only: a node labelled `kubernetes.io/os: constructor` must not find Object's constructor.
  const os = osName === undefined ? undefined : ownValue(OS, osName.toLowerCase());
  const arch = archName === undefined ? undefined : ownValue(ARCH, archName.toLowerCase());
  if (osName !== undefined && os === undefined)
    warnings.push(
      `node ${node}: operating system ${JSON.stringify(osName)} is not linux, windows or macos; left unknown`,
    );
  if (archName !== undefined && arch === undefined)
    warnings.push(`node ${node}: architecture ${JSON.stringify(archName)} is not x64 or arm64; left unknown`);
  return { os, arch };
}

function ownValue<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function stringAtOpt(parent: Json | undefined, key: string, path: string): string | undefined {
  return parent === undefined ? undefined : stringAt(parent, key, path);
}

/** cpu, memory and disk from `status.allocatable` (what pods may use), never `capacity`. */
function readAllocatable(
  status: Json | undefined,
  path: string,
  node: string,
  caps: Capabilities,
  warnings: string[],
): NodeGpuFacts['allocatable'] {
  const allocPath = at(path, 'allocatable');
  const alloc = status === undefined ? undefined : objectAt(status, 'allocatable', path);
  if (alloc === undefined) {
    warnings.push(
      `node ${node}: no status.allocatable; cpu, memory and disk unknown (capacity is not used: it includes what the node reserves for itself)`,
    );
    return undefined;
  }
  const cpu = quantityAt(alloc, 'cpu', allocPath);
  const memory = quantityAt(alloc, 'memory', allocPath);
  const disk = quantityAt(alloc, 'ephemeral-storage', allocPath);
  if (cpu !== undefined) caps.cpu = cpu;
  if (memory !== undefined) caps.memoryGb = gb(memory);
  if (disk !== undefined) caps.diskGb = gb(disk);
  const missing = [
    cpu === undefined && 'cpu',
    memory === undefined && 'memory',
    disk === undefined && 'ephemeral-storage',
  ];
  const names = missing.filter((m): m is string => m !== false);
  if (names.length > 0) warnings.push(`node ${node}: status.allocatable has no ${names.join(', ')}; unknown`);
  let nvidiaMig = false;
  for (const key in alloc)
    if (key.startsWith('nvidia.com/mig-') && (gpuCountAt(alloc, key, allocPath) ?? 0) > 0) nvidiaMig = true;
  const counts = {
    nvidia: gpuCountAt(alloc, 'nvidia.com/gpu', allocPath),
    nvidiaShared: gpuCountAt(alloc, 'nvidia.com/gpu.shared', allocPath),
    amd: gpuCountAt(alloc, 'amd.com/gpu', allocPath),
  };
  return { ...dropUndefined(counts), nvidiaMig };
}

function dropUndefined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/** A target id not yet taken in this import: node names are unique, but two may map to one id. */
function uniqueId(name: string, taken: Map<string, string>, warnings: string[]): string {
  const base = targetIdFor(name);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 100 - String(n).length - 1)}-${n}`;
  if (id !== base)
    warnings.push(`node ${name}: target id "${base}" is taken by node ${taken.get(base)}; using "${id}"`);
  taken.set(id, name);
  return id;
}

function readNode(
  node: unknown,
  path: string,
  origin: SourceOrigin,
  taken: Map<string, string>,
  warnings: string[],
): KubernetesTarget {
  if (!isObject(node)) fail(path, 'a Node object', node);
  if (node['kind'] !== undefined && node['kind'] !== 'Node')
    throw new FleetInputError(`not ${WHAT}: ${path} has kind ${shown(node['kind'])}, expected Node`);
  const metaPath = at(path, 'metadata');
  const meta = objectAt(node, 'metadata', path) ?? fail(metaPath, 'an object', undefined);
  const name = meta['name'];
  if (typeof name !== 'string' || name === '' || name.length > MAX_NODE_NAME)
    fail(at(metaPath, 'name'), 'a node name', name);
  const labels = readLabels(meta, metaPath, name, warnings);
  const spec = objectAt(node, 'spec', path);
  const statusPath = at(path, 'status');
  const status = objectAt(node, 'status', path);
  if (status === undefined) warnings.push(`node ${name}: no status; capabilities and readiness unknown`);

  const caps: Capabilities = {};
  const allocatable = readAllocatable(status, statusPath, name, caps, warnings);
  const gpus = kubernetesGpus({ node: name, labels, allocatable }, warnings);
  // A node whose allocatable offers no GPU resource, with no GPU labels, has none a pod can get: no GPU,
  // not unknown. Without allocatable nothing is known.
  if (gpus.length > 0 || allocatable !== undefined) caps.gpus = gpus;
  const info = status === undefined ? undefined : objectAt(status, 'nodeInfo', statusPath);
  const { os, arch } = readOsArch(labels, info, statusPath, name, warnings);
  if (os !== undefined) caps.os = os;
  if (arch !== undefined) caps.arch = arch;
  caps.network = true;

  const cordoned = spec?.['unschedulable'];
  if (cordoned !== undefined && typeof cordoned !== 'boolean')
    fail(at(at(path, 'spec'), 'unschedulable'), 'true or false', cordoned);
  const reasons = [cordoned === true ? 'cordoned' : undefined, notReady(status, statusPath)].filter(
    (r): r is string => r !== undefined,
  );
  const taints = spec === undefined ? [] : readTaints(spec, at(path, 'spec'), name, warnings);
  const instanceType = labels['node.kubernetes.io/instance-type'] ?? labels['beta.kubernetes.io/instance-type'];

  return {
    id: uniqueId(name, taken, warnings),
    type: 'kubernetes',
    labels,
    capabilities: caps,
    source: { kind: 'kubernetes', ...origin, node: name },
    hourlyRate: 0,
    ...(instanceType !== undefined && instanceType.length <= 100 && { instanceType }),
    ...(reasons.length > 0 && { unschedulable: oneLine(reasons.join('; '), 1000) }),
    ...(taints.length > 0 && { taints }),
  };
}

/**
 * Reads `kubectl get nodes -o json` (a List or NodeList) or one Node (`kubectl get node X -o json`)
 * into one `kubernetes` target per node, in the order given. Resources come from
 * `status.allocatable`, sizes in GB to one decimal; GPUs from GPU Feature Discovery and AMD labeller
 * labels. Throws FleetInputError, saying what and where, for input that is not such a document.
 */
export function parseKubernetesNodes(text: string, origin: SourceOrigin): FleetImport {
  const doc = parseJsonDocument(text, WHAT);
  if (!isObject(doc)) throw new FleetInputError(`not ${WHAT}: expected a JSON object, got ${shown(doc)}`);
  const kind = doc['kind'];
  const warnings: string[] = [];
  const taken = new Map<string, string>();
  if (kind === 'Node') return { targets: [readNode(doc, '', origin, taken, warnings)], warnings };
  if (kind !== 'List' && kind !== 'NodeList')
    throw new FleetInputError(`not ${WHAT}: expected kind List/NodeList or Node, got ${shown(kind)}`);
  const items = doc['items'];
  // The API server writes `"items": null` for an empty NodeList.
  if (items !== null && !Array.isArray(items)) fail('items', 'an array of nodes', items);
  const targets = (items ?? []).map((node, i) => readNode(node, `items[${i}]`, origin, taken, warnings));
  if (targets.length === 0) warnings.push('the node list is empty: no targets imported');
  return { targets, warnings };
}
