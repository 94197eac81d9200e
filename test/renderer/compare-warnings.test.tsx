// @vitest-environment happy-dom
// Compare's live cards warn, as the recorded placement does, when a winner's capabilities could not
// be checked (its probe failed and only the file's were there); a target ruled out only on what it
// does not say reads as unknown, not ineligible.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/api/contract';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import { ApiProvider } from '../../renderer/api/context';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import CompareView from '../../renderer/views/compare/CompareView';
import { useCompareStore } from '../../renderer/views/compare/compare-store';
import { uncheckedOfFreshness } from '../../renderer/views/compare/use-live-compare';
import { fakeApi } from './fake-api';

const TARGETS: Target[] = [
  target.parse({ id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 32 } }),
  target.parse({ id: 'gpu-box', type: 'ssh', host: '127.0.0.1', port: 1, probe: true, capabilities: { cpu: 32 } }),
];

type Freshness = ApiOutput<'targets.resolve'>['freshness'][string];
const FAILED: Freshness = {
  state: 'probe-failed',
  at: '2026-11-23T00:00:00.000Z',
  ageMs: 1000,
  reason: 'timed out after 10 s',
  lastGoodAgeMs: null,
};

function answer(box: Freshness): ApiOutput<'targets.resolve'> {
  return {
    targets: TARGETS,
    options: placementOptions.parse({}),
    ages: { local: 1000, 'gpu-box': null },
    failures: box.state === 'probe-failed' ? [`gpu-box: ${box.reason}`] : [],
    freshness: { local: { state: 'discovered', at: '2026-11-23T00:00:00.000Z', ageMs: 1000 }, 'gpu-box': box },
  };
}

async function showCompare(box: Freshness) {
  const { api } = fakeApi({ 'targets.resolve': async () => answer(box) });
  render(
    <ApiProvider api={api}>
      <CompareView />
    </ApiProvider>,
  );
  await screen.findByRole('table', { name: 'Scores by target and strategy' });
}

beforeEach(() => {
  localStorage.clear();
  useTaskStore.setState(initialTaskState());
  // Only gpu-box has 16 cores: every strategy places there.
  useTaskStore.getState().setText('task:\n  name: t\n  requirements: {cpu: 16}\n');
  useCompareStore.setState({ pin: null, sortBy: 'auto', node: 0, selected: null });
});
afterEach(cleanup);

describe('Compare: warnings beside the winner', () => {
  it('each card placed on a box whose probe failed says the placement rests on unchecked capabilities', async () => {
    await showCompare(FAILED);
    const card = screen.getByRole('listitem', { name: 'auto' });
    expect(within(card).getByRole('list', { name: 'Warnings' }).textContent).toBe(
      '⚠ Warning: gpu-box: probe failed: timed out after 10 s; placed on the capabilities written in the file, which could not be checked',
    );
  });

  it('says nothing when the box was checked before (its last good discovery is used)', async () => {
    await showCompare({ ...FAILED, lastGoodAgeMs: 60_000 });
    expect(within(screen.getByRole('listitem', { name: 'auto' })).queryByRole('list', { name: 'Warnings' })).toBeNull();
  });

  it('a target ruled out only on what it does not say reads as unknown', async () => {
    useTaskStore.getState().setText('task:\n  name: t\n  requirements: {cpu: 16, tools: [python3]}\n');
    await showCompare(FAILED);
    const box = screen.getByRole('button', { name: 'gpu-box' }).closest('[role="row"]') as HTMLElement;
    expect(box.textContent).toMatch(/Unknown:/);
    expect(box.textContent).not.toMatch(/Ineligible/);
  });
});

describe('uncheckedOfFreshness', () => {
  it('names each target whose failed probe left only the written capabilities, as the main process does', () => {
    expect(
      uncheckedOfFreshness({
        a: FAILED,
        b: { ...FAILED, lastGoodAgeMs: 5 },
        c: { ...FAILED, reason: 'probe failed: refused' },
        d: { state: 'discovered', at: null, ageMs: 1 },
      }),
    ).toEqual({ a: 'probe failed: timed out after 10 s', c: 'probe failed: refused' });
    expect(uncheckedOfFreshness(undefined)).toEqual({});
  });
});
