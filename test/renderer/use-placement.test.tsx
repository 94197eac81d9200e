// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/api/contract';
import { place } from '../../shared/engine/place';
import { EmitError, emitPlacement, type EmitFormat } from '../../shared/export/index';
import type { PlacementResult } from '../../shared/schema/result';
import { placementOptions, target, type Target } from '../../shared/schema/targets';
import { pipelineFile, taskFile, type Task } from '../../shared/schema/task';
import { compare } from '../../shared/engine/place';
import type { AppApi, SavedFile } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { useAppStore } from '../../renderer/state/app-store';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import CompareView from '../../renderer/views/compare/CompareView';
import { useCompareStore } from '../../renderer/views/compare/compare-store';
import { placementToUse, UsePlacement } from '../../renderer/views/compare/use-placement';

const importedAt = '2025-06-01T12:00:00Z';
const linux = { os: 'linux', arch: 'x64', network: true, diskGb: 200, tools: { docker: '27.1.1' } };
const TARGETS: Target[] = [
  { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16, gpus: [], ...linux } },
  {
    id: 'k-gpu-1',
    type: 'kubernetes',
    source: { kind: 'kubernetes', context: 'prod', node: 'gpu-1', importedAt },
    labels: { 'kubernetes.io/hostname': 'gpu-1', 'nvidia.com/gpu.product': 'NVIDIA-A10G' },
    capabilities: { cpu: 8, memoryGb: 32, gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }], ...linux },
  },
  {
    id: 'k-gpu-2',
    type: 'kubernetes',
    source: { kind: 'kubernetes', context: 'prod', node: 'gpu-2', importedAt },
    labels: { 'kubernetes.io/hostname': 'gpu-2', 'nvidia.com/gpu.product': 'NVIDIA-A100' },
    unschedulable: 'cordoned',
    capabilities: { cpu: 32, memoryGb: 128, gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 80 }], ...linux },
  },
  {
    id: 's-gpu01',
    type: 'slurm',
    source: { kind: 'slurm', cluster: 'hpc', node: 'gpu01', importedAt },
    labels: { partition: 'gpu' },
    capabilities: {
      cpu: 64,
      memoryGb: 512,
      gpus: [{ vendor: 'nvidia', model: 'a100', vramGb: 40, count: 4 }],
      ...linux,
    },
  },
  {
    id: 'aws-g5',
    type: 'cloud',
    provider: 'aws',
    instanceType: 'g5.xlarge',
    hourlyRate: 1.006,
    labels: { region: 'us-east-1' },
    capabilities: { cpu: 4, memoryGb: 16, gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }], ...linux },
  },
].map((t) => target.parse(t));

const TASK_YAML = `task:
  name: train
  requirements:
    cpu: 4
    memoryGb: 16
    gpu: {type: nvidia, minVram: 20}
    tools: ["docker>=24"]
`;
const TASK: Task = taskFile.parse({
  task: {
    name: 'train',
    requirements: { cpu: 4, memoryGb: 16, gpu: { type: 'nvidia', minVram: 20 }, tools: ['docker>=24'] },
  },
}).task;

/** The real engine's decision over the fleet; `performance` picks the Slurm node with four A100s. */
function decide(strategy: 'performance' | 'cost-optimized' = 'performance'): PlacementResult {
  const options = placementOptions.parse({ discoveryEnabled: false, strategy });
  return place({ task: TASK }, TARGETS, options, { requestId: 'test' }) as PlacementResult;
}

/** The message of the EmitError the exporter throws for this format. */
function emitFailure(format: EmitFormat, pinned: boolean): string {
  try {
    emitPlacement(format, { task: TASK, result: decide(), targets: TARGETS, pinned });
  } catch (err) {
    if (err instanceof EmitError) return err.message;
    throw err;
  }
  throw new Error(`expected ${format} to have nothing to write`);
}

function apiWith(save: (file: SavedFile) => Promise<boolean> = async () => true): AppApi {
  const client = {
    'targets.resolve': async () => ({
      targets: TARGETS,
      options: placementOptions.parse({ discoveryEnabled: false }),
      ages: Object.fromEntries(TARGETS.map((t) => [t.id, null])),
      failures: [],
    }),
  } as unknown as ApiClient;
  return { client, on: () => () => undefined, transport: 'http', save: vi.fn(save) };
}

function renderPanel(result = decide(), api = apiWith()) {
  render(
    <ApiProvider api={api}>
      <UsePlacement task={TASK} result={result} targets={TARGETS} />
    </ApiProvider>,
  );
  return api;
}

const text = () => (screen.getByLabelText(/ text$/) as HTMLTextAreaElement).value;
const writeText = vi.fn<(text: string) => Promise<void>>();

