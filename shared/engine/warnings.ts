import type { Evaluation } from './evaluate.js';

/**
 * Why some targets' capabilities could not be checked, by target id (`probe failed: timed out after
 * 10 s`): those targets were judged on the capabilities written in the targets file. The caller
 * knows it (discovery is I/O); the engine only says it in the result.
 */
export type Unchecked = Readonly<Record<string, string>>;

/**
 * What a decision rests on that could not be checked, one line per target: the chosen one when
 * something was placed; when nothing was, each target ruled out on its written capabilities (not
 * those the mode excluded, whose capabilities did not matter).
 */
export function uncheckedWarnings(
  evaluation: Evaluation,
  selected: string | null,
  unchecked: Unchecked | undefined,
): string[] {
  if (unchecked === undefined) return [];
  const why = (id: string) => (Object.hasOwn(unchecked, id) ? unchecked[id] : undefined);
  if (selected !== null) {
    const reason = why(selected);
    return reason === undefined
      ? []
      : [`${selected}: ${reason}; placed on the capabilities written in the file, which could not be checked`];
  }
  const lines: string[] = [];
  for (const e of evaluation.everyEntry()) {
    const reason = why(e.target.id);
    if (reason === undefined || e.mismatches.some((m) => m.key === 'mode')) continue;
    lines.push(
      `${e.target.id}: ${reason}; ruled out on the capabilities written in the file, which could not be checked`,
    );
  }
  return lines;
}

/**
 * The engine's `unchecked` from discovery's failures (target id → `gpu-box: timed out after 10 s`):
 * the id prefix dropped, and said to be a failed probe (`probe failed: timed out after 10 s`). A
 * target whose last good discovery is still used (`discovered` has it) was checked then, and says
 * how long ago where its freshness is shown: it is left out.
 */
export function uncheckedOf(
  failures: ReadonlyMap<string, string>,
  discovered: { has(id: string): boolean } = new Set(),
): Record<string, string> {
  // fromEntries defines own properties: a target called `__proto__` is an ordinary id.
  return Object.fromEntries(
    [...failures]
      .filter(([id]) => !discovered.has(id))
      .map(([id, message]) => {
        const why = message.startsWith(`${id}: `) ? message.slice(id.length + 2) : message;
        return [id, why.startsWith('probe failed') ? why : `probe failed: ${why}`];
      }),
  );
}
