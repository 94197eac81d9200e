// @vitest-environment happy-dom
// How a task starts (empty, named by its owner; the example one preset away; New task), how the app
// asks before replacing an edited task and offers Undo for each change it makes, and the number
// fields reading units as people type them.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from './fake-api';
import { ApiProvider } from '../../renderer/api/context';
import { useAppStore } from '../../renderer/state/app-store';
import { getIn } from '../../renderer/state/task-edit';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import RequirementsView from '../../renderer/views/requirements/RequirementsView';

const store = () => useTaskStore.getState();
const requirements = () => within(screen.getByRole('group', { name: 'Requirements' }));
const lastNotice = () => useAppStore.getState().notices.at(-1);

function renderView() {
  return render(
    <ApiProvider api={fakeApi({}).api}>
      <RequirementsView />
    </ApiProvider>,
  );
}

/** The text that aria-describedby points at: the error under the field. */
function description(field: HTMLElement): string {
  const id = field.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
}

beforeEach(() => {
  localStorage.clear();
  useTaskStore.setState(initialTaskState());
  useAppStore.setState({ notices: [] });
});
afterEach(cleanup);

describe('a new task', () => {
  it('starts empty, its name field focused and waiting, nothing asked of a target', () => {
    renderView();
    const name = screen.getByLabelText('Task name') as HTMLInputElement;
    expect(name.value).toBe('');
    expect(name.placeholder).toBe('name your task');
    expect(document.activeElement).toBe(name);
    // Waiting for a name is not an error yet: the status says what to do.
    expect(name.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('status').textContent).toMatch(/^Name your task/);
    expect(requirements().getByLabelText('Memory (GB)')).toHaveProperty('value', '');
    expect(requirements().getByLabelText('Needs a GPU')).toHaveProperty('checked', false);
    expect(getIn(store().draft, ['task', 'requirements'])).toEqual({});

    fireEvent.change(name, { target: { value: 'finetune-7b' } });
    expect(store().file).toEqual({ task: { name: 'finetune-7b', requirements: {}, preferences: {} } });
    expect(screen.getByRole('status').textContent).toMatch(/valid/);
  });

  it('keeps the example task one click away, as a preset', () => {
    renderView();
    fireEvent.click(screen.getByRole('button', { name: 'Example: GPU training job' }));
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'build-ml-model');
    expect(store().text).toContain('# A GPU training job');
    expect(lastNotice()).toMatchObject({ text: 'Loaded the preset Example: GPU training job' });
  });

  it('starts a New task at once when nothing was edited, and asks first when it was', () => {
    // The app asks inside itself, never through the browser's own dialog.
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    renderView();
    fireEvent.click(screen.getByRole('button', { name: 'CPU build' }));
    fireEvent.click(screen.getByRole('button', { name: 'New task' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', '');

    fireEvent.change(screen.getByLabelText('Task name'), { target: { value: 'mine' } });
    fireEvent.change(requirements().getByLabelText('CPU cores'), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'New task' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toMatch(/A new task replaces “mine”, which you have edited/);
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep my task' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'mine');

    fireEvent.click(screen.getByRole('button', { name: 'New task' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Start a new task' }));
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', '');
    expect(document.activeElement).toBe(screen.getByLabelText('Task name'));
    expect(confirm).not.toHaveBeenCalled();
    vi.unstubAllGlobals();

    // The notice undoes it: the edited task is back.
    expect(lastNotice()!.text).toBe('Started a new task');
    act(() => lastNotice()!.action!.run());
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'mine');
    expect(requirements().getByLabelText('CPU cores')).toHaveProperty('value', '6');
    expect(lastNotice()).toMatchObject({ text: 'Undone: Started a new task', action: { label: 'Redo' } });
  });

  it('asks before a preset replaces an edited task, and its notice undoes it', () => {
    renderView();
    fireEvent.change(screen.getByLabelText('Task name'), { target: { value: 'mine' } });
    fireEvent.change(requirements().getByLabelText('Memory (GB)'), { target: { value: '16' } });
    fireEvent.click(screen.getByRole('button', { name: 'Multi-GPU training' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toMatch(/The preset Multi-GPU training replaces “mine”/);
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Use Multi-GPU training' }));
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'mine');

    fireEvent.click(within(ask).getByRole('button', { name: 'Use Multi-GPU training' }));
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'multi-gpu-training');
    expect(lastNotice()).toMatchObject({ kind: 'info', text: 'Loaded the preset Multi-GPU training' });
    expect(lastNotice()!.action!.label).toBe('Undo');
    act(() => lastNotice()!.action!.run());
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'mine');
    expect(getIn(store().draft, ['task', 'requirements'])).toEqual({ memoryGb: 16 });
  });

  it('a preset applied to an unedited task does not ask', () => {
    renderView();
    fireEvent.click(screen.getByRole('button', { name: 'CPU build' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cheap batch' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByLabelText('Task name')).toHaveProperty('value', 'cheap-batch');
  });
});

describe('the number fields', () => {
  it('read a number with its unit or currency sign, and refuse another unit, naming the field’s', () => {
    renderView();
    const memory = requirements().getByLabelText('Memory (GB)');
    fireEvent.change(memory, { target: { value: '128GB' } });
    expect(getIn(store().draft, ['task', 'requirements', 'memoryGb'])).toBe(128);
    expect(memory).toHaveProperty('value', '128GB');
    fireEvent.change(memory, { target: { value: '1,024 GB' } });
    expect(getIn(store().draft, ['task', 'requirements', 'memoryGb'])).toBe(1024);
    fireEvent.change(requirements().getByLabelText('Max cost per run (USD)'), { target: { value: '$32.77' } });
    expect(getIn(store().draft, ['task', 'requirements', 'maxCost'])).toBe(32.77);
    fireEvent.change(requirements().getByLabelText('Max runtime (minutes)'), { target: { value: '180 min' } });
    expect(getIn(store().draft, ['task', 'requirements', 'maxRuntimeMinutes'])).toBe(180);
    fireEvent.click(requirements().getByLabelText('Needs a GPU'));
    fireEvent.change(requirements().getByLabelText('Min VRAM per GPU (GB)'), { target: { value: '24 GB' } });
    expect(getIn(store().draft, ['task', 'requirements', 'gpu', 'minVram'])).toBe(24);
    expect(memory.getAttribute('aria-invalid')).toBe('false');

    fireEvent.change(memory, { target: { value: '128 GiB' } });
    expect(memory.getAttribute('aria-invalid')).toBe('true');
    expect(description(memory)).toBe('Memory is in GB; "128 GiB" is not GB (128 GiB is 137.4 GB)');
    const runtime = requirements().getByLabelText('Max runtime (minutes)');
    fireEvent.change(runtime, { target: { value: '3 h' } });
    expect(description(runtime)).toBe('Max runtime is in minutes; "3 h" is not minutes (3 h is 180 minutes)');
  });

  it('have placeholders that read as hints, never as values', () => {
    renderView();
    fireEvent.click(requirements().getByRole('button', { name: 'Add tool' }));
    fireEvent.click(requirements().getByRole('button', { name: 'Add label' }));
    const placeholders = [...document.querySelectorAll('input[placeholder]')].map(
      (i) => (i as HTMLInputElement).placeholder,
    );
    expect(placeholders.length).toBeGreaterThan(3);
    for (const p of placeholders) expect(p, p).toMatch(/^(e\.g\. |any |name )/);
  });
});
