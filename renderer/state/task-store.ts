import type { z } from 'zod';
import { create } from 'zustand';
import { devtools, persist } from 'zustand/middleware';
import type { FileProblem } from '../../shared/files/issues';
import { checkTaskFile, parseText } from '../../shared/files/parse';
import { placementOptionsPatch } from '../../shared/schema/targets';
import type { TaskOrPipelineFile } from '../../shared/schema/task';
import type { AnalysisEntry, Flip } from '../../shared/schema/result';
import { useAppStore } from './app-store';
import { convertKind, demandsPath, getIn, isPipeline, nodesOf, setIn } from './task-edit';
import { EMPTY_TASK_TEXT, EXAMPLE_TASK_TEXT, type TaskPreset } from './task-presets';
import { describeRelaxation, relaxRequirements } from './task-relax';
import { patchYaml, toYaml } from './task-yaml';

/** Overrides of the configured placement options (strategy, mode, fallback, tie-breaker). */
export type OptionsPatch = z.output<typeof placementOptionsPatch>;

export interface TaskState {
  /** The task file as YAML: what the YAML tab shows and what is saved. */
  text: string;
  /** The name it is saved under. */
  fileName: string;
  /** The text's data as written (before the schema's normalising), for the form; the last that parsed. */
  draft: unknown;
  /** The last valid task file (`{task}` or `{pipeline}`), normalised: what the engine and the API take. */
  file: TaskOrPipelineFile | null;
  /** What is wrong with the current text (path and message); empty when it is valid. */
  problems: FileProblem[];
  /** The text is not YAML at all: the form shows `draft`, the last text that was. */
  syntaxError: boolean;
  options: OptionsPatch;
  /**
   * The text as it was last started, loaded from a preset or opened: the task is edited when its
   * text differs, and replacing an edited task asks first.
   */
  pristine: string;
  setText(text: string): void;
  /**
   * Replaces the data. `edit` (a form edit) changes the text only where the data changed, keeping
   * comments; `replace` (a preset, a converted file) writes a fresh document.
   */
  setFile(data: unknown, how?: 'edit' | 'replace'): void;
  setOptions(patch: OptionsPatch): void;
  /**
   * Applies one of the analysis' relaxations to the task (or pipeline node `node`): the change the
   * engine verified admits one more target. False when the entry suggests nothing to apply.
   */
  relax(entry: AnalysisEntry, node: number): boolean;
  /**
   * Applies one of `whyNot`'s changes that is the task's or the options' (`task.requirements.maxCost`,
   * `pipeline.nodes.ID.affinity`, `options.strategy`), with Undo. False for a change it cannot make
   * here (a target's price is the targets file's).
   */
  applyChange(change: Flip['change'], label: string): boolean;
  /**
   * Opens a task file's text (YAML, or JSON by its name). A file that does not parse is not loaded:
   * it says why. One that parses is loaded even when invalid, to be fixed here, with its problems.
   */
  open(fileName: string, text: string): { loaded: boolean; problems: FileProblem[] };
  /** Replaces the task with an empty one, for its owner to name. */
  newTask(): void;
  /** Fills the task from a preset, or only pipeline node `node`'s demands when the file is a pipeline. */
  applyPreset(preset: TaskPreset, node: number): void;
  /** Turns the task into a one-node pipeline, or the pipeline's node `node` into a task. */
  convert(node: number): void;
}

type Derived = Pick<TaskState, 'text' | 'draft' | 'file' | 'problems' | 'syntaxError'>;

/** Everything a change by the app replaces, kept so that its notice can undo it. */
type Snapshot = Derived & Pick<TaskState, 'fileName' | 'options' | 'pristine'>;

const snapshotOf = ({
  text,
  draft,
  file,
  problems,
  syntaxError,
  fileName,
  options,
  pristine,
}: TaskState): Snapshot => ({
  text,
  draft,
  file,
  problems,
  syntaxError,
  fileName,
  options,
  pristine,
});

/** The state that follows from a text: its data, its problems, and the last valid file. */
export function readTask(text: string, previous: Pick<TaskState, 'draft' | 'file'>): Derived {
  const parsed = parseText(text, 'task.yaml');
  if (!parsed.ok)
    return { text, draft: previous.draft, file: previous.file, problems: parsed.problems, syntaxError: true };
  const checked = checkTaskFile(parsed.value);
  return {
    text,
    draft: parsed.value,
    file: checked.ok ? checked.value : previous.file,
    problems: checked.ok ? [] : checked.problems,
    syntaxError: false,
  };
}

/** A fresh state: an empty task for its owner to name (or `text`), no overrides. */
export function initialTaskState(text: string = EMPTY_TASK_TEXT): Snapshot {
  return {
    ...readTask(text, { draft: null, file: null }),
    fileName: 'task.yaml',
    options: {},
    pristine: text,
  };
}

const STORAGE_KEY = 'placement-explorer-task';

/**
 * The task being worked on, shared by Requirements (which edits it), Compare (which ranks it) and
 * Export: its YAML text and its data kept in sync, its problems, and the option overrides. The text
 * and the options persist in localStorage, so a reload keeps the work.
 */
