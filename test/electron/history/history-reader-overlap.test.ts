// The server's history reader under overlapping calls (issue 15): history.list, history.get and
// replay all read through one reader, and the browser mode serves them concurrently.
import { describe, expect, it } from 'vitest';
import { createHistoryReader } from '../../../electron/history/history-index.js';
import { appendHistory, placementRecords } from '../../../electron/history/history-log.js';
import { place } from '../../../shared/engine/place.js';
import { fleet, optionsOf, taskOf } from '../../shared/inputs.js';
import { tempDir } from '../../temp-dir.js';

describe('history reader', () => {
  it('indexes every placement once when reads overlap, with appends between them', async () => {
    const dir = tempDir('pe-overlap-');
    const reader = createHistoryReader(dir);
    const targets = fleet();
    const options = optionsOf();
    let n = 0;
    const append = async () => {
      const id = `p${n++}`;
      const file = taskOf({ name: id });
      const inputs = { task: file, options, targets: targets.map((target) => ({ target, capabilitiesAgeMs: 0 })) };
      await appendHistory(
        dir,
        placementRecords(id, new Date().toISOString(), inputs, place(file, targets, options, { requestId: id })),
      );
    };
    // Two reads of the same appended bytes, then as many bytes again appended: today's reader would
    // skip them, starting its next read where two reads' worth would end.
    for (let round = 0; round < 20; round++) {
      const overlapping = await Promise.all([reader.load(), reader.load()]);
      for (const read of overlapping) expect(read.warnings).toEqual([]);
      for (let i = 0; i < 3; i++) await append();
    }
    const { entries, warnings } = await reader.load();
    expect(warnings).toEqual([]);
    expect(entries.map((e) => e.requestId).sort()).toEqual(Array.from({ length: n }, (_, i) => `p${i}`).sort());
  });
});
