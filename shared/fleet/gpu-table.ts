import type { GpuVendor } from '../schema/aliases.js';

/** A GPU model: its vendor, the name people use for it, and its memory per device. */
export interface GpuModel {
  vendor: GpuVendor;
  model: string;
  /** GB (10^9 bytes) per device, as the vendor's data sheet states it (80 GB, not 80 GiB). */
  vramGb: number;
}

// Keys are the model part of a name, lower case, after vendor and family words are stripped
// (`NVIDIA-H100-80GB-HBM3` → `h100-80gb-hbm3` → `h100`). Longer keys win (`h100-nvl` over `h100`).
const MODELS: Record<string, GpuModel> = {};
function add(vendor: GpuVendor, model: string, vramGb: number, ...keys: string[]): void {
  for (const key of [model.toLowerCase().replace(/\s+/g, '-'), ...keys]) MODELS[key] = { vendor, model, vramGb };
}
add('nvidia', 'B200', 180);
add('nvidia', 'H200', 141);
add('nvidia', 'H100', 80, 'h100-sxm', 'h100-pcie', 'h100-mega');
add('nvidia', 'H100 NVL', 94);
add('nvidia', 'H20', 96);
add('nvidia', 'GH200', 96);
add('nvidia', 'A100', 40, 'a100-sxm4', 'a100-pcie');
add('nvidia', 'A100 80GB', 80, 'a100-80gb', 'a100-sxm4-80gb', 'a100-pcie-80gb');
add('nvidia', 'A10G', 24);
add('nvidia', 'A10', 24);
add('nvidia', 'A16', 16);
add('nvidia', 'A2', 16);
add('nvidia', 'A30', 24);
add('nvidia', 'A40', 48);
add('nvidia', 'L4', 24);
add('nvidia', 'L40', 48);
add('nvidia', 'L40S', 48);
add('nvidia', 'T4', 16);
add('nvidia', 'T4G', 16);
add('nvidia', 'V100', 16, 'v100-sxm2', 'v100-pcie', 'v100-sxm2-16gb');
add('nvidia', 'V100 32GB', 32, 'v100-32gb', 'v100-sxm2-32gb');
add('nvidia', 'P100', 16);
add('nvidia', 'P40', 24);
add('nvidia', 'P4', 8);
add('nvidia', 'K80', 12);
add('nvidia', 'M60', 8);
add('nvidia', 'RTX A6000', 48, 'a6000', 'rtxa6000');
add('nvidia', 'RTX A5000', 24, 'a5000', 'rtxa5000');
add('nvidia', 'RTX A4000', 16, 'a4000', 'rtxa4000');
add('nvidia', 'RTX 6000 Ada', 48, 'rtx6000-ada', 'rtx-6000-ada', 'rtx6000ada');
add('nvidia', 'RTX 4090', 24, 'rtx4090', '4090');
add('nvidia', 'RTX 3090', 24, 'rtx3090', '3090');
add('amd', 'MI300X', 192, 'instinct-mi300x', 'mi300x-oam');
add('amd', 'MI250X', 128);
add('amd', 'MI250', 128);
add('amd', 'MI210', 64);
add('amd', 'MI100', 32);
add('amd', 'Radeon Pro V520', 8, 'v520', 'radeon-pro-v520');
add('amd', 'Radeon Pro V710', 28, 'v710');
add('intel', 'Data Center GPU Max 1550', 128, 'max-1550', 'max1550');
add('intel', 'Data Center GPU Max 1100', 48, 'max-1100', 'max1100');

const KEYS = Object.keys(MODELS).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
const VENDOR_WORDS = /^(?:nvidia|tesla|geforce|quadro|amd|instinct|radeon-instinct|intel|data-center-gpu)-/;
const EXPLICIT_GB = /(?:^|-)(\d{1,4})gb?(?:-|$)/;

/** A GPU as a source names it, lower case with `-` between words: `NVIDIA A100-SXM4-80GB` → `a100-sxm4-80gb`. */
function normalise(name: string): string {
  let s = name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  for (let prev = ''; prev !== s;) [prev, s] = [s, s.replace(VENDOR_WORDS, '')];
  return s;
}

/**
 * Looks a GPU name up in the table, in any of the forms sources write (`NVIDIA-H100-80GB-HBM3`,
 * `Tesla-T4`, `nvidia-tesla-a100`, `h100`, `A100-80GB`, `AMD Instinct MI300X`). A memory size written
 * in the name (`-80GB`) wins over the table's. Null when the model is not known.
 */
export function lookupGpu(name: string): GpuModel | null {
  const s = normalise(name);
  if (s === '') return null;
  for (const key of KEYS) {
    if (s === key || s.startsWith(`${key}-`)) {
      const found = MODELS[key]!;
      const written = EXPLICIT_GB.exec(s.slice(key.length));
      const gb = written ? Number(written[1]) : NaN;
      return gb > 0 && gb !== found.vramGb ? { ...found, vramGb: gb } : found;
    }
  }
  return null;
}

/** Every model the table knows, for help texts and tests. */
export function knownGpuModels(): GpuModel[] {
  return [...new Map(Object.values(MODELS).map((m) => [m.model, m])).values()];
}
