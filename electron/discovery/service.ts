import type { TargetFreshness } from '../../shared/api/contract.js';
import type { Target } from '../../shared/schema/targets.js';
import {
  createCapabilityCache,
  type CachedReport,
  type CapabilitiesChanged,
  type DiscoveryOutcome,
  type KnownOutcome,
} from './cache.js';
import { loadCacheFile, saveCacheFile } from './cache-file.js';
import { DiscoveryError, type DiscoveryReport } from './types.js';

import type { SshTarget } from './ssh-probe.js';

export interface DiscoveryServiceOptions {
  dataDir: string;
  /** How long a discovery stays fresh (the options file's cacheMinutes). */
  ttlMs: number;
  /** Tools the loaded task and targets name, looked for besides the default set. */
  tools?: readonly string[];
  /** Keep discoveries and failed probes in the data directory between runs. */
  persist?: boolean;
  /**
   * The app: retry a failed probe in the background when its failure's life ends (30 s, 1 min,
   * 2 min… up to cacheMinutes) and save each outcome as it comes (with `persist`).
   */
  background?: boolean;
  /**
   * A discovery of this machine already under way (the CLI's cold `discover` starts it before the rest
   * loads): the first local discovery takes its report, when it looked for every tool wanted.
   */
  underway?: Promise<DiscoveryReport>;
  /** Probes an SSH target; the real probe over ssh by default, `null` to use only what the file says. */
  probeSsh?: ((target: SshTarget, tools: readonly string[]) => Promise<DiscoveryReport>) | null;
  onChange?: (event: CapabilitiesChanged) => void;
  /** Told when a discovery starts and ends, for the app to show progress without waiting. */
  onProgress?: (event: DiscoveryProgress) => void;
  /** Told of every discovery made (not a cache hit), successful or failed: for metrics and logs. */
  onOutcome?: (outcome: DiscoveryOutcome) => void;
  clock?: () => number;
  /** Runs a retry later (tests); an unref'd timer by default. */
  schedule?: (run: () => void, ms: number) => () => void;
}

/** One step of a discovery: a target's discovery started, finished or failed (with the reason). */
export interface DiscoveryProgress {
  targetId: string;
  phase: 'started' | 'finished' | 'failed';
  message?: string;
}

/**
 * How `resolve` treats a probe that is due: `wait` for it (the CLI: one process, one run),
 * start it in the `background` and answer with what is known (the app), or start `none`.
 */
export type ProbeWait = 'wait' | 'background' | 'none';

/** A target's capabilities as discovered, with how old they are. */
export interface ResolvedTargets {
  targets: Target[];
  /** The discoveries whose capabilities are used (a failed target's last good one, when held). */
  reports: Map<string, CachedReport>;
  /** Targets whose last probe failed, with the reason; they keep their last good or written capabilities. */
  failures: Map<string, string>;
  /** Every target's last outcome and its time. */
  freshness: Map<string, TargetFreshness>;
}

/** Whether a target's capabilities are discovered (local) or probed (ssh with probe: true). */
export function isDiscoverable(target: Target): boolean {
  return target.type === 'local' || (target.type === 'ssh' && target.probe);
}

const AS_WRITTEN: TargetFreshness = { state: 'as-written', at: null, ageMs: null };

/** `gpu-box: connection refused (…)` → `connection refused (…)`: the target is named where it is shown. */
const withoutId = (id: string, reason: string) => (reason.startsWith(`${id}: `) ? reason.slice(id.length + 2) : reason);

/**
 * Discovery for the CLI and the app: one cache over local discovery and SSH probes, with the merge
 * rule of DESIGN.md (discovered values win over written ones, for local and probed targets only).
 */
