import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';

/** One catalog SkyPilot keeps: the cloud it prices and where its `vms.csv` is. */
export interface SkyCatalogFile {
  cloud: string;
  path: string;
  /** The catalog schema version directory (`v7`). */
  version: string;
}

/** `v7` → 7; a directory not named like a version sorts last. */
function versionNumber(name: string): number {
  const m = /^v(\d+)$/.exec(name);
  return m ? Number(m[1]) : -1;
}

async function directories(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Lists the catalogs SkyPilot has downloaded, `~/.sky/catalogs/<version>/<cloud>/vms.csv`: newest
 * version first, clouds in name order within one. None (an empty list) when SkyPilot has none.
 */
export async function findSkyCatalogs(home = os.homedir()): Promise<SkyCatalogFile[]> {
  const root = join(home, '.sky', 'catalogs');
  const versions = (await directories(root)).sort(
    (a, b) => versionNumber(b) - versionNumber(a) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const found: SkyCatalogFile[] = [];
  for (const version of versions) {
    const clouds = (await directories(join(root, version))).sort();
    for (const cloud of clouds) {
      const path = join(root, version, cloud, 'vms.csv');
      if (await isFile(path)) found.push({ cloud, path, version });
    }
  }
  return found;
}
