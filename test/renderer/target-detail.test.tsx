// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import { strategyResults } from '../../renderer/views/compare/matrix-rows';
import { TargetDetail } from '../../renderer/views/compare/target-detail';

const targets = [
  { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16 } },
  { id: 'cloud', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16, memoryGb: 64 } },
].map((t) => target.parse(t));

function results() {
  const checked = checkTaskFile({ task: { name: 't', requirements: { cpu: 4, memoryGb: 8 } } });
  if (!checked.ok) throw new Error('bad task');
  return strategyResults(compare(checked.value, targets, placementOptions.parse({}), { requestId: 'r' }), 0)!;
}

describe('the target detail', () => {
  it('shows each strategy score as named parts with the numbers they came from', () => {
    render(<TargetDetail id="cloud" results={results()} />);
    const table = screen.getByRole('table', { name: 'How each strategy scored cloud' });
    const auto = within(table).getByRole('row', { name: /^auto/ });
    const text = auto.textContent!;
    // The summary stays, then the parts: locality, the fit of each quantity, cost.
    expect(text).toMatch(/0\.\d{3} base/);
    expect(text).toMatch(/\+0\.167\s*start/);
    expect(text).toMatch(/locality — remote \(cloud\) → 0 × 0\.5/);
    expect(text).toMatch(/fit: cpu — needs 4 of 16 cores → 0\.25 × 0\.125 × 0\.833/);
    expect(text).toMatch(/fit: memory — needs 8 of 64 GB → 0\.125 × 0\.125/);
    expect(text).toMatch(/cost — \$2\.00 between the cheapest \$0\.00 and the dearest \$2\.00 → 0 × 0\.25/);
    // A tiered strategy says which tier and why.
    const cheap = within(table).getByRole('row', { name: /^cost-optimized/ });
    expect(cheap.textContent).toMatch(/tier — tier 1 of 2: est\. \$2\.00, cost rank 2 of 2/);
  });
});
