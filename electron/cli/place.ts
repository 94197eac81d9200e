import { compare, place } from '../../shared/engine/place.js';
import type { EmitFormat } from '../../shared/export/formats.js';
import { resolveDataDir } from '../config/data-dir.js';
import { InputError } from '../config/load.js';
import type { CachedReport } from '../discovery/cache.js';
import { appendPlacementLog } from '../logging/placement-log.js';
import { cliRun, loadPlacementInputs, type PlacementFlags } from './inputs.js';
import { warnAbout, write } from './output.js';
import { placementLine, renderComparison, renderPlacement, renderWhyNot } from './render.js';
import { age, safe } from './text.js';

export interface PlaceFlags extends PlacementFlags {
  json?: boolean;
  history: boolean;
  emit?: EmitFormat;
  pinned?: boolean;
  whyNot?: string | true;
}

/** Says where discovered capabilities came from and how old they are, under a human-readable result. */
function discoveryNote(discovered: Map<string, CachedReport>): string {
  if (discovered.size === 0) return '';
  const parts = [...discovered].map(
    ([id, r]) => `${id} ${r.cached ? `discovered ${age(r.ageMs)} ago (cached)` : 'discovered just now'}`,
  );
  return `\n\nCapabilities: ${parts.join('; ')}.`;
}

/**
 * `place`: one placement (or a pipeline's), explained, recorded in the history unless told not to,
 * logged, and with --emit written in a scheduler's language. True when it placed (and emitted).
 */
export async function runPlace(flags: PlaceFlags): Promise<boolean> {
  if (flags.pinned && flags.emit === undefined) throw new InputError(['--pinned: goes with --emit <scheduler>']);
  const inputs = await loadPlacementInputs(flags);
  warnAbout(inputs.discoveryFailures);
  const asked = flags.whyNot;
  if (typeof asked === 'string' && !inputs.targets.some((t) => t.id === asked))
    throw new InputError([
      `--why-not: no target "${asked}" (the targets are ${inputs.targets
        .slice(0, 8)
        .map((t) => t.id)
        .join(', ')}${inputs.targets.length > 8 ? ', …' : ''})`,
    ]);
  const result = place(inputs.file, inputs.targets, inputs.options, {
    ...cliRun(),
    unchecked: inputs.unchecked,
    // What would change the winner goes wherever the result is kept or printed whole (the history,
    // `--json`); a result only printed for a person works it out when asked (`--why-not`).
    whyNot:
      !flags.history && flags.json !== true && asked === undefined
        ? false
        : asked === undefined || asked === true
          ? true
          : [asked],
  });
  if (flags.history) {
    const { recordPlacement } = await import('./record-placement.js');
    await recordPlacement(flags.dataDir, inputs, result);
  }
  // One log line per placement, as the app writes it; with --no-history too (saying so).
  try {
    appendPlacementLog(resolveDataDir(flags.dataDir), result, { recorded: flags.history });
  } catch (err) {
    warnAbout([`the log line was not written: ${(err as Error).message}`]);
  }
  const emitted =
    flags.emit === undefined
      ? null
      : (await import('./emit.js')).emitFor(flags.emit, inputs, result, flags.pinned === true);
  if (flags.json)
    write(
      JSON.stringify(
        emitted === null ? result : { ...result, emitted: emitted.ok ? emitted.value : { error: emitted.error } },
        null,
        2,
      ),
    );
  else if (emitted === null)
    write(
      `${renderPlacement(result)}${asked === undefined ? '' : renderWhyNot(result, asked === true ? null : asked)}${discoveryNote(inputs.discovered)}`,
    );
  else {
    // The scheduler's text alone on stdout, ready for a file or a pipe; the decision in one line on stderr.
    process.stderr.write(`${safe(placementLine(result))}\n`);
    for (const w of result.warnings) process.stderr.write(`⚠ ${safe(w)}\n`);
    if (emitted.ok) write(emitted.value.text);
    else process.stderr.write(`${safe(emitted.error)}\n`);
  }
  return result.success && (emitted === null || emitted.ok);
}

/** `compare`: every strategy side by side, a what-if that is never recorded. */
export async function runCompare(flags: PlacementFlags & { json?: boolean }): Promise<void> {
  const inputs = await loadPlacementInputs(flags);
  warnAbout(inputs.discoveryFailures);
  const result = compare(inputs.file, inputs.targets, inputs.options, { ...cliRun(), unchecked: inputs.unchecked });
  write(
    flags.json ? JSON.stringify(result, null, 2) : `${renderComparison(result)}${discoveryNote(inputs.discovered)}`,
  );
}
