// The CLI's human output, rendered from results directly (the built binary is tested in place.test.ts).
import { describe, expect, it } from 'vitest';
import { compare, place } from '../../../shared/engine/place.js';
import { renderComparison, renderPlacement } from '../../../electron/cli/render.js';
import { fleet, optionsOf, pipelineOf, targetsOf, taskOf } from '../../shared/inputs.js';

const unchecked = { 'gpu-box': 'probe failed: timed out after 10 s' };
const WARNING =
  '⚠ gpu-box: probe failed: timed out after 10 s; placed on the capabilities written in the file, which could not be checked';

describe('render: warnings', () => {
  it('shows them right under the winner line', () => {
    const r = place(taskOf({ name: 'train', requirements: { gpu: true } }), fleet(), optionsOf(), {
      requestId: 'x',
      unchecked,
    });
    const lines = renderPlacement(r).split('\n');
    expect(lines[0]).toMatch(/^Task 'train' → gpu-box /);
    expect(lines[1]).toBe(WARNING);
  });

  it('under each pipeline node that rests on them, and under the winners of a comparison', () => {
    const p = place(pipelineOf([{ id: 'train', requirements: { gpu: true } }]), fleet(), optionsOf(), {
      requestId: 'x',
      unchecked,
    });
    expect(renderPlacement(p)).toContain(`── Node 'train' → gpu-box`);
    expect(renderPlacement(p).split('\n')).toContain(WARNING);
    const all = compare(taskOf({ requirements: { gpu: true } }), fleet(), optionsOf(), { requestId: 'x', unchecked });
    expect(
      renderComparison(all)
        .split('\n')
        .filter((l) => l === WARNING),
    ).toHaveLength(1);
  });

  it('shows nothing when every capability was checked', () => {
    const r = place(taskOf({ requirements: { gpu: true } }), fleet(), optionsOf(), { requestId: 'x' });
    expect(renderPlacement(r)).not.toContain('⚠');
  });
});

describe('render: time and cost to result', () => {
  const targets = targetsOf(
    { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16 } },
    { id: 'big', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16, memoryGb: 64 } },
    { id: 'tiny', type: 'cloud', provider: 'aws', hourlyRate: 0.5, capabilities: { cpu: 128, memoryGb: 64 } },
    { id: 'unsaid', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { memoryGb: 64 } },
  );
  const estimated = taskOf({
    name: 'train',
    requirements: { memoryGb: 8 },
    estimate: { minutes: 120, on: { cpu: 8 } },
  });
  const columns = (text: string, header: RegExp) => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => header.test(l));
    expect(at, text).toBeGreaterThanOrEqual(0);
    const head = lines[at]!;
    const cut = (l: string, name: string, next: string) => l.slice(head.indexOf(name), head.indexOf(next)).trim();
    return lines
      .slice(at + 1, at + 5)
      .map((l) => [l.split(/\s+/)[1]!, cut(l, 'EST. TIME', 'EST. COST'), cut(l, 'EST. COST', 'WHY NOT')]);
  };

  it('a placement shows EST. TIME and EST. COST, unknown where the estimate is', () => {
    const r = place(estimated, targets, optionsOf({ strategy: 'performance' }), { requestId: 'x' });
    const text = renderPlacement(r);
    const rows = columns(text, /^#\s+TARGET\s+TYPE\s+ELIGIBLE\s+SCORE\s+EST\. TIME\s+EST\. COST\s+WHY NOT$/);
    expect(rows).toContainEqual(['tiny', '7.5 min', '$0.06']);
    expect(rows).toContainEqual(['big', '60 min', '$2.00']);
    expect(rows).toContainEqual(['local', '120 min', '$0.00']);
    expect(rows).toContainEqual(['unsaid', 'unknown', 'unknown']);
    expect(text).toContain('Estimate unknown:\n  unsaid: unsaid does not say how many cores it has');
  });

  it('a comparison shows them before the strategies', () => {
    const text = renderComparison(compare(estimated, targets, optionsOf(), { requestId: 'x' }));
    expect(text).toMatch(/^TARGET\s+TYPE\s+EST\. TIME\s+EST\. COST\s+auto\s+local-first/m);
    expect(text).toMatch(/^tiny\s+cloud\s+7\.5 min\s+\$0\.06\s+/m);
    expect(text).toMatch(/^unsaid\s+cloud\s+unknown\s+unknown\s+/m);
  });

  it('without an estimate, the one COST column as before', () => {
    const plain = taskOf({ name: 'train', requirements: { memoryGb: 8 } });
    const text = renderPlacement(place(plain, targets, optionsOf(), { requestId: 'x' }));
    expect(text).toMatch(/^#\s+TARGET\s+TYPE\s+ELIGIBLE\s+SCORE\s+COST\s+WHY NOT$/m);
    expect(text).not.toContain('EST.');
    expect(renderComparison(compare(plain, targets, optionsOf(), { requestId: 'x' }))).toMatch(
      /^TARGET\s+TYPE\s+COST\s+auto/m,
    );
  });
});
