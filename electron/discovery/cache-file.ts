import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import type { ProbeFailure } from './cache.js';
import type { DiscoveryReport } from './types.js';

const CACHE_FILE = 'capabilities-cache.json';

/** The file's schema, loaded where a file is read: a first run, which finds none, never builds it. */
const buildSchema = async () => (await import('./cache-file-schema.js')).cacheFileSchema;
let cacheFile: ReturnType<typeof buildSchema> | undefined;

/** Whether earlier runs kept discoveries here: without the file, a discovery is certain. */
export async function hasCacheFile(dataDir: string): Promise<boolean> {
  try {
    await access(join(dataDir, CACHE_FILE));
    return true;
  } catch {
    return false;
  }
}

/** What an earlier run knew: the reports it discovered and the probes that failed after them. */
export interface CacheFileContent {
  entries: { report: DiscoveryReport; at: number }[];
  failures: ProbeFailure[];
}

/**
 * The discoveries and failed probes saved by earlier runs, so that a run within `cacheMinutes` of the
 * last needs no discovery, and a restarted app still knows each target's last outcome. A missing,
 * unreadable or invalid file is an empty cache: it only ever saves time.
 */
export async function loadCacheFile(dataDir: string): Promise<CacheFileContent> {
  try {
    const text = await readFile(join(dataDir, CACHE_FILE), 'utf8');
    const parsed = (await (cacheFile ??= buildSchema())).safeParse(JSON.parse(text));
    if (!parsed.success) return { entries: [], failures: [] };
    return {
      entries: parsed.data.entries as CacheFileContent['entries'],
      failures: parsed.data.version === 2 ? parsed.data.failures : [],
    };
  } catch {
    return { entries: [], failures: [] };
  }
}

/** Saves the cache's reports and failures, atomically. */
export async function saveCacheFile(
  dataDir: string,
  entries: readonly { report: DiscoveryReport; at: number }[],
  failures: readonly ProbeFailure[] = [],
): Promise<void> {
  await writeFileAtomic(join(dataDir, CACHE_FILE), `${JSON.stringify({ version: 2, entries, failures })}\n`);
}
