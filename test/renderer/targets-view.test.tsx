// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import type { AppApi } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { fakeApi, type Handler } from './fake-api';
import { useAppStore } from '../../renderer/state/app-store';
import { capabilitySummary, matchesFilter } from '../../renderer/views/targets/target-summary';
import TargetsView from '../../renderer/views/targets/TargetsView';
import { useTargetsStore } from '../../renderer/views/targets/targets-store';

const TARGETS: Target[] = [
  target.parse({ id: 'local', type: 'local' }),
  target.parse({ id: 'gpu-box', type: 'ssh', host: '10.0.0.5', user: 'ml', probe: true, labels: { region: 'eu' } }),
  target.parse({
    id: 'aws-g5',
    type: 'cloud',
    provider: 'aws',
    hourlyRate: 1.006,
    capabilities: { cpu: 4, memoryGb: 16, gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }] },
  }),
];

/** A main process holding a list of targets: `targets.save` replaces it, as the real one does. */
function server(probe: Handler = async () => Promise.reject(new Error('unused'))) {
  let targets = TARGETS;
  return fakeApi({
    'targets.list': async () => ({ targets }),
    'settings.get': async () => placementOptions.parse({}),
    'capabilities.get': async () => ({
      targetId: 'local',
      capabilities: { cpu: 8, memoryGb: 31.2 },
      warnings: [],
      discoveredAt: '',
      ageMs: 0,
      cached: false,
    }),
    'targets.save': (async ({ file }: { file: { targets: Target[] } }) => {
      targets = file.targets;
      return { targets };
    }) as Handler,
    'targets.probe': probe,
  });
}

function renderView(api: AppApi) {
  render(
    <ApiProvider api={api}>
      <TargetsView />
    </ApiProvider>,
  );
}

const row = (id: string) =>
  within(screen.getByRole('table', { name: 'Targets' })).getByRole('row', { name: new RegExp(`^${id}`) });

beforeEach(() => {
  useTargetsStore.setState({
    targets: [],
    options: null,
    discovered: {},
    freshness: { byId: {}, receivedAt: 0 },
    filter: '',
    error: null,
    loading: false,
  });
  useAppStore.setState({ notices: [] });
});
afterEach(cleanup);

