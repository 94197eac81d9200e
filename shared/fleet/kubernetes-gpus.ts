import type { GpuDevice } from '../schema/capabilities.js';
import { lookupGpu } from './gpu-table.js';
import { warnAssumed } from './types.js';
import { parseQuantity } from './quantity.js';

/** What a node says about its GPUs: its labels, and the GPU resources its `status.allocatable` lists. */
export interface NodeGpuFacts {
  node: string;
  labels: Readonly<Record<string, string>>;
  /** Whole counts from `status.allocatable`, absent when not listed; undefined when the node has no allocatable. */
  allocatable:
    | {
        nvidia?: number;
        /** `nvidia.com/gpu.shared`: the device plugin's renamed resource when sharing is on. */
        nvidiaShared?: number;
        /** Any `nvidia.com/mig-*` resource is offered (MIG "mixed" strategy). */
        nvidiaMig: boolean;
        amd?: number;
      }
    | undefined;
}

// GPU Feature Discovery writes a GPU's memory in MiB; more than 4 TiB per GPU is not a MiB figure
// (an OpenShift docs sample shows bytes, 16106127360, in this label).
const MAX_PLAUSIBLE_MIB = 4 * 1024 * 1024;
// vGPU profiles (`NVIDIA-A16-4Q`, `GRID-A100-40C`) and MIG slices (`…-MIG-1g.5gb`) get a share of a
// GPU's memory: the GPU table's whole-GPU figure would overstate it.
const PARTITION = /-MIG-|-\d+[ABCQ]$/;

