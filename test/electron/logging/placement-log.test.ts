// Issue 12, point 11: the CLI's `place` writes the same log line as the app, without loading pino.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { createLogger, LOG_FILE } from '../../../electron/logging/logger.js';
import { appendPlacementLog, placementLogFields } from '../../../electron/logging/placement-log.js';
import { fleet, optionsOf, taskOf } from '../../shared/inputs.js';
import { tempDir } from '../../temp-dir.js';

const result = () =>
  place(taskOf({ requirements: { gpu: true } }), fleet(), optionsOf(), {
    requestId: 'r-log',
    unchecked: { 'gpu-box': 'probe failed: timed out after 10 s' },
  }) as PlacementResult;

const lines = (dir: string) =>
  readFileSync(join(dir, LOG_FILE), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('placement log line', () => {
  it('is the line the app logger writes, key for key and in the same order', async () => {
    const now = new Date('2025-03-01T10:00:00.000Z');
    const fromCli = tempDir('pe-log-cli-');
    appendPlacementLog(fromCli, result(), { now });
    const fromApp = tempDir('pe-log-app-');
    createLogger(fromApp).info(placementLogFields(result()), 'placement');
    const [cli] = lines(fromCli);
    const [app] = lines(fromApp);
    expect(Object.keys(cli!)).toEqual(Object.keys(app!));
    expect({ ...cli, time: null }).toEqual({ ...app, time: null });
    expect(cli).toMatchObject({
      level: 'info',
      time: '2025-03-01T10:00:00.000Z',
      requestId: 'r-log',
      task: 't',
      target: 'gpu-box',
      success: true,
      warnings: [
        'gpu-box: probe failed: timed out after 10 s; placed on the capabilities written in the file, which could not be checked',
      ],
      msg: 'placement',
    });
  });

  it('appends one line per placement, and says when the placement was not recorded in the history', async () => {
    const dir = tempDir('pe-log-cli-');
    appendPlacementLog(dir, result());
    appendPlacementLog(dir, result(), { recorded: false });
    const [first, second] = lines(dir);
    expect(first!['history']).toBeUndefined();
    expect(second!['history']).toBe(false);
  });
});
