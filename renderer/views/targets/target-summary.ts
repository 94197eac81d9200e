import type { Capabilities } from '../../../shared/schema/capabilities';
import type { Target } from '../../../shared/schema/targets';
import { count } from '../../format/count';

/** What the engine will use: discovered values over written ones (DESIGN.md's merge rule). */
export function effectiveCapabilities(t: Target, discovered: Capabilities | undefined): Capabilities {
  return { ...t.capabilities, ...discovered };
}

/** One line for a table cell: `4 CPU · 16 GB · 250 GB disk · 1× nvidia A10G 24 GB · linux/x64 · 3 tools`. */
export function capabilitySummary(c: Capabilities): string {
  const parts: string[] = [];
  // GPUs first: what engineers compare, and what a narrow cell must never cut off.
  for (const g of c.gpus ?? [])
    parts.push(
      `${g.count ?? 1}× ${g.model ?? `${g.vendor} GPU`} ${g.vramGb == null ? '(VRAM unknown)' : `${g.vramGb} GB`}`,
    );
  if (c.cpu !== undefined) parts.push(`${c.cpu} CPU`);
  if (c.memoryGb !== undefined) parts.push(`${c.memoryGb} GB`);
  if (c.diskGb !== undefined) parts.push(`${c.diskGb} GB disk`);
  if (c.os !== undefined || c.arch !== undefined) parts.push(`${c.os ?? '?'}/${c.arch ?? '?'}`);
  const tools = Object.keys(c.tools ?? {}).length;
  if (tools > 0) parts.push(count(tools, 'tool'));
  return parts.length > 0 ? parts.join(' · ') : 'nothing known';
}

/** Where the target is: the host (ssh), the provider and instance type (cloud), or the scheduler's node. */
export function location(t: Target): string {
  if (t.type === 'ssh') return `${t.user ? `${t.user}@` : ''}${t.host}${t.port !== 22 ? `:${t.port}` : ''}`;
  if (t.type === 'cloud') return [t.provider, t.instanceType].filter(Boolean).join(' ');
  if (t.type === 'local') return 'this machine';
  return `${t.type} node ${t.source.node}`;
}

/** The words of an imported target's source a filter can match: kind, scope, node and file. */
function sourceWords(t: Target): string[] {
  const s = 'source' in t ? t.source : undefined;
  return s ? [s.kind, s.node, s.context ?? '', s.cluster ?? '', s.address ?? '', s.file ?? ''] : [];
}

/**
 * Whether a filter text matches the target: id, name, type, host, provider, a label, or where it was
 * imported from (source kind, context, cluster, address, node name), any case.
 */
export function matchesFilter(t: Target, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [
    t.id,
    t.name ?? '',
    t.type,
    location(t),
    ...sourceWords(t),
    ...Object.entries(t.labels ?? {}).map(([k, v]) => `${k}=${v}`),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Whether the target's capabilities come from discovery (local) or a probe (ssh with probe: true). */
export function isDiscoverable(t: Target): boolean {
  return t.type === 'local' || (t.type === 'ssh' && t.probe);
}
