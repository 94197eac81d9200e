// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../shared/api/contract';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import type { AppApi } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { useAppStore } from '../../renderer/state/app-store';
import TargetsView from '../../renderer/views/targets/TargetsView';
import { emptyRequest, useFleetImportStore } from '../../renderer/views/targets/fleet-import-store';
import { useTargetsStore } from '../../renderer/views/targets/targets-store';
import { fakeApi, type Handler } from './fake-api';

const importedAt = '2025-06-01T12:00:00Z';
const node = (name: string, extra: Record<string, unknown> = {}): Target =>
  target.parse({
    id: name,
    type: 'kubernetes',
    source: { kind: 'kubernetes', context: 'prod', file: 'nodes.json', node: name, importedAt },
    capabilities: { cpu: 32, memoryGb: 128, gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 40, count: 4 }] },
    ...extra,
  });
const LOCAL = target.parse({ id: 'local', type: 'local', capabilities: { cpu: 8 } });
const OLD = [LOCAL, node('gpu-1'), node('gpu-2'), node('gone-1')];

type ImportOut = ApiOutput<'targets.import'>;

/** What a preview of nodes.json says: gpu-3 added, gpu-1 changed (cordoned), gone-1 removed, gpu-2 unchanged. */
function planned(apply: boolean): ImportOut {
  const gpu1 = node('gpu-1', {
    unschedulable: 'cordoned',
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
  });
  const gpu3 = node('gpu-3', { capabilities: { cpu: 8, memoryGb: 32, gpus: [] } });
  return {
    ok: true,
    where: 'nodes.json',
    added: [gpu3],
    changed: [{ target: gpu1, changes: ['unschedulable added ("cordoned")', 'memoryGb 128 → 125.6'] }],
    removed: [node('gone-1')],
    unchanged: [node('gpu-2')],
    warnings: ['node gpu-3: no GPU memory known for "mystery"'],
    applied: apply,
    targets: [LOCAL, gpu1, node('gpu-2'), gpu3],
  };
}

function server(answer: (input: ApiInput<'targets.import'>) => ImportOut = (i) => planned(i.apply)) {
  let targets = OLD;
  return fakeApi({
    'targets.list': async () => ({ targets }),
    'settings.get': async () => placementOptions.parse({ discoveryEnabled: false }),
    'targets.import': (async (input: ApiInput<'targets.import'>) => {
      const out = answer(input);
      if (out.ok && input.apply) targets = out.targets;
      return out;
    }) as Handler,
  });
}

function renderView(api: AppApi) {
  render(
    <ApiProvider api={api}>
      <TargetsView />
    </ApiProvider>,
  );
}

const imports = (calls: [string, unknown][]) =>
  calls.filter(([m]) => m === 'targets.import').map(([, input]) => input as ApiInput<'targets.import'>);

async function openPanel() {
  await screen.findByRole('row', { name: /^gone-1/ });
  fireEvent.click(screen.getByRole('button', { name: 'Import a fleet' }));
  return within(screen.getByRole('region', { name: 'Import a fleet' }));
}

async function chooseFile(panel: ReturnType<typeof within>, content: string, name = 'nodes.json') {
  const file = new File([content], name, { type: 'application/json' });
  fireEvent.change(panel.getByLabelText('Source file'), { target: { files: [file] } });
  await panel.findByText(`${name} chosen`);
}

beforeEach(() => {
  useTargetsStore.setState({ targets: [], options: null, discovered: {}, filter: '', error: null, loading: false });
  useFleetImportStore.setState({ open: false, request: emptyRequest(), busy: null, preview: null, failure: null });
  useAppStore.setState({ notices: [] });
});
afterEach(cleanup);

