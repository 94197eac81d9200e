// The CLI's human output, rendered from results directly (the built binary is tested in place.test.ts).
import { describe, expect, it } from 'vitest';
import { compare, place } from '../../../shared/engine/place.js';
import { renderComparison, renderPlacement } from '../../../electron/cli/render.js';
import { fleet, optionsOf, pipelineOf, taskOf } from '../../shared/inputs.js';

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
