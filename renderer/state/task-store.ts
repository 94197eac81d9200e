import type { z } from 'zod';
import { create } from 'zustand';
import { devtools, persist } from 'zustand/middleware';
import type { FileProblem } from '../../shared/files/issues';
import { checkTaskFile, parseText } from '../../shared/files/parse';
import { placementOptionsPatch } from '../../shared/schema/targets';
import type { TaskOrPipelineFile } from '../../shared/schema/task';
import type { AnalysisEntry } from '../../shared/schema/result';
import { demandsPath, getIn, setIn } from './task-edit';
import { DEFAULT_TASK_TEXT } from './task-presets';
import { relaxRequirements } from './task-relax';
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
   * Opens a task file's text (YAML, or JSON by its name). A file that does not parse is not loaded:
   * it says why. One that parses is loaded even when invalid, to be fixed here, with its problems.
   */
  open(fileName: string, text: string): { loaded: boolean; problems: FileProblem[] };
}

type Derived = Pick<TaskState, 'text' | 'draft' | 'file' | 'problems' | 'syntaxError'>;

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

/** A fresh state: the example GPU task, no overrides. */
export function initialTaskState(): Derived & Pick<TaskState, 'fileName' | 'options'> {
  return {
    ...readTask(DEFAULT_TASK_TEXT, { draft: null, file: null }),
    fileName: 'task.yaml',
    options: {},
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
      (set, get) => ({
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
            get().setOptions({ mode: 'burst' });
            return true;
          }
          const { draft, setFile } = get();
          const path = [...demandsPath(draft, node), 'requirements'];
          const written = getIn(draft, path);
          const relaxed = relaxRequirements(
            typeof written === 'object' && written !== null ? (written as Record<string, unknown>) : {},
            entry,
          );
          if (relaxed === null) return false;
          setFile(setIn(draft, path, relaxed));
          return true;
        },
        open(fileName, text) {
          const parsed = parseText(text, fileName);
          if (!parsed.ok) return { loaded: false, problems: parsed.problems };
          // JSON is kept as YAML here (the YAML tab and saving speak YAML); YAML keeps its comments.
          const yaml = fileName.toLowerCase().endsWith('.json') ? toYaml(parsed.value) : text;
          set(
            (s) => ({ ...readTask(yaml, s), fileName: fileName.replace(/\.(json|ya?ml)$/i, '') + '.yaml' }),
            false,
            'task/open',
          );
          return { loaded: true, problems: get().problems };
        },
      }),
      {
        name: STORAGE_KEY,
        version: 1,
        partialize: (s) => ({ text: s.text, fileName: s.fileName, options: s.options }),
        merge: (persisted, current) => {
          const saved = (persisted ?? {}) as Partial<Pick<TaskState, 'text' | 'fileName' | 'options'>>;
          if (typeof saved.text !== 'string') return current;
          const options = placementOptionsPatch.safeParse(saved.options);
          return {
            ...current,
            ...readTask(saved.text, { draft: null, file: null }),
            fileName: typeof saved.fileName === 'string' ? saved.fileName : current.fileName,
            options: options.success ? options.data : {},
          };
        },
      },
    ),
    { name: 'task', enabled: import.meta.env.DEV },
  ),
);
