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
