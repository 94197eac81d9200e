import type { Capabilities } from '../../shared/schema/capabilities.js';
import { diffCapabilities, type CapabilityChange } from './diff.js';
import type { DiscoveryReport } from './types.js';

/** A cached discovery and how old it is. */
export interface CachedReport {
  report: DiscoveryReport;
  /** ms since the discovery finished. */
  ageMs: number;
  /** Whether this answer came from the cache. */
  cached: boolean;
}

export interface CapabilitiesChanged {
  targetId: string;
  changes: CapabilityChange[];
}

export interface CapabilityCacheOptions {
  /** Time to live; 0 caches nothing. */
  ttlMs: number;
  /** Runs one discovery for a target id. */
  discover: (targetId: string) => Promise<DiscoveryReport>;
  /** ms since any origin; Date.now by default. */
  clock?: () => number;
  /** Told when a new discovery finds different capabilities than the one before. */
  onChange?: (event: CapabilitiesChanged) => void;
  /** Earlier reports to start from (a cache file), with the time each was made (clock units). */
  seed?: readonly { report: DiscoveryReport; at: number }[];
}

export interface CapabilityCache {
  /** The target's capabilities: cached while fresh, discovered otherwise; `refresh` forces a discovery. */
  get(targetId: string, options?: { refresh?: boolean }): Promise<CachedReport>;
  stats(): { hits: number; misses: number };
  /** Every report held, with the time it was made. */
  entries(): { report: DiscoveryReport; at: number }[];
}

/**
 * Capabilities per target with a TTL. Concurrent requests for one target share one discovery; a
 * discovery that finds something different from the last one reports the difference field by field.
 */
export function createCapabilityCache(options: CapabilityCacheOptions): CapabilityCache {
  const clock = options.clock ?? Date.now;
  const held = new Map<string, { report: DiscoveryReport; at: number }>();
  for (const s of options.seed ?? []) held.set(s.report.targetId, s);
  const inFlight = new Map<string, Promise<DiscoveryReport>>();
  let hits = 0;
  let misses = 0;

  async function discover(targetId: string): Promise<DiscoveryReport> {
    const running = inFlight.get(targetId);
    if (running) return running;
    const promise = options.discover(targetId).then((report) => {
      const before: Capabilities | undefined = held.get(targetId)?.report.capabilities;
      held.set(targetId, { report, at: clock() });
      if (before !== undefined) {
        const changes = diffCapabilities(before, report.capabilities);
        if (changes.length > 0) options.onChange?.({ targetId, changes });
      }
      return report;
    });
    inFlight.set(targetId, promise);
    try {
      return await promise;
    } finally {
      inFlight.delete(targetId);
    }
  }

  return {
    async get(targetId, { refresh = false } = {}) {
      const entry = held.get(targetId);
      if (!refresh && entry !== undefined && clock() - entry.at < options.ttlMs) {
        hits++;
        return { report: entry.report, ageMs: clock() - entry.at, cached: true };
      }
      misses++;
      const report = await discover(targetId);
      return { report, ageMs: clock() - held.get(targetId)!.at, cached: false };
    },
    stats: () => ({ hits, misses }),
    entries: () => [...held.values()],
  };
}
