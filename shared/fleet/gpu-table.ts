import { GPU_MODELS, WHOLE_NAMES, type GpuModel, type GpuModelRow } from './gpu-models.js';

export type { GpuModel } from './gpu-models.js';

/** A model as a name led to it. */
export interface GpuLookup extends GpuModel {
  /**
   * Set when the name could be two models and the smaller figures were taken ("'a100' could be A100 40GB
   * or A100 80GB: assumed A100 40GB (the smaller figures)"), or when it names a memory size no such model
   * in the table has.
   */
  assumed?: string;
}

/** What the model part of a name leads to: one model, or a family of models it could be (smaller figures first). */
type Entry = { model: GpuModel } | { family: readonly GpuModel[] };

const VENDOR_WORDS =
  /^(?:nvidia|tesla|geforce|quadro|amd|instinct|radeon-instinct|intel|data-center-gpu|habana-labs|habana|apple)-/;
/** A memory size as names write it: `80gb`, `144g`. */
const SIZE = /^(\d{1,4})gb?$/;
/** A word after a model's name that makes it another model, one the table does not know (`RTX 3090 Ti`, `RTX 4090 Laptop GPU`). */
const VARIANT_WORDS = new Set(['ti', 'super', 'laptop', 'mobile', 'd']);

/**
 * A GPU as a source names it, lower case with `-` between words and vendor words dropped:
 * `NVIDIA A100-SXM4-80GB` → `a100-sxm4-80gb`, `Intel(R) Data Center GPU Max 1550` → `max-1550`.
 */
