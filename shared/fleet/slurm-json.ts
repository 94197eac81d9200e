import type { SlurmNode } from './slurm-node.js';
import { FleetInputError } from './types.js';

/**
 * The two JSON shapes Slurm gives a node list in, told apart by the type of `state`:
 * - `scontrol show nodes --json` (23.02+) and slurmrestd's nodes answer (v0.0.39+): `state` a list
 *   (`["IDLE","DRAIN"]`), `features` a list, numbers sometimes `{"set":true,"infinite":false,"number":N}`;
 * - `sinfo --json` (21.08–22.05) and slurmrestd up to v0.0.38: `state` one lower-case word (`"idle"`)
 *   with its flags in `state_flags` (`["DRAIN"]`), `features` a comma list.
 */
type Shape = 'scontrol' | 'sinfo';

type Fields = Record<string, unknown>;

const SHAPE_NAMES: Record<Shape, string> = {
  scontrol: 'scontrol show nodes --json',
  sinfo: 'sinfo --json',
};

function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as an error message shows it: `"x"`, `42`, `a list`, `an object`. */
function shown(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'an object';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function wrong(path: string, expected: string, v: unknown): FleetInputError {
  return new FleetInputError(`${path}: expected ${expected}, got ${shown(v)}`);
}

/** A count ≥ 0, plain or as Slurm's `{set, infinite, number}`; unset, infinite or absent → undefined. */
function readNumber(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (isObject(v) && 'number' in v) {
    if (v['set'] === false || v['infinite'] === true) return undefined;
    return readNumber(v['number'], `${path}.number`);
  }
  // Past 2^53 a count is no count, and MiB of it overflow to Infinity GB.
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > Number.MAX_SAFE_INTEGER)
    throw wrong(path, 'a number', v);
  return v;
}

function readString(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw wrong(path, 'a string', v);
  return v;
}

/** A list written as a JSON list of strings or as one comma-separated string. */
function readList(v: unknown, path: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && s !== '(null)');
  if (!Array.isArray(v)) throw wrong(path, 'a list of names or a comma-separated string', v);
  return v.map((item, i) => {
    if (typeof item !== 'string') throw wrong(`${path}[${i}]`, 'a string', item);
    return item.trim();
  });
}

function shapeOf(nodes: unknown[]): Shape {
  const first = nodes[0];
  if (!isObject(first)) throw wrong('nodes[0]', 'a node object', first);
  if (Array.isArray(first['state'])) return 'scontrol';
  if (typeof first['state'] === 'string') return 'sinfo';
  throw wrong(
    'nodes[0].state',
    'a list of states (scontrol show nodes --json) or a state name (sinfo --json)',
    first['state'],
  );
}

function readState(n: Fields, path: string, shape: Shape): string[] {
  if (shape === 'scontrol') {
    if (!Array.isArray(n['state']))
      throw wrong(`${path}.state`, `a list of states, as ${SHAPE_NAMES[shape]} writes`, n['state']);
    return readList(n['state'], `${path}.state`);
  }
  if (typeof n['state'] !== 'string')
    throw wrong(`${path}.state`, `a state name, as ${SHAPE_NAMES[shape]} writes`, n['state']);
  const flags = n['state_flags'];
  if (flags !== undefined && flags !== null && !Array.isArray(flags))
    throw wrong(`${path}.state_flags`, 'a list', flags);
  return [n['state'], ...readList(flags, `${path}.state_flags`)];
}

function readNode(v: unknown, i: number, shape: Shape, cluster: string | undefined): SlurmNode {
  const path = `nodes[${i}]`;
  if (!isObject(v)) throw wrong(path, 'a node object', v);
  const name = readString(v['name'], `${path}.name`)?.trim();
  if (!name) throw wrong(`${path}.name`, 'a node name', v['name']);
  const total = readNumber(v['cpus'], `${path}.cpus`);
  const effective = readNumber(v['effective_cpus'], `${path}.effective_cpus`);
  const active = readList(v['active_features'], `${path}.active_features`);
  const node: SlurmNode = {
    name,
    features: active.length > 0 ? active : readList(v['features'], `${path}.features`),
    partitions: readList(v['partitions'], `${path}.partitions`),
    state: readState(v, path, shape),
  };
  const nodeCluster = readString(v['cluster_name'], `${path}.cluster_name`) || cluster;
  if (nodeCluster) node.cluster = nodeCluster;
  const cpus = effective ?? total;
  if (cpus !== undefined) node.cpus = cpus;
  if (effective !== undefined && total !== undefined && total !== effective) node.totalCpus = total;
  const memory = readNumber(v['real_memory'], `${path}.real_memory`);
  if (memory !== undefined) node.realMemoryMib = memory;
  const disk = readNumber(v['temporary_disk'], `${path}.temporary_disk`);
  if (disk !== undefined) node.tmpDiskMib = disk;
  const arch = readString(v['architecture'], `${path}.architecture`);
  if (arch) node.arch = arch;
  const os = readString(v['operating_system'], `${path}.operating_system`);
  if (os) node.os = os;
  const gres = readString(v['gres'], `${path}.gres`);
  if (gres) node.gres = gres;
  const reason = readString(v['reason'], `${path}.reason`);
  if (reason) node.reason = reason;
  const instanceType = readString(v['instance_type'], `${path}.instance_type`);
  if (instanceType) node.instanceType = instanceType;
  return node;
}

/** The messages in a response's `errors` list (slurmrestd: `error`, `description`). */
function slurmErrors(doc: Fields): string[] {
  const errors = doc['errors'];
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    // JSON, not String(): String() throws on a list holding an object whose own toString is not a function.
    if (!isObject(e)) return typeof e === 'string' ? e : JSON.stringify(e);
    const parts = [e['description'], e['error']].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.join(': ') || JSON.stringify(e);
  });
}

/**
 * Reads the nodes of `scontrol show nodes --json`, slurmrestd's nodes answer or `sinfo --json` (21.08–22.05).
 * Slurm's own `errors` become warnings, or the error when there are no nodes.
 */
export function readSlurmJson(doc: unknown, warnings: string[]): SlurmNode[] {
  const expected = 'expected {"nodes": [...]} as scontrol show nodes --json or sinfo --json (Slurm 21.08–22.05) print';
  if (!isObject(doc)) throw new FleetInputError(`not a Slurm node list: ${expected}`);
  if (doc['nodes'] === undefined && Array.isArray(doc['sinfo']))
    throw new FleetInputError(
      'not a Slurm node list: this is sinfo --json from Slurm 23.02 or later, which groups nodes; save scontrol show nodes --json instead',
    );
  const nodes = doc['nodes'];
  if (!Array.isArray(nodes)) throw new FleetInputError(`not a Slurm node list (nodes: ${shown(nodes)}): ${expected}`);
  const errors = slurmErrors(doc);
  if (nodes.length === 0 && errors.length > 0) throw new FleetInputError(`Slurm answered with an error: ${errors[0]}`);
  warnings.push(...errors.map((e) => `Slurm reported: ${e}`));
  if (nodes.length === 0) return [];
  const meta = isObject(doc['meta']) ? doc['meta'] : {};
  const slurm = isObject(meta['slurm']) ? meta['slurm'] : {};
  const cluster = typeof slurm['cluster'] === 'string' && slurm['cluster'] !== '' ? slurm['cluster'] : undefined;
  const shape = shapeOf(nodes);
  return nodes.map((n, i) => readNode(n, i, shape, cluster));
}
