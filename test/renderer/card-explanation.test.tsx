// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import { Winners } from '../../renderer/views/compare/winners';

afterEach(cleanup);

const targets = [
  { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16 } },
  { id: 'a-cloud-instance-with-a-long-name', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16 } },
].map((t) => target.parse(t));

describe("a strategy card's explanation", () => {
  it('can be read whole: a click lifts the clamp, another puts it back', () => {
    const checked = checkTaskFile({ task: { name: 't', requirements: { cpu: 4 } } });
    if (!checked.ok) throw new Error('bad task');
    const result = compare(checked.value, targets, placementOptions.parse({}), { requestId: 'r' });
    render(<Winners result={result} pinned={null} node={0} />);
    const card = screen.getByRole('listitem', { name: 'auto' });
    const explanation = (result.strategies.auto as { explanation: string }).explanation;
    const toggle = within(card).getByRole('button', { name: explanation });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.querySelector('.cmp-explanation-open')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.querySelector('.cmp-explanation-open')!.textContent).toBe(explanation);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('the trade-off line', () => {
  it('shows the trade-off a winner took above the clamp, and nothing without one', async () => {
    const { tradeOffOf } = await import('../../renderer/views/compare/card-explanation');
    expect(
      tradeOffOf(
        'auto chose g6e (cloud, score 0.888, est. 35 min, $1.08); trade-off: 30 min slower than p4d, $1.68 cheaper; 41 min faster than box, $1.08 dearer; runner-up box (0.861); 1 of 4 targets ineligible',
      ),
    ).toBe('30 min slower than p4d, $1.68 cheaper; 41 min faster than box, $1.08 dearer');
    expect(tradeOffOf('auto chose local (local, score 0.9, est. $0.00); runner-up box (0.5)')).toBeNull();
  });
});
