// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/contract';
import { place } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import type { AppApi } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { targetColour } from '../../renderer/format/target-colour';
import { getIn } from '../../renderer/state/task-edit';
import { useAppStore } from '../../renderer/state/app-store';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import CompareView from '../../renderer/views/compare/CompareView';
import { useCompareStore } from '../../renderer/views/compare/compare-store';

const gpu = (vramGb: number, count = 1) => [{ vendor: 'nvidia', vramGb, count }];
const common = { os: 'linux', arch: 'x64', network: true, diskGb: 500, tools: { python3: '3.11.7', docker: '26.1.4' } };
const TARGETS: Target[] = [
  { id: 'local', type: 'local', capabilities: { ...common, cpu: 8, memoryGb: 32, gpus: [] } },
  { id: 'gpu-box', type: 'ssh', host: '10.0.0.5', capabilities: { ...common, cpu: 32, memoryGb: 128, gpus: gpu(24) } },
  {
    id: 'aws-g5',
    type: 'cloud',
    provider: 'aws',
    hourlyRate: 1.006,
    capabilities: { ...common, cpu: 8, memoryGb: 32, gpus: gpu(24) },
  },
  {
    id: 't4-box',
    type: 'ssh',
    host: '10.0.0.6',
    capabilities: { ...common, cpu: 16, memoryGb: 64, gpus: gpu(16) },
  },
].map((t) => target.parse(t));

const TASK = `task:
  name: train
  requirements:
    cpu: 4
    memoryGb: 16
    gpu: {type: nvidia, minVram: 20}
`;

const placed: unknown[] = [];

function fakeApi(targets: Target[] = TARGETS): AppApi {
  const client = {
    'targets.resolve': async () => ({
      targets,
      options: placementOptions.parse({ discoveryEnabled: false }),
      ages: Object.fromEntries(targets.map((t) => [t.id, null])),
      failures: [],
    }),
    'placement.place': async (input: { task: unknown; options?: object }) => {
      placed.push(input);
      const file = checkTaskFile(input.task);
      if (!file.ok) throw new Error('bad task');
      const options = placementOptions.parse({ discoveryEnabled: false, ...input.options });
      return place(file.value, targets, options, { requestId: 'req-12345678' });
    },
  } as unknown as ApiClient;
  return { client, on: () => () => undefined, transport: 'http', save: async () => true };
}

async function renderView(api = fakeApi()) {
  const view = render(
    <ApiProvider api={api}>
      <CompareView />
    </ApiProvider>,
  );
  await screen.findByRole('table', { name: 'Scores by target and strategy' });
  return view;
}

const card = (strategy: string) => within(screen.getByRole('listitem', { name: strategy }));
const row = (id: string) => screen.getByRole('button', { name: id }).closest('[role="row"]') as HTMLElement;

beforeEach(() => {
  localStorage.clear();
  useTaskStore.setState(initialTaskState());
  useTaskStore.getState().setText(TASK);
  useCompareStore.setState({ pin: null, sortBy: 'auto', node: 0, selected: null });
  placed.length = 0;
});
afterEach(cleanup);

