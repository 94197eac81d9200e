// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/api/contract';
import type { AppApi, SavedFile } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { getIn } from '../../renderer/state/task-edit';
import { EXAMPLE_TASK_TEXT } from '../../renderer/state/task-presets';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import RequirementsView from '../../renderer/views/requirements/RequirementsView';

const saved: SavedFile[] = [];
const api: AppApi = {
  client: {} as ApiClient,
  on: () => () => undefined,
  transport: 'http',
  save: vi.fn(async (file: SavedFile) => {
    saved.push(file);
    return true;
  }),
};

function renderView() {
  return render(
    <ApiProvider api={api}>
      <RequirementsView />
    </ApiProvider>,
  );
}

const store = () => useTaskStore.getState();
const requirements = () => within(screen.getByRole('group', { name: 'Requirements' }));
const preferences = () => within(screen.getByRole('group', { name: 'Preferences' }));

beforeEach(() => {
  localStorage.clear();
  // These tests edit the example task; how a task starts is tested in requirements-start.test.tsx.
  useTaskStore.setState(initialTaskState(EXAMPLE_TASK_TEXT));
  saved.length = 0;
});
afterEach(cleanup);

describe('the Requirements view', () => {
  it('shows the task in the form, requirements and preferences apart', () => {
    renderView();
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'build-ml-model');
    expect(requirements().getByLabelText('Memory (GB)')).toHaveProperty('value', '16');
    expect(preferences().getByLabelText('Memory (GB)')).toHaveProperty('value', '64');
    expect(requirements().getByLabelText('Min VRAM per GPU (GB)')).toHaveProperty('value', '8');
    expect(requirements().getByLabelText('Tool 2 name')).toHaveProperty('value', 'docker');
    expect(requirements().getByLabelText('Tool 2 version range')).toHaveProperty('value', '>=24');
    expect(screen.getByRole('status').textContent).toMatch(/valid/);
  });

  it('writes a form edit into the YAML, and a YAML edit into the form', () => {
    renderView();
    fireEvent.change(requirements().getByLabelText('Memory (GB)'), { target: { value: '48' } });
    expect(store().text).toMatch(/^ {4}memoryGb: 48$/m);
    expect(store().file).toMatchObject({ task: { requirements: { memoryGb: 48 } } });

    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    const yaml = screen.getByLabelText('Task file (YAML)');
    expect((yaml as HTMLTextAreaElement).value).toContain('memoryGb: 48');
    fireEvent.change(yaml, { target: { value: store().text.replace('cpu: 4', 'cpu: 12') } });

    fireEvent.click(screen.getByRole('tab', { name: 'Form' }));
    expect(requirements().getByLabelText('CPU cores')).toHaveProperty('value', '12');
  });

  it('shows a bad value next to its field, and the YAML problem with its line', () => {
    renderView();
    const memory = requirements().getByLabelText('Memory (GB)');
    fireEvent.change(memory, { target: { value: 'lots' } });
    expect(memory.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(memory.getAttribute('aria-describedby')!)!;
    expect(error.textContent).toMatch(/expected a number ≥ 0 \(GB\), got "lots"/);
    expect(screen.getByRole('status').textContent).toMatch(/1 problem/);

    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    const problems = screen.getByRole('list', { name: 'Problems in the YAML' });
    expect(problems.textContent).toMatch(/line 6.*task\.requirements\.memoryGb.*"lots"/);
  });

  it('edits the GPU block, tools and labels', () => {
    renderView();
    fireEvent.change(requirements().getByLabelText('GPU count'), { target: { value: '2' } });
    fireEvent.click(requirements().getByRole('button', { name: 'Add tool' }));
    fireEvent.change(requirements().getByLabelText('Tool 3 name'), { target: { value: 'node' } });
    fireEvent.change(requirements().getByLabelText('Tool 3 version range'), { target: { value: '^20' } });
    fireEvent.click(requirements().getByRole('button', { name: 'Add label' }));
    fireEvent.change(requirements().getByLabelText('Label 1 key'), { target: { value: 'region' } });
    fireEvent.change(requirements().getByLabelText('Label 1 value'), { target: { value: 'eu-west-1' } });
    expect(getIn(store().draft, ['task', 'requirements'])).toMatchObject({
      gpu: { count: 2 },
      tools: ['python3', 'docker>=24', 'node@^20'],
      custom: { region: 'eu-west-1' },
    });
    expect(store().problems).toEqual([]);

    fireEvent.click(requirements().getByLabelText('Needs a GPU'));
    expect(getIn(store().draft, ['task', 'requirements', 'gpu'])).toBeUndefined();
    expect(requirements().queryByLabelText('GPU count')).toBeNull();
  });

  it('applies a preset, and edits a pipeline node by node', () => {
    renderView();
    fireEvent.click(screen.getByRole('button', { name: 'Multi-GPU training' }));
    expect(store().file).toMatchObject({ task: { name: 'multi-gpu-training', requirements: { gpu: { count: 4 } } } });

    fireEvent.click(screen.getByLabelText('Pipeline'));
    expect(screen.getByLabelText('Node')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add node' }));
    expect(screen.getByLabelText('Node id')).toHaveProperty('value', 'step-2');
    fireEvent.change(requirements().getByLabelText('CPU cores'), { target: { value: '2' } });
    const file = store().file!;
    expect('pipeline' in file && file.pipeline.nodes.map((n) => [n.id, n.requirements.cpu])).toEqual([
      ['step-1', 32],
      ['step-2', 2],
    ]);
    // Back to the first node: its own values.
    fireEvent.change(screen.getByLabelText('Node'), { target: { value: '0' } });
    expect(requirements().getByLabelText('CPU cores')).toHaveProperty('value', '32');
  });

  it('opens a file, naming it and the path of each problem', async () => {
    renderView();
    const input = screen.getByLabelText('Open task file…') as HTMLInputElement;
    const bad = new File(['task:\n  name: x\n  requirements: {memoryGb: -1}\n'], 'bad.yaml', { type: 'text/yaml' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [bad] } });
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(screen.getByText(/^bad\.yaml: task\.requirements\.memoryGb: expected a number ≥ 0/)).toBeTruthy();
    expect(requirements().getByLabelText('Memory (GB)')).toHaveProperty('value', '-1');
  });

  it('saves the YAML through the app', async () => {
    renderView();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save task file' }));
    });
    expect(saved).toEqual([
      { filename: 'task.yaml', mimeType: 'application/yaml', encoding: 'utf8', content: store().text },
    ]);
  });
});

