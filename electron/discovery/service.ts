import type { Target } from '../../shared/schema/targets.js';
import { createCapabilityCache, type CachedReport, type CapabilitiesChanged } from './cache.js';
import { loadCacheFile, saveCacheFile } from './cache-file.js';
import { DiscoveryError, type DiscoveryReport } from './types.js';

import type { SshTarget } from './ssh-probe.js';

export interface DiscoveryServiceOptions {
  dataDir: string;
  /** How long a discovery stays fresh (the options file's cacheMinutes). */
  ttlMs: number;
  /** Tools the loaded task and targets name, looked for besides the default set. */
  tools?: readonly string[];
  /** Keep discoveries in the data directory between runs (the CLI); the app keeps them in memory. */
  persist?: boolean;
  /** Probes an SSH target; the real probe over ssh by default, `null` to use only what the file says. */
  probeSsh?: ((target: SshTarget, tools: readonly string[]) => Promise<DiscoveryReport>) | null;
  onChange?: (event: CapabilitiesChanged) => void;
  /** Told when a discovery starts and ends, for the app to show progress without waiting. */
  onProgress?: (event: DiscoveryProgress) => void;
  clock?: () => number;
}

/** One step of a discovery: a target's discovery started, finished or failed (with the reason). */
export interface DiscoveryProgress {
  targetId: string;
  phase: 'started' | 'finished' | 'failed';
  message?: string;
}

/** A target's capabilities as discovered, with how old they are. */
export interface ResolvedTargets {
  targets: Target[];
  reports: Map<string, CachedReport>;
  /** Targets whose probe failed, with the reason; they keep the capabilities their file writes. */
  failures: Map<string, string>;
}

/** Whether a target's capabilities are discovered (local) or probed (ssh with probe: true). */
export function isDiscoverable(target: Target): boolean {
  return target.type === 'local' || (target.type === 'ssh' && target.probe);
}

/**
 * Discovery for the CLI and the app: one cache over local discovery and SSH probes, with the merge
 * rule of DESIGN.md (discovered values win over written ones, for local and probed targets only).
 */
export async function createDiscoveryService(options: DiscoveryServiceOptions) {
  const clock = options.clock ?? Date.now;
  // The probe (ssh, child processes) is loaded on first use, as local discovery is: a run that
  // probes nothing never pays for it.
  const probeSsh =
    options.probeSsh === undefined
      ? async (target: SshTarget, tools: readonly string[]) => {
          const { probeSshTarget } = await import('./ssh-probe.js');
          return probeSshTarget(target, { tools, timeoutMs: 60_000, connectTimeoutS: 10 });
        }
      : options.probeSsh;
  // Grows as tasks name more tools (a long-lived app sees many tasks); discoveries look for all of them.
  const wantedTools = new Set(options.tools ?? []);
  const toolList = () => [...wantedTools].sort();
  const byId = new Map<string, Target>();
  const cache = createCapabilityCache({
    ttlMs: options.ttlMs,
    clock,
    seed: options.persist ? await loadCacheFile(options.dataDir) : [],
    onChange: options.onChange,
    discover: async (id) => {
      options.onProgress?.({ targetId: id, phase: 'started' });
      try {
        const report = await discoverOne(id);
        options.onProgress?.({ targetId: id, phase: 'finished' });
        return report;
      } catch (err) {
        options.onProgress?.({ targetId: id, phase: 'failed', message: (err as Error).message });
        throw err;
      }
    },
  });

  async function discoverOne(id: string): Promise<DiscoveryReport> {
    const target = byId.get(id);
    if (target === undefined || target.type === 'local') {
      // Loaded on first use: a run served from the cache never pays for systeminformation.
      const { discoverLocal } = await import('./local.js');
      const report = await discoverLocal({ diskDir: options.dataDir, tools: toolList() });
      return { ...report, targetId: id };
    }
    if (target.type !== 'ssh' || probeSsh === null) throw new DiscoveryError(id, `${id}: cannot be probed`);
    return probeSsh(target, toolList());
  }

  /** The target's discovered capabilities; looks again when a needed tool was not looked for last time. */
  async function report(target: Target, refresh = false): Promise<CachedReport> {
    byId.set(target.id, target);
    const held = cache.entries().find((e) => e.report.targetId === target.id);
    const probed = new Set(held?.report.toolsProbed ?? []);
    const missingTool = held !== undefined && [...wantedTools].some((t) => !probed.has(t));
    return cache.get(target.id, { refresh: refresh || missingTool });
  }

  return {
    report,
    /** The targets with discovered capabilities merged in, each discovery at most once, all in parallel. */
    async resolve(
      targets: readonly Target[],
      { refresh = false, tools = [] }: { refresh?: boolean; tools?: readonly string[] } = {},
    ): Promise<ResolvedTargets> {
      for (const t of tools) wantedTools.add(t);
      const reports = new Map<string, CachedReport>();
      const wanted = targets.filter((t) => isDiscoverable(t) && (t.type !== 'ssh' || probeSsh !== null));
      const failures = new Map<string, string>();
      await Promise.all(
        wanted.map(async (t) => {
          try {
            reports.set(t.id, await report(t, refresh));
          } catch (err) {
            if (!(err instanceof DiscoveryError)) throw err;
            failures.set(t.id, err.message);
          }
        }),
      );
      return {
        reports,
        failures,
        targets: targets.map((t) => {
          const found = reports.get(t.id);
          return found ? { ...t, capabilities: { ...t.capabilities, ...found.report.capabilities } } : t;
        }),
      };
    },
    /** Saves the discoveries for the next run when persisting; never fails the caller. */
    async save(): Promise<void> {
      if (options.persist) await saveCacheFile(options.dataDir, cache.entries()).catch(() => undefined);
    },
    stats: () => cache.stats(),
  };
}
