import { isSchedulerTarget, type Target } from '../schema/targets.js';

// Where each cloud's managed Kubernetes says a node is a spot (preemptible) one.
const SPOT_LABELS: Record<string, string[]> = {
  'eks.amazonaws.com/capacityType': ['SPOT'],
  'karpenter.sh/capacity-type': ['spot'],
  'cloud.google.com/gke-spot': ['true'],
  'cloud.google.com/gke-preemptible': ['true'],
  'kubernetes.azure.com/scalesetpriority': ['spot'],
};

function isSpot(labels: Readonly<Record<string, string>> | undefined): boolean {
  if (labels === undefined) return false;
  return Object.entries(SPOT_LABELS).some(([k, values]) => labels[k] !== undefined && values.includes(labels[k]!));
}

/**
 * Prices scheduler nodes that run on a cloud instance type from the catalog targets among `targets`:
 * a Kubernetes node's `node.kubernetes.io/instance-type` in its `topology.kubernetes.io/region`, at
 * the spot price when the node is a spot one. A node with a rate of its own, or none in the catalog,
 * is left as it is. Returns the list and how many nodes it priced.
 */
export function priceNodes(targets: readonly Target[]): { targets: Target[]; priced: number } {
  const rates = new Map<string, number>();
  for (const t of targets) {
    if (t.type !== 'cloud' || t.source?.kind !== 'catalog' || t.instanceType === undefined) continue;
    const key = `${t.instanceType}@${t.labels?.['region'] ?? ''}${t.labels?.['spot'] === 'true' ? '#spot' : ''}`;
    if (!rates.has(key)) rates.set(key, t.hourlyRate);
  }
  let priced = 0;
  const out = targets.map((t) => {
    if (!isSchedulerTarget(t) || t.hourlyRate !== 0 || rates.size === 0) return t;
    const type = t.instanceType ?? t.labels?.['node.kubernetes.io/instance-type'];
    const region =
      t.labels?.['topology.kubernetes.io/region'] ?? t.labels?.['failure-domain.beta.kubernetes.io/region'];
    if (type === undefined || region === undefined) return t;
    const rate = rates.get(`${type}@${region}${isSpot(t.labels) ? '#spot' : ''}`);
    if (rate === undefined) return t;
    priced++;
    return { ...t, hourlyRate: rate };
  });
  return { targets: out, priced };
}
