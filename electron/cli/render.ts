import type { CompareResult, PipelineResult, PlacementResult, TargetScore } from '../../shared/schema/result.js';
import { safe, table } from './text.js';

const money = (n: number | null) => (n === null ? '?' : `$${n.toFixed(2)}`);

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
  lines.push(
    table(
      ['#', 'TARGET', 'TYPE', 'ELIGIBLE', 'SCORE', 'COST', 'WHY NOT'],
      result.scores.map((s) => [
        s.eligible ? String(++rank) : '-',
        s.targetId === result.selectedTarget ? `${s.targetId} *` : s.targetId,
        s.targetType,
        s.eligible ? 'yes' : 'no',
        s.score.toFixed(3),
        money(s.estimatedCost),
        whyNot(s),
      ]),
    ),
  );
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
  // Rows in the order the auto strategy ranks them: the most relevant targets first.
  const rows = first.scores.map((s) => {
    const row = byTarget.get(s.targetId)!;
    const cells = names.map((name) => {
      const cell = row.get(name)!;
      if (!cell.eligible) return '—';
      return `${cell.score.toFixed(3)}${results[name]!.selectedTarget === s.targetId ? ' *' : ''}`;
    });
    return [s.targetId, s.targetType, money(s.estimatedCost), ...cells, whyNot(s)];
  });
  const lines = [table(['TARGET', 'TYPE', 'COST', ...names, 'WHY NOT'], rows), '', 'Winners (*):'];
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
