import type { Architecture, GpuVendor } from '../schema/aliases.js';
import type { GpuDevice } from '../schema/capabilities.js';
import type { Target } from '../schema/targets.js';
import { lookupGpu } from './gpu-table.js';
import { FleetInputError, targetIdFor, type FleetImport, type SourceOrigin } from './types.js';

type CloudTarget = Extract<Target, { type: 'cloud' }>;

const REQUIRED = ['InstanceType', 'vCPUs', 'MemoryGiB', 'Price', 'Region'] as const;
const OPTIONAL = ['AcceleratorName', 'AcceleratorCount', 'GpuInfo', 'SpotPrice', 'AvailabilityZone', 'Cloud'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

const GIB_TO_GB = 1.073741824;
const MIB_TO_GB = 1048576 / 1e9;
const EXAMPLES = 3;

// ---- CSV ------------------------------------------------------------------------------------------
// Written here rather than taken from csv-parse: shared/ also runs in the renderer, where csv-parse's
// Node build needs `Buffer`, and this is about 3× faster on a catalog (measured; see the README).

/** RFC 4180 records: `""` inside quotes, line breaks in quoted cells, CRLF or LF, a BOM skipped. */
function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let record: string[] = [];
  while (i < n) {
    let end = i;
    if (text.charCodeAt(i) === 34) {
      let value = '';
      for (let from = i + 1; ;) {
        const q = text.indexOf('"', from);
        if (q === -1) throw new FleetInputError(`row ${records.length + 1}: a quoted cell is never closed`);
        value += text.slice(from, text.charCodeAt(q + 1) === 34 ? q + 1 : q);
        if (text.charCodeAt(q + 1) !== 34) {
          end = q + 1;
          break;
        }
        from = q + 2;
      }
      const next = end < n ? text.charCodeAt(end) : 10;
      if (next !== 44 && next !== 13 && next !== 10)
        throw new FleetInputError(`row ${records.length + 1}: text after the closing quote of a quoted cell`);
      record.push(value);
    } else {
      for (let c = text.charCodeAt(end); end < n && c !== 44 && c !== 13 && c !== 10; c = text.charCodeAt(++end));
      record.push(text.slice(i, end));
    }
    if (end < n && text.charCodeAt(end) === 44) {
      i = end + 1;
      if (i === n) record.push('');
      continue;
    }
    i = end + (text.charCodeAt(end) === 13 ? 1 : 0);
    i += text.charCodeAt(i) === 10 ? 1 : 0;
    records.push(record);
    record = [];
  }
  if (record.length > 0) records.push(record);
  return records;
}

// ---- GpuInfo: a Python dict's repr, read without eval -----------------------------------------------

/** Reads a Python literal (dicts, lists, tuples, quoted strings, numbers, True/False/None/nan); null if it is not one. */
function parsePythonLiteral(s: string): unknown {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError('not a Python literal');
  };
  const space = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const value = (): unknown => {
    space();
    const c = s[i];
    if (c === '{' || c === '[' || c === '(') {
      const close = c === '{' ? '}' : c === '[' ? ']' : ')';
      const dict: Record<string, unknown> = {};
      const list: unknown[] = [];
      i++;
      for (space(); s[i] !== close; space()) {
        const v = value();
        if (c === '{') {
          space();
          if (s[i++] !== ':') fail();
          dict[String(v)] = value();
        } else list.push(v);
        space();
        if (s[i] === ',') i++;
        else if (s[i] !== close) fail();
      }
      i++;
      return c === '{' ? dict : list;
    }
    if (c === "'" || c === '"') {
      let out = '';
      for (i++; s[i] !== c; i++) {
        if (i >= s.length) fail();
        out += s[i] === '\\' ? s[++i] : s[i];
      }
      i++;
      return out;
    }
    const m = /^[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|\.\d+)|^[A-Za-z_]\w*/i.exec(s.slice(i, i + 40));
    if (m === null) return fail();
    i += m[0].length;
    if (/^[-+.\d]/.test(m[0])) return Number(m[0]);
    return m[0] === 'True' ? true : m[0] === 'False' ? false : null;
  };
  try {
    const v = value();
    space();
    return i === s.length ? v : null;
  } catch {
    return null;
  }
}