describe('the Compare view', () => {
  it("shows each strategy's winner, marked in words, and why each ineligible target lost", async () => {
    await renderView();
    // gpu-box is free and the best fit; cloud-first prefers the cloud.
    expect(card('auto').getByText('gpu-box')).toBeTruthy();
    expect(card('cloud-first').getByText('aws-g5')).toBeTruthy();
    expect(card('cost-optimized').getByText('gpu-box')).toBeTruthy();
    expect(within(row('gpu-box')).getAllByText('★ winner').length).toBeGreaterThanOrEqual(3);
    expect(within(row('aws-g5')).getByText('★ winner')).toBeTruthy();
    expect(row('local').textContent).toMatch(/Ineligible:.*gpu: needs 1× nvidia GPU ≥ 20 GB, has no GPU/);
    expect(row('t4-box').textContent).toMatch(/Ineligible:.*16 GB/);
    // The estimated cost in each of the five cells, and once in the price line under the target's id.
    expect(within(row('aws-g5')).getAllByText(/\$1\.01/).length).toBe(6);
  });

  it('with only this machine, says where to add other targets, and titles the empty chart plainly', async () => {
    await renderView(fakeApi(TARGETS.filter((t) => t.type === 'local')));
    expect(screen.getByText(/^1 target · 0 eligible/)).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/Only this machine is configured\. Add SSH hosts or cloud/);
    expect(screen.getByRole('heading', { name: 'Scores per strategy' })).toBeTruthy();
  });

  it('with other targets, no such note', async () => {
    await renderView();
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('heading', { name: /^Scores of the \d eligible targets$/ })).toBeTruthy();
  });

  it('re-ranks on a requirement edit, and a pin shows the difference', async () => {
    await renderView();
    fireEvent.click(screen.getByRole('button', { name: 'Pin this result' }));
    expect(screen.getByRole('button', { name: 'Unpin' }).getAttribute('aria-pressed')).toBe('true');

    await act(async () => {
      useTaskStore.getState().setText(TASK.replace('minVram: 20', 'minVram: 16'));
    });
    await waitFor(() => expect(row('t4-box').textContent).not.toMatch(/Ineligible/));
    expect(row('t4-box').textContent).toMatch(/newly eligible/);
    expect(screen.getByText(/^4 targets · \d eligible/).textContent).toMatch(/3 eligible/);
    expect(screen.getByText(/pinned at/)).toBeTruthy();
    // A moved score names its part in the matrix, and Target details say which input moved it.
    await act(async () => {
      useTaskStore
        .getState()
        .setText(TASK.replace('minVram: 20', 'minVram: 16').replace('memoryGb: 16', 'memoryGb: 32'));
    });
    await waitFor(() => expect(row('aws-g5').textContent).toMatch(/▲0\.\d{3}up 0\.\d{3} from the pin fit: memory/));
    fireEvent.click(screen.getByRole('button', { name: 'aws-g5' }));
    const since = screen.getByRole('heading', { name: 'Since the pin' }).parentElement!;
    expect(since.textContent).toMatch(
      /fit: memory — was needs 16 of 32 GB → 0\.5 × 0\.125 × 0\.833; now needs 32 of 32 GB → 1 × 0\.125 × 0\.833; because requirements\.memoryGb 16 GB → 32 GB/,
    );
  });

  it('titles a score with its parts when the pointer comes to it, and a re-ranked cell drops the last ones', async () => {
    await renderView();
    const cell = () => within(row('aws-g5')).getAllByRole('cell')[0]!;
    expect(cell().getAttribute('title')).toBeNull();
    fireEvent.pointerEnter(cell());
    expect(cell().getAttribute('title')).toMatch(
      /^base 0\.\d{3}, preferences -?0\.\d{3}, affinity -?0\.\d{3}, anti-affinity -?0\.\d{3}$/,
    );
    // An edit that moves its score: the title it had is gone until the next hover.
    const before = cell().textContent;
    await act(async () => {
      useTaskStore.getState().setText(TASK.replace('memoryGb: 16', 'memoryGb: 32'));
    });
    await waitFor(() => expect(cell().textContent).not.toBe(before));
    expect(cell().getAttribute('title')).toBeNull();
    fireEvent.pointerEnter(cell());
    expect(cell().getAttribute('title')).toMatch(/^base /);
  });

  it('says what would make a selected target win, and tries a change of the task with Undo', async () => {
    await renderView();
    fireEvent.click(screen.getByRole('button', { name: 'aws-g5' }));
    const why = within(screen.getByRole('region', { name: 'What would change the winner' }));
    expect(why.getByRole('heading').textContent).toBe('What would make aws-g5 win (auto)');
    // A target's price is the targets file's to change; the strategy can be tried here.
    expect(why.getByText(/aws-g5 wins only if free \(it is \$1\.01\/h\)/).textContent).toMatch(/change it in Targets/);
    const tryIt = why.getByText(/strategy cloud-first chooses aws-g5/).querySelector('button')!;
    await act(async () => {
      fireEvent.click(tryIt);
    });
    expect(useTaskStore.getState().options.strategy).toBe('cloud-first');
    expect(useAppStore.getState().notices.at(-1)?.text).toBe('Tried: strategy cloud-first chooses aws-g5');
    // The winner's own question: what would make it lose.
    fireEvent.click(screen.getByRole('button', { name: 'gpu-box' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'What would change the winner' }).textContent).toMatch(
        /What would make gpu-box win \(cloud-first\)/,
      ),
    );
  });

  it('applies a suggested relaxation to the task, and everything re-ranks', async () => {
    await renderView();
    // The relaxations follow the ranking's repaint.
    const apply = await screen.findByRole('button', { name: /Apply: gpu\.minVram ≤ 16 admits t4-box/ });
    await act(async () => {
      fireEvent.click(apply);
    });
    expect(getIn(useTaskStore.getState().draft, ['task', 'requirements', 'gpu', 'minVram'])).toBe(16);
    await waitFor(() => expect(row('t4-box').textContent).not.toMatch(/Ineligible/));
  });

  it('changes the mode: local-only leaves no valid target and says so', async () => {
    await renderView();
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Mode' }), { target: { value: 'local-only' } });
    });
    await waitFor(() => expect(card('auto').getByText('✗ no valid target')).toBeTruthy());
    expect(useTaskStore.getState().options.mode).toBe('local-only');
    expect(row('gpu-box').textContent).toMatch(/Ineligible:.*mode/);
  });

  it('records this placement with the chosen strategy, says it launches nothing, and focuses its result', async () => {
    await renderView();
    expect(screen.getByRole('heading', { name: 'Record this placement' })).toBeTruthy();
    expect(screen.getByText(/records the decision in History\. It launches nothing\./)).toBeTruthy();
    expect(screen.queryByText(/for real/)).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Strategy' }), { target: { value: 'cloud-first' } });
    const button = screen.getByRole('button', { name: 'Record this placement' });
    button.focus();
    await act(async () => {
      fireEvent.click(button);
    });
    const result = await screen.findByText(/Placed on aws-g5/);
    expect(result.textContent).toMatch(/HighestScore/);
    expect(screen.getByText(/Recorded in history as req-1234/)).toBeTruthy();
    // Focus lands on the answer, not on <body> (the button was disabled while recording).
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('status', { name: 'Placement result' })));
    // What the user wrote goes to the history, with the what-if's options and the chosen strategy.
    expect(placed).toEqual([{ task: useTaskStore.getState().draft, options: { strategy: 'cloud-first' } }]);
    expect(placed[0]).toMatchObject({ task: { task: { requirements: { gpu: { type: 'nvidia', minVram: 20 } } } } });

    // A task with problems is not placed: the last valid version is only compared.
    await act(async () => useTaskStore.getState().setText(TASK.replace('cpu: 4', 'cpu: four')));
    expect(screen.getByRole('button', { name: 'Record this placement' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('alert').textContent).toMatch(/1 problem.*last valid version/);
  });

  it('the matrix is one tab stop, moved with the arrow keys (a roving tab index)', async () => {
    await renderView();
    const table = screen.getByRole('table', { name: 'Scores by target and strategy' });
    expect(table.getAttribute('tabindex')).toBeNull();
    const stops = () =>
      [...table.querySelectorAll<HTMLElement>('[data-row-id]')]
        .filter((b) => b.tabIndex === 0)
        .map((b) => b.textContent);
    const order = [...table.querySelectorAll<HTMLElement>('[data-row-id]')].map((b) => b.textContent);
    expect(order).toHaveLength(4);
    expect(stops()).toEqual([order[0]]);
    screen.getByRole('button', { name: order[0]! }).focus();
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    });
    await waitFor(() => expect(document.activeElement?.textContent).toBe(order[1]));
    expect(stops()).toEqual([order[1]]);
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'End' });
    });
    await waitFor(() => expect(document.activeElement?.textContent).toBe(order[3]));
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    });
    await waitFor(() => expect(document.activeElement?.textContent).toBe(order[0]));
  });

  it('writes money to the cent, rates as priced, scores to 3 places and met requirements in words', async () => {
    await renderView();
    const aws = within(row('aws-g5'));
    expect(aws.getByText(/\$1\.006\/h/)).toBeTruthy();
    // The target's colour, as every chart draws it, on its swatch and its score bars.
    const swatch = row('aws-g5').querySelector<HTMLElement>('.target-swatch')!;
    expect(swatch.style.background).toBe(targetColour('aws-g5'));
    const bars = [...row('aws-g5').querySelectorAll<HTMLElement>('.cmp-bar')];
    expect(bars.map((b) => b.style.getPropertyValue('--bar'))).toEqual(Array(5).fill(targetColour('aws-g5')));
    for (const score of aws.getAllByText(/^\d\.\d+$/)) expect(score.textContent).toMatch(/^\d\.\d{3}$/);
    fireEvent.click(screen.getByRole('button', { name: 'aws-g5' }));
    const detail = within(screen.getByRole('region', { name: 'Target details' }));
    const met = detail.getAllByRole('listitem').map((li) => li.textContent);
    expect(met).toContain('memoryGb: needs 16.0 GB, has 32.0 GB');
    expect(met.join('\n')).not.toMatch(/\d\.\d{4,}|has true/);
  });

  it('says what to do when there are no targets, or the task is not valid', async () => {
    render(
      <ApiProvider api={fakeApi([])}>
        <CompareView />
      </ApiProvider>,
    );
    expect((await screen.findByText(/no targets to compare/)).innerHTML).toContain('#/targets');
    cleanup();

    useTaskStore.setState({ ...initialTaskState(), file: null });
    useTaskStore.getState().setText('task:\n  name: t\n  requirements: {cpu: many}\n');
    render(
      <ApiProvider api={fakeApi()}>
        <CompareView />
      </ApiProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/not valid yet.*task\.requirements\.cpu/s);
    expect(within(alert).getByRole('link', { name: 'Requirements' }).getAttribute('href')).toBe('#/requirements');
  });
});
