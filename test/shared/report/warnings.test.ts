// Issue 12: a placement that rests on capabilities that could not be checked says so in its report,
// beside the chosen target, in every format.
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import { CSV_COLUMNS, placementReport, renderReport, type ReportEntry } from '../../../shared/report/index.js';
import type { PlacementInputs } from '../../../shared/schema/history.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { fleet, optionsOf, taskOf } from '../inputs.js';
import { used } from './fixtures.js';

const WARNING =
  'gpu-box: probe failed: timed out after 10 s; placed on the capabilities written in the file, which could not be checked';

function entry(withWarnings = true): ReportEntry {
  const file = taskOf({ name: 'finetune', requirements: { gpu: true } });
  const inputs: PlacementInputs = { task: file, options: optionsOf(), targets: used() };
  const result = place(file, fleet(), inputs.options, {
    requestId: 'w-1',
    ...(withWarnings && { unchecked: { 'gpu-box': 'probe failed: timed out after 10 s' } }),
  }) as PlacementResult;
  return {
    requestId: 'w-1',
    at: '2025-03-01T10:00:00.000Z',
    taskName: 'finetune',
    strategy: 'auto',
    outcome: 'placed',
    selectedTarget: result.selectedTarget,
    inputs,
    result,
  };
}

describe('report warnings', () => {
  it('the decision carries them', () => {
    expect(placementReport(entry()).placements[0]!.decisions[0]!.warnings).toEqual([WARNING]);
  });

  it('a history record stored before warnings existed reports none', () => {
    const old = entry(false);
    delete (old.result as Partial<PlacementResult>).warnings;
    expect(placementReport(old).placements[0]!.decisions[0]!.warnings).toEqual([]);
  });

  it('Markdown and HTML show them right under the chosen target', () => {
    const data = placementReport(entry());
    const md = renderReport(data, 'md');
    expect(md).toMatch(
      /Chosen: \*\*gpu-box\*\*[^\n]*\n\n⚠ gpu-box: probe failed: timed out after 10 s; placed on the capabilities/,
    );
    const html = renderReport(data, 'html');
    expect(html).toMatch(/Chosen: <strong>gpu-box<\/strong>.*?<\/p><p class="warning">⚠ gpu-box: probe failed/);
  });

  it("CSV puts them in a warnings column, on the chosen target's row", () => {
    const rows = parseCsv(renderReport(placementReport(entry()), 'csv')) as string[][];
    const col = CSV_COLUMNS.indexOf('warnings');
    expect(rows[0]![col]).toBe('warnings');
    const chosen = rows.find((r) => r[CSV_COLUMNS.indexOf('target id')] === 'gpu-box')!;
    expect(chosen[col]).toBe(WARNING);
    expect(rows.filter((r) => r[col] !== '' && r[col] !== 'warnings')).toHaveLength(1);
  });
});
