// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/contract';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { timeCostChart } from '../../shared/report/time-cost';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import type { AppApi } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { targetColour } from '../../renderer/format/target-colour';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import CompareView from '../../renderer/views/compare/CompareView';
import { useCompareStore } from '../../renderer/views/compare/compare-store';
import { priceLine } from '../../renderer/views/compare/capability-line';
import { strategyResults } from '../../renderer/views/compare/matrix-rows';
import { TargetDetail } from '../../renderer/views/compare/target-detail';
import TimeCostChart from '../../renderer/views/compare/time-cost-chart';

const TARGETS: Target[] = [
  { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16 } },
  { id: 'big', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16, memoryGb: 64 } },
  // Slower and dearer than local: off the front.
  { id: 'slow-dear', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { cpu: 4, memoryGb: 64 } },
  // Its cores are not said: its estimate is unknown.
  { id: 'unsaid', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { memoryGb: 64 } },
].map((t) => target.parse(t));

const PLAIN = `task:
  name: train
  requirements:
    memoryGb: 8
`;
const ESTIMATED = `${PLAIN}  estimate:
    minutes: 120
    on: {cpu: 8}
`;

function fakeApi(): AppApi {
  const client = {
    'targets.resolve': async () => ({
      targets: TARGETS,
      options: placementOptions.parse({ discoveryEnabled: false }),
      ages: Object.fromEntries(TARGETS.map((t) => [t.id, null])),
      failures: [],
    }),
  } as unknown as ApiClient;
  return { client, on: () => () => undefined, transport: 'http', save: async () => true };
}

async function renderView(text: string) {
  useTaskStore.getState().setText(text);
  render(
    <ApiProvider api={fakeApi()}>
      <CompareView />
    </ApiProvider>,
  );
  await screen.findByRole('table', { name: 'Scores by target and strategy' });
}

const priceOf = (id: string) =>
  screen
    .getByRole('button', { name: id })
    .closest('[role="rowheader"]')!
    .querySelectorAll('.cmp-caps')[1] as HTMLElement;

function results(text: string) {
  const file = checkTaskFile(
    text === ESTIMATED
      ? { task: { name: 'train', requirements: { memoryGb: 8 }, estimate: { minutes: 120, on: { cpu: 8 } } } }
      : { task: { name: 'train', requirements: { memoryGb: 8 } } },
  );
  if (!file.ok) throw new Error('bad task');
  return strategyResults(compare(file.value, TARGETS, placementOptions.parse({}), { requestId: 'r' }), 0)!;
}

beforeEach(() => {
  localStorage.clear();
  useTaskStore.setState(initialTaskState());
  useCompareStore.setState({ pin: null, sortBy: 'auto', node: 0, selected: null });
});
afterEach(cleanup);

describe('Time and cost to result in Compare', () => {
  it('appears with an estimate, naming each point, its place on the front and who picked it', async () => {
    await renderView(ESTIMATED);
    const card = (await screen.findByRole('heading', { name: 'Time and cost to result' })).closest('section')!;
    const list = await within(card).findByRole('list', { name: 'Estimated time and cost of each target' });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^big: 60 min, \$2\.00, on the front, picked by .*performance/);
    expect(items[1]).toMatch(/^local: 120 min, \$0\.00, on the front, picked by .*cost-optimized/);
    expect(items[2]).toBe('slow-dear: 240 min, $4.00');
    expect(within(card).getByRole('img').getAttribute('aria-label')).toMatch(/of 3 targets, 2 on the front/);
    expect(card.textContent).toContain('1 target with an unknown estimate is not drawn.');
  });

  it('is not there without an estimate, and follows the edit that adds one', async () => {
    await renderView(PLAIN);
    expect(screen.queryByRole('heading', { name: 'Time and cost to result' })).toBeNull();
    await act(async () => {
      useTaskStore.getState().setText(ESTIMATED);
    });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Time and cost to result' })).toBeTruthy());
    await act(async () => {
      useTaskStore.getState().setText(PLAIN);
    });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Time and cost to result' })).toBeNull());
  });

  it("the matrix's price line says the estimated time and cost, with the arithmetic as its title", async () => {
    await renderView(ESTIMATED);
    const big = priceOf('big');
    expect(big.textContent).toBe('est. 60 min · $2.00 · $2.00/h · cloud');
    expect(big.title).toMatch(/^120 min on 8 cores × 8\/16 cores = 60 min\n/);
    const unsaid = priceOf('unsaid');
    expect(unsaid.textContent).toBe('est. unknown · $1.00/h · cloud');
    expect(unsaid.title).toMatch(/^unknown: unsaid does not say how many cores it has/);
    expect(priceOf('local').textContent).toBe('est. 120 min · free · no hourly rate · local');
  });

  it('without an estimate the price line is as before', () => {
    expect(priceLine('cloud', 2, 2)).toBe('cloud · $2.00/h · est. $2.00');
    expect(priceLine('cloud', 2, 2, { estimatedMinutes: 7.46, estimate: '…' })).toBe(
      'est. 7.5 min · $2.00 · $2.00/h · cloud',
    );
  });
});

describe('the time and cost chart', () => {
  it('draws a dot per point in the target colour and labels each pick with its strategies', () => {
    const chart = timeCostChart(results(ESTIMATED))!;
    const { container } = render(<TimeCostChart chart={chart} size={{ width: 600, height: 320 }} />);
    const dots = [...container.querySelectorAll('.cmp-tc-point circle')];
    expect(dots).toHaveLength(3);
    expect(dots.map((d) => d.getAttribute('fill')).sort()).toEqual(
      ['big', 'local', 'slow-dear'].map((id) => targetColour(id)).sort(),
    );
    const labels = [...container.querySelectorAll('.cmp-tc-pick')].map((t) => t.textContent);
    expect(labels).toHaveLength(2);
    expect(labels.some((l) => /performance.*: big$/.test(l!))).toBe(true);
    expect(labels.some((l) => /cost-optimized.*: local$/.test(l!))).toBe(true);
    expect(container.textContent).toContain('Estimated time (min)');
    expect(container.textContent).toContain('Estimated cost (USD)');
  });
});

describe('the target detail', () => {
  it('says the estimate carried to the target, or why it is unknown', () => {
    const r = results(ESTIMATED);
    const { unmount } = render(<TargetDetail id="big" results={r} />);
    expect(screen.getByText(/^Estimate:/).parentElement!.textContent).toBe(
      'Estimate: 120 min on 8 cores × 8/16 cores = 60 min → $2.00',
    );
    unmount();
    render(<TargetDetail id="unsaid" results={r} />);
    expect(screen.getByText(/^Estimate unknown:/).parentElement!.textContent).toBe(
      'Estimate unknown: unsaid does not say how many cores it has',
    );
    cleanup();
    render(<TargetDetail id="big" results={results(PLAIN)} />);
    expect(screen.queryByText(/^Estimate/)).toBeNull();
  });
});
