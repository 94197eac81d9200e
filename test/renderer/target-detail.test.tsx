// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import { strategyResults } from '../../renderer/views/compare/matrix-rows';
import { TargetDetail } from '../../renderer/views/compare/target-detail';
import { changesSince } from '../../renderer/views/compare/since-pin';

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

describe('since the pin', () => {
  afterEach(cleanup);
  const fleet = [
    { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16 } },
    { id: 'cheap', type: 'cloud', provider: 'aws', hourlyRate: 1.01, capabilities: { cpu: 8, memoryGb: 32 } },
    { id: 'dear', type: 'cloud', provider: 'aws', hourlyRate: 32.77, capabilities: { cpu: 96, memoryGb: 1152 } },
  ].map((t) => target.parse(t));
  const options = placementOptions.parse({});

  function placed(maxCost: number, targets = fleet) {
    const file = checkTaskFile({ task: { name: 't', requirements: { cpu: 4, maxCost, maxRuntimeMinutes: 60 } } });
    if (!file.ok) throw new Error('bad task');
    const compared = compare(file.value, targets, options, { requestId: 'r' });
    return { file: file.value, results: strategyResults(compared, 0)! };
  }

  it('names the part that moved and the input that moved it: a cap that excluded the dearest target', () => {
    const then = placed(50);
    const now = placed(10);
    const inputs = changesSince(
      { file: then.file, targets: fleet, options },
      { file: now.file, targets: fleet, options },
      0,
    );
    expect(inputs.map((c) => c.text)).toEqual(['requirements.maxCost $50.00 → $10.00']);
    render(<TargetDetail id="cheap" results={now.results} since={{ results: then.results, inputs }} />);
    const since = screen.getByRole('heading', { name: 'Since the pin' }).parentElement!;
    const auto = within(since).getByText('auto').closest('li')!;
    // cheap's cost measure was relative to $32.77; now it is the dearest eligible target.
    expect(auto.textContent).toMatch(/cost — was \$1\.01 between the cheapest \$0\.00 and the dearest \$32\.77/);
    expect(auto.textContent).toMatch(
      /because dear is no longer eligible \(requirements\.maxCost \$50\.00 → \$10\.00\)/,
    );
  });

  it("traces a move to the target's own field when the task did not change", () => {
    const then = placed(50);
    const dearer = fleet.map((t) => (t.id === 'cheap' ? target.parse({ ...t, hourlyRate: 20 }) : t));
    const now = placed(50, dearer);
    const inputs = changesSince(
      { file: then.file, targets: fleet, options },
      { file: now.file, targets: dearer, options },
      0,
    );
    render(<TargetDetail id="cheap" results={now.results} since={{ results: then.results, inputs }} />);
    const since = screen.getByRole('heading', { name: 'Since the pin' }).parentElement!;
    expect(since.textContent).toMatch(/cost.*because targets\.cheap\.hourlyRate \$1\.01 → \$20\.00/);
  });

  it('says when nothing moved', () => {
    const then = placed(50);
    render(<TargetDetail id="cheap" results={then.results} since={{ results: then.results, inputs: [] }} />);
    expect(screen.getByText('No score of cheap moved since the pin.')).toBeTruthy();
  });
});
