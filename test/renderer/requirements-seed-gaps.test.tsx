// @vitest-environment happy-dom
// The Requirements view with issue 15's requirements: a "No cloud targets" box writes `allowCloud:
// false` (hard requirements only), and `targetTypes`, which the form has no field for, is valid in the
// YAML and kept through form edits.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/contract';
import type { AppApi } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { EXAMPLE_TASK_TEXT } from '../../renderer/state/task-presets';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import RequirementsView from '../../renderer/views/requirements/RequirementsView';

const api: AppApi = { client: {} as ApiClient, on: () => () => undefined, transport: 'http', save: async () => true };

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
  useTaskStore.setState(initialTaskState(EXAMPLE_TASK_TEXT));
});
afterEach(cleanup);

describe('kinds of target in the Requirements view', () => {
  it('"No cloud targets" writes allowCloud: false, and unchecked asks nothing; preferences have no such box', () => {
    renderView();
    const box = requirements().getByLabelText('No cloud targets');
    expect(box).toHaveProperty('checked', false);
    fireEvent.click(box);
    expect(store().text).toMatch(/^ {4}allowCloud: false$/m);
    expect(store().file).toMatchObject({ task: { requirements: { allowCloud: false } } });
    expect(screen.getByRole('status').textContent).toMatch(/valid/);
    fireEvent.click(box);
    expect(store().text).not.toContain('allowCloud');
    expect(preferences().queryByLabelText('No cloud targets')).toBeNull();
  });

  it('targetTypes written in the YAML is valid, and a form edit keeps it', () => {
    renderView();
    fireEvent.click(screen.getByRole('tab', { name: 'YAML' }));
    const yaml = screen.getByLabelText('Task file (YAML)');
    fireEvent.change(yaml, {
      target: { value: store().text.replace('  requirements:\n', '  requirements:\n    targetTypes: [local, ssh]\n') },
    });
    expect(screen.getByRole('status').textContent).toMatch(/valid/);
    fireEvent.click(screen.getByRole('tab', { name: 'Form' }));
    fireEvent.change(requirements().getByLabelText('Memory (GB)'), { target: { value: '48' } });
    expect(store().file).toMatchObject({ task: { requirements: { targetTypes: ['local', 'ssh'], memoryGb: 48 } } });
  });
});