describe('the estimate block', () => {
  const estimate = () => within(screen.getByRole('group', { name: 'Estimate' }));

  it('is filled in by the fine-tune preset and written into the task; emptied, it leaves no block behind', async () => {
    renderView();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Fine-tune a 7B model' }));
    });
    // The example was not edited: the preset replaces it without asking.
    const confirm = screen.queryByRole('button', { name: /^Replace/ });
    if (confirm)
      await act(async () => {
        fireEvent.click(confirm);
      });
    expect(estimate().getByLabelText('Minutes on the reference')).toHaveProperty('value', '180');
    expect(estimate().getByLabelText(/Reference GPU/)).toHaveProperty('value', 'A10G');
    expect(store().file).toMatchObject({ task: { estimate: { minutes: 180, on: { gpu: 'A10G' } } } });
    fireEvent.change(estimate().getByLabelText(/Reference GPU/), { target: { value: '' } });
    fireEvent.change(estimate().getByLabelText('Or reference cores'), { target: { value: '8 cores' } });
    expect(getIn(store().draft, ['task', 'estimate', 'on'])).toEqual({ cpu: 8 });
    fireEvent.change(estimate().getByLabelText('Or reference cores'), { target: { value: '' } });
    fireEvent.change(estimate().getByLabelText('Minutes on the reference'), { target: { value: '' } });
    expect(getIn(store().draft, ['task', 'estimate'])).toBeUndefined();
    expect(store().text).not.toMatch(/estimate/);
  });

  it('refuses a reference GPU the table does not know, naming the field', () => {
    renderView();
    fireEvent.change(estimate().getByLabelText('Minutes on the reference'), { target: { value: '60' } });
    fireEvent.change(estimate().getByLabelText(/Reference GPU/), { target: { value: 'Mystery X1' } });
    expect(estimate().getByText(/"Mystery X1" is not one/)).toBeTruthy();
  });
});