export async function createDiscoveryService(options: DiscoveryServiceOptions) {
  const clock = options.clock ?? Date.now;
  // Closing kills the probes still running: a server shutting down never waits out a hung host.
  const aborts = new AbortController();
  // The probe (ssh, child processes) is loaded on first use, as local discovery is: a run that
  // probes nothing never pays for it.
  const probeSsh =
    options.probeSsh === undefined
      ? async (target: SshTarget, tools: readonly string[]) => {
          const { probeSshTarget } = await import('./ssh-probe.js');
          return probeSshTarget(target, { tools, timeoutMs: 60_000, connectTimeoutS: 10, signal: aborts.signal });
        }
      : options.probeSsh;
  // Grows as tasks name more tools (a long-lived app sees many tasks); discoveries look for all of them.
  const wantedTools = new Set(options.tools ?? []);
  const toolList = () => [...wantedTools].sort();
  const byId = new Map<string, Target>();
  const seed = options.persist ? await loadCacheFile(options.dataDir) : { entries: [], failures: [] };
  // Saves one after another: two atomic writes of one file must not race.
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    if (options.persist && !aborts.signal.aborted)
      saving = saving.then(() =>
        saveCacheFile(options.dataDir, cache.entries(), cache.failures()).catch(() => undefined),
      );
    return saving;
  };
  const cache = createCapabilityCache({
    ttlMs: options.ttlMs,
    clock,
    seed: seed.entries,
    seedFailures: seed.failures,
    onChange: options.onChange,
    retryFailures: options.background === true,
    schedule: options.schedule,
    onOutcome: (outcome) => {
      // A probe killed by close() is no outcome of the host's: never told, never saved.
      if (aborts.signal.aborted) return;
      options.onOutcome?.(outcome);
      if (options.background) void save();
    },
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

  let underway = options.underway;

  /** This machine's discovery: the one under way, once, or a new one. */
  async function discoverHere(): Promise<DiscoveryReport> {
    const started = underway;
    underway = undefined;
    const early = started && (await started);
    if (early && toolList().every((t) => early.toolsProbed?.includes(t))) return early;
    // Loaded on first use: a run served from the cache never pays for local discovery.
    const { discoverLocal } = await import('./local.js');
    return discoverLocal({ diskDir: options.dataDir, tools: toolList() });
  }

  async function discoverOne(id: string): Promise<DiscoveryReport> {
    const target = byId.get(id);
    if (target === undefined || target.type === 'local') return { ...(await discoverHere()), targetId: id };
    if (target.type !== 'ssh' || probeSsh === null) throw new DiscoveryError(id, `${id}: cannot be probed`);
    return probeSsh(target, toolList());
  }

  /** Remembers the target; true when it must be discovered again (its definition or the tools wanted changed). */
  function register(target: Target): boolean {
    const before = byId.get(target.id);
    byId.set(target.id, target);
    const changed = before !== undefined && JSON.stringify(before) !== JSON.stringify(target);
    const known = cache.peek(target.id);
    if (known.good === undefined || known.failure !== undefined) return changed;
    const probed = new Set(known.good.report.toolsProbed ?? []);
    return changed || [...wantedTools].some((t) => !probed.has(t));
  }

  /** The target's discovered capabilities; looks again when a needed tool was not looked for last time. */
  async function report(target: Target, refresh = false): Promise<CachedReport> {
    const stale = register(target);
    return cache.get(target.id, { refresh: refresh || stale });
  }

  const probed = (t: Target) => isDiscoverable(t) && (t.type !== 'ssh' || probeSsh !== null);

  /** One target's last outcome, in the API's words. */
  function freshnessOf(t: Target, known: KnownOutcome): TargetFreshness {
    if (!probed(t)) return AS_WRITTEN;
    const now = clock();
    if (known.failure)
      return {
        state: 'probe-failed',
        at: known.failure.failedAt,
        ageMs: Math.max(0, now - known.failure.at),
        reason: withoutId(t.id, known.failure.reason),
        lastGoodAgeMs: known.good ? Math.max(0, now - known.good.at) : null,
      };
    if (known.good)
      return { state: 'discovered', at: known.good.report.discoveredAt, ageMs: Math.max(0, now - known.good.at) };
    return known.inFlight ? { state: 'probing', at: null, ageMs: null } : AS_WRITTEN;
  }

  /**
   * Brings one target up to date as `wait` says; true when this call made a discovery. A failed
   * discovery is recorded by the cache, not thrown.
   */
  async function update(t: Target, refresh: boolean, wait: ProbeWait): Promise<boolean> {
    if (wait === 'none') {
      byId.set(t.id, t);
      return false;
    }
    const stale = register(t) || refresh;
    const known = cache.peek(t.id);
    // This machine's discovery is bounded and quick: waited for when nothing is known or a tool is
    // missing, so a view never ranks it on the file's values for a moment. A probe is never waited for.
    const waitHere = wait === 'wait' || (t.type === 'local' && ((!known.good && !known.failure) || stale));
    if (!waitHere) {
      if (stale || !known.fresh) cache.background(t.id);
      return false;
    }
    try {
      return !(await cache.get(t.id, { refresh: stale })).cached;
    } catch (err) {
      if (!(err instanceof DiscoveryError)) throw err;
      return false;
    }
  }

  return {
    report,
    /**
     * The targets with discovered capabilities merged in, each discovery at most once, all in
     * parallel; `probes` says whether a due probe is waited for (see `ProbeWait`).
     */
    async resolve(
      targets: readonly Target[],
      {
        refresh = false,
        tools = [],
        probes = 'wait',
      }: { refresh?: boolean; tools?: readonly string[]; probes?: ProbeWait } = {},
    ): Promise<ResolvedTargets> {
      for (const t of tools) wantedTools.add(t);
      const wanted = targets.filter(probed);
      const made = new Set<string>();
      await Promise.all(wanted.map(async (t) => (await update(t, refresh, probes)) && made.add(t.id)));
      const reports = new Map<string, CachedReport>();
      const failures = new Map<string, string>();
      const freshness = new Map<string, TargetFreshness>();
      for (const t of targets) {
        const known = cache.peek(t.id);
        freshness.set(t.id, freshnessOf(t, known));
        if (!probed(t)) continue;
        if (known.failure) failures.set(t.id, known.failure.reason);
        if (known.good)
          reports.set(t.id, {
            report: known.good.report,
            ageMs: Math.max(0, clock() - known.good.at),
            cached: !made.has(t.id),
          });
      }
      return {
        reports,
        failures,
        freshness,
        targets: targets.map((t) => {
          const found = reports.get(t.id);
          return found ? { ...t, capabilities: { ...t.capabilities, ...found.report.capabilities } } : t;
        }),
      };
    },
    /** Saves the discoveries and failures for the next run when persisting; never fails the caller. */
    save,
    stats: () => cache.stats(),
    /** Stops the background retries and kills the probes still running; their outcome is not kept. */
    close() {
      aborts.abort();
      cache.close();
    },
  };
}