describe('the Targets view', () => {
  it('shows each target with capabilities (local ones discovered), rate and freshness', async () => {
    const { api } = server();
    renderView(api);
    await waitFor(() => expect(row('aws-g5').textContent).toContain('1× A10G 24 GB · 4 CPU · 16 GB'));
    expect(row('aws-g5').textContent).toContain('1.006');
    expect(row('aws-g5').textContent).toContain('as written');
    expect(row('gpu-box').textContent).toContain('not probed yet');
    await waitFor(() => expect(row('local').textContent).toContain('8 CPU · 31.2 GB'));
    expect(row('local').textContent).toContain('discovered just now');
  });

  it('shows the last outcome of each probed target as the main process keeps it, and reads it again on a change', async () => {
    let outcome: 'failed' | 'ok' = 'failed';
    const { api, calls, emit } = fakeApi({
      'targets.list': async () => ({ targets: TARGETS }),
      'settings.get': async () => placementOptions.parse({}),
      'capabilities.get': async () => ({
        targetId: 'local',
        capabilities: { cpu: 8 },
        warnings: [],
        discoveredAt: '',
        ageMs: 0,
        cached: false,
      }),
      'targets.resolve': async () => ({
        freshness: {
          local: { state: 'discovered', at: '2026-11-23T00:00:00.000Z', ageMs: 0 },
          'gpu-box':
            outcome === 'failed'
              ? {
                  state: 'probe-failed',
                  at: '2026-11-23T00:00:00.000Z',
                  ageMs: 120_000,
                  reason: 'timed out after 10 s connecting to 10.0.0.5:22',
                  lastGoodAgeMs: null,
                }
              : { state: 'discovered', at: '2026-11-23T00:02:00.000Z', ageMs: 120_000 },
          'aws-g5': { state: 'as-written', at: null, ageMs: null },
        },
      }),
    });
    renderView(api);
    await waitFor(() =>
      expect(row('gpu-box').textContent).toContain(
        'probe failed: timed out after 10 s connecting to 10.0.0.5:22 (2 min ago); using the capabilities written in the file',
      ),
    );
    // Read without starting a probe: the Targets view only shows what is known.
    expect(calls.find(([m]) => m === 'targets.resolve')![1]).toEqual({ discover: false });
    outcome = 'ok';
    act(() => emit('capabilities.changed', { targetId: 'gpu-box', changes: [], outcome: 'discovered' }));
    await waitFor(() => expect(row('gpu-box').textContent).toContain('probed 2 min ago'));
    expect(row('aws-g5').textContent).toContain('as written');
  });

  it('removes a target only once confirmed, and saves the rest', async () => {
    const { api, calls } = server();
    renderView(api);
    await waitFor(() => row('aws-g5'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove aws-g5' }));
    expect(calls.some(([m]) => m === 'targets.save')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Keep aws-g5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove aws-g5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm removing aws-g5' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /^aws-g5/ })).toBeNull());
    const saved = calls.find(([m]) => m === 'targets.save')![1] as { file: { placement: unknown; targets: Target[] } };
    expect(saved.file.targets.map((t) => t.id)).toEqual(['local', 'gpu-box']);
    expect(saved.file.placement).toEqual(placementOptions.parse({}));
  });

  it('probes an SSH target and shows the failure reason in its row and a notice', async () => {
    let answer!: (a: unknown) => void;
    const { api } = server(() => new Promise((resolve) => (answer = resolve)));
    renderView(api);
    await waitFor(() => row('gpu-box'));
    fireEvent.click(screen.getByRole('button', { name: 'Probe gpu-box' }));
    await waitFor(() => expect(row('gpu-box').textContent).toContain('Probing…'));
    expect((screen.getByRole('button', { name: 'Probe gpu-box' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answer({ ok: false, targetId: 'gpu-box', reason: 'gpu-box: connection timed out' }));
    expect(row('gpu-box').textContent).toContain('Probe failed: gpu-box: connection timed out');
    expect(useAppStore.getState().notices.at(-1)?.text).toBe('Probe of gpu-box failed: gpu-box: connection timed out');
  });

  it('filters by id, type, host or label', async () => {
    const { api } = server();
    renderView(api);
    await waitFor(() => row('aws-g5'));
    fireEvent.change(screen.getByLabelText('Filter targets'), { target: { value: 'region=eu' } });
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('Showing 1 of 3')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Filter targets'), { target: { value: 'nothing' } });
    expect(screen.getByText(/No target matches “nothing”/)).toBeTruthy();
  });

  it('imports nothing from a file with problems and lists them with the file name', async () => {
    const { api, calls } = server();
    renderView(api);
    await waitFor(() => row('aws-g5'));
    const file = new File(['targets:\n  - {id: x, type: cloud}\n'], 'mine.yaml', { type: 'application/yaml' });
    fireEvent.change(screen.getByLabelText('Import a targets file'), { target: { files: [file] } });
    const problems = await screen.findByRole('alert', { name: 'Import problems' });
    expect(problems.textContent).toContain('mine.yaml: targets[0].provider');
    expect(calls.some(([m]) => m === 'targets.save')).toBe(false);
  });
});

describe('target summaries', () => {
  it('say what is known in one line, unknown VRAM included', () => {
    expect(capabilitySummary({})).toBe('nothing known');
    expect(capabilitySummary({ cpu: 2, gpus: [{ vendor: 'amd', count: 2 }], os: 'linux', tools: { git: null } })).toBe(
      '2× amd GPU (VRAM unknown) · 2 CPU · linux/? · 1 tool',
    );
    expect(matchesFilter(TARGETS[1]!, 'SSH ml@10')).toBe(true);
    expect(matchesFilter(TARGETS[1]!, 'cloud')).toBe(false);
  });
});
