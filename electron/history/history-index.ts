import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryRecord, PlacementInputs } from '../../shared/schema/history.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';
import type { HistoryEntry } from './entries.js';
import { HISTORY_FILE, scanLines, skipWarning } from './history-log.js';

/** The placements in the log, newest first, and a warning per line that had to be skipped. */
export interface HistoryIndex {
  entries: HistoryEntry[];
  warnings: string[];
}

/** Where a record's bulky part starts: the summary fields come before it (see placementRecords). */
const INPUTS_KEY = Buffer.from(',"inputs":');
const RESULT_KEY = Buffer.from(',"result":');
/** How every line this program writes begins; the next letter tells the event (Started, Completed, Failed). */
const EVENT_PREFIX = Buffer.from('{"event":"Placement');
const STARTED = 'S'.charCodeAt(0);

type Header = Pick<HistoryRecord, 'event' | 'requestId' | 'at' | 'taskName' | 'strategy' | 'selectedTarget'>;

/** Where the bulky part of the line `buf[start, checksumAt)` begins, or -1 when it has none. */
function bodyStart(buf: Buffer, start: number, checksumAt: number): number {
  const ours = buf.compare(EVENT_PREFIX, 0, EVENT_PREFIX.length, start, start + EVENT_PREFIX.length) === 0;
  // Searching for the key the event has stops within the summary; a key the line lacks would be
  // searched for through the whole line.
  const keys = !ours
    ? [INPUTS_KEY, RESULT_KEY]
    : buf[start + EVENT_PREFIX.length] === STARTED
      ? [INPUTS_KEY]
      : [RESULT_KEY];
  for (const key of keys) {
    const at = buf.indexOf(key, start);
    if (at >= 0 && at < checksumAt) return at;
  }
  return -1;
}

/**
 * Parses only a record's summary: the line's JSON up to its first bulky key. That key cannot occur
 * earlier inside a string value, where every quote is escaped. Lines written before the summary
 * existed (no `taskName` in a PlacementStarted) are parsed whole.
 */
function headerOf(buf: Buffer, start: number, checksumAt: number): { header: Header; full: HistoryRecord | null } {
  const bodyAt = bodyStart(buf, start, checksumAt);
  const header = JSON.parse(`${buf.toString('utf8', start, bodyAt < 0 ? checksumAt : bodyAt)}}`) as Header;
  if (header.event === 'PlacementStarted' && header.taskName === undefined && bodyAt >= 0) {
    const full = JSON.parse(`${buf.toString('utf8', start, checksumAt)}}`) as HistoryRecord;
    return { header, full };
  }
  return { header, full: null };
}

/** A record's full JSON, parsed when first needed. */
type Loader = () => HistoryRecord;

/**
 * A placement in the index. Its summary is read from the log at once; its inputs and result only
 * when asked for, since listing 100,000 placements never needs them. (Being getters, they are not
 * copied by a spread: pick what you need.)
 */
class IndexedEntry implements HistoryEntry {
  taskName = '';
  strategy = '';
  outcome: HistoryEntry['outcome'] = 'interrupted';
  selectedTarget: string | null = null;
  startedRecord: Loader | null = null;
  endedRecord: Loader | null = null;
  private parsedInputs: PlacementInputs | null | undefined;
  private parsedResult: PlacementResult | PipelineResult | null | undefined;

  constructor(
    readonly requestId: string,
    public at: string,
  ) {}

  get inputs(): PlacementInputs | null {
    return (this.parsedInputs ??= this.startedRecord?.().inputs ?? null);
  }

  get result(): PlacementResult | PipelineResult | null {
    return (this.parsedResult ??= this.endedRecord?.().result ?? null);
  }
}

/**
 * Reads the log incrementally: each `load()` reads only what was appended since the last one (by this
 * process or any other), verifies it line by line and indexes the placements from their summaries.
 * An entry's `inputs` and `result` are parsed when first read. A log that shrank or was replaced
 * (history.clear) is read again from the start. An unterminated last line is reported as torn but
 * not consumed, so that a record still being written is read whole next time.
 */
