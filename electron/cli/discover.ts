import type { Capabilities } from '../../shared/schema/capabilities.js';
import type { Target } from '../../shared/schema/targets.js';
import { resolveDataDir } from '../config/data-dir.js';
import type { CachedReport } from '../discovery/cache.js';
import { hasCacheFile } from '../discovery/cache-file.js';
import { createDiscoveryService, isDiscoverable } from '../discovery/service.js';
import { DiscoveryError, type DiscoveryReport } from '../discovery/types.js';
import { age, safe, table } from './text.js';

export interface DiscoverFlags {
  json?: boolean;
  refresh?: boolean;
  target?: string;
  targets?: string;
  dataDir?: string;
  tools?: string;
}

function gpusText(caps: Capabilities): string {
  if (caps.gpus === undefined) return 'unknown';
  if (caps.gpus.length === 0) return 'none';
  return caps.gpus
    .map(
      (g) =>
        `${g.count ?? 1}× ${g.vendor}${g.model ? ` ${g.model}` : ''}, ${g.vramGb === null || g.vramGb === undefined ? 'VRAM unknown' : `${g.vramGb} GB VRAM`}`,
    )
    .join('; ');
}

/** The readable summary of one discovery. */
export function renderDiscovery(found: CachedReport): string {
  const { report } = found;
  const c = report.capabilities;
  const physical = (what: 'cpu' | 'memoryGb', unit: string) =>
    c.physical?.[what] !== undefined && c.physical[what] !== c[what]
      ? `   (physical: ${c.physical[what]}${unit}; the limit is a cgroup's)`
      : '';
  const tools = Object.entries(c.tools ?? {})
    .map(([name, version]) => `${name} ${version ?? '(version unknown)'}`)
    .join(', ');
  const rows = [
    ['CPU', `${c.cpu ?? 'unknown'} logical cores${c.cpuModel ? ` — ${c.cpuModel}` : ''}${physical('cpu', '')}`],
    ['Memory', `${c.memoryGb ?? 'unknown'} GB${physical('memoryGb', ' GB')}`],
    ['Disk', c.diskGb === undefined ? 'unknown' : `${c.diskGb} GB free`],
    ['GPUs', gpusText(c)],
    ['OS/arch', `${c.os ?? 'unknown'} / ${c.arch ?? 'unknown'}`],
    ['Network', c.network === undefined ? 'unknown' : c.network ? 'yes (a default route on a live interface)' : 'no'],
    ['Tools', tools === '' ? 'none found' : tools],
  ];
  const when = found.cached
    ? `cached, discovered ${age(found.ageMs)} ago (--refresh to look again)`
    : `discovered just now in ${Math.round(report.durationMs)} ms`;
  const lines = [safe(`${report.targetId}: ${when}`), table(['', ''], rows).split('\n').slice(1).join('\n')];
  if (report.warnings.length > 0) lines.push('', 'Warnings:', ...report.warnings.map((w) => `  ${safe(w)}`));
  lines.push('', 'Sizes are GB (10^9 bytes), rounded to one decimal.');
  return lines.join('\n');
}

/** A mistake in the flags or the targets file: exit 2, one line each (InputError's module loads here). */
async function badInput(lines: string[]): Promise<never> {
  const { InputError } = await import('../config/load.js');
  throw new InputError(lines);
}

/** Runs `discover`: the local machine, or one probed target of a targets file. Exit 1 when a probe fails. */
export async function runDiscover(flags: DiscoverFlags): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  if ((flags.target === undefined) !== (flags.targets === undefined))
    await badInput(['discover: --target and --targets go together (a target id and the file that defines it)']);
  const extraTools = (flags.tools ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const dataDir = resolveDataDir(flags.dataDir);
  let target: Target;
  let ttlMs = 5 * 60_000;
  let underway: Promise<DiscoveryReport> | undefined;
  if (flags.target === undefined) {
    // Nothing kept here yet, so this machine is discovered for certain: its probes start now, and the
    // schemas and the cache load while they run.
    if (!(await hasCacheFile(dataDir))) {
      const { discoverLocal } = await import('../discovery/local.js');
      underway = discoverLocal({ diskDir: dataDir, tools: extraTools });
      // The service awaits it; this only keeps a failure it never asks for from ending the process.
      underway.catch(() => undefined);
    }
    target = (await import('../../shared/schema/targets.js')).localOnly()[0]!;
  } else {
    const { loadTargetsFile } = await import('../config/load.js');
    const file = await loadTargetsFile(flags.targets!);
    const found = file.targets.find((t) => t.id === flags.target);
    if (found === undefined)
      return badInput([
        `${flags.targets!}: no target with id "${flags.target}" (ids: ${file.targets.map((t) => t.id).join(', ')})`,
      ]);
    if (!isDiscoverable(found))
      return badInput([
        `${flags.targets!}: target "${found.id}" is ${found.type === 'ssh' ? 'an ssh target without probe: true' : 'a cloud target'}; its capabilities are the ones its file writes`,
      ]);
    target = found;
    ttlMs = file.placement.cacheMinutes * 60_000;
  }
  const service = await createDiscoveryService({ dataDir, ttlMs, tools: extraTools, persist: true, underway });
  try {
    const found = await service.report(target, flags.refresh === true);
    await service.save();
    const stdout = flags.json
      ? JSON.stringify({ ...found.report, ageMs: found.ageMs, cached: found.cached }, null, 2)
      : renderDiscovery(found);
    return { stdout, stderr: '', exitCode: 0 };
  } catch (err) {
    if (err instanceof DiscoveryError) return { stdout: '', stderr: err.message, exitCode: 1 };
    throw err;
  }
}
