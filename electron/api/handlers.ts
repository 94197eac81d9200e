import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import {
  API,
  type ApiError,
  type ApiEventName,
  type ApiMethod,
  type ApiOutput,
  type TargetFreshness,
} from '../../shared/api/contract.js';
import { compare, place } from '../../shared/engine/place.js';
import { uncheckedOf } from '../../shared/engine/warnings.js';
import { checkWith } from '../../shared/files/issues.js';
import { checkTargetsFile, checkTaskFile } from '../../shared/files/parse.js';
import { historyFilter } from '../../shared/schema/history.js';
import { localOnly, placementOptions, type PlacementOptions, type Target } from '../../shared/schema/targets.js';
import { toolsNamed, type TaskOrPipelineFile } from '../../shared/schema/task.js';
import { createDiscoveryService, isDiscoverable, type ProbeWait } from '../discovery/service.js';
import { DiscoveryError } from '../discovery/types.js';
import { createLoadSampler } from '../discovery/load.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { entrySummary } from '../history/entries.js';
import { createHistoryReader } from '../history/history-index.js';
import { appendHistory, HISTORY_FILE, historySize, placementRecords } from '../history/history-log.js';
import { findEntry, replayEntry } from '../history/replay.js';
import { notRecordedWarning, writeRefusal } from '../history/write-failure.js';
import { InputError } from '../config/load.js';
import { comparisonReport, historyReport, placementReport, type ReportData } from '../../shared/report/index.js';
import { asTransferable, exportReport } from '../report/export.js';
import { createChromiumPrinter, PdfTooLongError, PdfUnavailableError, type PdfPrinter } from '../report/pdf.js';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';
import { createSourceRefresher, importTargets } from './import-targets.js';
import { placementLogFields } from '../logging/placement-log.js';

/** A call the table refused: what the transports send back (HTTP 400/404/500). */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message ?? error.code);
  }
}

export interface HandlerContext {
  dataDir: string;
  /** The configured targets and options (a targets file given at start), or this machine alone. */
  targets: Target[];
  options: PlacementOptions;
  metrics: Metrics;
  emit: (event: ApiEventName, payload: unknown) => void;
  /** Structured logs; none when absent. */
  log?: Logger;
  /** Prints a report's HTML as PDF: Electron's printToPDF in the app; the system Chromium otherwise. */
  printPdf?: PdfPrinter;
}

/** The configuration the app saves: a targets file, in the data directory. */
export const CONFIG_FILE = 'targets.json';

const invalid = (issues: { path: string; message: string }[]): ApiCallError =>
  new ApiCallError({ code: 'invalid-input', issues });

function prefixed(prefix: string, problems: { path: string; message: string }[]) {
  return problems.map((p) => ({ path: p.path ? `${prefix}.${p.path}` : prefix, message: p.message }));
}

/**
 * The one table of handlers behind every transport. Each input is parsed by its schema before a
 * handler sees it; a bad payload is an `invalid-input` error naming each path, never a crash.
 */
