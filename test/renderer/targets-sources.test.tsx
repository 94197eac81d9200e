// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../shared/api/contract';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import type { AppApi } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { useAppStore } from '../../renderer/state/app-store';
import TargetsView from '../../renderer/views/targets/TargetsView';
import { emptyRequest, useFleetImportStore } from '../../renderer/views/targets/fleet-import-store';
import { matchesFilter } from '../../renderer/views/targets/target-summary';
import { sourceGroups, sourceLine } from '../../renderer/views/targets/target-source';
import { useTargetsStore } from '../../renderer/views/targets/targets-store';
import { fakeApi, type Handler } from './fake-api';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const caps = { cpu: 32, memoryGb: 128, gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 40 }] };

function targets(importedAt = minutesAgo(5)): Target[] {
  return [
    { id: 'local', type: 'local' },
    {
      id: 'k-gpu-1',
      type: 'kubernetes',
      source: { kind: 'kubernetes', context: 'prod', node: 'gpu-1', importedAt },
      capabilities: caps,
    },
    {
      id: 'k-gpu-2',
      type: 'kubernetes',
      source: { kind: 'kubernetes', context: 'prod', node: 'gpu-2', importedAt },
      unschedulable: 'cordoned',
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
      capabilities: caps,
    },
    {
      id: 'hpc-a',
      type: 'slurm',
      source: { kind: 'slurm', cluster: 'hpc', file: 'nodes.txt', node: 'gpu01', importedAt: minutesAgo(180) },
      unschedulable: 'DRAIN (Reason=maintenance)',
      capabilities: caps,
    },
    { id: 'aws-g5', type: 'cloud', provider: 'aws', hourlyRate: 1.006, capabilities: { cpu: 4 } },
  ].map((t) => target.parse(t));
}

function server(refresh: (input: ApiInput<'targets.import'>) => ApiOutput<'targets.import'>) {
  let list = targets();
  return fakeApi({
    'targets.list': async () => ({ targets: list }),
    'settings.get': async () => placementOptions.parse({ discoveryEnabled: false }),
    'targets.import': (async (input: ApiInput<'targets.import'>) => {
      const out = refresh(input);
      if (out.ok && input.apply) list = out.targets;
      return out;
    }) as Handler,
  });
}

