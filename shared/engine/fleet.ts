// A fleet compiled once into columns (issue 14): for each thing a requirement reads, a small integer
// per target that names its value among the fleet's distinct values. Fleets repeat the same few
// shapes (instance types in every region, nodes of one pool), so a requirement is checked once per
// distinct value, and a placement is a few passes over integer arrays. Compiled when a targets list
// is first placed on and kept while that list lives; a new list re-reads only the targets it has not
// seen (each target's values are remembered with it).
import type { Capabilities } from '../schema/capabilities.js';
import { isSchedulerTarget, type Target } from '../schema/targets.js';
import { cudaComputeKey } from './cuda-compute.js';

/** One thing targets have, as a value id per target into the distinct values. */
export interface Column {
  /** The value id of each target. */
  ids: Int32Array;
  /** For each value id, the first target that has it: the one checked on behalf of the rest. */
  first: number[];
}

/** What the checks read of one target, as values that can be compared with `===` (objects as JSON). */
interface Row {
  cpu: number | undefined;
  memoryGb: number | undefined;
  diskGb: number | undefined;
  gpus: string;
  tools: string;
  os: string | undefined;
  arch: string | undefined;
  network: boolean | undefined;
  runtime: number | undefined;
  rate: number;
  node: string;
  local: boolean;
}

export type ColumnName = Exclude<keyof Row, 'local'>;
const COLUMNS: readonly ColumnName[] = [
  'cpu',
  'memoryGb',
  'diskGb',
  'gpus',
  'tools',
  'os',
  'arch',
  'network',
  'runtime',
  'rate',
  'node',
];

/**
 * Columns that only some tasks read (`targetTypes`, `allowCloud`, `custom.cudaCompute`): built when a
 * task first reads one and kept with the fleet, so that a task that reads none pays nothing for them.
 */
export type LazyColumnName = 'type' | 'cudaCompute';
const LAZY: Readonly<Record<LazyColumnName, (t: Target) => unknown>> = {
  type: (t) => t.type,
  cudaCompute: cudaComputeKey,
};

export interface CompiledFleet {
  readonly targets: readonly Target[];
  readonly size: number;
  readonly columns: Readonly<Record<ColumnName, Column>>;
  /** 1 for the local machine. */
  readonly local: Uint8Array;
  /** The values of one label key, as a column (built on first use, then kept). */
  label(key: string): Column;
  /** A column only some tasks read (see LazyColumnName), built on first use, then kept. */
  lazy(name: LazyColumnName): Column;
  /** Results kept with the fleet by whoever computed them (the checks' per-value outcomes), by key. */
  readonly memo: Map<string, unknown>;
}

// Each target's row, remembered with the target object: a list rebuilt around the same objects
// (a what-if that changes one price) re-reads only the new ones.
const rows = new WeakMap<Target, Row>();

function rowOf(t: Target): Row {
  let row = rows.get(t);
  if (row === undefined) {
    const caps = t.capabilities ?? {};
    const node = isSchedulerTarget(t) ? JSON.stringify({ u: t.unschedulable, t: t.taints }) : '';
    row = {
      cpu: caps.cpu,
      memoryGb: caps.memoryGb,
      diskGb: caps.diskGb,
      gpus: caps.gpus === undefined ? '' : gpusKey(caps.gpus),
      tools: caps.tools === undefined ? '' : toolsKey(caps.tools),
      os: caps.os,
      arch: caps.arch,
      network: caps.network,
      runtime: caps.maxRuntimeMinutes,
      rate: t.hourlyRate,
      node,
      local: t.type === 'local',
    };
    rows.set(t, row);
  }
  return row;
}

// Signatures of what the checks read (separators no name contains), written by hand: JSON.stringify
// of every target's devices is most of compiling a large fleet.
function gpusKey(gpus: NonNullable<Capabilities['gpus']>): string {
  let key = '[';
  for (const g of gpus)
    key += `${g.vendor}\u0001${g.model ?? '\u0002'}\u0001${g.vramGb ?? '\u0002'}\u0001${g.count ?? 1}\u0003`;
  return key;
}

function toolsKey(tools: NonNullable<Capabilities['tools']>): string {
  let key = '{';
  for (const name in tools) if (Object.hasOwn(tools, name)) key += `${name}\u0001${tools[name] ?? '\u0002'}\u0003`;
  return key;
}

function intern(values: readonly unknown[]): Column {
  const ids = new Int32Array(values.length);
  const seen = new Map<unknown, number>();
  const first: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let id = seen.get(v);
    if (id === undefined) {
      id = first.length;
      seen.set(v, id);
      first.push(i);
    }
    ids[i] = id;
  }
  return { ids, first };
}

const compiled = new WeakMap<readonly Target[], CompiledFleet>();

/** The targets compiled into columns; the same list gives the same compiled fleet. */
export function compileFleet(targets: readonly Target[]): CompiledFleet {
  let fleet = compiled.get(targets);
  if (fleet === undefined) {
    fleet = build(targets);
    compiled.set(targets, fleet);
  }
  return fleet;
}

function build(targets: readonly Target[]): CompiledFleet {
  const n = targets.length;
  const list = targets.map(rowOf);
  const columns = {} as Record<ColumnName, Column>;
  const values = new Array<unknown>(n);
  for (const name of COLUMNS) {
    for (let i = 0; i < n; i++) values[i] = list[i]![name];
    columns[name] = intern(values);
  }
  const local = new Uint8Array(n);
  for (let i = 0; i < n; i++) local[i] = list[i]!.local ? 1 : 0;
  const labels = new Map<string, Column>();
  const lazies = new Map<LazyColumnName, Column>();
  return {
    targets,
    size: n,
    columns,
    local,
    memo: new Map(),
    label(key) {
      let column = labels.get(key);
      if (column === undefined) {
        column = intern(
          targets.map((t) =>
            t.labels !== undefined && Object.hasOwn(t.labels, key) ? (t.labels[key] as unknown) : undefined,
          ),
        );
        labels.set(key, column);
      }
      return column;
    },
    lazy(name) {
      let column = lazies.get(name);
      if (column === undefined) {
        column = intern(targets.map(LAZY[name]));
        lazies.set(name, column);
      }
      return column;
    },
  };
}
