import { localOnly, placementOptions, type PlacementOptions, type Target } from '../../shared/schema/targets.js';
import { toolsNamed, type TaskOrPipelineFile } from '../../shared/schema/task.js';
import { getStrategy, STRATEGY_NAMES } from '../../shared/strategies/registry.js';
import { sourceName, staleSources, type StaleSource } from '../../shared/fleet/freshness.js';
import { uncheckedOf } from '../../shared/engine/warnings.js';
import { MODES } from '../../shared/schema/targets.js';
import { InputError, loadTargetsFile, loadTaskFile } from '../config/load.js';
import { resolveDataDir } from '../config/data-dir.js';
import type { CachedReport } from '../discovery/cache.js';
import { requestId } from './request-id.js';

/** The flags `place` and `compare` share. */
export interface PlacementFlags {
  task: string;
  targets?: string;
  strategy?: string;
  mode?: string;
  fallback: boolean;
  discovery: boolean;
  dataDir?: string;
  maxCandidates?: string;
  deadlineMs?: string;
}

/** A flag's number, checked as the targets file's option of the same name is; a problem line otherwise. */
function limitFlag(flag: string, text: string | undefined, whole: boolean, problems: string[]): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const ok =
    text.trim() !== '' && Number.isFinite(value) && (whole ? Number.isInteger(value) && value >= 1 : value > 0);
  if (ok) return value;
  problems.push(`${flag}: expected ${whole ? 'a whole number ≥ 1' : 'a number > 0 (ms)'}, got "${text}"`);
  return undefined;
}

export interface PlacementInputs {
  file: TaskOrPipelineFile;
  targets: Target[];
  options: PlacementOptions;
  /** How each discovered target's capabilities were obtained, and how old they are. */
  discovered: Map<string, CachedReport>;
  /** Probes that failed, in one line each; those targets keep their written capabilities. */
  discoveryFailures: string[];
  /** Why each target whose probe failed could not be checked: the engine's `unchecked`. */
  unchecked: Record<string, string>;
}

/** Reads the task and targets files, applies the flags over the file's options and discovers the local target. */
export async function loadPlacementInputs(flags: PlacementFlags): Promise<PlacementInputs> {
  const problems: string[] = [];
  if (flags.strategy !== undefined && !getStrategy(flags.strategy))
    problems.push(`--strategy: unknown strategy "${flags.strategy}" (expected one of ${STRATEGY_NAMES.join(' | ')})`);
  if (flags.mode !== undefined && !(MODES as readonly string[]).includes(flags.mode))
    problems.push(`--mode: unknown mode "${flags.mode}" (expected one of ${MODES.join(' | ')})`);
  const maxCandidates = limitFlag('--max-candidates', flags.maxCandidates, true, problems);
  const deadlineMs = limitFlag('--deadline-ms', flags.deadlineMs, false, problems);
  const [task, targetsFile] = await Promise.all([
    loadTaskFile(flags.task).catch((err: unknown) => collect(err, problems)),
    flags.targets === undefined ? null : loadTargetsFile(flags.targets).catch((err: unknown) => collect(err, problems)),
  ]);
  if (problems.length > 0 || task === undefined || targetsFile === undefined) throw new InputError(problems);
  const base = targetsFile?.placement ?? placementOptions.parse({});
  const options: PlacementOptions = {
    ...base,
    ...(flags.strategy !== undefined && { strategy: flags.strategy as PlacementOptions['strategy'] }),
    ...(flags.mode !== undefined && { mode: flags.mode as PlacementOptions['mode'] }),
    ...(!flags.fallback && { fallbackEnabled: false }),
    ...(!flags.discovery && { discoveryEnabled: false }),
    ...(maxCandidates !== undefined && { maxCandidates }),
    ...(deadlineMs !== undefined && { deadlineMs }),
  };
  // Without a targets file, the task is placed on this machine alone.
  const targets = targetsFile?.targets ?? localOnly();
  // The CLI never rewrites the targets file behind a placement: it says which imports are stale.
  const stale = staleSources(targets, Date.now(), options.cacheMinutes * 60_000).map((s) =>
    staleLine(s, flags.targets!),
  );
  if (!options.discoveryEnabled)
    return { file: task, targets, options, discovered: new Map(), discoveryFailures: stale, unchecked: {} };
  // Loaded only here: a placement without discovery never pays for the cache and its schema.
  const { createDiscoveryService } = await import('../discovery/service.js');
  const discovery = await createDiscoveryService({
    dataDir: resolveDataDir(flags.dataDir),
    ttlMs: options.cacheMinutes * 60_000,
    tools: toolsNamed(task),
    persist: true,
  });
  const resolved = await discovery.resolve(targets);
  await discovery.save();
  return {
    file: task,
    targets: resolved.targets,
    options,
    discovered: resolved.reports,
    discoveryFailures: [
      // A failure within its life (cached in the data directory) is used as is: no second timeout.
      ...[...resolved.failures].map(([id, m]) => {
        const good = resolved.reports.get(id);
        return `${m}; using ${good ? `the capabilities probed ${Math.round(good.ageMs / 60_000)} min ago` : 'the capabilities its file writes'}`;
      }),
      ...stale,
    ],
    unchecked: uncheckedOf(resolved.failures, resolved.reports),
  };
}

/** `kubernetes (context prod): imported 3 h ago, past cacheMinutes (5); read it again: placement-explorer import …` */
function staleLine(s: StaleSource, file: string): string {
  const scope =
    s.context !== undefined ? ` --context ${s.context}` : s.cluster !== undefined ? ` --cluster ${s.cluster}` : '';
  const address = s.address !== undefined ? ` --address ${s.address}` : '';
  const minutes = Math.round(s.ageMs / 60_000);
  const age = minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
  return `${sourceName(s)}: imported ${age} ago, past cacheMinutes; read it again: placement-explorer import ${s.kind}${scope}${address} --merge ${file}`;
}

function collect(err: unknown, problems: string[]): undefined {
  if (err instanceof InputError) problems.push(...err.lines);
  else throw err;
  return undefined;
}

/** Milliseconds on a monotonic clock: process.hrtime, as `performance` loads perf_hooks on first use. */
function clock(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

/** A fresh request id and a monotonic clock for a placement made from the CLI. */
export function cliRun() {
  return { requestId: requestId(), clock };
}