describe('Targets → Import a fleet', () => {
  it('sends the chosen file and scope, and previews what would be added, changed and removed', async () => {
    const { api, calls } = server();
    renderView(api);
    const panel = await openPanel();
    expect(panel.getByText('Save it with: kubectl get nodes -o json')).toBeTruthy();
    await chooseFile(panel, '{"items": []}');
    fireEvent.change(panel.getByLabelText('Context name (optional)'), { target: { value: 'prod' } });
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    await panel.findByText('3 nodes from nodes.json: 1 added, 1 changed, 1 removed, 1 unchanged');
    expect(imports(calls)).toEqual([
      { kind: 'kubernetes', text: '{"items": []}', fileName: 'nodes.json', context: 'prod', apply: false },
    ]);
    const table = within(panel.getByRole('table', { name: 'Import preview' }));
    const row = (id: string) => table.getByRole('row', { name: new RegExp(`^\\w+ ${id}`) }).textContent;
    expect(row('gpu-3')).toMatch(/^added/);
    expect(row('gpu-3')).toContain('8 cores, 32 GB, GPUs none');
    expect(row('gpu-1')).toMatch(/^changed/);
    expect(row('gpu-1')).toContain('cordoned; taint nvidia.com/gpu=present:NoSchedule');
    expect(row('gpu-1')).toContain('unschedulable added ("cordoned"); memoryGb 128 → 125.6');
    expect(row('gone-1')).toMatch(/^removed/);
    expect(row('gone-1')).toContain('no longer in the source');
    expect(row('gpu-2')).toMatch(/^unchanged/);
    expect(row('gpu-2')).toContain('32 cores, 128 GB, GPUs 4× A100 40 GB');
    expect(panel.getByRole('list', { name: '1 warning' }).textContent).toBe(
      'node gpu-3: no GPU memory known for "mystery"',
    );
    // Nothing changed yet: the list is as it was.
    expect(useTargetsStore.getState().targets.map((t) => t.id)).toEqual(['local', 'gpu-1', 'gpu-2', 'gone-1']);
  });

  it('applies the import: the list becomes the saved one, with a notice', async () => {
    const { api, calls } = server();
    renderView(api);
    const panel = await openPanel();
    const apply = panel.getByRole('button', { name: 'Apply' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    await chooseFile(panel, '{"items": []}');
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    await panel.findByRole('table', { name: 'Import preview' });
    fireEvent.click(panel.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Import a fleet' })).toBeNull());
    expect(imports(calls).map((i) => i.apply)).toEqual([false, true]);
    expect(imports(calls)[1]!.text).toBe('{"items": []}');
    expect(screen.queryByRole('row', { name: /^gone-1/ })).toBeNull();
    await screen.findByRole('row', { name: /^gpu-3/ });
    expect(useTargetsStore.getState().targets.map((t) => t.id)).toEqual(['local', 'gpu-1', 'gpu-2', 'gpu-3']);
    expect(useAppStore.getState().notices.at(-1)?.text).toBe(
      'Imported 3 nodes from nodes.json: 1 added, 1 changed, 1 removed',
    );
  });

  it('shows why a source could not be read, and applies nothing', async () => {
    const { api, calls } = server(() => ({ ok: false, reason: 'kubectl: not found on PATH' }));
    renderView(api);
    const panel = await openPanel();
    fireEvent.click(panel.getByLabelText('Live'));
    fireEvent.change(panel.getByLabelText('Context (optional)'), { target: { value: 'staging' } });
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    expect((await panel.findByRole('alert')).textContent).toBe('kubectl: not found on PATH');
    expect(imports(calls)).toEqual([{ kind: 'kubernetes', context: 'staging', apply: false }]);
    expect((panel.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    expect(panel.queryByRole('table', { name: 'Import preview' })).toBeNull();
  });

  it('asks for a file before reading one', async () => {
    const { api, calls } = server();
    renderView(api);
    const panel = await openPanel();
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    expect((await panel.findByRole('alert')).textContent).toBe('Choose a file first.');
    expect(imports(calls)).toEqual([]);
  });

  it("sends each live source's own options: Nomad's address, Slurm nothing, a catalog's cloud", async () => {
    const { api, calls } = server();
    renderView(api);
    const panel = await openPanel();
    fireEvent.change(panel.getByLabelText('Source'), { target: { value: 'nomad' } });
    fireEvent.click(panel.getByLabelText('Live'));
    expect((panel.getByLabelText('Address (optional)') as HTMLInputElement).placeholder).toBe('uses NOMAD_ADDR');
    fireEvent.change(panel.getByLabelText('Address (optional)'), { target: { value: 'http://nomad:4646' } });
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    await panel.findByRole('table', { name: 'Import preview' });
    fireEvent.change(panel.getByLabelText('Source'), { target: { value: 'slurm' } });
    expect(panel.queryByRole('textbox')).toBeNull();
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    await panel.findByRole('table', { name: 'Import preview' });
    fireEvent.change(panel.getByLabelText('Source'), { target: { value: 'catalog' } });
    fireEvent.change(panel.getByLabelText('Cloud (optional)'), { target: { value: 'aws' } });
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    await panel.findByRole('table', { name: 'Import preview' });
    expect(imports(calls)).toEqual([
      { kind: 'nomad', address: 'http://nomad:4646', apply: false },
      { kind: 'slurm', apply: false },
      { kind: 'catalog', cloud: 'aws', apply: false },
    ]);
  });

  it('forgets a preview once the source changes, and closes on Cancel', async () => {
    const { api } = server();
    renderView(api);
    const panel = await openPanel();
    await chooseFile(panel, '{}');
    fireEvent.click(panel.getByRole('button', { name: 'Preview' }));
    await panel.findByRole('table', { name: 'Import preview' });
    await act(async () => fireEvent.change(panel.getByLabelText('Source'), { target: { value: 'slurm' } }));
    expect(panel.queryByRole('table', { name: 'Import preview' })).toBeNull();
    expect((panel.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(panel.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'Import a fleet' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import a fleet' })));
    expect(useTargetsStore.getState().targets).toHaveLength(4);
  });
});
