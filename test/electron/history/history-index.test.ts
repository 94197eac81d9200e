import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import { createHistoryReader, loadHistory } from '../../../electron/history/history-index.js';
import { toEntries } from '../../../electron/history/entries.js';
import {
  appendHistory,
  HISTORY_FILE,
  placementRecords,
  readHistory,
  type UnsignedRecord,
} from '../../../electron/history/history-log.js';
import { fleet, optionsOf, pipelineOf, taskOf } from '../../shared/inputs.js';
import { tempDir } from '../../temp-dir.js';

/** A real placement's two records, as the app and the CLI write them. */
function placement(requestId: string, name: string, at = '2026-11-23T10:00:00.000Z', file = taskOf({ name })) {
  const targets = fleet();
  const options = optionsOf();
  const result = place(file, targets, options, { requestId });
  const inputs = { task: file, options, targets: targets.map((target) => ({ target, capabilitiesAgeMs: 0 })) };
  return { records: placementRecords(requestId, at, inputs, result), inputs, result };
}

describe('history index', () => {
  it('lists placements from their summaries and gives the same inputs and result as a full read', async () => {
    const dir = tempDir('pe-index-');
    const a = placement('a', 'first', '2026-11-23T10:00:00.000Z');
    const b = placement('b', 'second <b>|=x', '2026-11-23T11:00:00.000Z');
    const p = placement('p', 'pipe', '2026-11-23T12:00:00.000Z', pipelineOf([{ id: 'n1', requirements: { cpu: 1 } }]));
    await appendHistory(dir, [...a.records, ...b.records, ...p.records]);

    const { entries, warnings } = await loadHistory(dir);
    expect(warnings).toEqual([]);
    const full = toEntries((await readHistory(dir)).records);
    expect(entries.map((e) => e.requestId)).toEqual(['p', 'b', 'a']);
    for (const [i, e] of entries.entries()) {
      const f = full[i]!;
      expect({ ...pick(e), inputs: e.inputs, result: e.result }).toEqual({
        ...pick(f),
        inputs: f.inputs,
        result: f.result,
      });
    }
    expect(entries[1]!.taskName).toBe('second <b>|=x');
    expect(entries[1]!.selectedTarget).toBe(
      b.result.success && 'selectedTarget' in b.result ? b.result.selectedTarget : null,
    );
    expect(entries[0]!.selectedTarget).toBeNull(); // a pipeline has no single target
  });

  it('reads only what was appended since the last load, by this process or another', async () => {
    const dir = tempDir('pe-index-');
    const reader = createHistoryReader(dir);
    expect(await reader.load()).toEqual({ entries: [], warnings: [] });
    await appendHistory(dir, placement('a', 'one').records);
    expect((await reader.load()).entries.map((e) => e.requestId)).toEqual(['a']);
    // Corrupting a line already read does not change the index: it is not read again...
    const path = join(dir, HISTORY_FILE);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"one"', '"ONE"'));
    await appendHistory(dir, placement('b', 'two', '2026-11-23T11:00:00.000Z').records);
    expect((await reader.load()).entries.map((e) => `${e.requestId}:${e.taskName}`)).toEqual(['b:two', 'a:one']);
    // ...while a fresh read verifies every line and reports it.
    const fresh = await loadHistory(dir);
    expect(fresh.warnings).toEqual([`${HISTORY_FILE} line 1: checksum does not match (corrupt or edited); skipped`]);
  });

  it('starts again when the log is replaced (history.clear)', async () => {
    const dir = tempDir('pe-index-');
    const reader = createHistoryReader(dir);
    await appendHistory(dir, [...placement('a', 'one').records, ...placement('b', 'two').records]);
    expect((await reader.load()).entries).toHaveLength(2);
    writeFileSync(join(dir, HISTORY_FILE), '');
    await appendHistory(dir, placement('c', 'three').records);
    expect((await reader.load()).entries.map((e) => e.requestId)).toEqual(['c']);
  });

  it('reports a torn tail without consuming it, and reads the record whole once it is finished', async () => {
    const dir = tempDir('pe-index-');
    const reader = createHistoryReader(dir);
    await appendHistory(dir, placement('a', 'one').records);
    const [started] = placement('b', 'two', '2026-11-23T11:00:00.000Z').records;
    const line = `${JSON.stringify({ ...started, checksum: 'x' })}`;
    // Half a line: a writer caught mid-append (or killed there).
    appendFileSync(join(dir, HISTORY_FILE), line.slice(0, 40));
    expect((await reader.load()).warnings).toEqual([`${HISTORY_FILE} line 3: torn (an append cut short); skipped`]);
    // The next append ends the torn line first: it stays one bad line and nothing after it is lost.
    await appendHistory(dir, placement('c', 'three', '2026-11-23T12:00:00.000Z').records);
    const after = await reader.load();
    expect(after.entries.map((e) => e.requestId)).toEqual(['c', 'a']);
    expect(after.warnings).toEqual([`${HISTORY_FILE} line 3: not JSON; skipped`]);
  });

  it('still reads lines written before the summary existed, with SHA-256 checksums', async () => {
    const dir = tempDir('pe-index-');
    const { inputs, result } = placement('old', 'legacy');
    const old: UnsignedRecord[] = [
      { event: 'PlacementStarted', requestId: 'old', at: '2026-01-01T00:00:00.000Z', inputs },
      { event: 'PlacementCompleted', requestId: 'old', at: '2026-01-01T00:00:00.000Z', result },
    ];
    const sha = (r: UnsignedRecord) => createHash('sha256').update(JSON.stringify(r)).digest('hex');
    writeFileSync(join(dir, HISTORY_FILE), old.map((r) => `${JSON.stringify({ ...r, checksum: sha(r) })}\n`).join(''));
    const { entries, warnings } = await loadHistory(dir);
    expect(warnings).toEqual([]);
    expect(pick(entries[0]!)).toEqual({
      requestId: 'old',
      at: '2026-01-01T00:00:00.000Z',
      taskName: 'legacy',
      strategy: 'auto',
      outcome: result.success ? 'placed' : 'failed',
      selectedTarget: 'selectedTarget' in result ? result.selectedTarget : null,
    });
    expect(entries[0]!.inputs).toEqual(inputs);
  });
});

function pick(e: {
  requestId: string;
  at: string;
  taskName: string;
  strategy: string;
  outcome: string;
  selectedTarget: string | null;
}) {
  const { requestId, at, taskName, strategy, outcome, selectedTarget } = e;
  return { requestId, at, taskName, strategy, outcome, selectedTarget };
}
