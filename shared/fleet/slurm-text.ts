import { commaList, type SlurmNode } from './slurm-node.js';
import { FleetInputError } from './types.js';

/**
 * The keys `scontrol show nodes` prints (slurm_sprint_node_table in SchedMD/slurm src/api/node_info.c,
 * read at 008eefc6c1ae961d5aa6a1fc6dc6c074bddc468c, plus the 22.05 power lines). Values of most keys hold
 * no spaces, so any ` Word=` ends them; the free-text ones below (`OS=Linux 6.1.0 #1 SMP …`,
 * `Reason=maint: fan=broken [root@…]`) end only at one of these keys.
 */
const KNOWN_KEYS = new Set([
  'NodeName', 'Arch', 'CpuBind', 'CoresPerSocket', 'CPUAlloc', 'CPUEfctv', 'CPUErr', 'CPUTot', 'CPULoad', 'CPUSpecList',
  'AvailableFeatures', 'ActiveFeatures', 'Features', 'Gres', 'GresDrain', 'GresUsed', 'GpuSpec', 'NodeAddr',
  'NodeHostName', 'BcastAddr', 'Port', 'Version', 'OS', 'RealMemory', 'AllocMem', 'FreeMem', 'MemSpecLimit',
  'Sockets', 'Boards', 'CoreSpecCount', 'State', 'ThreadsPerCore', 'TmpDisk', 'Weight', 'Owner', 'MCS_label',
  'NextState', 'Partitions', 'BootTime', 'SlurmdStartTime', 'LastBusyTime', 'ResumeAfterTime', 'CfgTRES',
  'AllocTRES', 'CapWatts', 'CurrentWatts', 'AveWatts', 'LowestJoules', 'ConsumedJoules', 'ExtSensorsJoules',
  'ExtSensorsWatts', 'ExtSensorsTemp', 'Reason', 'Comment', 'Extra', 'InstanceId', 'InstanceType',
  'ReservationName', 'RestrictedCoresPerGPU', 'Topology',
]); // prettier-ignore
const FREE_TEXT = new Set(['OS', 'Reason', 'Comment', 'Extra']);
const KEY_AT = /(?:^|\s)([A-Za-z][A-Za-z0-9_]*)=/g;
// scontrol appends who set the reason and when to its first line: `Reason=maint [root@2024-05-01T10:00:00]`.
const REASON_STAMP = /\s*\[[^\s[\]@]+@[^[\]]+\]/;

/** One node's text, joined from its lines, and the line each piece started on. */
interface NodeRecord {
  text: string;
  /** [offset in text, line number], ascending. */
  lines: [number, number][];
}

function lineAt(record: NodeRecord, offset: number): number {
  let line = record.lines[0]![1];
  for (const [start, n] of record.lines) if (start <= offset) line = n;
  return line;
}

function snippet(line: string): string {
  const s = line.trim();
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 39)}…` : s);
}

/** Groups lines into records: `-o` gives one line per node; without it, indented lines continue a node. */
function records(text: string): NodeRecord[] {
  const out: NodeRecord[] = [];
  let current: NodeRecord | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      current = null;
      return;
    }
    if (line.startsWith('NodeName=')) {
      current = { text: line, lines: [[0, i + 1]] };
      out.push(current);
    } else if (current !== null && /^\s/.test(line)) {
      current.lines.push([current.text.length + 1, i + 1]);
      current.text += ` ${line.trim()}`;
    } else throw new FleetInputError(`line ${i + 1}: expected NodeName=…, got ${snippet(line)}`);
  });
  return out;
}

/** Splits `Key=value Key=value …` by keys, keeping spaces and `=` inside free-text values. */
function fields(record: NodeRecord): Map<string, { value: string; line: number }> {
  const found = new Map<string, { value: string; line: number }>();
  let key: string | null = null;
  let valueStart = 0;
  let keyOffset = 0;
  const close = (end: number) => {
    if (key !== null && !found.has(key))
      found.set(key, { value: record.text.slice(valueStart, end).trim(), line: lineAt(record, keyOffset) });
  };
  for (const m of record.text.matchAll(KEY_AT)) {
    const candidate = m[1]!;
    if (key !== null && FREE_TEXT.has(key) && !KNOWN_KEYS.has(candidate)) continue;
    const at = m.index + m[0].length - candidate.length - 1;
    close(at);
    key = candidate;
    keyOffset = at;
    valueStart = m.index + m[0].length;
  }
  close(record.text.length);
  return found;
}

function readRecord(record: NodeRecord): SlurmNode {
  const f = fields(record);
  const get = (key: string): string | undefined => {
    const v = f.get(key)?.value;
    return v === undefined || v === '' || v === '(null)' ? undefined : v;
  };
  const count = (key: string): number | undefined => {
    const entry = f.get(key);
    if (entry === undefined || entry.value === '' || entry.value === 'N/A') return undefined;
    // At most 15 digits: past 2^53 a count is no count, and MiB of it overflow to Infinity GB.
    if (!/^\d{1,15}$/.test(entry.value))
      throw new FleetInputError(`line ${entry.line}: ${key}: expected a number, got ${snippet(entry.value)}`);
    return Number(entry.value);
  };
  const name = get('NodeName');
  if (name === undefined || /\s/.test(name))
    throw new FleetInputError(`line ${record.lines[0]![1]}: expected NodeName=…, got ${snippet(record.text)}`);
  const total = count('CPUTot');
  const effective = count('CPUEfctv');
  const active = commaList(get('ActiveFeatures'));
  const node: SlurmNode = {
    name,
    features: active.length > 0 ? active : commaList(get('AvailableFeatures') ?? get('Features')),
    partitions: commaList(get('Partitions')),
    state: (get('State') ?? '').split('+'),
  };
  const cpus = effective ?? total;
  if (cpus !== undefined) node.cpus = cpus;
  if (effective !== undefined && total !== undefined && total !== effective) node.totalCpus = total;
  const memory = count('RealMemory');
  if (memory !== undefined) node.realMemoryMib = memory;
  const disk = count('TmpDisk');
  if (disk !== undefined) node.tmpDiskMib = disk;
  const arch = get('Arch');
  if (arch !== undefined) node.arch = arch;
  const os = get('OS');
  if (os !== undefined) node.os = os;
  const gres = get('Gres');
  if (gres !== undefined) node.gres = gres;
  const reason = get('Reason')?.replace(REASON_STAMP, '').replace(/\s+/g, ' ');
  if (reason) node.reason = reason;
  const instanceType = get('InstanceType');
  if (instanceType !== undefined && instanceType !== 'N/A') node.instanceType = instanceType;
  return node;
}

/** True when the text looks like `scontrol show nodes` output (its first line names a node). */
export function looksLikeScontrolText(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  return first !== undefined && (first.startsWith('NodeName=') || first.trim() === 'No nodes in the system');
}

/** Reads `scontrol show nodes -o` (one line per node) or `scontrol show nodes` (indented lines). */
export function readScontrolText(text: string): SlurmNode[] {
  if (text.trim() === 'No nodes in the system') return [];
  return records(text).map(readRecord);
}
