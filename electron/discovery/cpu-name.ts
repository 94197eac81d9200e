import { access, constants, readFile } from 'node:fs/promises';
import os from 'node:os';
import { runCommand } from './run-command.js';

// systeminformation's cpu() names a Linux CPU from `lscpu`, but runs it twice through a shell and
// `dmidecode` through a third, and loading the library costs more than the rest of discovery's own
// code. This is its naming (5.33: cpu(), cpuBrandManufacturer, cpuManufacturer, util.getValue) from
// one `lscpu`, or none where lscpu would only repeat what Node read from /proc/cpuinfo; the boards it
// names from elsewhere (a Raspberry Pi, RISC-V) are still left to it.

/** A CPU's name as systeminformation's cpu() gives it: the maker, and the brand without the maker's word. */
export interface CpuName {
  manufacturer: string;
  brand: string;
}

/** util.getValue: what follows the first `:` on the first line that starts with `property` (case and tabs ignored). */
function valueOf(lines: readonly string[], property: string): string {
  const wanted = property.toLowerCase();
  for (const line of lines) {
    if (!line.toLowerCase().replace(/\t/g, '').startsWith(wanted)) continue;
    const parts = line.split(':');
    if (parts.length >= 2) return parts.slice(1).join(':').trim();
  }
  return '';
}

/** cpuManufacturer: the last of these names found in the text wins; the text itself when none is. */
const MAKERS: readonly (readonly [string, string])[] = [
  ['intel', 'Intel'],
  ['amd', 'AMD'],
  ['qemu', 'QEMU'],
  ['hygon', 'Hygon'],
  ['centaur', 'WinChip/Via'],
  ['vmware', 'VMware'],
  // systeminformation also looks for `Xen` in the lower-cased text, which never matches.
  ['tcg', 'QEMU'],
  ['apple', 'Apple'],
  ['sifive', 'SiFive'],
  ['thead', 'T-Head'],
  ['andestech', 'Andes Technology'],
];

function manufacturerOf(text: string): string {
  const lower = text.toLowerCase();
  let found = text;
  for (const [needle, name] of MAKERS) if (lower.includes(needle)) found = name;
  return found;
}

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * What systeminformation's cpu() names a Linux CPU, from `lscpu`'s output (LC_ALL=C; empty when it
 * could not run) and `os.cpus()[0].model`: the BIOS model name, else lscpu's, else the OS's; `(R)`
 * `(TM)` `(C)` as symbols, `CPU` and the clock dropped, the first word taken for the maker.
 */
export function cpuNameFromLscpu(lscpu: string, osModel: string): CpuName {
  const lines = lscpu.split('\n');
  let model = osModel;
  model = valueOf(lines, 'model name') || model;
  model = valueOf(lines, 'bios model name') || model;
  model = model.replace(/To Be Filled By O.E.M./g, '');
  let brand = model.split('@')[0]!.trim();
  if (brand.includes('Unknown')) brand = brand.split('Unknown')[0]!.trim();
  brand = squeeze(brand.replace(/\(R\)+/g, '®'));
  brand = squeeze(brand.replace(/\(TM\)+/g, '™'));
  brand = squeeze(brand.replace(/\(C\)+/g, '©'));
  brand = squeeze(brand.replace(/CPU+/g, ''));
  return { manufacturer: manufacturerOf(brand), brand: brand.split(' ').slice(1).join(' ') };
}

const RASPBERRY_PI_SOCS = [
  'BCM2708',
  'BCM2709',
  'BCM2710',
  'BCM2711',
  'BCM2712',
  'BCM2835',
  'BCM2836',
  'BCM2837',
  'BCM2837B0',
];

/** util.isRaspberry: /proc/cpuinfo names a Broadcom SoC of a Pi, or the model is a Raspberry Pi. */
async function isRaspberryPi(): Promise<boolean> {
  let cpuinfo: string[];
  try {
    cpuinfo = (await readFile('/proc/cpuinfo', 'utf8')).split('\n');
  } catch {
    return false;
  }
  const hardware = valueOf(cpuinfo, 'hardware');
  return (
    (hardware !== '' && RASPBERRY_PI_SOCS.includes(hardware)) || valueOf(cpuinfo, 'model').includes('Raspberry Pi')
  );
}

/** Where lscpu reads the BIOS's model name (on x86 too), readable by root only. */
const DMI_TABLE = '/sys/firmware/dmi/tables/DMI';

/**
 * Whether lscpu would only repeat the OS's model name (/proc/cpuinfo's first, as Node reports it): on
 * x86 when the DMI table cannot be read, so that there is no BIOS model name.
 */
async function lscpuRepeats(osModel: string): Promise<boolean> {
  if ((os.arch() !== 'x64' && os.arch() !== 'ia32') || osModel === '' || osModel === 'unknown') return false;
  try {
    await access(DMI_TABLE, constants.R_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * This Linux machine's CPU name as systeminformation's cpu() would give it, from `osModel`
 * (`os.cpus()[0].model`) where lscpu would print just that, else from one bounded `lscpu`; null on a
 * Raspberry Pi or a RISC-V board, which systeminformation names from elsewhere.
 */
export async function linuxCpuName(osModel: string, timeoutMs: number): Promise<CpuName | null> {
  if (await lscpuRepeats(osModel)) return cpuNameFromLscpu('', osModel);
  const r = await runCommand('lscpu', [], timeoutMs, undefined, { env: { ...process.env, LC_ALL: 'C' } });
  const lines = r.stdout.split('\n');
  if (valueOf(lines, 'architecture') === 'riscv64') return null;
  if (manufacturerOf(valueOf(lines, 'vendor id')) === 'ARM' && (await isRaspberryPi())) return null;
  return cpuNameFromLscpu(r.stdout, osModel);
}
