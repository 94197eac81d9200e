import { diffCapabilities, type CapabilityChange } from './diff.js';
import { DiscoveryError, type DiscoveryReport } from './types.js';

/** A cached discovery and how old it is. */
export interface CachedReport {
  report: DiscoveryReport;
  /** ms since the discovery finished. */
  ageMs: number;
  /** Whether this answer came from the cache. */
  cached: boolean;
}

/**
 * A discovery that could not be made (an unreachable host): an outcome, cached like a report but for
 * a shorter life that doubles with each failure in a row (see `failureLifeMs`).
 */
export interface ProbeFailure {
  targetId: string;
  /** The DiscoveryError's line (`gpu-box: connection refused (10.0.0.5:22)`). */
  reason: string;
  /** When it failed (clock units). */
  at: number;
  /** ISO time it failed. */
  failedAt: string;
  durationMs: number;
  /** Failures in a row, this one included: the back-off's step. */
  attempts: number;
}

export interface CapabilitiesChanged {
  targetId: string;
  /** Field by field; empty when only the outcome changed (a first discovery, a probe failing or recovering). */
  changes: CapabilityChange[];
  /** The outcome that caused the event: a discovery, or a failed one with its reason. */
  outcome?: 'discovered' | 'probe-failed';
  reason?: string;
}

/** One discovery made (not served from the cache): what the metrics and logs count. */
export type DiscoveryOutcome =
  | { targetId: string; ok: true; durationMs: number; report: DiscoveryReport }
  | { targetId: string; ok: false; durationMs: number; reason: string };

export interface CapabilityCacheOptions {
  /** Time to live; 0 caches nothing. */
  ttlMs: number;
  /** Runs one discovery for a target id; a `DiscoveryError` is an outcome, cached; any other error is not. */
  discover: (targetId: string) => Promise<DiscoveryReport>;
  /** ms since any origin; Date.now by default. */
  clock?: () => number;
  /** Told when a new discovery finds different capabilities than the one before, or a different outcome. */
  onChange?: (event: CapabilitiesChanged) => void;
  /** Told of every discovery made, successful or failed. */
  onOutcome?: (outcome: DiscoveryOutcome) => void;
  /** Earlier reports to start from (a cache file), with the time each was made (clock units). */
  seed?: readonly { report: DiscoveryReport; at: number }[];
  /** Earlier failures to start from (a cache file). */
  seedFailures?: readonly ProbeFailure[];
  /**
   * Retries a failed discovery in the background when its failure's life ends (the app; a one-shot
   * CLI run does not). `schedule` runs a callback later and returns a cancel; an unref'd timer by default.
   */
  retryFailures?: boolean;
  schedule?: (run: () => void, ms: number) => () => void;
}

export interface CapabilityCache {
  /**
   * The target's capabilities: cached while fresh, discovered otherwise; `refresh` forces a discovery.
   * A failure within its life is thrown again (a `DiscoveryError`) without discovering.
   */
  get(targetId: string, options?: { refresh?: boolean }): Promise<CachedReport>;
  /** What is known of a target now, starting nothing. */
  peek(targetId: string): KnownOutcome;
  /** Starts a discovery unless one of this target is running; never waited on, never throws. */
  background(targetId: string): void;
  stats(): { hits: number; misses: number };
  /** Every report held, with the time it was made. */
  entries(): { report: DiscoveryReport; at: number }[];
  /** Every target's last failure, when it failed after its last report. */
  failures(): ProbeFailure[];
  /** Cancels the background retries. */
  close(): void;
}

/** What the cache knows of one target: its last good report, its last failure, and whether either is fresh. */
export interface KnownOutcome {
  good?: { report: DiscoveryReport; at: number };
  /** Present when the last outcome is a failure (newer than `good`). */
  failure?: ProbeFailure;
  /** Whether the last outcome is within its life: no discovery is needed to answer. */
  fresh: boolean;
  /** A discovery of this target is running. */
  inFlight: boolean;
}

/** The first retry of a failed discovery, after which each doubles. */
export const FIRST_RETRY_MS = 30_000;

/**
 * How long a failure is cached, which is also when it is retried: 30 s after the first in a row,
 * then 1 min, 2 min, 4 min…, never longer than a report lives (`ttlMs`, the options' cacheMinutes).
 */
export function failureLifeMs(attempts: number, ttlMs: number): number {
  return Math.min(ttlMs, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts, 20) - 1));
}

const unrefTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/**
 * Capabilities per target with a TTL. Concurrent requests for one target share one discovery (never
 * more than one in flight); a failed discovery is an outcome, cached for a shorter life; a discovery
 * that finds something different from the last one reports the difference field by field.
 */
export function createCapabilityCache(options: CapabilityCacheOptions): CapabilityCache {
  const clock = options.clock ?? Date.now;
  const schedule = options.schedule ?? unrefTimer;
  const held = new Map<string, { report: DiscoveryReport; at: number }>();
  for (const s of options.seed ?? []) held.set(s.report.targetId, s);
  const failed = new Map<string, ProbeFailure>();
  for (const f of options.seedFailures ?? [])
    if ((held.get(f.targetId)?.at ?? -Infinity) <= f.at) failed.set(f.targetId, f);
  const inFlight = new Map<string, Promise<DiscoveryReport>>();
  const retries = new Map<string, () => void>();
  let hits = 0;
  let misses = 0;

  function cancelRetry(targetId: string) {
    retries.get(targetId)?.();
    retries.delete(targetId);
  }

  function succeeded(targetId: string, report: DiscoveryReport) {
    const before = held.get(targetId);
    const wasFailing = failed.has(targetId);
    held.set(targetId, { report, at: clock() });
    failed.delete(targetId);
    cancelRetry(targetId);
    options.onOutcome?.({ targetId, ok: true, durationMs: report.durationMs, report });
    const changes = before === undefined ? [] : diffCapabilities(before.report.capabilities, report.capabilities);
    if (changes.length > 0 || before === undefined || wasFailing)
      options.onChange?.({ targetId, changes, outcome: 'discovered' });
  }

  function failedWith(targetId: string, err: DiscoveryError, durationMs: number) {
    const before = failed.get(targetId);
    const failure: ProbeFailure = {
      targetId,
      reason: err.message,
      at: clock(),
      failedAt: new Date().toISOString(),
      durationMs,
      attempts: (before?.attempts ?? 0) + 1,
    };
    failed.set(targetId, failure);
    options.onOutcome?.({ targetId, ok: false, durationMs, reason: err.message });
    if (before?.reason !== err.message)
      options.onChange?.({ targetId, changes: [], outcome: 'probe-failed', reason: err.message });
    const life = failureLifeMs(failure.attempts, options.ttlMs);
    if (options.retryFailures && life > 0) {
      cancelRetry(targetId);
      retries.set(
        targetId,
        schedule(() => {
          retries.delete(targetId);
          background(targetId);
        }, life),
      );
    }
  }

  async function discover(targetId: string): Promise<DiscoveryReport> {
    const running = inFlight.get(targetId);
    if (running) return running;
    const started = clock();
    const promise = options.discover(targetId).then(
      (report) => {
        succeeded(targetId, report);
        return report;
      },
      (err: unknown) => {
        if (err instanceof DiscoveryError) failedWith(targetId, err, Math.max(0, clock() - started));
        throw err;
      },
    );
    inFlight.set(targetId, promise);
    try {
      return await promise;
    } finally {
      inFlight.delete(targetId);
    }
  }

  function peek(targetId: string): KnownOutcome {
    const good = held.get(targetId);
    const failure = failed.get(targetId);
    const now = clock();
    const fresh =
      failure !== undefined
        ? now - failure.at < failureLifeMs(failure.attempts, options.ttlMs)
        : good !== undefined && now - good.at < options.ttlMs;
    return { good, failure, fresh, inFlight: inFlight.has(targetId) };
  }

  function background(targetId: string) {
    if (inFlight.has(targetId)) return;
    misses++;
    // The outcome is recorded (and told) by discover itself; nobody waits on it here.
    discover(targetId).catch(() => undefined);
  }

  return {
    async get(targetId, { refresh = false } = {}) {
      const known = peek(targetId);
      if (!refresh && known.fresh) {
        hits++;
        if (known.failure) throw new DiscoveryError(targetId, known.failure.reason);
        return { report: known.good!.report, ageMs: clock() - known.good!.at, cached: true };
      }
      misses++;
      const report = await discover(targetId);
      return { report, ageMs: clock() - held.get(targetId)!.at, cached: false };
    },
    peek,
    background,
    stats: () => ({ hits, misses }),
    entries: () => [...held.values()],
    failures: () => [...failed.values()],
    close() {
      for (const id of [...retries.keys()]) cancelRetry(id);
    },
  };
}
