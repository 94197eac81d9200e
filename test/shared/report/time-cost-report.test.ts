// Time and cost to result in the reports: the picture as inline SVG (HTML, and so the PDF) with its
// text alternative, a Markdown table, and the points in the JSON; every id escaped.
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { compare, place } from '../../../shared/engine/place.js';
import { comparisonReport, placementReport, renderReport, reportData } from '../../../shared/report/index.js';
import { optionsOf, pipelineOf, targetsOf, taskOf } from '../inputs.js';
import { elements, expectInert, textOf } from './html-checks.js';

// The schema admits no such id; a hand-edited history record could hold one, and escaping must not depend on it.
const HOSTILE_ID = `<b>"big" & 'co'</b>`;
const targets = targetsOf(
  { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16 } },
  { id: 'big', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16, memoryGb: 64 } },
  // Slower than local and dearer: off the front.
  { id: 'slow-dear', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { cpu: 4, memoryGb: 64 } },
  // Its cores are not said: its estimate is unknown.
  { id: 'unsaid', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { memoryGb: 64 } },
).map((t) => (t.id === 'big' ? { ...t, id: HOSTILE_ID } : t));
const used = targets.map((target) => ({ target, capabilitiesAgeMs: null }));
const options = optionsOf({});
const estimated = taskOf({ name: 'train', requirements: { memoryGb: 8 }, estimate: { minutes: 120, on: { cpu: 8 } } });
const plain = taskOf({ name: 'train', requirements: { memoryGb: 8 } });
const report = (file = estimated) =>
  comparisonReport(file, used, options, compare(file, targets, options, { requestId: 'cmp-tc' }));

describe('the time and cost data of a report', () => {
  it('holds each point, the front and the picks, and survives JSON', () => {
    const data = report();
    const [tc] = data.placements[0]!.timeCost!;
    expect(tc!.node).toBeNull();
    expect(tc!.points.map((p) => [p.id, p.minutes, p.cost, p.front])).toEqual([
      [HOSTILE_ID, 60, 2, true],
      ['local', 120, 0, true],
      ['slow-dear', 240, 4, false],
    ]);
    expect(tc!.points[0]!.picks).toContain('performance');
    expect(tc!.unknown).toBe(1);
    const json = JSON.parse(renderReport(data, 'json'));
    expect(json.placements[0].timeCost[0].points).toHaveLength(3);
    expect(reportData.parse(json)).toEqual(data);
    // The ranking carries the estimate too.
    const big = data.placements[0]!.decisions[0]!.scores.find((s) => s.targetId === HOSTILE_ID)!;
    expect(big.estimatedMinutes).toBe(60);
    expect(big.estimate).toBe('120 min on 8 cores × 8/16 cores = 60 min');
  });

  it('a pipeline has one per node that states an estimate', () => {
    const file = pipelineOf([
      { id: 'prep', requirements: { memoryGb: 8 } },
      { id: 'train', requirements: { memoryGb: 8 }, estimate: { minutes: 30, on: { cpu: 8 } } },
    ]);
    const data = report(file);
    const [tc, ...more] = data.placements[0]!.timeCost!;
    expect(more).toHaveLength(0);
    expect(tc!.node).toBe('train');
    expect(tc!.points.map((p) => [p.id, p.minutes])).toEqual([
      [HOSTILE_ID, 15],
      ['local', 30],
      ['slow-dear', 60],
    ]);
    expect(renderReport(data, 'md')).toContain('#### Time and cost to result, node train');
    expect(renderReport(data, 'html')).toContain('<h4>Time and cost to result (node train)</h4>');
  });

  it('is absent without an estimate', () => {
    expect(report(plain).placements[0]!.timeCost).toBeUndefined();
    expect(renderReport(report(plain), 'html')).not.toContain('Time and cost to result');
  });

  it('a placement report draws its one strategy’s pick', () => {
    const result = place(estimated, targets, optionsOf({ strategy: 'performance' }), { requestId: 'p-1' });
    const data = placementReport({
      requestId: 'p-1',
      at: '2025-01-01T00:00:00.000Z',
      taskName: 'train',
      strategy: 'performance',
      outcome: 'placed',
      selectedTarget: 'nodes' in result ? null : result.selectedTarget,
      inputs: { task: estimated, options: optionsOf({ strategy: 'performance' }), targets: used },
      result,
    });
    const points = data.placements[0]!.timeCost![0]!.points;
    expect(points.filter((p) => p.picks.length > 0).map((p) => [p.id, p.picks])).toEqual([
      [HOSTILE_ID, ['performance']],
    ]);
    expect(renderReport(data, 'html')).toContain('<svg class="chart time-cost"');
  });
});