function normalise(name: string): string {
  let s = name
    .trim()
    .toLowerCase()
    .replace(/\((?:r|tm)\)/g, '')
    .replace(/[\s_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  for (let prev = ''; prev !== s;) [prev, s] = [s, s.replace(VENDOR_WORDS, '')];
  return s;
}

/** Orders models smaller figures first: memory, then bandwidth, then FP16 and FP32 rates. */
function bySmallerFigures(a: GpuModel, b: GpuModel): number {
  return (
    a.vramGb - b.vramGb ||
    (a.bandwidthGBs ?? 0) - (b.bandwidthGBs ?? 0) ||
    (a.fp16Tflops ?? 0) - (b.fp16Tflops ?? 0) ||
    (a.fp32Tflops ?? 0) - (b.fp32Tflops ?? 0)
  );
}

function modelOf(row: GpuModelRow): GpuModel {
  const { vendor, model, vramGb, bandwidthGBs, fp16Tflops, fp32Tflops, computeCapability, source } = row;
  const m: GpuModel = { vendor, model, vramGb, bandwidthGBs, fp16Tflops, fp32Tflops, computeCapability, source };
  if (row.skypilot !== undefined) m.skypilot = row.skypilot;
  return Object.freeze(m);
}

// Built on the first lookup (a placement that names no GPU model never needs it): each key (a model
// part of a name, also without its `-`) leads to one entry; a lookup is a few map reads, longest key first.
const MODELS: readonly GpuModel[] = GPU_MODELS.map(modelOf);

interface Index {
  keys: Map<string, Entry>;
  whole: Map<string, GpuModel>;
  maxKeyWords: number;
}
let built: Index | undefined;

function index(): Index {
  if (built !== undefined) return built;
  const keys = new Map<string, Entry>();
  const whole = new Map<string, GpuModel>();
  const byName = new Map(MODELS.map((m) => [m.model, m]));
  const addKey = (key: string, entry: Entry, owner: string): void => {
    for (const k of new Set([key, key.replace(/-/g, '')])) {
      const had = keys.get(k);
      if (had !== undefined && had !== entry) throw new Error(`GPU table: the name '${k}' of ${owner} is taken`);
      keys.set(k, entry);
    }
  };
  const families = new Map<string, GpuModel[]>();
  GPU_MODELS.forEach((row, i) => {
    const entry: Entry = { model: MODELS[i]! };
    for (const name of [row.model, ...(row.names ?? [])]) addKey(normalise(name), entry, row.model);
    for (const family of row.families ?? []) {
      const key = normalise(family);
      families.set(key, [...(families.get(key) ?? []), MODELS[i]!]);
    }
  });
  for (const [key, members] of families) addKey(key, { family: members.sort(bySmallerFigures) }, key);
  for (const [name, model] of Object.entries(WHOLE_NAMES)) {
    const found = byName.get(model);
    if (found === undefined) throw new Error(`GPU table: '${name}' names ${model}, which is not in the table`);
    whole.set(name, found);
  }
  built = { keys, whole, maxKeyWords: Math.max(...[...keys.keys()].map((k) => k.split('-').length)) };
  return built;
}

function listed(models: readonly GpuModel[], withSizes = false): string {
  const names = models.map((m) => (withSizes ? `${m.model} (${m.vramGb} GB)` : m.model));
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * The smallest of `members` for a name that writes a memory size none of them has: with the written size
 * when that is smaller (a cut-down part, `P100-PCIE-12GB`), else with its own (a larger written size is
 * more often another memory than the GPU's: `GH200 480GB` is the Grace CPU's LPDDR5X).
 */
function unmatchedSize(written: string, members: readonly GpuModel[], size: number): GpuLookup {
  const m = members[0]!;
  const unlike = `'${written}' names ${size} GB, unlike ${listed(members, true)} in the table`;
  return Object.freeze(
    size < m.vramGb
      ? { ...m, vramGb: size, assumed: `${unlike}: took ${m.model}'s figures with ${size} GB` }
      : { ...m, assumed: `${unlike}: assumed ${m.model} with ${m.vramGb} GB (the smaller figures)` },
  );
}

function resolve(name: string): GpuLookup | null {
  const { keys, whole: wholeNames, maxKeyWords } = index();
  const written = name.trim();
  const whole = wholeNames.get(written.toLowerCase().replace(/[\s_]+/g, '-'));
  if (whole !== undefined) return whole;
  const s = normalise(written);
  if (s === '') return null;
  const words = s.split('-');
  for (let n = Math.min(words.length, maxKeyWords); n > 0; n--) {
    const entry = keys.get(words.slice(0, n).join('-'));
    if (entry === undefined) continue;
    const rest = words.slice(n);
    // `a1000` is not an A100: a key must be the whole name or be followed by a word that is not a variant's.
    if (rest.length > 0 && VARIANT_WORDS.has(rest[0]!)) return null;
    const sizeWord = rest.map((w) => SIZE.exec(w)).find((m) => m !== null);
    const size = sizeWord ? Number(sizeWord[1]) : undefined;
    if ('model' in entry) {
      return size === undefined || size === entry.model.vramGb
        ? entry.model
        : unmatchedSize(written, [entry.model], size);
    }
    const candidates = size === undefined ? entry.family : entry.family.filter((m) => m.vramGb === size);
    if (candidates.length === 0) return unmatchedSize(written, entry.family, size!);
    if (candidates.length === 1) return candidates[0]!;
    const taken = candidates[0]!;
    return Object.freeze({
      ...taken,
      assumed: `'${written}' could be ${listed(candidates)}: assumed ${taken.model} (the smaller figures)`,
    });
  }
  return null;
}

// Imports look the same few names up for every node: remember the answers (bounded, names are short).
const CACHE = new Map<string, GpuLookup | null>();
const CACHE_LIMIT = 4096;

/**
 * Looks a GPU name up in the table, in any of the forms sources write: nvidia-smi (`NVIDIA H100 80GB HBM3`,
 * `Tesla T4`, `NVIDIA GeForce RTX 4090`), GPU Feature Discovery (`NVIDIA-A100-SXM4-80GB`), GKE
 * (`nvidia-tesla-a100`, `nvidia-l4`), Slurm GRES types (`a100`, `a100_80gb`), SkyPilot (`A100-80GB`,
 * `H100`), `AMD Instinct MI300X`, `Gaudi 2`/`HL-225`, `Apple M2 Max`.
 *
 * A memory size written in the name (`-80GB`) picks the model with that memory. A name that could be
 * several models (`a100`, `h100`, `v100`) takes the one with the smaller figures and says so in `assumed`;
 * so does a written size no such model has (see `unmatchedSize`). Null when the model is not known: the
 * table never guesses from a near name (`a1000` is not an A100, `RTX 4090 Laptop GPU` not an RTX 4090).
 * The answers are frozen and shared: copy one to change it.
 */
export function lookupGpu(name: string): GpuLookup | null {
  const hit = CACHE.get(name);
  if (hit !== undefined) return hit;
  const found = resolve(name);
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(name, found);
  return found;
}

/** Every model the table knows, each once, for help texts and tests. */
export function knownGpuModels(): GpuModel[] {
  return [...MODELS];
}

/** The accelerator name SkyPilot knows a model by (`A100`, `A100-80GB`, `H100`, `RTXA6000`), also its usual short name. */
export function skypilotName(m: Pick<GpuModel, 'model' | 'skypilot'>): string {
  return m.skypilot ?? m.model.replace(/\s+/g, '-');
}
