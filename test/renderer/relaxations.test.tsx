// @vitest-environment happy-dom
// A one-click relaxation is a change the app makes to the task: it says what it changed, offers Undo,
// and never leaves an empty list behind.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisEntry } from '../../shared/schema/result';
import { useAppStore } from '../../renderer/state/app-store';
import { getIn, setIn } from '../../renderer/state/task-edit';
import { describeRelaxation, relaxRequirements } from '../../renderer/state/task-relax';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';
import { Relaxations } from '../../renderer/views/compare/relaxations';

const TASK = 'task:\n  name: t\n  requirements:\n    cpu: 4\n    tools: [python3]\n    custom: {region: eu}\n';
const store = () => useTaskStore.getState();
const lastNotice = () => useAppStore.getState().notices.at(-1);
const entry = (e: Partial<AnalysisEntry> & Pick<AnalysisEntry, 'key'>): AnalysisEntry => ({
  eliminated: 1,
  suggestion: `${e.key} admits x`,
  relaxTo: null,
  admits: 'x',
  ...e,
});

beforeEach(() => {
  localStorage.clear();
  useTaskStore.setState(initialTaskState(TASK));
  useAppStore.setState({ notices: [] });
});
afterEach(cleanup);

describe('a one-click relaxation', () => {
  it('says what it changed, removes an emptied list, and its Undo puts the task back', () => {
    render(
      <Relaxations analysis={[entry({ key: 'tools.python3', suggestion: 'no python3 admits gpu-box' })]} node={0} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Apply: no python3 admits gpu-box' }));
    expect(getIn(store().draft, ['task', 'requirements'])).toEqual({ cpu: 4, custom: { region: 'eu' } });
    expect(store().text).not.toMatch(/tools/);
    expect(lastNotice()).toMatchObject({ kind: 'info', text: 'Relaxed: removed python3 from tools' });
    expect(lastNotice()!.action!.label).toBe('Undo');

    act(() => lastNotice()!.action!.run());
    expect(store().text).toBe(TASK);
    expect(lastNotice()).toMatchObject({ text: 'Undone: Relaxed: removed python3 from tools' });
    act(() => lastNotice()!.action!.run());
    expect(getIn(store().draft, ['task', 'requirements', 'tools'])).toBeUndefined();
  });

  it('says so for the mode too, and its Undo restores the mode', () => {
    store().setOptions({ mode: 'local-only' });
    store().relax(entry({ key: 'mode', relaxTo: 'burst' }), 0);
    expect(store().options.mode).toBe('burst');
    expect(lastNotice()!.text).toMatch(/^Relaxed: mode → burst/);
    act(() => lastNotice()!.action!.run());
    expect(store().options.mode).toBe('local-only');
  });

  it('removes a custom label block it empties, not leaving {}', () => {
    const relaxed = relaxRequirements({ cpu: 4, custom: { region: 'eu' } }, entry({ key: 'custom.region' }));
    expect(relaxed).toEqual({ cpu: 4 });
  });
});

describe('describeRelaxation', () => {
  it('names each change in words', () => {
    expect(describeRelaxation({ gpu: { type: 'nvidia', minVram: 24 } }, { gpu: { type: 'nvidia', minVram: 16 } })).toBe(
      'gpu.minVram 24 → 16',
    );
    expect(describeRelaxation({ network: true, cpu: 2 }, { cpu: 2 })).toBe('removed network: true');
    expect(describeRelaxation({ tools: ['python3', 'docker>=24'] }, { tools: ['python3', 'docker'] })).toBe(
      'tools: docker>=24 → docker',
    );
    expect(describeRelaxation({ maxCost: 5 }, { maxCost: 6.02 })).toBe('maxCost 5 → 6.02');
  });
});

describe('setIn', () => {
  it('removes a key whose list is emptied, as it removes an emptied field', () => {
    const data = { task: { name: 't', requirements: { tools: ['git'], cpu: 1 } } };
    expect(setIn(data, ['task', 'requirements', 'tools'], [])).toEqual({
      task: { name: 't', requirements: { cpu: 1 } },
    });
  });
});