/** A refresh of the prod context: gpu-2 is gone, gpu-1 re-imported now. */
function refreshed(): ApiOutput<'targets.import'> {
  const now = targets(minutesAgo(0));
  return {
    ok: true,
    where: 'kubectl (context prod)',
    added: [],
    changed: [],
    removed: [now[2]!],
    unchanged: [now[1]!],
    warnings: [],
    applied: true,
    targets: now.filter((t) => t.id !== 'k-gpu-2'),
  };
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
const sources = () => within(screen.getByRole('list', { name: 'Imported sources' }));

beforeEach(() => {
  useTargetsStore.setState({ targets: [], options: null, discovered: {}, filter: '', error: null, loading: false });
  useFleetImportStore.setState({ open: false, request: emptyRequest(), busy: null, preview: null, refreshing: {} });
  useAppStore.setState({ notices: [] });
});
afterEach(cleanup);

describe('imported targets in the Targets table', () => {
  it('show their source and age, and the reason a node is not schedulable', async () => {
    const { api } = server(refreshed);
    renderView(api);
    await waitFor(() => row('k-gpu-1'));
    expect(row('k-gpu-1').textContent).toContain('kubernetes · context prod · node gpu-1 · imported 5 min ago');
    expect(row('k-gpu-1').textContent).not.toContain('node state');
    expect(row('k-gpu-2').textContent).toContain('node state: cordoned; 1 taint');
    expect(within(row('k-gpu-2')).getByText('cordoned; 1 taint').getAttribute('title')).toBe(
      'cordoned; taint nvidia.com/gpu=present:NoSchedule',
    );
    expect(row('hpc-a').textContent).toContain('slurm · cluster hpc · node gpu01 · from nodes.txt · imported 3 h ago');
    expect(row('hpc-a').textContent).toContain('node state: DRAIN (Reason=maintenance)');
    expect(row('aws-g5').textContent).toContain('aws');
    expect(row('aws-g5').textContent).not.toContain('imported');
  });

  it('refresh a live source with the same kind and scope, and say what changed', async () => {
    const { api, calls } = server(refreshed);
    renderView(api);
    await waitFor(() => row('k-gpu-2'));
    const line = sources().getByText('kubernetes · context prod').parentElement!;
    expect(line.textContent).toContain('2 nodes · imported 5 min ago');
    fireEvent.click(sources().getByRole('button', { name: 'Refresh kubernetes · context prod' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /^k-gpu-2/ })).toBeNull());
    expect(calls.filter(([m]) => m === 'targets.import').map(([, i]) => i)).toEqual([
      { kind: 'kubernetes', context: 'prod', apply: true },
    ]);
    expect(row('k-gpu-1').textContent).toContain('imported just now');
    expect(useAppStore.getState().notices.at(-1)?.text).toBe(
      'Refreshed kubernetes · context prod from kubectl (context prod): 0 added, 0 changed, 1 removed',
    );
  });

  it('show the list again when the server read a source again in the background, and say when it failed', async () => {
    let list = targets();
    const { api, emit, calls } = fakeApi({
      'targets.list': async () => ({ targets: list }),
      'settings.get': async () => placementOptions.parse({ discoveryEnabled: false }),
    });
    renderView(api);
    await waitFor(() => row('k-gpu-2'));
    list = list.filter((t) => t.id !== 'k-gpu-2');
    emit('targets.changed', { source: 'kubernetes (context prod)', ok: true });
    await waitFor(() => expect(screen.queryByRole('row', { name: /^k-gpu-2/ })).toBeNull());
    expect(calls.filter(([m]) => m === 'targets.list')).toHaveLength(2);
    emit('targets.changed', { source: 'kubernetes (context prod)', ok: false, reason: 'kubectl get nodes timed out' });
    expect(useAppStore.getState().notices.at(-1)).toMatchObject({
      kind: 'error',
      text: 'Could not refresh kubernetes (context prod): kubectl get nodes timed out',
    });
  });

  it('say why a refresh failed, and keep the list', async () => {
    const { api } = server(() => ({ ok: false, reason: 'kubectl: context "prod" not found' }));
    renderView(api);
    await waitFor(() => row('k-gpu-2'));
    fireEvent.click(sources().getByRole('button', { name: 'Refresh kubernetes · context prod' }));
    await waitFor(() =>
      expect(useAppStore.getState().notices.at(-1)).toMatchObject({
        kind: 'error',
        text: 'Could not refresh kubernetes · context prod: kubectl: context "prod" not found',
      }),
    );
    expect(row('k-gpu-2')).toBeTruthy();
  });

  it('from a file have no Refresh: the file is imported again', async () => {
    const { api } = server(refreshed);
    renderView(api);
    await waitFor(() => row('hpc-a'));
    const line = sources().getByText('slurm · cluster hpc').closest('li')!;
    expect(line.textContent).toContain('1 node · from nodes.txt · imported 3 h ago');
    expect(line.textContent).toContain('re-import the file to refresh');
    expect(within(line).queryByRole('button')).toBeNull();
  });

  it('are found by source kind, scope and node name', async () => {
    const { api } = server(refreshed);
    renderView(api);
    await waitFor(() => row('hpc-a'));
    const filter = screen.getByLabelText('Filter targets');
    fireEvent.change(filter, { target: { value: 'gpu01' } });
    expect(screen.getByText('Showing 1 of 5')).toBeTruthy();
    expect(row('hpc-a')).toBeTruthy();
    fireEvent.change(filter, { target: { value: 'kubernetes prod' } });
    expect(screen.getByText('Showing 2 of 5')).toBeTruthy();
    fireEvent.change(filter, { target: { value: 'slurm' } });
    expect(screen.getByText('Showing 1 of 5')).toBeTruthy();
  });

  it('are not edited by hand: the form says to re-import instead', async () => {
    const { api } = server(refreshed);
    renderView(api);
    await waitFor(() => row('k-gpu-1'));
    fireEvent.click(screen.getByRole('button', { name: 'Edit k-gpu-1' }));
    const form = within(screen.getByRole('region', { name: 'Edit target k-gpu-1' }));
    expect(form.getByRole('alert').textContent).toBe('Imported from kubernetes; re-import to change it.');
    expect(form.queryByRole('button', { name: 'Save target' })).toBeNull();
    fireEvent.click(form.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Edit target k-gpu-1' })).toBeNull();
  });

  it('are never a type a person can add by hand', async () => {
    const { api } = server(refreshed);
    renderView(api);
    await waitFor(() => row('local'));
    fireEvent.click(screen.getByRole('button', { name: 'Add a target' }));
    const options = within(screen.getByLabelText('Type')).getAllByRole('option');
    expect(options.map((o) => (o as HTMLOptionElement).value)).toEqual(['local', 'ssh', 'cloud']);
  });
});

describe('source helpers', () => {
  it('group the targets by source and file, with what a refresh sends', () => {
    const groups = sourceGroups(targets());
    expect(groups.map((g) => [g.label, g.count, g.file, g.refresh])).toEqual([
      ['kubernetes · context prod', 2, undefined, { kind: 'kubernetes', apply: true, context: 'prod' }],
      ['slurm · cluster hpc', 1, 'nodes.txt', { kind: 'slurm', apply: true, cluster: 'hpc' }],
    ]);
  });

  it('write a catalog row and a Nomad address', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(
      sourceLine(
        { kind: 'catalog', context: 'skypilot', node: 'g5.xlarge@us-east-1', importedAt: '2025-06-01T10:00:00Z' },
        now,
      ),
    ).toBe('catalog · context skypilot · row g5.xlarge@us-east-1 · imported 2 h ago');
    expect(
      sourceLine({ kind: 'nomad', address: 'http://n:4646', node: 'gpu-1', importedAt: '2025-06-01T11:59:58Z' }, now),
    ).toBe('nomad · at http://n:4646 · node gpu-1 · imported just now');
  });

  it('let the filter match a node name but not a word it does not hold', () => {
    const [, k1] = targets();
    expect(matchesFilter(k1!, 'gpu-1')).toBe(true);
    expect(matchesFilter(k1!, 'slurm')).toBe(false);
  });
});
