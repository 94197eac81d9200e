import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { Capabilities } from '../../shared/schema/capabilities.js';

const round1 = (n: number) => Math.round(n * 10) / 10;

function operatingSystem(): Capabilities['os'] {
  const p = os.platform();
  return p === 'linux' ? 'linux' : p === 'darwin' ? 'macos' : p === 'win32' ? 'windows' : undefined;
}

function architecture(): Capabilities['arch'] {
  const a = os.arch();
  return a === 'x64' ? 'x64' : a === 'arm64' ? 'arm64' : undefined;
}

/**
 * What Node itself can tell about this machine, in GB (10^9 bytes) rounded to one decimal: logical
 * CPUs, memory, free disk under `dir`, OS, arch, and whether a non-loopback interface is up. GPUs and
 * tools are left unknown here; the full discovery service reports them.
 */
export async function discoverLocalBasic(dir: string): Promise<Capabilities> {
  const caps: Capabilities = {
    cpu: os.availableParallelism(),
    memoryGb: round1(os.totalmem() / 1e9),
    network: Object.values(os.networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal)),
  };
  const osName = operatingSystem();
  if (osName) caps.os = osName;
  const arch = architecture();
  if (arch) caps.arch = arch;
  try {
    const fs = await statfs(dir);
    caps.diskGb = round1((fs.bavail * fs.bsize) / 1e9);
  } catch {
    // Free disk stays unknown: an unknown value never satisfies a requirement, which is the honest outcome.
  }
  return caps;
}
