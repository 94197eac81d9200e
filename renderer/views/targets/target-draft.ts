import { formatIssues } from '../../../shared/files/issues';
import { target, type Target, type TargetType } from '../../../shared/schema/targets';
import { parseQuantity, quantityValue, type FieldUnit } from '../../format/quantity';

/** One GPU row of the form, as typed. */
export interface GpuDraft {
  vendor: string;
  model: string;
  vramGb: string;
  count: string;
}

/**
 * A target as the form holds it: every field a string (or a checkbox) exactly as typed, so that a
 * half-typed number stays on screen and the schema, not the form, says what is wrong with it.
 */
export interface TargetDraft {
  type: TargetType;
  id: string;
  name: string;
  hourlyRate: string;
  /** `region=eu-west-1, tier=gpu` */
  labels: string;
  host: string;
  user: string;
  port: string;
  probe: boolean;
  identityFile: string;
  knownHostsFile: string;
  hostKeyPolicy: string;
  provider: string;
  instanceType: string;
  cpu: string;
  cpuModel: string;
  memoryGb: string;
  diskGb: string;
  gpus: GpuDraft[];
  os: string;
  arch: string;
  /** '' unknown, 'yes', 'no' */
  network: string;
  /** `docker=27.1.1, python3` (a name alone: version unknown) */
  tools: string;
  maxRuntimeMinutes: string;
}

/** The form's field for each path the schema can name; an error on a deeper path lands on its field. */
export type FieldKey = string;

export function emptyDraft(type: TargetType = 'cloud'): TargetDraft {
  return {
    type,
    id: '',
    name: '',
    hourlyRate: type === 'cloud' ? '' : '0',
    labels: '',
    host: '',
    user: '',
    port: '22',
    probe: false,
    identityFile: '',
    knownHostsFile: '',
    hostKeyPolicy: 'strict',
    provider: '',
    instanceType: '',
    cpu: '',
    cpuModel: '',
    memoryGb: '',
    diskGb: '',
    gpus: [],
    os: '',
    arch: '',
    network: '',
    tools: '',
    maxRuntimeMinutes: '',
  };
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The draft of a saved target, for editing it. */
export function draftFromTarget(t: Target): TargetDraft {
  const c = t.capabilities ?? {};
  return {
    ...emptyDraft(t.type),
    type: t.type,
    id: t.id,
    name: text(t.name),
    hourlyRate: text(t.hourlyRate),
    labels: Object.entries(t.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    ...(t.type === 'ssh' && {
      host: t.host,
      user: text(t.user),
      port: text(t.port),
      probe: t.probe,
      identityFile: text(t.identityFile),
      knownHostsFile: text(t.knownHostsFile),
      hostKeyPolicy: t.hostKeyPolicy,
    }),
    ...(t.type === 'cloud' && { provider: t.provider, instanceType: text(t.instanceType) }),
    cpu: text(c.cpu),
    cpuModel: text(c.cpuModel),
    memoryGb: text(c.memoryGb),
    diskGb: text(c.diskGb),
    gpus: (c.gpus ?? []).map((g) => ({
      vendor: g.vendor,
      model: text(g.model),
      vramGb: text(g.vramGb),
      count: text(g.count),
    })),
    os: text(c.os),
    arch: text(c.arch),
    network: c.network === undefined ? '' : c.network ? 'yes' : 'no',
    tools: Object.entries(c.tools ?? {})
      .map(([k, v]) => (v === null ? k : `${k}=${v}`))
      .join(', '),
    maxRuntimeMinutes: text(c.maxRuntimeMinutes),
  };
}

/** A typed port as a number; anything else as typed, for the schema to refuse in its own words. */
function number(value: string): unknown {
  const v = value.trim();
  if (v === '') return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v) ? Number(v) : v;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** `a=1, b` → pairs; a piece without `=` has a null value. */
function pairs(value: string): [string, string | null][] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const at = p.indexOf('=');
      return at < 0 ? [p, null] : [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    });
}

/** Drops the keys whose value is undefined, so that the schema sees only what was filled in. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export interface DraftProblem {
  field: FieldKey;
  message: string;
}

/**
 * The draft as the data of a targets file entry, and the problems found before the schema looks
 * (a label without a value). Fields that do not belong to the type are left out. `keep` carries what
 * the form does not edit (physical limits discovered and written back).
 */