export async function createHandlers(context: HandlerContext) {
  // Outcomes are kept in the data directory (a restart still knows each target's last probe), and a
  // failed probe is retried in the background; every discovery made is counted and logged once, here.
  const discovery = await createDiscoveryService({
    dataDir: context.dataDir,
    ttlMs: context.options.cacheMinutes * 60_000,
    persist: true,
    background: true,
    onChange: (e) => context.emit('capabilities.changed', e),
    onProgress: (e) => context.emit('discovery.progress', e),
    onOutcome: (o) => {
      context.metrics.discovered(o.targetId, o.durationMs, o.ok ? 'ok' : 'failed');
      context.metrics.cacheStats(discovery.stats());
      if (o.ok)
        context.log?.info({ target: o.targetId, durationMs: o.durationMs, warnings: o.report.warnings }, 'discovery');
      else context.log?.warn({ target: o.targetId, durationMs: o.durationMs, reason: o.reason }, 'discovery failed');
    },
  });

  // One sampler for the process: each call's CPU share is measured since the previous call.
  const sampleLoad = createLoadSampler();

  // The configured targets and options: what the app places on unless a call brings its own.
  let configured = { targets: context.targets, options: context.options };

  /** Saves the configuration atomically, as a targets file (`targets.json` in the data directory). */
  async function saveConfig(): Promise<void> {
    await writeFileAtomic(
      join(context.dataDir, CONFIG_FILE),
      `${JSON.stringify({ placement: configured.options, targets: configured.targets }, null, 2)}\n`,
    );
  }

  // Imported live sources are read again like discovered capabilities, once older than cacheMinutes;
  // never awaited by a call, so no view waits on kubectl or Nomad.
  const sources = createSourceRefresher({
    targets: () => configured.targets,
    save: async (targets) => {
      configured = { ...configured, targets };
      await saveConfig();
    },
    maxAgeMs: () => configured.options.cacheMinutes * 60_000,
    onDone: (e) => {
      if (e.ok) context.log?.info({ source: e.source }, 'source refreshed');
      else context.log?.warn({ source: e.source, reason: e.reason }, 'source refresh failed');
      context.emit('targets.changed', e);
    },
  });

  function targetById(id: string | undefined): Target {
    const found =
      id === undefined
        ? (configured.targets.find((t) => t.type === 'local') ?? localOnly()[0]!)
        : configured.targets.find((t) => t.id === id);
    if (found === undefined) throw new ApiCallError({ code: 'not-found', message: `no target with id "${id}"` });
    return found;
  }

  /** The target's capabilities as discovered, counted and logged; a failed probe throws its DiscoveryError. */
  async function discovered(target: Target, refresh: boolean) {
    const found = await discovery.report(target, refresh).finally(() => context.metrics.cacheStats(discovery.stats()));
    const { targetId, capabilities, warnings, discoveredAt } = found.report;
    return { targetId, capabilities, warnings, discoveredAt, ageMs: found.ageMs, cached: found.cached };
  }

  /** As `capabilities.get` answers: a failed probe is a `probe-failed` error. */
  async function capabilityReport(target: Target, refresh: boolean) {
    try {
      return await discovered(target, refresh);
    } catch (err) {
      if (err instanceof DiscoveryError) throw new ApiCallError({ code: 'probe-failed', message: err.message });
      throw err;
    }
  }

  // The history, indexed once and then read incrementally: each call reads only what was appended.
  const history = createHistoryReader(context.dataDir);
  const entries = () => history.load();
  // Made once, here: a data directory that vanishes later is reported, not made again (see record).
  await mkdir(context.dataDir, { recursive: true }).catch(() => undefined);

  /**
   * Records a placement in the history. A disk that refuses (full, read-only, gone) does not fail the
   * placement: it is answered with a warning saying that it is not recorded, why, and what to do.
   */
  async function record<R extends { warnings: string[] }>(
    records: ReturnType<typeof placementRecords>,
    result: R,
  ): Promise<R> {
    try {
      await appendHistory(context.dataDir, records, { createDir: false });
      return result;
    } catch (err) {
      const refusal = writeRefusal(err);
      if (refusal === undefined) throw err;
      context.log?.warn({ err: (err as Error).message }, 'history not written');
      return { ...result, warnings: [...result.warnings, notRecordedWarning(context.dataDir, refusal)] };
    }
  }

  /**
   * Fills in the targets' capabilities with what is known now, never waiting on an SSH probe: a due
   * probe runs in the background and its outcome arrives as `capabilities.changed`.
   */
  async function discover(targets: readonly Target[], tools: readonly string[], probes: ProbeWait = 'background') {
    const resolved = await discovery.resolve(targets, { tools, probes });
    context.metrics.cacheStats(discovery.stats());
    return resolved;
  }

  async function inputsOf(request: z.output<(typeof API)['placement.place']['input']>) {
    const task = checkTaskFile(request.task);
    if (!task.ok) throw invalid(prefixed('task', task.problems));
    let { targets, options } = configured;
    if (request.targets !== undefined) {
      const file = checkTargetsFile(request.targets);
      if (!file.ok) throw invalid(prefixed('targets', file.problems));
      targets = file.value.targets;
      options = file.value.placement;
    }
    options = placementOptions.parse({ ...options, ...request.options });
    const file: TaskOrPipelineFile = task.value;
    if (!options.discoveryEnabled)
      return {
        file,
        targets,
        options,
        ages: new Map<string, number>(),
        freshness: new Map<string, TargetFreshness>(),
        unchecked: {} as Record<string, string>,
      };
    // A placement made for real uses the last known outcome too (a failed probe: the last good or the
    // written capabilities) rather than wait for a probe; `freshness` says which each target used.
    const resolved = await discover(targets, toolsNamed(file));
    return {
      file,
      targets: resolved.targets,
      options,
      ages: new Map([...resolved.reports].map(([id, r]) => [id, r.ageMs])),
      freshness: resolved.freshness,
      // A failed probe with no good discovery to fall back on: the written capabilities, unchecked.
      unchecked: uncheckedOf(resolved.failures, resolved.reports),
    };
  }

  const table: { [M in ApiMethod]: (input: z.output<(typeof API)[M]['input']>) => Promise<ApiOutput<M>> } = {
    async 'capabilities.get'(input) {
      return capabilityReport(targetById(input.targetId), input.refresh === true);
    },
    async 'capabilities.refresh'(input) {
      return capabilityReport(targetById(input.targetId), true);
    },
    async 'machine.load'() {
      return sampleLoad();
    },
    async 'targets.list'() {
      return { targets: configured.targets };
    },
    async 'targets.save'(input) {
      const file = checkTargetsFile(input.file);
      if (!file.ok) throw invalid(prefixed('file', file.problems));
      configured = { targets: file.value.targets, options: file.value.placement };
      await saveConfig();
      return { targets: configured.targets };
    },
    async 'targets.import'(input) {
      return importTargets(input, configured.targets, async (targets) => {
        configured = { ...configured, targets };
        await saveConfig();
      });
    },
    async 'targets.probe'(input) {
      const target = targetById(input.targetId);
      if (!isDiscoverable(target))
        throw invalid([
          { path: 'targetId', message: `target "${target.id}" is not probed (local, or ssh with probe: true)` },
        ]);
      try {
        return { ok: true as const, report: await discovered(target, true) };
      } catch (err) {
        if (err instanceof DiscoveryError) return { ok: false as const, targetId: target.id, reason: err.message };
        throw err;
      }
    },
    async 'targets.resolve'(input) {
      let tools: string[] = [];
      if (input.task !== undefined) {
        const task = checkTaskFile(input.task);
        if (!task.ok) throw invalid(prefixed('task', task.problems));
        tools = toolsNamed(task.value);
      }
      const { targets, options } = configured;
      if (options.discoveryEnabled && input.discover !== false) void sources.refresh();
      if (!options.discoveryEnabled)
        return {
          targets,
          options,
          ages: Object.fromEntries(targets.map((t) => [t.id, null])),
          failures: [],
          freshness: Object.fromEntries(
            targets.map((t) => [t.id, { state: 'as-written' as const, at: null, ageMs: null }]),
          ),
        };
      // A failed probe is reported, not fatal: that target keeps its last good or written capabilities.
      const resolved = await discover(targets, tools, input.discover === false ? 'none' : 'background');
      return {
        targets: resolved.targets,
        options,
        ages: Object.fromEntries(targets.map((t) => [t.id, resolved.reports.get(t.id)?.ageMs ?? null])),
        failures: [...resolved.failures.values()],
        freshness: Object.fromEntries(resolved.freshness),
      };
    },
    async 'settings.get'() {
      return configured.options;
    },
    async 'settings.set'(input) {
      configured = { ...configured, options: placementOptions.parse({ ...configured.options, ...input }) };
      await saveConfig();
      return configured.options;
    },
    async 'placement.place'(input) {
      const used = await inputsOf(input);
      const requestId = randomUUID();
      const at = new Date().toISOString();
      const result = place(used.file, used.targets, used.options, {
        requestId,
        clock: () => performance.now(),
        unchecked: used.unchecked,
        whyNot: input.whyNot ?? false,
      });
      const inputs = {
        task: used.file,
        options: used.options,
        targets: used.targets.map((target) => ({
          target,
          capabilitiesAgeMs: used.ages.get(target.id) ?? null,
          ...(Object.hasOwn(used.unchecked, target.id) && { unchecked: used.unchecked[target.id]! }),
        })),
      };
      const answer = await record(placementRecords(requestId, at, inputs, result), result);
      context.metrics.placed(answer);
      context.log?.info(placementLogFields(answer), 'placement');
      context.metrics.historySize(await historySize(context.dataDir));
      context.emit(answer.success ? 'placement.completed' : 'placement.failed', answer);
      return answer;
    },
    async 'placement.compare'(input) {
      const used = await inputsOf(input);
      return compare(used.file, used.targets, used.options, {
        requestId: randomUUID(),
        clock: () => performance.now(),
        unchecked: used.unchecked,
        whyNot: input.whyNot ?? false,
      });
    },
    async 'history.list'(input) {
      const all = await entries();
      const matching = all.entries.filter(historyFilter(input));
      const offset = input.offset ?? 0;
      const page = matching.slice(offset, offset + (input.limit ?? 100)).map(entrySummary);
      return { entries: page, total: matching.length, warnings: all.warnings };
    },
    async 'history.get'(input) {
      try {
        const { requestId, at, taskName, strategy, outcome, selectedTarget, inputs, result } = findEntry(
          (await entries()).entries,
          input.id,
        );
        return { requestId, at, taskName, strategy, outcome, selectedTarget, inputs, result };
      } catch (err) {
        if (err instanceof InputError) throw new ApiCallError({ code: 'not-found', message: err.lines.join('; ') });
        throw err;
      }
    },
    async 'history.clear'() {
      const { entries: all } = await entries();
      await writeFileAtomic(join(context.dataDir, HISTORY_FILE), '');
      context.metrics.historySize(0);
      return { cleared: all.length };
    },
    async 'history.replay'(input) {
      const { entries: all } = await entries();
      try {
        return await replayEntry(findEntry(all, input.id), (targets) => discover(targets, []));
      } catch (err) {
        if (err instanceof InputError) throw new ApiCallError({ code: 'not-found', message: err.lines.join('; ') });
        throw err;
      }
    },
    async 'report.export'(input) {
      const meta = { generatedAt: new Date().toISOString() };
      let data: ReportData;
      if (input.kind === 'comparison') {
        const used = await inputsOf(input);
        const compared = compare(used.file, used.targets, used.options, {
          requestId: randomUUID(),
          unchecked: used.unchecked,
        });
        const targets = used.targets.map((target) => ({
          target,
          capabilitiesAgeMs: used.ages.get(target.id) ?? null,
        }));
        data = comparisonReport(used.file, targets, used.options, compared, meta);
      } else {
        const all = await entries();
        const withWarnings = { ...meta, warnings: all.warnings };
        if (input.kind === 'placement') {
          let entry;
          try {
            entry = findEntry(all.entries, input.id);
          } catch (err) {
            if (err instanceof InputError) throw new ApiCallError({ code: 'not-found', message: err.lines.join('; ') });
            throw err;
          }
          data = placementReport(entry, withWarnings);
        } else {
          const { kind: _kind, format: _format, ...filters } = input;
          data = historyReport(all.entries, filters, withWarnings);
        }
      }
      try {
        return asTransferable(await exportReport(data, input.format, context.printPdf ?? createChromiumPrinter()));
      } catch (err) {
        if (err instanceof PdfTooLongError) throw invalid([{ path: 'format', message: err.message }]);
        if (err instanceof PdfUnavailableError) throw new ApiCallError({ code: 'internal', message: err.message });
        throw err;
      }
    },
    async 'metrics.get'() {
      context.metrics.historySize(await historySize(context.dataDir));
      return { text: await context.metrics.text(), families: await context.metrics.families() };
    },
  };

  return {
    /** Stops background probes and their retries (a server shutting down). */
    close: () => discovery.close(),
    /** Validates the payload with the method's schema, then runs its handler. */
    async invoke(method: string, payload: unknown): Promise<unknown> {
      if (!Object.hasOwn(API, method)) throw new ApiCallError({ code: 'not-found', message: `no method "${method}"` });
      const m = method as ApiMethod;
      const parsed = checkWith(API[m].input as z.ZodType, payload ?? {});
      if (!parsed.ok) throw invalid(parsed.problems);
      try {
        return await (table[m] as (input: unknown) => Promise<unknown>)(parsed.value);
      } catch (err) {
        if (!(err instanceof ApiCallError))
          context.log?.error({ method, err: (err as Error).message }, 'handler failed');
        throw err;
      }
    },
  };
}

export type Handlers = Awaited<ReturnType<typeof createHandlers>>;
