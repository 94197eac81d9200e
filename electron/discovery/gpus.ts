import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import type { GpuDevice } from '../../shared/schema/capabilities.js';
import { gb, groupGpus, parseNvidiaSmiCsv, parseSystemProfilerDisplays, vendorFromPciId } from './parse.js';
import { runCommand } from './run-command.js';

/** GPUs found, or null when this platform gives no way to tell; and what a person should know. */
export interface GpuDiscovery {
  gpus: GpuDevice[] | null;
  warnings: string[];
}

async function read(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

async function nvidia(timeoutMs: number, warnings: string[]): Promise<GpuDevice[] | null> {
  const r = await runCommand(
    'nvidia-smi',
    ['--query-gpu=name,memory.total', '--format=csv,noheader,nounits'],
    timeoutMs,
  );
  if (r.notStarted) return null;
  if (r.timedOut) warnings.push(`nvidia-smi did not answer within ${timeoutMs} ms; NVIDIA GPUs unknown`);
  else if (r.code !== 0)
    // nvidia-smi prints some errors (a driver/library mismatch) on stdout.
    warnings.push(
      `nvidia-smi failed (exit ${r.code ?? '?'}): ${(r.stderr.trim() || r.stdout.trim()).split('\n')[0] ?? ''}`,
    );
  else return parseNvidiaSmiCsv(r.stdout);
  return null;
}

/**
 * GPUs on Linux from `/sys/class/drm` (under `root`): AMD VRAM from `mem_info_vram_total`, never from a
 * PCI BAR; Intel and unknown VRAM stay unknown. NVIDIA cards are left to nvidia-smi.
 */
export async function drmGpus(root = '/', skipNvidia = false): Promise<GpuDevice[]> {
  const base = `${root.replace(/\/$/, '')}/sys/class/drm`;
  let cards: string[];
  try {
    cards = (await readdir(base)).filter((c) => /^card\d+$/.test(c));
  } catch {
    return [];
  }
  const devices: GpuDevice[] = [];
  for (const card of cards.sort()) {
    const vendor = vendorFromPciId((await read(`${base}/${card}/device/vendor`)) ?? '');
    if (vendor === null || (vendor === 'nvidia' && skipNvidia)) continue;
    const vram = await read(`${base}/${card}/device/mem_info_vram_total`);
    // Consumer boards often have an empty product_name (no FRU data): name the card by its PCI id then.
    const model =
      (await read(`${base}/${card}/device/product_name`)) ||
      `${vendor} GPU ${(await read(`${base}/${card}/device/device`)) ?? ''}`.trim();
    devices.push({ vendor, model, vramGb: vram !== undefined && /^\d+$/.test(vram) ? gb(Number(vram)) : null });
  }
  return groupGpus(devices);
}

/** This machine's GPUs, each source bounded by `timeoutMs`; an unknown VRAM is reported unknown. */
export async function discoverGpus(timeoutMs: number): Promise<GpuDiscovery> {
  const warnings: string[] = [];
  const platform = os.platform();
  if (platform === 'darwin') {
    const r = await runCommand('system_profiler', ['SPDisplaysDataType', '-json'], timeoutMs);
    if (r.code !== 0) {
      warnings.push(`system_profiler failed${r.timedOut ? ` (no answer within ${timeoutMs} ms)` : ''}; GPUs unknown`);
      return { gpus: null, warnings };
    }
    return { gpus: parseSystemProfilerDisplays(r.stdout, gb(os.totalmem())), warnings };
  }
  const fromNvidia = await nvidia(timeoutMs, warnings);
  if (platform !== 'linux') {
    if (fromNvidia === null)
      warnings.push(
        `GPUs other than NVIDIA are not discovered on ${platform === 'win32' ? 'windows' : platform}; GPUs unknown`,
      );
    return { gpus: fromNvidia, warnings };
  }
  const others = await drmGpus('/', fromNvidia !== null);
  const found = groupGpus([...(fromNvidia ?? []), ...others]);
  // A GPU the driver gives no VRAM for takes the GPU table's when it knows the model, and says so. The
  // table loads (with the capabilities schema) only where there are GPUs.
  const gpus =
    found.length === 0 ? found : found.map((await import('../../shared/schema/capabilities.js')).withTableVram);
  for (const g of gpus) if (g.vramGb === null) warnings.push(`${g.model ?? g.vendor}: VRAM unknown`);
  return { gpus, warnings };
}
