import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';
import { LOG_FILE, rotate } from './log-file.js';

/** What the log says of one placement: the same fields from the app, browser mode and the CLI. */
export function placementLogFields(result: PlacementResult | PipelineResult, recorded = true) {
  return {
    requestId: result.requestId,
    task: 'pipeline' in result ? result.pipeline : result.taskName,
    strategy: result.strategy,
    mode: result.mode,
    success: result.success,
    target: 'selectedTarget' in result ? result.selectedTarget : null,
    decisionMs: result.decisionMs,
    ...(result.warnings.length > 0 && { warnings: result.warnings }),
    // `place --no-history`: decided and logged, but not in the history (nothing to replay).
    ...(!recorded && { history: false }),
  };
}

/**
 * Appends one placement's line to the log in the data directory, as the app's logger (pino) writes
 * it: `{"level":"info","time":ISO,…fields,"msg":"placement"}`. The CLI's `place` uses it so that a
 * one-shot process does not load pino for one line; at once, as a one-shot process has nothing else
 * to do meanwhile.
 */
export function appendPlacementLog(
  dataDir: string,
  result: PlacementResult | PipelineResult,
  options: { recorded?: boolean; now?: Date } = {},
): void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOG_FILE);
  rotate(path);
  const line = {
    level: 'info',
    time: (options.now ?? new Date()).toISOString(),
    ...placementLogFields(result, options.recorded ?? true),
    msg: 'placement',
  };
  appendFileSync(path, `${JSON.stringify(line)}\n`);
}