describe('the time and cost picture in HTML', () => {
  const html = renderReport(report(), 'html');
  const svg = elements(html).find((e) => e.tagName === 'svg' && e.attrs.some((a) => a.value.includes('time-cost')))!;
  const inside = (tag: string) => {
    const out: (typeof svg)[] = [];
    const walk = (n: typeof svg) => {
      for (const c of n.childNodes) {
        if (!('tagName' in c)) continue;
        if (c.tagName === tag) out.push(c);
        walk(c);
      }
    };
    walk(svg);
    return out;
  };

  it('draws one circle per point, the front as a path, the axes named, and each pick labelled', () => {
    expect(svg).toBeDefined();
    expect(inside('circle')).toHaveLength(3);
    const paths = inside('path').filter((p) => p.attrs.some((a) => a.name === 'class' && a.value === 'front'));
    expect(paths).toHaveLength(1);
    // Two points on the front: a line from the quicker to the cheaper.
    expect(paths[0]!.attrs.find((a) => a.name === 'd')!.value).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
    const texts = inside('text').map((t) => t.childNodes.map((c) => ('value' in c ? c.value : '')).join(''));
    expect(texts).toContain('Estimated time (min)');
    expect(texts).toContain('Estimated cost (USD)');
    expect(texts.some((t) => /performance.*: <b>"big"/.test(t))).toBe(true);
    expect(texts.some((t) => /cost-optimized.*: local$/.test(t))).toBe(true);
    // Ticks on both axes.
    expect(texts).toContain('0');
    expect(texts).toContain('$0.00');
  });

  it('says each point in words beside it, and what it does not draw', () => {
    const text = textOf(html);
    expect(text).toContain(`${HOSTILE_ID}: 60 min, $2.00, on the front, picked by`);
    expect(text).toContain('slow-dear: 240 min, $4.00');
    expect(text).not.toContain('slow-dear: 240 min, $4.00, on the front');
    expect(text).toContain('1 target with an unknown estimate is not drawn.');
  });

  it('escapes every id: nothing the id says becomes markup', () => {
    expect(html).not.toContain('<b>"big"');
    expect(elements(html).some((e) => e.tagName === 'b')).toBe(false);
    expectInert(html);
  });

  it('gives the ranking an estimated time column whose title is the arithmetic', () => {
    expect(html).toContain('<th>Est. time</th>');
    expect(html).toContain('title="120 min on 8 cores × 8/16 cores = 60 min">60 min</span>');
    expect(html).toContain('title="unknown: unsaid does not say how many cores it has">unknown</span>');
  });
});

describe('the time and cost table in Markdown', () => {
  it('lists each point with its time, cost, front and picks', () => {
    const text = renderReport(report(), 'md');
    const table = marked
      .lexer(text, { gfm: true })
      .filter((t): t is Tokens.Table => t.type === 'table')
      .find((t) => t.header.map((h) => h.text).join('|') === 'Target|Est. time|Est. cost|Front|Picked by')!;
    expect(table).toBeDefined();
    const rows = table.rows.map((r) => r.map((c) => c.text));
    expect(rows.map((r) => r.slice(1, 4))).toEqual([
      ['60 min', '$2.00', 'yes'],
      ['120 min', '$0.00', 'yes'],
      ['240 min', '$4.00', 'no'],
    ]);
    // The id is inert: no HTML comes of it.
    expect(textOf(`<p>${marked.parseInline(rows[0]![0]!) as string}</p>`)).toBe(HOSTILE_ID);
    expect(rows[2]![4]).toBe('');
    expect(text).toContain('1 target with an unknown estimate is not drawn.');
    expect(renderReport(report(plain), 'md')).not.toContain('Est. time');
  });
});

describe('the CSV report with an estimate', () => {
  it('has an estimated time column beside the estimated cost, empty where the estimate is unknown', () => {
    const csv = renderReport(report(), 'csv').split('\r\n');
    const head = csv[0]!.split(',');
    const time = head.indexOf('estimated time (min)');
    expect(time).toBe(head.indexOf('estimated cost (USD)') + 1);
    const row = (id: string) => csv.find((l) => l.includes(`,${id},`) && l.includes(',auto,'))!.split(',');
    expect(row('local')[time]).toBe('120');
    expect(row('unsaid')[time]).toBe('');
  });
});
