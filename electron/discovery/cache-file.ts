import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { capabilities } from '../../shared/schema/capabilities.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import type { DiscoveryReport } from './types.js';

const CACHE_FILE = 'capabilities-cache.json';

const entry = z.strictObject({
  at: z.number(),
  report: z.strictObject({
    targetId: z.string(),
    capabilities,
    warnings: z.array(z.string()),
    discoveredAt: z.string(),
    durationMs: z.number(),
    toolsProbed: z.array(z.string()).optional(),
  }),
});
const cacheFile = z.strictObject({ version: z.literal(1), entries: z.array(entry) });

/**
 * The discoveries saved by earlier runs, so that a CLI run within `cacheMinutes` of the last needs no
 * discovery. A missing, unreadable or invalid file is an empty cache: it only ever saves time.
 */
export async function loadCacheFile(dataDir: string): Promise<{ report: DiscoveryReport; at: number }[]> {
  try {
    const parsed = cacheFile.safeParse(JSON.parse(await readFile(join(dataDir, CACHE_FILE), 'utf8')));
    return parsed.success ? (parsed.data.entries as { report: DiscoveryReport; at: number }[]) : [];
  } catch {
    return [];
  }
}

/** Saves the cache's reports, atomically. */
export async function saveCacheFile(
  dataDir: string,
  entries: readonly { report: DiscoveryReport; at: number }[],
): Promise<void> {
  await writeFileAtomic(join(dataDir, CACHE_FILE), `${JSON.stringify({ version: 1, entries })}\n`);
}
