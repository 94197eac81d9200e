import { md, mdCodeCell } from './markdown-escape.js';
import type { ReportData, ReportDecision, ReportHandoff, ReportPlacement, ReportSummary } from './report-data.js';
import { ageInWords } from './words.js';
import { describeFilters, money, outcomeInWords, SCHEDULER_NAMES, score, yesNo } from './format-values.js';
import { leftOutInWords, minutesInWords } from './time-cost.js';

// Every value from the data goes through md(); the markup around it is ours.

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- |').join('')}`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function summary(s: ReportSummary): string[] {
  const out = [
    '## Summary',
    '',
    table(
      ['Placements', 'Placed', 'Failed', 'Interrupted'],
      [[String(s.total), String(s.placed), String(s.failed), String(s.interrupted)]],
    ),
    '',
  ];
  if (s.perTarget.length > 0)
    out.push(
      '### Placements per target',
      '',
      table(
        ['Target', 'Placements'],
        s.perTarget.map((c) => [md(c.name), String(c.count)]),
      ),
      '',
    );
  if (s.perStrategy.length > 0)
    out.push(
      '### Placements per strategy',
      '',
      table(
        ['Strategy', 'Placements'],
        s.perStrategy.map((c) => [md(c.name), String(c.count)]),
      ),
      '',
    );
  if (s.failed > 0) {
    out.push('### Failures', '');
    out.push(
      s.mostCommonUnmet === null
        ? `${s.failed} failed; no target missed a requirement (the mode or fallback ruled them out).`
        : `${s.failed} failed; the most common unmet requirement is **${md(s.mostCommonUnmet)}**.`,
      '',
      table(
        ['Unmet requirement', 'Failed placements'],
        s.unmetInFailures.map((c) => [md(c.name), String(c.count)]),
      ),
      '',
    );
  }
  return out;
}

function decision(d: ReportDecision, heading: string): string[] {
  const chosen = d.success
    ? `Chosen: **${md(d.selectedTarget ?? '')}** (${md(d.reason)}${d.fallbackUsed ? ', fallback' : ''}). ${md(d.explanation)}`
    : `Not placed (${md(d.reason)}): ${md(d.failureMessage ?? '')}`;
  const estimated = d.scores.some((s) => s.estimate !== null);
  const out = [
    heading,
    '',
    chosen,
    '',
    // Right under the verdict: what the choice rests on that could not be checked.
    ...d.warnings.flatMap((w) => [`⚠ ${md(w)}`, '']),
    table(
      ['#', 'Target', 'Type', 'Eligible', 'Score', ...(estimated ? ['Est. time'] : []), 'Cost', 'Mismatches'],
      d.scores.map((s) => [
        s.rank === null ? '–' : String(s.rank),
        md(s.targetId) + (s.targetId === d.selectedTarget ? ' ✔' : ''),
        s.targetType,
        yesNo(s.eligible),
        score(s.score),
        ...(estimated ? [md(minutesInWords(s.estimatedMinutes))] : []),
        md(money(s.estimatedCost)),
        md(s.mismatches.map((m) => m.message).join('; ')),
      ]),
    ),
    '',
  ];
  if (d.analysis.length > 0)
    out.push(
      'What eliminates targets, and the smallest relaxation that admits one more:',
      '',
      table(
        ['Requirement', 'Eliminates', 'Relaxation'],
        d.analysis.map((a) => [md(a.key), String(a.eliminated), md(a.suggestion ?? '')]),
      ),
      '',
    );
  return out;
}

/** Time and cost to result, per node: each drawn point, whether it is on the front, who picked it. */
function timeCost(p: ReportPlacement): string[] {
  const out: string[] = [];
  for (const tc of p.timeCost ?? []) {
    out.push(`#### Time and cost to result${tc.node === null ? '' : `, node ${md(tc.node)}`}`, '');
    out.push(
      tc.points.length === 0
        ? `${tc.unknown > 0 ? 'No eligible target has a known estimate' : 'No target is eligible'}: there is nothing to draw.`
        : table(
            ['Target', 'Est. time', 'Est. cost', 'Front', 'Picked by'],
            tc.points.map((pt) => [
              md(pt.id),
              md(minutesInWords(pt.minutes)),
              md(money(pt.cost)),
              yesNo(pt.front),
              md(pt.picks.join(', ')),
            ]),
          ),
      '',
    );
    const note = leftOutInWords(tc);
    if (note !== null) out.push(md(note), '');
  }
  return out;
}

