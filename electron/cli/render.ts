import type { CompareResult, PipelineResult, PlacementResult, TargetScore } from '../../shared/schema/result.js';
import { minutesInWords } from '../../shared/report/time-cost.js';
import { safe, table } from './text.js';

const money = (n: number | null) => (n === null ? '?' : `$${n.toFixed(2)}`);

/** Whether the task stated an estimate: then every score says something about it. */
const estimated = (scores: readonly TargetScore[]) => scores.some((s) => s.estimate !== null);

/** The cost column's header and cells: the estimated time beside the estimated cost with an estimate, the cost alone without. */
function costColumns(on: boolean): string[] {
  return on ? ['EST. TIME', 'EST. COST'] : ['COST'];
}
function costCells(s: TargetScore, on: boolean): string[] {
  return on
    ? [minutesInWords(s.estimatedMinutes), s.estimatedCost === null ? 'unknown' : money(s.estimatedCost)]
    : [money(s.estimatedCost)];
}

/** Under the table: why each eligible target whose estimate is unknown has none (never guessed). */
function estimateNotes(scores: readonly TargetScore[]): string[] {
  const unknown = scores.filter((s) => s.eligible && s.estimatedMinutes === null && s.estimate !== null);
  if (unknown.length === 0) return [];
  return [
    '',
    'Estimate unknown:',
    ...unknown.map((s) => safe(`  ${s.targetId}: ${s.estimate!.replace(/^unknown: /, '')}`)),
  ];
}

function whyNot(s: TargetScore): string {
  return s.mismatches.map((m) => m.message).join('; ');
}

function renderTask(result: PlacementResult, heading: string): string {
  const lines: string[] = [];
  const outcome = result.success ? `→ ${result.selectedTarget!}` : '→ not placed';
  lines.push(safe(`${heading} ${outcome}   (${result.strategy}, ${result.mode} mode; reason: ${result.reason})`));
  // Right under the decision: what it rests on that could not be checked.
  for (const w of result.warnings) lines.push(safe(`⚠ ${w}`));
  lines.push(safe(result.success ? result.explanation : `✗ ${result.failureMessage!}`));
  lines.push('');
  let rank = 0;
  const est = estimated(result.scores);
  lines.push(
    table(
      ['#', 'TARGET', 'TYPE', 'ELIGIBLE', 'SCORE', ...costColumns(est), 'WHY NOT'],
      result.scores.map((s) => [
        s.eligible ? String(++rank) : '-',
        s.targetId === result.selectedTarget ? `${s.targetId} *` : s.targetId,
        s.targetType,
        s.eligible ? 'yes' : 'no',
        s.score.toFixed(3),
        ...costCells(s, est),
        whyNot(s),
      ]),
    ),
  );
  lines.push(...estimateNotes(result.scores));
  if (result.analysis.length > 0) {
    lines.push('', 'What eliminates targets, and the smallest relaxation that admits one more:');
    lines.push(
      table(
        ['  REQUIREMENT', 'ELIMINATES', 'RELAXATION'],
        result.analysis.map((a) => [`  ${a.key}`, String(a.eliminated), a.suggestion ?? '']),
      ),
    );
  }
  return lines.join('\n');
}

/** The human-readable form of a placement: a ranked, explained table per task (or per pipeline node). */
export function renderPlacement(result: PlacementResult | PipelineResult): string {
  if ('nodes' in result) {
    const head = safe(
      `Pipeline '${result.pipeline}': ${result.success ? 'every node placed' : `✗ ${result.failureMessage!}`}   (${result.strategy}, ${result.mode} mode)`,
    );
    return [head, ...result.nodes.map((n) => `\n${renderTask(n.result, `── Node '${n.id}'`)}`)].join('\n');
  }
  return renderTask(result, `Task '${result.taskName}'`);
}

