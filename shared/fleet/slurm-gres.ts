import type { GpuVendor } from '../schema/aliases.js';
import type { GpuDevice } from '../schema/capabilities.js';
import { lookupGpu } from './gpu-table.js';
import { warnAssumed } from './types.js';

// GRES counts may carry a suffix of K, M, G, T or P: multiples of 1024 (gres.conf(5)).
const COUNT = /^(\d+)([KMGTP]?)$/i;
const MULTIPLIER: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };
const GRES_NAME = /^[A-Za-z0-9_.-]+$/;

/** Splits a GRES list at commas outside parentheses: `gpu:a100:2(S:0,1),mps:20` → two entries. */
function gresEntries(gres: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < gres.length; i++) {
    const c = gres[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      entries.push(gres.slice(start, i));
      start = i + 1;
    }
  }
  entries.push(gres.slice(start));
  return entries.map((e) => e.trim()).filter((e) => e !== '');
}

// A GPU type not in the table still needs a vendor; these words in its name say which.
function vendorFromName(type: string): GpuVendor | null {
  const s = type.toLowerCase();
  if (/amd|radeon|instinct|(?:^|[^a-z])mi\d{2,3}/.test(s)) return 'amd';
  if (/intel|gaudi|(?:^|[^a-z])(?:arc|flex|max)(?:[^a-z]|$)/.test(s)) return 'intel';
  if (/nvidia|tesla|geforce|quadro|rtx|gtx/.test(s)) return 'nvidia';
  return null;
}

/** Sets `count` on the device already listed for the same vendor and model, or lists it. */
function addDevice(gpus: GpuDevice[], device: GpuDevice): void {
  const same = gpus.find((g) => g.vendor === device.vendor && g.model === device.model);
  if (same) same.count = (same.count ?? 1) + (device.count ?? 1);
  else gpus.push(device);
}

/**
 * The GPUs a node's GRES string declares: `gpu:a100:4(S:0-1)` → 4 × A100 (40 GB, from the GPU table).
 * Socket and index suffixes are dropped, non-GPU GRES (`mps:20`, `shard:8`) ignored, several types
 * (`gpu:h100:2,gpu:h200:4`) give one device each. An untyped `gpu:8` is taken as NVIDIA with unknown
 * VRAM, and an unknown type keeps its name with unknown VRAM; both say so in `warnings`.
 */
export function gpusFromGres(gres: string | undefined, node: string, warnings: string[]): GpuDevice[] {
  const gpus: GpuDevice[] = [];
  if (gres === undefined || gres === '' || gres === '(null)' || gres === 'N/A') return gpus;
  for (const entry of gresEntries(gres)) {
    const bare = entry.replace(/\(.*\)$/, '');
    const parts = bare.split(':');
    const name = parts[0] ?? '';
    if (!GRES_NAME.test(name)) {
      warnings.push(`node ${node}: GRES entry "${entry}" not understood; ignored`);
      continue;
    }
    if (name !== 'gpu') continue;
    const rest = parts.slice(1).filter((p) => p !== 'no_consume');
    const countMatch = COUNT.exec(rest.at(-1) ?? '');
    if (countMatch) rest.pop();
    const count = countMatch ? Number(countMatch[1]) * MULTIPLIER[countMatch[2]!.toUpperCase()]! : 1;
    if (count === 0) continue;
    const type = rest.join(':');
    if (type === '') {
      warnings.push(`node ${node}: GRES "${bare}" names no GPU model; taken as ${count} nvidia GPUs, VRAM unknown`);
      addDevice(gpus, { vendor: 'nvidia', vramGb: null, count });
      continue;
    }
    const known = lookupGpu(type);
    if (known) {
      warnAssumed(warnings, type, known.assumed);
      addDevice(gpus, { vendor: known.vendor, model: known.model, vramGb: known.vramGb, count });
      continue;
    }
    const vendor = vendorFromName(type);
    warnings.push(
      `node ${node}: GPU type "${type}" (GRES "${bare}") is not in the GPU table; VRAM unknown, vendor ${
        vendor ? `${vendor} from its name` : 'taken as nvidia'
      }`,
    );
    addDevice(gpus, { vendor: vendor ?? 'nvidia', model: type.slice(0, 200), vramGb: null, count });
  }
  return gpus;
}