/** GB (10^9 bytes) to one decimal. */
function gb(bytes: number): number {
  return Math.round(bytes / 1e8) / 10;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** A label holding a whole number, or null when absent; a malformed one is reported and ignored. */
function wholeLabel(f: NodeGpuFacts, key: string, warnings: string[]): number | null {
  const value = f.labels[key];
  if (value === undefined) return null;
  if (/^\d{1,6}$/.test(value)) return Number(value);
  warnings.push(`node ${f.node}: label ${key}=${JSON.stringify(value)} is not a whole number; ignored`);
  return null;
}

/** VRAM per GPU from the GPU table by the name the source gives, else null with a warning. */
function tableVram(f: NodeGpuFacts, product: string, vendorLabel: string, warnings: string[]): number | null {
  const known = lookupGpu(product);
  if (known !== null) {
    warnAssumed(warnings, product, known.assumed);
    return known.vramGb;
  }
  warnings.push(
    `node ${f.node}: GPU "${product}" has no ${vendorLabel} label and is not in the GPU table; VRAM unknown`,
  );
  return null;
}

/** The GPUs' VRAM from GPU Feature Discovery's `nvidia.com/gpu.memory` (MiB), else from the table. */
function nvidiaVram(f: NodeGpuFacts, product: string | undefined, warnings: string[]): number | null {
  const memory = f.labels['nvidia.com/gpu.memory'];
  if (memory !== undefined) {
    const mib = /^\d{1,12}$/.test(memory) ? Number(memory) : NaN;
    if (mib > 0 && mib <= MAX_PLAUSIBLE_MIB) return gb(mib * 1048576);
    warnings.push(
      `node ${f.node}: label nvidia.com/gpu.memory=${JSON.stringify(memory)} is not a size in MiB; ignored`,
    );
  }
  if (product === undefined) return null;
  if (PARTITION.test(product) || f.labels['nvidia.com/vgpu.present'] === 'true') {
    warnings.push(
      `node ${f.node}: GPU "${product}" is a vGPU or MIG profile without a usable nvidia.com/gpu.memory label; VRAM unknown (the GPU table knows whole GPUs only)`,
    );
    return null;
  }
  return tableVram(f, product, 'nvidia.com/gpu.memory', warnings);
}

/**
 * The physical GPU count: GFD's `nvidia.com/gpu.count`, else the allocatable count divided by the
 * time-slicing replicas, else null (unknown).
 */
function nvidiaCount(f: NodeGpuFacts, warnings: string[]): number | null {
  const labelled = wholeLabel(f, 'nvidia.com/gpu.count', warnings);
  if (labelled !== null) return labelled;
  const offered = f.allocatable?.nvidia ?? 0;
  if (offered === 0) return null;
  const replicas = wholeLabel(f, 'nvidia.com/gpu.replicas', warnings) ?? 1;
  return replicas > 1 && offered % replicas === 0 ? offered / replicas : offered;
}

function nvidiaGpus(f: NodeGpuFacts, warnings: string[]): GpuDevice | null {
  const gfdProduct = f.labels['nvidia.com/gpu.product'];
  // Clouds name the accelerator of a node pool when GPU Feature Discovery does not run (GKE, EKS).
  const product =
    gfdProduct?.replace(/-SHARED$/, '') ??
    f.labels['cloud.google.com/gke-accelerator'] ??
    f.labels['k8s.amazonaws.com/accelerator'];
  let count = nvidiaCount(f, warnings);
  if (count === 0 || (count === null && product === undefined)) return null;
  const offered = f.allocatable?.nvidia ?? 0;
  if (count === null) {
    warnings.push(
      `node ${f.node}: GPU "${product}" is labelled but neither nvidia.com/gpu.count nor status.allocatable gives a count; counted as 1`,
    );
    count = 1;
  }
  if (
    f.allocatable !== undefined &&
    offered === 0 &&
    (f.allocatable.nvidiaShared ?? 0) === 0 &&
    !f.allocatable.nvidiaMig
  ) {
    warnings.push(
      `node ${f.node}: labels say ${plural(count, 'NVIDIA GPU')} but status.allocatable offers no nvidia.com/gpu; reported, but Kubernetes will not schedule a GPU pod there until the device plugin advertises them`,
    );
  }
  const vramGb = nvidiaVram(f, product, warnings);
  if (product === undefined)
    warnings.push(
      `node ${f.node}: ${plural(count, 'NVIDIA GPU')} in status.allocatable without GPU Feature Discovery labels; ${vramGb === null ? 'model and VRAM' : 'model'} unknown`,
    );
  // A label value holds 256 characters, a model 200.
  return { vendor: 'nvidia', ...(product !== undefined && { model: product.slice(0, 200) }), vramGb, count };
}

function amdGpus(f: NodeGpuFacts, warnings: string[]): GpuDevice | null {
  // The AMD node labeller writes each label twice, under amd.com/ and the older beta.amd.com/.
  const product = f.labels['amd.com/gpu.product-name'] ?? f.labels['beta.amd.com/gpu.product-name'];
  const vramLabel = f.labels['amd.com/gpu.vram'] ?? f.labels['beta.amd.com/gpu.vram'];
  const offered = f.allocatable?.amd ?? 0;
  if (offered === 0 && product === undefined && vramLabel === undefined) return null;
  let count = offered;
  if (offered === 0) {
    warnings.push(
      `node ${f.node}: AMD GPU labels but status.allocatable offers no amd.com/gpu; reported as 1 GPU, but Kubernetes will not schedule a GPU pod there until the device plugin advertises them`,
    );
    count = 1;
  }
  let vramGb: number | null = null;
  if (vramLabel !== undefined) {
    const bytes = parseQuantity(vramLabel);
    if (bytes !== null && bytes > 0) vramGb = gb(bytes);
    else
      warnings.push(`node ${f.node}: label amd.com/gpu.vram=${JSON.stringify(vramLabel)} is not a quantity; ignored`);
  }
  if (vramGb === null && product !== undefined) vramGb = tableVram(f, product, 'amd.com/gpu.vram', warnings);
  if (product === undefined && vramGb === null)
    warnings.push(
      `node ${f.node}: ${plural(count, 'AMD GPU')} in status.allocatable without node labeller labels; model and VRAM unknown`,
    );
  return { vendor: 'amd', ...(product !== undefined && { model: product.slice(0, 200) }), vramGb, count };
}

/**
 * A Kubernetes node's GPUs, from NVIDIA GPU Feature Discovery and AMD node labeller labels, with
 * the device plugins' allocatable counts as the fallback. Counts are physical GPUs (not
 * time-sliced replicas); VRAM is the labels', else the GPU table's, else null (unknown).
 */
export function kubernetesGpus(f: NodeGpuFacts, warnings: string[]): GpuDevice[] {
  const gpus: GpuDevice[] = [];
  const nvidia = nvidiaGpus(f, warnings);
  if (nvidia !== null) gpus.push(nvidia);
  const amd = amdGpus(f, warnings);
  if (amd !== null) gpus.push(amd);
  return gpus;
}