function renderMatrix(results: Record<string, PlacementResult>): string {
  const names = Object.keys(results);
  const first = results[names[0]!]!;
  const byTarget = new Map<string, Map<string, TargetScore>>();
  for (const name of names) {
    for (const s of results[name]!.scores) {
      const row = byTarget.get(s.targetId) ?? new Map<string, TargetScore>();
      row.set(name, s);
      byTarget.set(s.targetId, row);
    }
  }
  const est = estimated(first.scores);
  // Rows in the order the auto strategy ranks them: the most relevant targets first.
  const rows = first.scores.map((s) => {
    const row = byTarget.get(s.targetId)!;
    const cells = names.map((name) => {
      const cell = row.get(name)!;
      if (!cell.eligible) return '—';
      return `${cell.score.toFixed(3)}${results[name]!.selectedTarget === s.targetId ? ' *' : ''}`;
    });
    return [s.targetId, s.targetType, ...costCells(s, est), ...cells, whyNot(s)];
  });
  const lines = [
    table(['TARGET', 'TYPE', ...costColumns(est), ...names, 'WHY NOT'], rows),
    ...estimateNotes(first.scores),
    '',
    'Winners (*):',
  ];
  for (const name of names) {
    const r = results[name]!;
    lines.push(
      safe(`  ${name.padEnd(15)} ${r.success ? `${r.selectedTarget!} (${r.reason})` : `none: ${r.failureMessage!}`}`),
    );
  }
  // What the winners rest on that could not be checked, each once, under them.
  for (const w of new Set(names.flatMap((name) => results[name]!.warnings))) lines.push(safe(`⚠ ${w}`));
  if (first.analysis.length > 0) {
    lines.push('', 'What eliminates targets, and the smallest relaxation that admits one more:');
    lines.push(
      table(
        ['  REQUIREMENT', 'ELIMINATES', 'RELAXATION'],
        first.analysis.map((a) => [`  ${a.key}`, String(a.eliminated), a.suggestion ?? '']),
      ),
    );
  }
  return lines.join('\n');
}

/** The human-readable form of `compare`: targets × strategies, winners marked. */
export function renderComparison(result: CompareResult): string {
  const entries = Object.entries(result.strategies);
  const sample = entries[0]![1];
  if ('nodes' in sample) {
    const pipelines = result.strategies as Record<string, PipelineResult>;
    return sample.nodes
      .map((node, i) => {
        const perStrategy = Object.fromEntries(
          Object.entries(pipelines).map(([name, p]) => [name, p.nodes[i]!.result]),
        );
        return `${safe(`── Node '${node.id}'`)}\n${renderMatrix(perStrategy)}`;
      })
      .join('\n\n');
  }
  return `${safe(`Task '${(sample as PlacementResult).taskName}'`)}: every strategy side by side (score; * = winner)\n\n${renderMatrix(result.strategies as Record<string, PlacementResult>)}`;
}

/** The decision in one line: `Task 'train' → gpu-a (auto, burst mode; reason: HighestScore)`. */
export function placementLine(result: PlacementResult | PipelineResult): string {
  const name = 'nodes' in result ? `Pipeline '${result.pipeline}'` : `Task '${result.taskName}'`;
  const outcome =
    'nodes' in result
      ? result.success
        ? result.nodes.map((n) => `${n.id} → ${n.result.selectedTarget!}`).join(', ')
        : `not placed: ${result.failureMessage!}`
      : result.success
        ? `→ ${result.selectedTarget!}`
        : `not placed: ${result.failureMessage!}`;
  return `${name} ${outcome}   (${result.strategy}, ${result.mode} mode${'reason' in result ? `; reason: ${result.reason}` : ''})`;
}

/** One placement's `whyNot` in words: what would make the winner lose, then what would make each other target win. */
function whyNotLines(result: PlacementResult, only: string | null, heading: string): string[] {
  const lines: string[] = [];
  if (!result.success || result.whyNot.length === 0) return lines;
  lines.push('\n', safe(`${heading}What would change the winner (each change checked by placing again):`));
  for (const entry of result.whyNot) {
    const winner = entry.targetId === result.selectedTarget;
    if (only !== null && !winner && entry.targetId !== only) continue;
    lines.push(safe(winner ? `  ${entry.targetId} (the winner) would lose:` : `  ${entry.targetId} would win:`));
    if (entry.flips.length === 0)
      lines.push(safe(winner ? '    no single change found' : '    no single change makes it win'));
    for (const f of entry.flips)
      lines.push(safe(`    - ${f.message}   [${f.change.path} → ${JSON.stringify(f.change.to)}]`));
  }
  if (only !== null && !result.whyNot.some((w) => w.targetId === only))
    lines.push(
      safe(`  ${only} is not eligible, so no change of price or strategy makes it win: see why it is ineligible above`),
    );
  return lines;
}

/** `place --why-not [ID]`: the result's whyNot, for every node of a pipeline. */
export function renderWhyNot(result: PlacementResult | PipelineResult, only: string | null): string {
  const lines =
    'nodes' in result
      ? result.nodes.flatMap((n) => whyNotLines(n.result, only, `Node '${n.id}': `))
      : whyNotLines(result, only, '');
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
