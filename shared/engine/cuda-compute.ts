// The CUDA compute capability of a target, for `custom: {cudaCompute: ">=8.0"}` (issue 15): its own
// `cudaCompute` label when it has one; else what NVIDIA GPU Feature Discovery labelled its node with
// (`nvidia.com/cuda.compute.major` and `.minor`); else the GPU table's figure for its NVIDIA GPUs, the
// lowest of them, since a task may be given any. Capabilities are major.minor with a single-digit minor
// in practice (7.5, 8.0, 8.6, 9.0, 10.0), so they are compared as plain numbers: 8.10 would read as 8.1.
import { lookupGpu } from '../fleet/gpu-table.js';
import type { Target } from '../schema/targets.js';

/** The custom key whose value is derived when no label of the target says it. */
export const CUDA_COMPUTE = 'cudaCompute';
const GFD_MAJOR = 'nvidia.com/cuda.compute.major';
const GFD_MINOR = 'nvidia.com/cuda.compute.minor';

/** Where a target's compute capability comes from, or why it has none that can be compared. */
export type CudaCompute =
  /** `text` as written (`8.0`); `from` says where, after the value (`T4, from the GPU table`), null for the label. */
  | { kind: 'value'; text: string; from: string | null }
  /** Its GPUs are stated and none is NVIDIA's. */
  | { kind: 'no-nvidia' }
  /** It does not say which GPUs it has. */
  | { kind: 'unstated' }
  /** An NVIDIA GPU without a model. */
  | { kind: 'no-model' }
  /** An NVIDIA GPU whose model the GPU table does not know, or knows without a capability. */
  | { kind: 'not-in-table'; model: string };

const own = (labels: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;

/** The target's CUDA compute capability, and where it comes from. */
export function cudaComputeOf(t: Target): CudaCompute {
  const label = own(t.labels, CUDA_COMPUTE);
  if (label !== undefined) return { kind: 'value', text: label.trim(), from: null };
  const major = own(t.labels, GFD_MAJOR);
  if (major !== undefined) {
    const minor = own(t.labels, GFD_MINOR);
    const text = minor === undefined ? major.trim() : `${major.trim()}.${minor.trim()}`;
    return { kind: 'value', text, from: `from ${GFD_MAJOR}/minor` };
  }
  const gpus = t.capabilities?.gpus;
  if (gpus === undefined) return { kind: 'unstated' };
  let lowest: { text: string; n: number; model: string } | null = null;
  for (const g of gpus) {
    if (g.vendor !== 'nvidia') continue;
    if (g.model === undefined || g.model.trim() === '') return { kind: 'no-model' };
    const known = lookupGpu(g.model);
    const cc = known?.computeCapability ?? null;
    if (known === null || cc === null) return { kind: 'not-in-table', model: g.model };
    const n = Number(cc);
    if (lowest === null || n < lowest.n) lowest = { text: cc, n, model: known.model };
  }
  if (lowest === null) return { kind: 'no-nvidia' };
  return { kind: 'value', text: lowest.text, from: `${lowest.model}, from the GPU table` };
}

/** What the checks read of the capability, as one value to tell targets apart by (a fleet column's). */
export function cudaComputeKey(t: Target): string {
  const c = cudaComputeOf(t);
  switch (c.kind) {
    case 'value':
      return `v\u0001${c.text}\u0001${c.from ?? ''}`;
    case 'not-in-table':
      return `m\u0001${c.model}`;
    default:
      return c.kind;
  }
}