// ---- Rows -----------------------------------------------------------------------------------------

/** One priced offering of the catalog: an instance type (or a GCP host with GPUs) in one zone. */
interface Offering {
  provider: string;
  instanceType: string;
  region: string;
  zone: string;
  cpu: number | undefined;
  memGib: number | undefined;
  memoryGb: number | undefined;
  gpus: GpuDevice[];
  /** False when the row names accelerators its GpuInfo does not let us read: GPUs unknown, not none. */
  gpusKnown: boolean;
  price: number;
  spot: number | undefined;
}

/** A GCP accelerator row: GPUs priced on their own, attached to a host machine type in their zone. */
interface AcceleratorRow {
  provider: string;
  name: string;
  count: number;
  gpus: GpuDevice[];
  region: string;
  zone: string;
  price: number;
  spot: number | undefined;
}

/** What the import tells a person, gathered as counts with a few examples, one line each at the end. */
class Tally {
  private readonly counts = new Map<string, { n: number; examples: string[] }>();
  add(kind: string, example: string): void {
    const t = this.counts.get(kind) ?? { n: 0, examples: [] };
    t.n++;
    if (t.examples.length < EXAMPLES && !t.examples.includes(example)) t.examples.push(example);
    this.counts.set(kind, t);
  }
  line(kind: string, say: (n: number) => string): string[] {
    const t = this.counts.get(kind);
    if (t === undefined) return [];
    return [`${say(t.n)}: ${t.examples.join(', ')}${t.n > t.examples.length ? ', …' : ''}`];
  }
}

const VENDORS: Record<string, GpuVendor> = { nvidia: 'nvidia', amd: 'amd', intel: 'intel', habana: 'intel' };

/** Empty, `nan`, `None` (pandas and Python write these) are no value. */
function isBlank(cell: string): boolean {
  return cell === '' || /^(?:nan|none|null|n\/a)$/i.test(cell.trim());
}

/**
 * The arm64 instance types, by each cloud's naming: AWS families with `g` after the generation
 * (m7g, c7gn, r6gd, t4g, x2gd, im4gn, g5g, is4gen) and a1; GCP t2a, c4a, n4a, a4x; Azure sizes with `p`
 * among their feature letters (D4ps_v5, E8pds_v5); anything named for Grace (GH200, GB200).
 */
function archOf(provider: string, instanceType: string): Architecture {
  const t = instanceType.toLowerCase();
  if (/gh200|gb200/.test(t)) return 'arm64';
  if (provider === 'aws' && /^(?:a1|[a-z]+\d+[a-z-]*g[a-z-]*)\./.test(t)) return 'arm64';
  if (provider === 'gcp' && /^(?:t2a|c4a|n4a|a4x)-/.test(t)) return 'arm64';
  if (provider === 'azure' && /^standard_[a-z]+\d+[a-z]*p[a-z]*_v\d/i.test(instanceType)) return 'arm64';
  return 'x64';
}

// GCP machine types priced in the catalog without the GPUs they always carry.
const GCP_GPU_FAMILIES = /^(?:a2|a3|a4|a4x|g2|g4)-/;

// SkyPilot's choice of host for a GCP GPU (its gcp_catalog.py): these GPUs come only on their own
// machine types; any other goes on the cheapest N1 machine with the vCPUs below and 4 GiB per vCPU.
const GCP_FIXED_HOSTS: Record<string, Record<number, string[]>> = {
  A100: {
    1: ['a2-highgpu-1g'],
    2: ['a2-highgpu-2g'],
    4: ['a2-highgpu-4g'],
    8: ['a2-highgpu-8g'],
    16: ['a2-megagpu-16g'],
  },
  'A100-80GB': { 1: ['a2-ultragpu-1g'], 2: ['a2-ultragpu-2g'], 4: ['a2-ultragpu-4g'], 8: ['a2-ultragpu-8g'] },
  L4: {
    1: ['g2-standard-4', 'g2-standard-8', 'g2-standard-12', 'g2-standard-16', 'g2-standard-32'],
    2: ['g2-standard-24'],
    4: ['g2-standard-48'],
    8: ['g2-standard-96'],
  },
  H100: { 1: ['a3-highgpu-1g'], 2: ['a3-highgpu-2g'], 4: ['a3-highgpu-4g'], 8: ['a3-highgpu-8g'] },
  'H100-MEGA': { 8: ['a3-megagpu-8g'] },
  H200: { 8: ['a3-ultragpu-8g'] },
  B200: { 8: ['a4-highgpu-8g'] },
};
const GCP_N1_CPUS: Record<string, Record<number, number>> = {
  K80: { 1: 4, 2: 8, 4: 16, 8: 32, 16: 64 },
  V100: { 1: 8, 2: 16, 4: 32, 8: 64 },
  T4: { 1: 4, 2: 8, 4: 48 },
  P100: { 1: 8, 2: 16, 4: 32, 8: 64 },
  DEFAULT: { 1: 8, 2: 16, 4: 32, 8: 64, 16: 128 },
};

