import type { Capabilities } from '../../shared/schema/capabilities.js';
import { resolveDataDir } from '../config/data-dir.js';
import { InputError, loadTargetsFile } from '../config/load.js';
import type { CachedReport } from '../discovery/cache.js';
import { localOnly } from '../../shared/schema/targets.js';
import { createDiscoveryService, isDiscoverable } from '../discovery/service.js';
import { DiscoveryError } from '../discovery/types.js';
import { safe, table } from './text.js';

export interface DiscoverFlags {
  json?: boolean;
  refresh?: boolean;
  target?: string;
  targets?: string;
  dataDir?: string;
  tools?: string;
}

/** `12 s`, `4 min`, `2 h` */
export function age(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
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

/** Runs `discover`: the local machine, or one probed target of a targets file. Exit 1 when a probe fails. */
export async function runDiscover(flags: DiscoverFlags): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  if ((flags.target === undefined) !== (flags.targets === undefined))
    throw new InputError(['discover: --target and --targets go together (a target id and the file that defines it)']);
  const extraTools = (flags.tools ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  let target = localOnly()[0]!;
  let ttlMs = 5 * 60_000;
  if (flags.target !== undefined) {
    const file = await loadTargetsFile(flags.targets!);
    const found = file.targets.find((t) => t.id === flags.target);
    if (found === undefined)
      throw new InputError([
        `${flags.targets!}: no target with id "${flags.target}" (ids: ${file.targets.map((t) => t.id).join(', ')})`,
      ]);
    if (!isDiscoverable(found))
      throw new InputError([
        `${flags.targets!}: target "${found.id}" is ${found.type === 'ssh' ? 'an ssh target without probe: true' : 'a cloud target'}; its capabilities are the ones its file writes`,
      ]);
    target = found;
    ttlMs = file.placement.cacheMinutes * 60_000;
  }
  const service = await createDiscoveryService({
    dataDir: resolveDataDir(flags.dataDir),
    ttlMs,
    tools: extraTools,
    persist: true,
  });
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
