// Each format read back by the tool its readers use: JSON.parse + the schema, a CSV parser, marked
// (GitHub-flavoured Markdown), parse5 (an HTML5 parser). The hostile task name must come out inert.
import { parse as parseCsv } from 'csv-parse/sync';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import {
  comparisonReport,
  CSV_COLUMNS,
  csvCell,
  historyReport,
  placementReport,
  REPORT_CSP,
  renderReport,
  reportData,
  reportFilename,
} from '../../../shared/report/index.js';
import { comparison, entryOf, gpuTask, history, HOSTILE, used } from './fixtures.js';
import { elements, expectInert, textOf } from './html-checks.js';

const data = historyReport(history(), {}, { warnings: ['history.jsonl line 9: torn (an append cut short); skipped'] });

describe('JSON', () => {
  it('is the whole report data, valid against its schema', () => {
    const text = renderReport(data, 'json');
    const parsed = reportData.parse(JSON.parse(text));
    expect(parsed).toEqual(data);
    expect(parsed.placements[2]!.taskName).toBe(HOSTILE);
  });

  it('escapes C1 controls and line separators, losslessly', () => {
    const odd = historyReport(history().slice(3), {});
    odd.placements[0]!.taskName = 'a\u009bb\u2028c';
    const text = renderReport(odd, 'json');
    expect(text).not.toMatch(/[\u0080-\u009f\u2028]/);
    expect(reportData.parse(JSON.parse(text)).placements[0]!.taskName).toBe('a\u009bb\u2028c');
  });
});