beforeEach(() => {
  useAppStore.setState({ notices: [] });
  writeText.mockReset();
  writeText.mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(cleanup);

describe('Use this placement', () => {
  it("opens on the winner's scheduler and pins to it when asked", () => {
    const result = decide();
    expect(result.selectedTarget).toBe('s-gpu01');
    renderPanel(result);
    expect(screen.getByRole('tab', { name: 'Slurm' }).getAttribute('aria-selected')).toBe('true');
    expect(text()).toContain('#SBATCH --gres=gpu:a100:1');
    expect(text()).not.toContain('--nodelist');
    fireEvent.click(screen.getByLabelText('Pinned to s-gpu01'));
    expect(text()).toContain('#SBATCH --nodelist=gpu01');
  });

  it('lists what the scheduler cannot express under the text', () => {
    const result = decide();
    renderPanel(result);
    const list = screen.getByText('Not expressible in Slurm (written as comments):').parentElement!;
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    // The exporter's own words (its wording is its own); the tool requirement is among them.
    expect(items).toEqual(emitPlacement('slurm', { task: TASK, result, targets: TARGETS, pinned: false }).unexpressed);
    expect(items.some((i) => i?.startsWith('tool docker>=24'))).toBe(true);
  });

  it('writes each scheduler on its tab, and says why where there is nothing to write', () => {
    renderPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Kubernetes' }));
    expect(text()).toContain('nvidia.com/gpu: "1"');
    expect(screen.getByLabelText('Kubernetes text')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'SkyPilot' }));
    expect(text()).toContain('instance_type: g5.xlarge');
    fireEvent.click(screen.getByRole('tab', { name: 'Nomad' }));
    expect(screen.queryByLabelText('Nomad text')).toBeNull();
    // The exporter's one line, in place of the text (no Nomad node among the targets).
    expect(screen.getByRole('tabpanel').textContent).toBe(emitFailure('nomad', false));
    expect(screen.getByRole('tabpanel').textContent).toMatch(/Nomad/);
    // Pinned to a Slurm node, Kubernetes has nothing to write, and says so.
    fireEvent.click(screen.getByLabelText('Pinned to s-gpu01'));
    fireEvent.click(screen.getByRole('tab', { name: 'Kubernetes' }));
    expect(screen.getByRole('tabpanel').textContent).toBe(emitFailure('kubernetes', true));
    expect(screen.getByRole('tabpanel').textContent).toMatch(/Kubernetes/);
  });

  it('moves between tabs with the arrow keys', () => {
    renderPanel();
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Slurm' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Nomad' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Nomad' }));
  });

  it('copies the text shown to the clipboard', async () => {
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText.mock.calls[0]![0]).toBe(text());
    expect(writeText.mock.calls[0]![0]).toContain('#SBATCH');
    await screen.findByText('Copied the Slurm text.');
  });

  it('says how to copy by hand when the browser refuses the clipboard', async () => {
    writeText.mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText(/The browser refused the clipboard: select the text above and copy it by hand/);
  });

  it('saves the text under a file name of its format', async () => {
    const api = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Save job.sbatch…' }));
    await waitFor(() => expect(api.save).toHaveBeenCalledTimes(1));
    const saved = vi.mocked(api.save).mock.calls[0]![0];
    expect(saved).toMatchObject({ filename: 'job.sbatch', encoding: 'utf8' });
    expect(saved.content).toBe(text());
    expect(useAppStore.getState().notices.at(-1)?.text).toBe('Saved job.sbatch');
    fireEvent.click(screen.getByRole('tab', { name: 'Nomad' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Kubernetes' }));
    expect(screen.getByRole('button', { name: 'Save pod-fragment.yaml…' })).toBeTruthy();
  });
});

describe('the Compare view', () => {
  beforeEach(() => {
    localStorage.clear();
    useTaskStore.setState(initialTaskState());
    useTaskStore.getState().setText(TASK_YAML);
    useCompareStore.setState({ pin: null, sortBy: 'auto', node: 0, selected: null });
  });

  it("shows the panel for the selected strategy's winner, and follows the strategy", async () => {
    useTaskStore.getState().setOptions({ strategy: 'performance' });
    render(
      <ApiProvider api={apiWith()}>
        <CompareView />
      </ApiProvider>,
    );
    await screen.findByRole('heading', { name: 'Use this placement: performance → s-gpu01' });
    expect(text()).toContain('#SBATCH');
    useTaskStore.getState().setOptions({ strategy: 'cost-optimized' });
    const winner = decide('cost-optimized').selectedTarget!;
    expect(winner).not.toBe('s-gpu01');
    await screen.findByRole('heading', { name: `Use this placement: cost-optimized → ${winner}` });
  });
});

describe('placementToUse', () => {
  it("takes a pipeline's selected node as the task, named by the node", () => {
    const file = pipelineFile.parse({
      pipeline: {
        name: 'etl',
        nodes: [
          { id: 'prep', requirements: { cpu: 2 } },
          { id: 'train', requirements: { cpu: 4, gpu: { type: 'nvidia', minVram: 20 } } },
        ],
      },
    });
    const options = placementOptions.parse({ discoveryEnabled: false });
    const compared = compare(file, TARGETS, options, { requestId: 'test' });
    const used = placementToUse(file, compared, 'performance', 1)!;
    expect(used.task.name).toBe('train');
    expect(used.task.requirements.gpu?.minVram).toBe(20);
    const whole = compared.strategies.performance!;
    expect('nodes' in whole && used.result).toBe('nodes' in whole && whole.nodes[1]!.result);
    expect(placementToUse(file, compared, 'performance', 5)).toBeNull();
  });
});
