// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { placementOptions } from '../../shared/schema/targets';
import { getIn, setIn } from '../../renderer/state/task-edit';
import { effectiveOptions, problemsUnder } from '../../renderer/state/task-selectors';
import { EXAMPLE_TASK_TEXT } from '../../renderer/state/task-presets';
import { initialTaskState, useTaskStore } from '../../renderer/state/task-store';

const store = () => useTaskStore.getState();

beforeEach(() => {
  localStorage.clear();
  useTaskStore.setState(initialTaskState(EXAMPLE_TASK_TEXT));
});

describe('the task store', () => {
  it('starts with an empty task, asking for nothing, waiting for its name', () => {
    useTaskStore.setState(initialTaskState());
    expect(getIn(store().draft, ['task'])).toEqual({ name: '', requirements: {} });
    expect(store().file).toBeNull();
    expect(store().problems.map((p) => p.path)).toEqual(['task.name']);
  });

  it('holds the example GPU task, as text and as data, when asked for it', () => {
    expect(store().problems).toEqual([]);
    expect(store().text).toContain('name: build-ml-model');
    const file = store().file!;
    expect('task' in file && file.task.requirements.gpu).toMatchObject({ required: true, type: 'nvidia', minVram: 8 });
  });

  it('parses the YAML text into the data, and reports where the schema refuses it', () => {
    store().setText('task:\n  name: t\n  requirements:\n    cpu: 2\n');
    expect(store().file).toMatchObject({ task: { name: 't', requirements: { cpu: 2 } } });

    store().setText('task:\n  name: t\n  requirements:\n    memoryGb: lots\n');
    expect(store().problems).toEqual([
      { path: 'task.requirements.memoryGb', message: expect.stringMatching(/expected a number ≥ 0.*"lots"/) },
    ]);
    // The form sees what was written; the engine keeps the last valid task.
    expect(getIn(store().draft, ['task', 'requirements', 'memoryGb'])).toBe('lots');
    expect(store().file).toMatchObject({ task: { requirements: { cpu: 2 } } });
  });

  it('keeps the last readable data when the text is not YAML, and says on which line', () => {
    const before = store().draft;
    store().setText('task:\n  name: [unclosed\n');
    expect(store().syntaxError).toBe(true);
    expect(store().problems[0]!.message).toMatch(/^line \d+, column \d+: invalid YAML/);
    expect(store().draft).toBe(before);
    expect(store().file).not.toBeNull();
  });

  it('writes a form edit into the YAML where it belongs, keeping the comments', () => {
    store().setFile(setIn(store().draft, ['task', 'requirements', 'memoryGb'], 32));
    expect(store().text).toContain('# A GPU training job');
    expect(store().text).toMatch(/^ {4}memoryGb: 32$/m);
    expect(store().text).toContain('tools: [python3, "docker>=24"]');
    expect(store().file).toMatchObject({ task: { requirements: { memoryGb: 32 } } });

    // Emptying a field removes the key.
    store().setFile(setIn(store().draft, ['task', 'requirements', 'diskGb'], undefined));
    expect(store().text).not.toContain('diskGb');
    expect(store().problems).toEqual([]);
  });

  it('replaces the whole document for a preset-like change', () => {
    store().setFile({ task: { name: 'fresh', requirements: { cpu: 1 } } }, 'replace');
    expect(store().text).toBe('task:\n  name: fresh\n  requirements:\n    cpu: 1\n');
  });

  it('opens a JSON file as YAML, and refuses one that does not parse, naming what is wrong', () => {
    const opened = store().open('job.json', JSON.stringify({ task: { name: 'j', requirements: { cpu: 3 } } }));
    expect(opened).toEqual({ loaded: true, problems: [] });
    expect(store().text).toContain('name: j');
    expect(store().fileName).toBe('job.yaml');

    const bad = store().open('broken.json', '{"task": ');
    expect(bad.loaded).toBe(false);
    expect(bad.problems[0]!.message).toMatch(/invalid JSON/);
    expect(store().text).toContain('name: j');

    const invalid = store().open('odd.yaml', 'task:\n  name: o\n  requirements: {gpuu: true}\n');
    expect(invalid.loaded).toBe(true);
    expect(invalid.problems[0]).toMatchObject({ path: 'task.requirements.gpuu' });
  });

  it('keeps the text and the option overrides in localStorage, and reads them back', async () => {
    store().setText('task:\n  name: kept\n');
    store().setOptions({ tieBreaker: 'cheapest' });
    const saved = localStorage.getItem('placement-explorer-task')!;
    expect(JSON.parse(saved).state).toMatchObject({
      text: 'task:\n  name: kept\n',
      options: { tieBreaker: 'cheapest' },
    });

    // A reload: the store starts afresh (which writes), then reads what the last session left.
    useTaskStore.setState(initialTaskState(EXAMPLE_TASK_TEXT));
    localStorage.setItem('placement-explorer-task', saved);
    await useTaskStore.persist.rehydrate();
    expect(store().file).toEqual({ task: { name: 'kept', requirements: {}, preferences: {} } });
    expect(store().options).toEqual({ tieBreaker: 'cheapest' });
  });

  it('applies a relaxation to the requirements, or to the mode', () => {
    const admitted = store().relax(
      { key: 'gpu.minVram', eliminated: 2, suggestion: 'gpu.minVram ≤ 4 admits x', relaxTo: 4, admits: 'x' },
      0,
    );
    expect(admitted).toBe(true);
    expect(getIn(store().draft, ['task', 'requirements', 'gpu', 'minVram'])).toBe(4);

    store().relax({ key: 'mode', eliminated: 3, suggestion: 'mode burst admits y', relaxTo: 'burst', admits: 'y' }, 0);
    expect(store().options.mode).toBe('burst');

    const nothing = store().relax({ key: 'cpu', eliminated: 1, suggestion: null, relaxTo: null, admits: null }, 0);
    expect(nothing).toBe(false);
  });
});

describe('the task selectors', () => {
  it('find the problems at a path or beneath it, not at a sibling with a longer name', () => {
    const problems = [
      { path: 'task.requirements.tools[1]', message: 'a' },
      { path: 'task.requirements.tools', message: 'b' },
      { path: 'task.requirements.toolsx', message: 'c' },
      { path: 'task.requirements.gpu.minVram', message: 'd' },
    ];
    expect(problemsUnder(problems, 'task.requirements.tools').map((p) => p.message)).toEqual(['a', 'b']);
    expect(problemsUnder(problems, 'task.requirements.gpu').map((p) => p.message)).toEqual(['d']);
  });

  it('lay the overrides over the configured options, an undefined override changing nothing', () => {
    const configured = placementOptions.parse({ mode: 'local-only', tieBreaker: 'id' });
    expect(effectiveOptions(configured, { tieBreaker: 'cheapest', mode: undefined })).toEqual({
      ...configured,
      tieBreaker: 'cheapest',
    });
  });
});