describe('CSV', () => {
  const text = renderReport(data, 'csv');
  const rows = parseCsv(text, { relaxColumnCount: false }) as string[][];

  it('has one row per placement × target, with CRLF line ends', () => {
    expect(text.split('\r\n').length - 1).toBe(rows.length);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const expected = data.placements.reduce(
      (n, p) => n + (p.decisions.length > 0 ? p.decisions.reduce((m, d) => m + d.scores.length, 0) : p.targets.length),
      0,
    );
    expect(rows.length - 1).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(4 * 4);
  });

  it('carries each score, cost and mismatch as the data has them', () => {
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const failed = data.placements.find((p) => p.id === 'b-failed')!;
    for (const s of failed.decisions[0]!.scores) {
      const row = rows.find((r) => r[col('placement id')] === 'b-failed' && r[col('target id')] === s.targetId)!;
      expect(row[col('eligible')]).toBe(s.eligible ? 'yes' : 'no');
      expect(Number(row[col('score')])).toBeCloseTo(s.score, 4);
      expect(Number(row[col('estimated cost (USD)')])).toBeCloseTo(s.estimatedCost ?? NaN, 4);
      expect(row[col('mismatches')]).toBe(s.mismatches.map((m) => m.message).join('; '));
      expect(row[col('mode')]).toBe('local-only');
      expect(row[col('outcome')]).toBe('failed');
    }
    const pipelineRows = rows.filter((r) => r[col('placement id')] === 'c-pipeline');
    expect(new Set(pipelineRows.map((r) => r[col('node')]))).toEqual(new Set(['prep', 'train']));
    const interrupted = rows.filter((r) => r[col('placement id')] === 'd-interrupted');
    expect(interrupted.map((r) => r[col('target id')])).toEqual(used().map((u) => u.target.id));
  });

  it('neutralises formulas: the hostile name reads back as text starting with a quote', () => {
    const names = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf('task')]);
    expect(names).toContain(`'${HOSTILE}`);
    for (const cell of rows.slice(1).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('neutralises every formula trigger a task name can start with, and reads back the name after the quote', () => {
    const names = ['+1', '-1', '@SUM(A1:A9)', '=HYPERLINK("http://x","y")', '\t=1', '\r=1'];
    for (const name of names) {
      const rows = parseCsv(
        renderReport(historyReport([entryOf('n', '2025-01-01T00:00:00.000Z', gpuTask(name))]), 'csv'),
        {
          relaxColumnCount: false,
        },
      ) as string[][];
      const cells = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf('task')]);
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell).toBe(`'${name}`);
    }
  });

  it('quotes per RFC 4180 and prefixes every formula trigger', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${c}1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('Markdown', () => {
  const text = renderReport(data, 'md');
  const tokens = marked.lexer(text, { gfm: true });
  const tables = tokens.filter((t): t is Tokens.Table => t.type === 'table');
  const cellText = (t: Tokens.Table) => t.rows.map((r) => r.map((c) => c.text));

  it('renders as GitHub tables whose cells hold the data', () => {
    const list = tables.find(
      (t) => t.header.map((h) => h.text).join('|') === 'When (UTC)|ID|Task|Strategy|Outcome|Target',
    )!;
    expect(list.rows).toHaveLength(4);
    // The hostile name stays in one cell of its row: its `|` did not split the row.
    const failedRow = list.rows.find((r) => r[1]!.text === 'b-failed')!;
    expect(failedRow).toHaveLength(6);
    const rendered = marked.parseInline(failedRow[2]!.text) as string;
    expect(textOf(`<p>${rendered}</p>`)).toBe(HOSTILE);
    const ranking = tables.filter((t) => t.header[0]!.text === '#');
    expect(ranking.length).toBe(data.placements.reduce((n, p) => n + p.decisions.length, 0));
    expect(cellText(ranking[0]!).map((r) => r[1]!.replace(' ✔', ''))).toEqual(
      data.placements[1]!.decisions[0]!.scores.map((s) => s.targetId),
    );
  });

  it('the hostile name renders as text only: no HTML, no link, no image', () => {
    const html = marked.parse(text, { gfm: true }) as string;
    const tags = new Set(elements(html).map((e) => e.tagName));
    for (const tag of ['script', 'a', 'img']) expect(tags).not.toContain(tag);
    expect(textOf(html)).toContain(HOSTILE);
    expectInert(html);
  });

  it('a name that is markup and a DDE formula stays one cell of text', () => {
    const name = "<script>alert(1)</script> | =cmd|' /C calc'!A0";
    const one = historyReport([entryOf('h', '2025-01-01T00:00:00.000Z', gpuTask(name))]);
    const doc = renderReport(one, 'md');
    const list = marked
      .lexer(doc, { gfm: true })
      .filter((t): t is Tokens.Table => t.type === 'table')
      .find((t) => t.header[2]?.text === 'Task')!;
    expect(list.header.map((h) => h.text)).toEqual(['When (UTC)', 'ID', 'Task', 'Strategy', 'Outcome', 'Target']);
    expect(list.rows[0]).toHaveLength(6);
    expect(textOf(`<p>${marked.parseInline(list.rows[0]![2]!.text) as string}</p>`)).toBe(name);
    const html = marked.parse(doc, { gfm: true }) as string;
    expect(elements(html).map((e) => e.tagName)).not.toContain('script');
    expectInert(html);
  });

  it('an empty history says there is nothing to report', () => {
    expect(renderReport(historyReport([], {}), 'md')).toContain('No placements match');
  });
});

describe('HTML', () => {
  const html = renderReport(data, 'html');

  it('is one self-contained page that can run and fetch nothing', () => {
    expectInert(html);
    const meta = elements(html).find(
      (e) => e.tagName === 'meta' && e.attrs.some((a) => a.value === 'Content-Security-Policy'),
    )!;
    expect(meta.attrs.find((a) => a.name === 'content')!.value).toBe(REPORT_CSP);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).toContain('@media print');
  });

  it('shows the hostile name as text, and the data in its tables', () => {
    const text = textOf(html);
    expect(text).toContain(HOSTILE);
    expect(text).toContain('history.jsonl line 9: torn');
    expect(text).toContain('nvidia ≥ 8 GB VRAM');
    expect(text).toContain('Placements per target');
    const failed = data.placements.find((p) => p.id === 'b-failed')!;
    for (const s of failed.decisions[0]!.scores) for (const m of s.mismatches) expect(text).toContain(m.message);
  });

  it('draws the charts as inline SVG: per target, a bar per strategy', () => {
    const { file, options, compared } = comparison();
    const cmp = renderReport(comparisonReport(file, used(), options, compared), 'html');
    expectInert(cmp);
    const svg = elements(cmp).filter((e) => e.tagName === 'svg');
    expect(svg).toHaveLength(1);
    const bars = elements(cmp).filter((e) => e.tagName === 'rect');
    // 5 legend swatches, then 5 bars for each of the 2 targets with a GPU; the 2 without it are one
    // `ineligible` label each, not 5 empty bars.
    expect(bars).toHaveLength(5 + 5 * 2);
    const svgText = textOf(cmp.slice(cmp.indexOf('<svg'), cmp.indexOf('</svg>') + 6));
    expect(svgText.match(/ineligible/g)).toHaveLength(2);
    const auto = compared.strategies.auto as { scores: { targetId: string; score: number }[] };
    expect(svgText).toContain(auto.scores[0]!.score.toFixed(3));
    expect(textOf(cmp)).toContain('cost-optimized');
  });
});

describe('HTML charts', () => {
  it('draws none for a placement where no target was eligible (every bar would be empty)', () => {
    const failed = placementReport(history()[2]!);
    expect(failed.placements[0]!.decisions[0]!.scores.some((s) => s.eligible)).toBe(false);
    expect(elements(renderReport(failed, 'html')).filter((e) => e.tagName === 'svg')).toHaveLength(0);
    const placed = renderReport(placementReport(history()[3]!), 'html');
    expect(elements(placed).filter((e) => e.tagName === 'svg')).toHaveLength(1);
    expect(textOf(placed)).toContain('Scores per target');
  });
});

describe('file names', () => {
  it('say what the report is', () => {
    expect(reportFilename(data, 'csv')).toBe('placement-history.csv');
    const { file, options, compared } = comparison();
    expect(reportFilename(comparisonReport(file, used(), options, compared), 'pdf')).toMatch(
      /^comparison-[a-z0-9-]+\.pdf$/,
    );
  });
});
