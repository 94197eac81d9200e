// A child process that appends history records in a loop and says (on stdout) which it has written,
// for the crash and two-writer tests; history-log.test.ts bundles it and runs it with node.
import { appendHistory } from '../../../electron/history/history-log.js';

const [dataDir, name, count] = process.argv.slice(2);
for (let i = 0; i < Number(count ?? Infinity); i++) {
  const requestId = `${name}-${i}`;
  await appendHistory(dataDir!, [
    { event: 'PlacementStarted', requestId, at: new Date().toISOString() },
    { event: 'PlacementFailed', requestId, at: new Date().toISOString() },
  ]);
  process.stdout.write(`${requestId}\n`);
}
