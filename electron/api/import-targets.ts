import type { z } from 'zod';
import type { API } from '../../shared/api/contract.js';
import { planImport } from '../../shared/fleet/merge.js';
import { priceNodes } from '../../shared/fleet/pricing.js';
import { sourceKey, targetList, type Target } from '../../shared/schema/targets.js';
import { readSource, SourceError } from '../fleet/read-source.js';
import { sourceName, staleSources } from '../../shared/fleet/freshness.js';

type Input = z.output<(typeof API)['targets.import']['input']>;
type Output = z.output<(typeof API)['targets.import']['output']>;

/**
 * Reads a fleet source and plans its import over the configured targets; `save` is called with the
 * new list when the call applies it. A source that cannot be read is `ok: false` with the reason.
 */
export async function importTargets(
  input: Input,
  configured: readonly Target[],
  save: (targets: Target[]) => Promise<void>,
): Promise<Output> {
  let read;
  try {
    read = await readSource({
      kind: input.kind,
      text: input.text,
      file: input.text === undefined ? undefined : (input.fileName ?? 'the uploaded file'),
      context: input.context,
      cluster: input.cluster,
      address: input.address,
      cloud: input.cloud,
    });
  } catch (err) {
    if (err instanceof SourceError) return { ok: false, reason: err.message };
    throw err;
  }
  const checked = targetList.safeParse(read.targets);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { ok: false, reason: `${read.where}: ${issue.path.join('.')}: ${issue.message} (an importer bug)` };
  }
  const plan = planImport(configured, checked.data, sourceKey({ kind: input.kind, ...read.origin, node: '-' }));
  const { targets } = priceNodes(plan.targets);
  if (input.apply) await save(targets);
  return {
    ok: true,
    where: read.where,
    added: plan.added,
    changed: plan.changed.map((c) => ({ target: c.after, changes: c.changes })),
    removed: plan.removed,
    unchanged: plan.unchanged,
    warnings: [...read.warnings, ...plan.renamed.map((r) => `${r.from}: the id is taken; imported as ${r.to}`)],
    applied: input.apply,
    targets,
  };
}

/**
 * Reads live sources again once their targets are older than the cache life, in the background and
 * one at a time (each import plans over the list as the previous one left it). A source that fails
 * keeps its targets and is not tried again before another cache life has passed.
 */
export function createSourceRefresher(options: {
  targets: () => readonly Target[];
  save: (targets: Target[]) => Promise<void>;
  maxAgeMs: () => number;
  onDone: (payload: { source: string; ok: boolean; reason?: string }) => void;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const lastTried = new Map<string, number>();
  let queue: Promise<void> = Promise.resolve();
  return {
    /** Starts a refresh of every stale live source not tried within a cache life; returns when all are done. */
    refresh(): Promise<void> {
      const maxAge = options.maxAgeMs();
      for (const stale of staleSources(options.targets(), now(), maxAge)) {
        if (now() - (lastTried.get(stale.key) ?? -Infinity) <= maxAge) continue;
        lastTried.set(stale.key, now());
        const { kind, context, cluster, address } = stale;
        queue = queue.then(async () => {
          const r = await importTargets(
            { kind, context, cluster, address, apply: true },
            options.targets(),
            options.save,
          ).catch((err: unknown) => ({ ok: false as const, reason: (err as Error).message }));
          options.onDone({ source: sourceName(stale), ok: r.ok, ...(!r.ok && { reason: r.reason }) });
        });
      }
      return queue;
    },
  };
}