export function draftToInput(
  d: TargetDraft,
  keep?: Target,
): { input: Record<string, unknown>; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  /** A quantity in the field's unit (`128 GB`, `$1.006/h`); another unit is refused here, naming the field's. */
  const amount = (value: string, unit: FieldUnit, field: FieldKey, what: string): unknown => {
    const q = parseQuantity(value, unit, what);
    if (q.kind === 'refused') problems.push({ field, message: q.message });
    return quantityValue(q, value);
  };
  const labelPairs = pairs(d.labels);
  for (const [k, v] of labelPairs)
    if (v === null) problems.push({ field: 'labels', message: `expected key=value, got "${k}"` });
  const gpus = d.gpus.map((g, i) =>
    defined({
      vendor: g.vendor.trim(),
      model: optional(g.model),
      vramGb: amount(g.vramGb, 'GB', `gpus.${i}.vramGb`, 'VRAM'),
      count: amount(g.count, 'count', `gpus.${i}.count`, 'GPU count'),
    }),
  );
  const capabilities = defined({
    cpu: amount(d.cpu, 'cores', 'cpu', 'CPU'),
    cpuModel: optional(d.cpuModel),
    memoryGb: amount(d.memoryGb, 'GB', 'memoryGb', 'Memory'),
    diskGb: amount(d.diskGb, 'GB', 'diskGb', 'Free disk'),
    gpus: gpus.length > 0 ? gpus : undefined,
    os: optional(d.os),
    arch: optional(d.arch),
    network: d.network === '' ? undefined : d.network === 'yes',
    tools: d.tools.trim() === '' ? undefined : Object.fromEntries(pairs(d.tools)),
    maxRuntimeMinutes: amount(d.maxRuntimeMinutes, 'minutes', 'maxRuntimeMinutes', 'Max runtime'),
    physical: keep?.capabilities?.physical,
  });
  const hasCapabilities = Object.keys(capabilities).length > 0;
  const input = defined({
    id: d.id.trim(),
    type: d.type,
    name: optional(d.name),
    labels: labelPairs.length > 0 ? Object.fromEntries(labelPairs.filter(([, v]) => v !== null)) : undefined,
    hourlyRate: amount(d.hourlyRate, 'USD/h', 'hourlyRate', 'Hourly rate'),
    ...(d.type === 'ssh' && {
      host: d.host.trim(),
      user: optional(d.user),
      port: number(d.port),
      probe: d.probe,
      identityFile: optional(d.identityFile),
      knownHostsFile: optional(d.knownHostsFile),
      hostKeyPolicy: d.hostKeyPolicy,
    }),
    ...(d.type === 'cloud' && { provider: d.provider.trim(), instanceType: optional(d.instanceType) }),
    // A cloud instance is only what its file says: it always has capabilities, even if none are known.
    capabilities: hasCapabilities || d.type === 'cloud' ? capabilities : undefined,
  });
  return { input, problems };
}

const FIELD_PATHS = new Set([
  'id',
  'name',
  'hourlyRate',
  'labels',
  'host',
  'user',
  'port',
  'probe',
  'identityFile',
  'knownHostsFile',
  'hostKeyPolicy',
  'provider',
  'instanceType',
]);

/** The form field an error path belongs to: `capabilities.gpus[1].vramGb` → `gpus.1.vramGb`. */
export function fieldOf(path: string): FieldKey {
  const gpu = /^capabilities\.gpus\[(\d+)\]\.(\w+)/.exec(path);
  if (gpu) return `gpus.${gpu[1]}.${gpu[2]}`;
  const cap = /^capabilities\.(\w+)/.exec(path);
  if (cap) return cap[1]!;
  const top = /^(\w+)/.exec(path)?.[1];
  return top !== undefined && FIELD_PATHS.has(top) ? top : 'form';
}

export type Checked = { ok: true; value: Target } | { ok: false; errors: Record<FieldKey, string> };

/**
 * Checks a draft with the same schema a targets file uses, plus unique ids: one message per field
 * (the first), keyed by the form field it belongs to.
 */
export function checkDraft(d: TargetDraft, takenIds: readonly string[], keep?: Target): Checked {
  const { input, problems } = draftToInput(d, keep);
  const parsed = target.safeParse(input, { reportInput: true });
  // A field left empty that must be filled says so in words, before the schema's own.
  const required: DraftProblem[] = [];
  if (d.id.trim() === '') required.push({ field: 'id', message: 'ID is required: letters, digits, . _ -' });
  if (d.type === 'cloud' && d.provider.trim() === '')
    required.push({ field: 'provider', message: 'Provider is required (e.g. aws, gcp, azure)' });
  if (d.type === 'cloud' && d.hourlyRate.trim() === '')
    required.push({ field: 'hourlyRate', message: 'Hourly rate is required for a cloud target (USD per hour)' });
  if (d.type === 'ssh' && d.host.trim() === '') required.push({ field: 'host', message: 'Host is required' });
  const all: DraftProblem[] = [...required, ...problems];
  if (!parsed.success)
    for (const p of formatIssues(parsed.error.issues, target)) all.push({ field: fieldOf(p.path), message: p.message });
  const id = d.id.trim();
  if (id !== '' && takenIds.includes(id))
    all.push({ field: 'id', message: `duplicate target id "${id}": another target has it` });
  if (all.length === 0 && parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<FieldKey, string> = {};
  for (const p of all) errors[p.field] ??= p.message;
  return { ok: false, errors };
}
