// @vitest-environment happy-dom
// Compare shows how fresh each probed target's capabilities are: in its matrix row (a few words) and
// in its details (the sentence), from `targets.resolve`'s freshness, updated when a probe answers.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/api/contract';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import { ApiProvider } from '../../renderer/api/context';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import CompareView from '../../renderer/views/compare/CompareView';
import { useCompareStore } from '../../renderer/views/compare/compare-store';
import { fakeApi } from './fake-api';

const TARGETS: Target[] = [
  target.parse({ id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 32 } }),
  target.parse({
    id: 'gpu-box',
    type: 'ssh',
    host: '127.0.0.1',
    port: 1,
    probe: true,
    capabilities: { cpu: 32, memoryGb: 128 },
  }),
  target.parse({ id: 'aws', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { cpu: 4, memoryGb: 16 } }),
];

type Freshness = ApiOutput<'targets.resolve'>['freshness'];

function answer(boxFreshness: Freshness[string]): ApiOutput<'targets.resolve'> {
  return {
    targets: TARGETS,
    options: placementOptions.parse({}),
    ages: { local: 1000, 'gpu-box': null, aws: null },
    failures: boxFreshness.state === 'probe-failed' ? [`gpu-box: ${boxFreshness.reason}`] : [],
    freshness: {
      local: { state: 'discovered', at: '2026-11-23T00:00:00.000Z', ageMs: 1000 },
      'gpu-box': boxFreshness,
      aws: { state: 'as-written', at: null, ageMs: null },
    },
  };
}

const row = (id: string) => screen.getByRole('button', { name: id }).closest('[role="row"]') as HTMLElement;

beforeEach(() => {
  localStorage.clear();
  useTaskStore.setState(initialTaskState());
  useTaskStore.getState().setText('task:\n  name: t\n  requirements: {cpu: 2}\n');
  useCompareStore.setState({ pin: null, sortBy: 'auto', node: 0, selected: null });
});
afterEach(cleanup);

describe('Compare: freshness of probed targets', () => {
  it('shows the matrix while the probe runs, then the failure in the row and the details once it answers', async () => {
    let box: Freshness[string] = { state: 'probing', at: null, ageMs: null };
    const { api, emit } = fakeApi({ 'targets.resolve': async () => answer(box) });
    render(
      <ApiProvider api={api}>
        <CompareView />
      </ApiProvider>,
    );
    await screen.findByRole('table', { name: 'Scores by target and strategy' });
    expect(row('gpu-box').textContent).toContain('probing…');
    expect(row('local').textContent).toContain('discovered just now');
    expect(row('aws').textContent).not.toMatch(/probe|discovered/);

    box = {
      state: 'probe-failed',
      at: '2026-11-23T00:00:00.000Z',
      ageMs: 120_000,
      reason: 'timed out after 10 s connecting to 127.0.0.1:1',
      lastGoodAgeMs: null,
    };
    await act(async () => emit('capabilities.changed', { targetId: 'gpu-box', changes: [], outcome: 'probe-failed' }));
    await screen.findByText('probe failed 2 min ago');
    const failed = within(row('gpu-box')).getByText('probe failed 2 min ago').closest('.cmp-fresh') as HTMLElement;
    expect(failed.title).toBe(
      'probe failed: timed out after 10 s connecting to 127.0.0.1:1 (2 min ago); using the capabilities written in the file',
    );
    fireEvent.click(screen.getByRole('button', { name: 'gpu-box' }));
    expect(
      screen.getByText(
        'probe failed: timed out after 10 s connecting to 127.0.0.1:1 (2 min ago); using the capabilities written in the file',
        { selector: 'p' },
      ),
    ).toBeTruthy();
  });

  it('says when a probed target was last probed', async () => {
    const { api } = fakeApi({
      'targets.resolve': async () => answer({ state: 'discovered', at: '2026-11-23T00:00:00.000Z', ageMs: 125_000 }),
    });
    render(
      <ApiProvider api={api}>
        <CompareView />
      </ApiProvider>,
    );
    await screen.findByRole('table', { name: 'Scores by target and strategy' });
    expect(row('gpu-box').textContent).toContain('probed 2 min ago');
  });
});