function placement(p: ReportPlacement, heading: string): string[] {
  const out = [
    `${heading} ${md(p.taskName)}`,
    '',
    table(
      ['ID', 'When (UTC)', 'Outcome', 'Strategy', 'Chosen target'],
      [[md(p.id), md(p.at ?? '—'), md(outcomeInWords(p)), md(p.strategy), md(p.chosenTarget ?? '—')]],
    ),
    '',
  ];
  if (p.failureMessage !== null) out.push(`Failure: ${md(p.failureMessage)}`, '');
  for (const d of p.demands) {
    const rows = [
      ...d.requirements.map((f) => ['requirement', md(f.key), md(f.value)]),
      ...d.preferences.map((f) => ['preference', md(f.key), md(f.value)]),
      ...(d.affinity.length > 0 ? [['affinity', '', md(d.affinity.join(', '))]] : []),
      ...(d.antiAffinity.length > 0 ? [['anti-affinity', '', md(d.antiAffinity.join(', '))]] : []),
    ];
    out.push(`**${d.node === null ? 'Task' : `Node ${md(d.node)}`}**`, '');
    out.push(rows.length > 0 ? table(['Kind', 'Key', 'Value'], rows) : 'Asks for nothing in particular.', '');
  }
  if (p.options !== null) {
    const o = p.options;
    out.push(
      table(
        ['Strategy', 'Mode', 'Fallback', 'Tie-breaker', 'Discovery'],
        [[md(o.strategy), md(o.mode), yesNo(o.fallbackEnabled), md(o.tieBreaker), yesNo(o.discoveryEnabled)]],
      ),
      '',
    );
  }
  if (p.targets.length > 0)
    out.push(
      table(
        ['Target', 'Type', 'Where', 'Rate', 'Labels', 'Capabilities as used', 'Age'],
        p.targets.map((t) => [
          md(t.id),
          t.type,
          // One word (`ml@10.0.0.5:22`) is an address: a code span keeps it whole and unescaped, and no link.
          /\s/.test(t.where) ? md(t.where) : mdCodeCell(t.where),
          md(`${money(t.hourlyRate)}/h`),
          md(t.labels.map((l) => `${l.key}=${l.value}`).join(', ')),
          md(t.capabilities.map((c) => `${c.key}: ${c.value}`).join('; ')),
          md(ageInWords(t.capabilitiesAgeMs)),
        ]),
      ),
      '',
    );
  out.push(...timeCost(p));
  for (const d of p.decisions)
    out.push(...decision(d, `#### Ranking: ${md(d.strategy)}${d.node === null ? '' : `, node ${md(d.node)}`}`));
  if (p.handoff !== undefined && p.handoff.length > 0) out.push(...handoff(p.handoff));
  if (p.outcome === 'interrupted') out.push('The process stopped before this placement finished.', '');
  return out;
}

/** Each scheduler's text in a fence longer than any run of backticks inside it, so none can close it. */
function handoff(list: readonly ReportHandoff[]): string[] {
  const out = ['#### Hand it to the scheduler', ''];
  for (const h of list) {
    const fence = '`'.repeat(Math.max(3, ...[...h.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    out.push(
      `**${SCHEDULER_NAMES[h.format] ?? md(h.format)}** (${h.pinned ? 'pinned to the chosen node' : 'any eligible node'})`,
      '',
    );
    out.push(`${fence}${h.language}`, h.text.replace(/\n$/, ''), fence, '');
  }
  return out;
}

/** The report as GitHub-flavoured Markdown: tables that render on GitHub, every value inert. */
export function renderMarkdown(data: ReportData): string {
  const out = [`# ${md(data.title)}`, ''];
  if (data.generatedAt !== null) out.push(`Generated ${md(data.generatedAt)}.`, '');
  if (data.filters !== null) out.push(`Placements: ${md(describeFilters(data.filters))}.`, '');
  if (data.warnings.length > 0) {
    out.push('## Warnings', '');
    for (const w of data.warnings) out.push(`* ${md(w)}`);
    out.push('');
  }
  if (data.summary !== null) out.push(...summary(data.summary));
  if (data.placements.length === 0) out.push('No placements match: there is nothing to report.', '');
  if (data.kind === 'history' && data.placements.length > 0) {
    out.push(
      '## Placements',
      '',
      table(
        ['When (UTC)', 'ID', 'Task', 'Strategy', 'Outcome', 'Target'],
        data.placements.map((p) => [
          md(p.at ?? ''),
          md(p.id),
          md(p.taskName),
          md(p.strategy),
          md(p.outcome),
          md(p.chosenTarget ?? '—'),
        ]),
      ),
      '',
    );
  }
  const heading = data.kind === 'history' ? '### Placement:' : '## Task:';
  for (const p of data.placements) out.push(...placement(p, heading));
  return `${out.join('\n').trimEnd()}\n`;
}