export function createHistoryReader(dataDir: string) {
  const path = join(dataDir, HISTORY_FILE);
  let inode = -1;
  let consumed = 0;
  let lines = 0;
  let byId = new Map<string, IndexedEntry>();
  let warnings: string[] = [];
  let sorted: HistoryEntry[] | null = null;

  function reset(): void {
    inode = -1;
    consumed = 0;
    lines = 0;
    byId = new Map();
    warnings = [];
    sorted = null;
  }

  function entryFor(header: Header): IndexedEntry {
    let entry = byId.get(header.requestId);
    if (entry === undefined) {
      entry = new IndexedEntry(header.requestId, header.at);
      byId.set(header.requestId, entry);
    }
    return entry;
  }

  function index(buf: Buffer, end: number): void {
    const body = buf.subarray(0, end);
    lines = scanLines(
      body,
      lines + 1,
      (start, _end, checksumAt) => {
        let parsed;
        try {
          parsed = headerOf(body, start, checksumAt);
        } catch {
          return; // verified yet unreadable: cannot happen for lines this program wrote
        }
        const { header, full } = parsed;
        const entry = entryFor(header);
        const record: Loader = () =>
          full ?? (JSON.parse(`${body.toString('utf8', start, checksumAt)}}`) as HistoryRecord);
        if (header.event === 'PlacementStarted') {
          entry.at = header.at;
          entry.taskName =
            header.taskName ??
            (full?.inputs
              ? 'task' in full.inputs.task
                ? full.inputs.task.task.name
                : full.inputs.task.pipeline.name
              : '');
          entry.strategy = header.strategy ?? full?.inputs?.options.strategy ?? entry.strategy;
          entry.startedRecord = record;
        } else {
          entry.outcome = header.event === 'PlacementCompleted' ? 'placed' : 'failed';
          entry.endedRecord = record;
          if (header.selectedTarget !== undefined) entry.selectedTarget = header.selectedTarget;
          else {
            const result = entry.result;
            entry.selectedTarget = result && !('nodes' in result) ? result.selectedTarget : null;
            entry.strategy ||= result?.strategy ?? '';
          }
        }
      },
      (line, reason) => warnings.push(skipWarning(line, reason)),
    );
    sorted = null;
  }

  const unserialised = {
    /** Reads what was appended since the last read, and indexes it. */
    async load(): Promise<HistoryIndex> {
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        reset();
        return { entries: [], warnings: [] };
      }
      let tornTail: string[] = [];
      try {
        const { ino, size } = await handle.stat();
        if (ino !== inode || size < consumed) {
          reset();
          inode = ino;
        }
        if (size > consumed) {
          const buf = Buffer.allocUnsafe(size - consumed);
          let got = 0;
          while (got < buf.length) {
            const { bytesRead } = await handle.read(buf, got, buf.length - got, consumed + got);
            if (bytesRead === 0) break;
            got += bytesRead;
          }
          const whole = buf.lastIndexOf(0x0a, got - 1) + 1;
          if (whole > 0) index(buf, whole);
          consumed += whole;
          if (got > whole) tornTail = [skipWarning(lines + 1, 'torn (an append cut short)')];
        }
      } finally {
        await handle.close();
      }
      sorted ??= [...byId.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      return { entries: sorted, warnings: [...warnings, ...tornTail] };
    },
  };

  // One read at a time: two overlapping reads would both index the bytes appended since `consumed`
  // and both advance it past them, so that the next read would start mid-line, past records never indexed.
  let reading: Promise<unknown> = Promise.resolve();
  return {
    load(): Promise<HistoryIndex> {
      const read = reading.then(() => unserialised.load());
      reading = read.catch(() => undefined);
      return read;
    },
  };
}

export type HistoryReader = ReturnType<typeof createHistoryReader>;

/** The placements in a data directory's log, read once (the CLI's commands). */
export function loadHistory(dataDir: string): Promise<HistoryIndex> {
  return createHistoryReader(dataDir).load();
}
