import * as z from 'zod';
import { capabilities } from '../../shared/schema/capabilities.js';

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
const failure = z.strictObject({
  targetId: z.string(),
  reason: z.string(),
  at: z.number(),
  failedAt: z.string(),
  durationMs: z.number(),
  attempts: z.number().int().min(1),
});

/** The discovery cache file. Version 1 held reports only; version 2 also keeps each target's last failed probe. */
export const cacheFileSchema = z.union([
  z.strictObject({ version: z.literal(1), entries: z.array(entry) }),
  z.strictObject({ version: z.literal(2), entries: z.array(entry), failures: z.array(failure) }),
]);
