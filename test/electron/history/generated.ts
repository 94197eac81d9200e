// A history log of `count` real placements (a one-core task on one local target), written straight
// to `DIR/history.jsonl` as the store writes it: for tests that need a long history fast.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksumOf, HISTORY_FILE, placementRecords } from '../../../electron/history/history-log.js';
import { place } from '../../../shared/engine/place.js';
import { checkTaskFile } from '../../../shared/files/parse.js';
import { placementOptions, target } from '../../../shared/schema/targets.js';

export function writeGeneratedHistory(dir: string, count: number, taskName = 'many'): void {
  const task = checkTaskFile({ task: { name: taskName, requirements: { cpu: 1 } } });
  if (!task.ok) throw new Error('the generated task is valid');
  const local = target.parse({ id: 'local', type: 'local', capabilities: { cpu: 4 } });
  const options = placementOptions.parse({ discoveryEnabled: false });
  const inputs = { task: task.value, options, targets: [{ target: local, capabilitiesAgeMs: 0 }] };
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const requestId = `${taskName}-${i}`;
    const result = place(task.value, [local], options, { requestId });
    for (const r of placementRecords(requestId, new Date(1.7e12 + i * 1000).toISOString(), inputs, result))
      lines.push(JSON.stringify({ ...r, checksum: checksumOf(r) }));
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, HISTORY_FILE), `${lines.join('\n')}\n`);
}