export const useTaskStore = create<TaskState>()(
  devtools(
    persist(
      (set, get) => {
        /**
         * Makes a change the app makes to the task (a relaxation, a preset, a new task), and says so
         * in a notice whose Undo puts back what was there; undoing is a change too, with its Redo.
         */
        const change = (label: string, apply: () => void, undone = false) => {
          const before = snapshotOf(get());
          apply();
          if (get().text === before.text && get().options === before.options) return;
          announce(label, before, undone);
        };
        const announce = (label: string, before: Snapshot, undone: boolean) =>
          useAppStore.getState().notify('info', undone ? `Undone: ${label}` : label, {
            label: undone ? 'Redo' : 'Undo',
            run: () => change(label, () => set(before, false, undone ? 'task/redo' : 'task/undo'), !undone),
          });
        return {
          ...initialTaskState(),
          setText: (text) => set((s) => readTask(text, s), false, 'task/setText'),
          setFile: (data, how = 'edit') =>
            set(
              (s) => readTask(how === 'edit' && !s.syntaxError ? patchYaml(s.text, s.draft, data) : toYaml(data), s),
              false,
              `task/setFile/${how}`,
            ),
          setOptions: (patch) => set((s) => ({ options: { ...s.options, ...patch } }), false, 'task/setOptions'),
          relax(entry, node) {
            if (entry.key === 'mode') {
              if (entry.admits === null) return false;
              change('Relaxed: mode → burst, which allows every target', () => get().setOptions({ mode: 'burst' }));
              return true;
            }
            const { draft, setFile } = get();
            const path = [...demandsPath(draft, node), 'requirements'];
            const found = getIn(draft, path);
            const written = typeof found === 'object' && found !== null ? (found as Record<string, unknown>) : {};
            const relaxed = relaxRequirements(written, entry);
            if (relaxed === null) return false;
            const id = isPipeline(draft) ? nodesOf(draft)[node]?.['id'] : undefined;
            const where = typeof id === 'string' ? ` (node ${id})` : '';
            change(`Relaxed: ${describeRelaxation(written, relaxed)}${where}`, () =>
              setFile(setIn(draft, path, relaxed)),
            );
            return true;
          },
          applyChange({ path, to }, label) {
            if (path === 'options.strategy') {
              const strategy = placementOptionsPatch.shape.strategy.safeParse(to);
              if (!strategy.success) return false;
              change(label, () => get().setOptions({ strategy: strategy.data }));
              return true;
            }
            const { draft, setFile } = get();
            let keys: (string | number)[] | null = null;
            if (path.startsWith('task.') && !isPipeline(draft)) keys = ['task', ...path.slice(5).split('.')];
            else if (path.startsWith('pipeline.nodes.') && isPipeline(draft)) {
              const rest = path.slice('pipeline.nodes.'.length);
              const nodes = nodesOf(draft);
              const i = nodes.findIndex((n) => typeof n['id'] === 'string' && rest.startsWith(`${n['id']}.`));
              if (i >= 0) keys = ['pipeline', 'nodes', i, ...rest.slice(String(nodes[i]!['id']).length + 1).split('.')];
            }
            if (keys === null) return false;
            change(label, () => setFile(setIn(draft, keys, to)));
            return true;
          },
          open(fileName, text) {
            const parsed = parseText(text, fileName);
            if (!parsed.ok) return { loaded: false, problems: parsed.problems };
            // JSON is kept as YAML here (the YAML tab and saving speak YAML); YAML keeps its comments.
            const yaml = fileName.toLowerCase().endsWith('.json') ? toYaml(parsed.value) : text;
            change(`Opened ${fileName}`, () =>
              set(
                (s) => ({
                  ...readTask(yaml, s),
                  fileName: fileName.replace(/\.(json|ya?ml)$/i, '') + '.yaml',
                  pristine: yaml,
                }),
                false,
                'task/open',
              ),
            );
            return { loaded: true, problems: get().problems };
          },
          newTask: () =>
            change('Started a new task', () =>
              set((s) => ({ ...initialTaskState(), options: s.options }), false, 'task/newTask'),
            ),
          applyPreset(preset, node) {
            const { draft, setFile } = get();
            if (isPipeline(draft)) {
              const path = ['pipeline', 'nodes', node];
              const old = getIn(draft, path) as Record<string, unknown> | undefined;
              const id = old?.['id'] ?? `step-${node + 1}`;
              change(`Filled node ${String(id)} from the preset ${preset.label}`, () =>
                setFile(setIn(draft, path, { id, ...preset.demands })),
              );
              return;
            }
            const text = preset.text ?? toYaml({ task: { name: preset.name, ...preset.demands } });
            change(`Loaded the preset ${preset.label}`, () =>
              set((s) => ({ ...readTask(text, s), pristine: text }), false, 'task/applyPreset'),
            );
          },
          convert(node) {
            const { draft, setFile } = get();
            const label = isPipeline(draft) ? 'Turned the pipeline into a task' : 'Turned the task into a pipeline';
            change(label, () => setFile(convertKind(draft, node), 'replace'));
          },
        };
      },
      {
        name: STORAGE_KEY,
        version: 1,
        partialize: (s) => ({ text: s.text, fileName: s.fileName, options: s.options, pristine: s.pristine }),
        merge: (persisted, current) => {
          const saved = (persisted ?? {}) as Partial<Pick<TaskState, 'text' | 'fileName' | 'options' | 'pristine'>>;
          if (typeof saved.text !== 'string') return current;
          const options = placementOptionsPatch.safeParse(saved.options);
          return {
            ...current,
            ...readTask(saved.text, { draft: null, file: null }),
            fileName: typeof saved.fileName === 'string' ? saved.fileName : current.fileName,
            options: options.success ? options.data : {},
            // Saved before the app kept it: only the example, as the app then started, is unedited.
            pristine:
              typeof saved.pristine === 'string' ? saved.pristine : saved.text === EXAMPLE_TASK_TEXT ? saved.text : '',
          };
        },
      },
    ),
    { name: 'task', enabled: import.meta.env.DEV },
  ),
);