/** The cheapest host SkyPilot would put these GPUs on, among the priced machine types of the zone. */
function gcpHost(acc: AcceleratorRow, zoneHosts: readonly Offering[]): Offering | undefined {
  const fixed = GCP_FIXED_HOSTS[acc.name]?.[acc.count];
  const cpus = (GCP_N1_CPUS[acc.name] ?? GCP_N1_CPUS['DEFAULT']!)[acc.count];
  let best: Offering | undefined;
  for (const h of zoneHosts) {
    const fits = fixed
      ? fixed.includes(h.instanceType)
      : !GCP_FIXED_HOSTS[acc.name] &&
        cpus !== undefined &&
        /^n1-(?:standard|highmem|highcpu)-/.test(h.instanceType) &&
        (h.cpu ?? 0) >= cpus &&
        (h.memGib ?? 0) >= 4 * cpus;
    if (fits && (best === undefined || h.price < best.price)) best = h;
  }
  return best;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The cloud a file prices: given, else the directory SkyPilot keeps it in (`…/aws/vms.csv`). */
function cloudOf(origin: SourceOrigin & { cloud?: string }): string | undefined {
  if (origin.cloud) return origin.cloud.trim().toLowerCase();
  const m = /([^\\/]+)[\\/]vms\.csv$/i.exec(origin.file ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

/** A reader of one record's cells by column name, with errors that name the row and the value. */
function rowReader(header: string[]) {
  const index = new Map<Column, number>();
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const at = lower.indexOf(name.toLowerCase());
    if (at >= 0) index.set(name, at);
  }
  for (const name of REQUIRED)
    if (!index.has(name))
      throw new FleetInputError(
        `not a SkyPilot catalog: missing column ${name}; found: ${header.join(',').slice(0, 300)}`,
      );
  return {
    has: (c: Column) => index.has(c),
    cell: (cells: string[], c: Column): string => {
      const at = index.get(c);
      return at === undefined ? '' : (cells[at] ?? '');
    },
    number(cells: string[], c: Column, row: number, what: string): number | undefined {
      const text = this.cell(cells, c);
      if (isBlank(text)) return undefined;
      const n = Number(text);
      if (!Number.isFinite(n))
        throw new FleetInputError(
          `row ${row} (${what}): ${c}: expected a number, got ${JSON.stringify(text.slice(0, 40))}`,
        );
      return n;
    },
  };
}

// ---- GPUs of a row ----------------------------------------------------------------------------------

interface GpuEntry {
  Name?: unknown;
  Manufacturer?: unknown;
  Count?: unknown;
  MemoryInfo?: { SizeInMiB?: unknown };
}

type GpuReading = { gpus: GpuDevice[] } | { skip: 'not-gpu' | 'fraction' | 'unreadable'; what: string };

/** A number or a numeric string; NaN for anything else (Number() throws on `{'valueOf': 1}`). */
function numberOf(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
}

/** A row's accelerators as GPU devices: from GpuInfo's dict when it has one, else by name from the table. */
function gpusOf(name: string, count: number | undefined, info: string): GpuReading {
  let entries: GpuEntry[] = [];
  if (info.startsWith('{')) {
    const dict = parsePythonLiteral(info) as { Gpus?: unknown } | null;
    if (dict === null || !Array.isArray(dict.Gpus)) return { skip: 'unreadable', what: name || info.slice(0, 30) };
    entries = dict.Gpus.filter((g): g is GpuEntry => g !== null && typeof g === 'object');
  } else if (name === '' && info !== '') name = info;
  if (entries.length === 0) entries = name ? [{ Name: name }] : [];
  const gpus: GpuDevice[] = [];
  for (const e of entries) {
    // Text only: String() throws on a dict whose own `toString` is not a function ({'toString': 1}).
    const entryName = typeof e.Name === 'string' || typeof e.Name === 'number' ? String(e.Name) : undefined;
    const model = entries.length === 1 && name ? name : (entryName ?? name);
    const known = lookupGpu(model) ?? lookupGpu(entryName ?? '');
    const maker = typeof e.Manufacturer === 'string' ? e.Manufacturer.toLowerCase() : '';
    // Own keys only: a Manufacturer of `constructor` must not find Object's constructor.
    const vendor = (Object.hasOwn(VENDORS, maker) ? VENDORS[maker] : undefined) ?? known?.vendor;
    if (vendor === undefined) return { skip: 'not-gpu', what: model };
    const n = entries.length === 1 && count !== undefined ? count : numberOf(e.Count ?? count);
    if (!(Number.isInteger(n) && n >= 1)) return { skip: 'fraction', what: `${n} × ${model}` };
    const mib = numberOf(e.MemoryInfo?.SizeInMiB);
    const vramGb = mib > 0 ? round1(mib * MIB_TO_GB) : (known?.vramGb ?? null);
    gpus.push({ vendor, model: model.slice(0, 200), vramGb, count: n });
  }
  return { gpus };
}

// ---- The import ------------------------------------------------------------------------------------

/**
 * Reads SkyPilot's catalog `vms.csv` (any cloud; columns by header name, any order) into `cloud`
 * targets: one per instance type and region at its on-demand price, and one more (`-spot`, label
 * `spot=true`) where the catalog has a spot price. Zones of a region are merged at the cheapest
 * zone's price; GCP's GPU rows are attached to the host SkyPilot would choose. Rows without an
 * on-demand price, duplicates and accelerators that are not GPUs are counted in one warning each.
 */
export function parseCatalogCsv(text: string, origin: SourceOrigin & { cloud?: string }): FleetImport {
  const records = parseCsvRecords(text);
  const header = records[0];
  if (header === undefined || (header.length === 1 && header[0]!.trim() === ''))
    throw new FleetInputError('not a SkyPilot catalog: the file is empty');
  const read = rowReader(header);
  const fileCloud = cloudOf(origin);
  const tally = new Tally();
  const gpuCache = new Map<string, GpuReading>();
  const offerings: Offering[] = [];
  const accelerators: AcceleratorRow[] = [];

  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    const row = r + 1;
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    if (cells.length !== header.length)
      throw new FleetInputError(`row ${row}: expected ${header.length} cells as the header has, got ${cells.length}`);
    const instanceType = read.cell(cells, 'InstanceType').trim();
    const accName = read.cell(cells, 'AcceleratorName').trim();
    const what = instanceType || accName;
    if (what === '') throw new FleetInputError(`row ${row}: no InstanceType and no AcceleratorName`);
    const provider = read.cell(cells, 'Cloud').trim().toLowerCase() || fileCloud;
    if (provider === undefined)
      throw new FleetInputError(
        'cannot tell which cloud the catalog prices: name the cloud, or read it where SkyPilot keeps it (…/<cloud>/vms.csv)',
      );
    const region = read.cell(cells, 'Region').trim();
    if (region === '') throw new FleetInputError(`row ${row} (${what}): Region is empty`);
    const zone = read.cell(cells, 'AvailabilityZone').trim();
    const cpu = read.number(cells, 'vCPUs', row, what);
    const memGib = read.number(cells, 'MemoryGiB', row, what);
    const accCount = read.number(cells, 'AcceleratorCount', row, what);
    const rawPrice = read.number(cells, 'Price', row, what);
    const rawSpot = read.number(cells, 'SpotPrice', row, what);
    if ((cpu ?? 0) < 0 || (memGib ?? 0) < 0)
      throw new FleetInputError(
        `row ${row} (${what}): ${(cpu ?? 0) < 0 ? 'vCPUs' : 'MemoryGiB'}: expected a number ≥ 0`,
      );
    // A negative price is a placeholder for "not offered", as an empty one is.
    const price = rawPrice !== undefined && rawPrice >= 0 ? rawPrice : undefined;
    const spot = rawSpot !== undefined && rawSpot >= 0 ? rawSpot : undefined;
    const where = `${what}@${region}`;

    if (instanceType === '' && /^tpu-/i.test(accName)) {
      tally.add('tpu', where);
      continue;
    }
    if (price === undefined) {
      tally.add('no-price', where);
      continue;
    }
    const info = read.cell(cells, 'GpuInfo').trim();
    let gpus: GpuDevice[] = [];
    let gpusKnown = true;
    if (accName !== '' || info !== '') {
      const key = `${accName}\u0000${accCount}\u0000${info}`;
      let reading = gpuCache.get(key);
      if (reading === undefined) gpuCache.set(key, (reading = gpusOf(accName, accCount, info)));
      if ('skip' in reading) {
        tally.add(reading.skip, `${what} (${reading.what})`);
        gpusKnown = reading.skip !== 'unreadable';
      } else gpus = reading.gpus;
    }
    if (instanceType === '') {
      if (gpus.length === 0) continue;
      accelerators.push({ provider, name: accName, count: accCount ?? 1, gpus, region, zone, price, spot });
      continue;
    }
    const memoryGb = memGib === undefined ? undefined : round1(memGib * GIB_TO_GB);
    offerings.push({ provider, instanceType, region, zone, cpu, memGib, memoryGb, gpus, gpusKnown, price, spot });
    // Kept as a host for GPU rows only: alone, its price leaves out the GPUs it always carries.
    if (provider === 'gcp' && GCP_GPU_FAMILIES.test(instanceType)) tally.add('gpu-host', where);
  }

  const combined = attachAccelerators(accelerators, offerings, tally);
  const standalone = offerings.filter((o) => !(o.provider === 'gcp' && GCP_GPU_FAMILIES.test(o.instanceType)));
  const targets = toTargets([...standalone, ...combined], origin, tally);

  const warnings = [
    ...tally.line(
      'no-price',
      (n) => `${n} ${n === 1 ? 'row has' : 'rows have'} no on-demand price and ${n === 1 ? 'is' : 'are'} left out`,
    ),
    ...tally.line(
      'duplicate',
      (n) => `${n} duplicate ${n === 1 ? 'row' : 'rows'} (same instance type, region and zone) merged into the first`,
    ),
    ...tally.line(
      'not-gpu',
      (n) =>
        `${n} ${n === 1 ? 'row has' : 'rows have'} accelerators that are not GPUs the project knows, imported without them`,
    ),
    ...tally.line(
      'fraction',
      (n) => `${n} ${n === 1 ? 'row has' : 'rows have'} a fraction of a GPU, imported without it`,
    ),
    ...tally.line(
      'unreadable',
      (n) => `${n} ${n === 1 ? 'row has' : 'rows have'} a GpuInfo that could not be read, imported with GPUs unknown`,
    ),
    ...tally.line(
      'tpu',
      (n) => `${n} TPU ${n === 1 ? 'row is' : 'rows are'} left out (the project places on GPUs and CPUs)`,
    ),
    ...tally.line(
      'gpu-host',
      (n) =>
        `${n} ${n === 1 ? 'row' : 'rows'} of GCP GPU machine types (a2, a3, a4, g2…) ${n === 1 ? 'is' : 'are'} priced without their GPUs, so imported only as the host of a GPU row`,
    ),
    ...tally.line(
      'no-host',
      (n) =>
        `${n} GPU ${n === 1 ? 'row has' : 'rows have'} no host machine type in ${n === 1 ? 'its' : 'their'} zone, left out`,
    ),
  ];
  return { targets, warnings };
}

/** GCP's GPU rows on their hosts: `n1-highmem-8+4xV100`, host and GPU prices added, zone by zone. */
function attachAccelerators(accelerators: AcceleratorRow[], offerings: Offering[], tally: Tally): Offering[] {
  if (accelerators.length === 0) return [];
  const byZone = new Map<string, Offering[]>();
  for (const o of offerings) {
    const key = `${o.provider}\u0000${o.region}\u0000${o.zone}`;
    const list = byZone.get(key);
    if (list) list.push(o);
    else byZone.set(key, [o]);
  }
  const out: Offering[] = [];
  for (const acc of accelerators) {
    const host = gcpHost(acc, byZone.get(`${acc.provider}\u0000${acc.region}\u0000${acc.zone}`) ?? []);
    if (host === undefined) {
      tally.add('no-host', `${acc.count}x${acc.name}@${acc.zone || acc.region}`);
      continue;
    }
    out.push({
      ...host,
      instanceType: `${host.instanceType}+${acc.count}x${acc.name}`,
      gpus: acc.gpus,
      price: round6(host.price + acc.price),
      spot: host.spot !== undefined && acc.spot !== undefined ? round6(host.spot + acc.spot) : undefined,
    });
  }
  return out;
}

/** Sums of prices without binary noise (0.1 + 0.2). */
function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** One target per instance type and region (the cheapest zone's price), and its spot twin. */
function toTargets(offerings: Offering[], origin: SourceOrigin & { cloud?: string }, tally: Tally): Target[] {
  const { cloud: _cloud, ...where } = origin;
  const seenZone = new Set<string>();
  const groups = new Map<string, { first: Offering; onDemand: Offering; spot: Offering | undefined }>();
  for (const o of offerings) {
    const zoneKey = `${o.provider}\u0000${o.instanceType}\u0000${o.region}\u0000${o.zone}`;
    if (seenZone.has(zoneKey)) {
      tally.add('duplicate', `${o.instanceType}@${o.zone || o.region}`);
      continue;
    }
    seenZone.add(zoneKey);
    const key = `${o.provider}\u0000${o.instanceType}\u0000${o.region}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { first: o, onDemand: o, spot: o.spot !== undefined ? o : undefined });
    else {
      if (o.price < g.onDemand.price) g.onDemand = o;
      if (o.spot !== undefined && (g.spot === undefined || o.spot < g.spot.spot!)) g.spot = o;
    }
  }
  const ids = new Set<string>();
  const uniqueId = (raw: string, suffix = ''): string => {
    const base = targetIdFor(raw).slice(0, 100 - suffix.length) + suffix;
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base.slice(0, 100 - String(n).length - 1)}-${n}`;
    ids.add(id);
    return id;
  };
  const targets: Target[] = [];
  for (const { first, onDemand, spot } of groups.values()) {
    const { provider, instanceType, region } = first;
    const capabilities: CloudTarget['capabilities'] = {
      ...(first.cpu !== undefined ? { cpu: first.cpu } : {}),
      ...(first.memoryGb !== undefined ? { memoryGb: first.memoryGb } : {}),
      // A catalog lists every accelerator an instance type has: none listed is no GPU, not unknown.
      ...(first.gpusKnown ? { gpus: first.gpus } : {}),
      os: 'linux',
      arch: archOf(provider, instanceType),
      network: true,
    };
    const source: CloudTarget['source'] = {
      kind: 'catalog',
      ...where,
      context: where.context ?? provider,
      node: `${instanceType}@${region}`.slice(0, 500),
    };
    const labels = (zone: string, isSpot: boolean): Record<string, string> => ({
      provider,
      region,
      ...(zone ? { zone } : {}),
      ...(isSpot ? { spot: 'true' } : {}),
    });
    const id = uniqueId(`${provider}-${instanceType}-${region}`);
    const base = { type: 'cloud' as const, provider, instanceType: instanceType.slice(0, 100), capabilities, source };
    targets.push({ id, ...base, hourlyRate: onDemand.price, labels: labels(onDemand.zone, false) });
    if (spot !== undefined)
      targets.push({ id: uniqueId(id, '-spot'), ...base, hourlyRate: spot.spot!, labels: labels(spot.zone, true) });
  }
  return targets;
}
