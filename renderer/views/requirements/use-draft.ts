import { useCallback, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatPath, type FileProblem } from '../../../shared/files/issues';
import { getIn, setIn, type DataPath } from '../../state/task-edit';
import { problemsUnder } from '../../state/task-selectors';
import { useTaskStore } from '../../state/task-store';

/** The value at `path` in the task being edited (as written in the file). */
export function useDraftValue(path: DataPath): unknown {
  return useTaskStore((s) => getIn(s.draft, path));
}

/** Sets one value of the task (undefined removes it); the YAML follows, keeping its comments. */
export function useEditDraft(): (path: DataPath, value: unknown) => void {
  return useCallback((path, value) => {
    const { draft, setFile } = useTaskStore.getState();
    setFile(setIn(draft, path, value));
  }, []);
}

/** The problems at `path` or beneath it. */
export function useProblems(path: DataPath): FileProblem[] {
  const at = formatPath(path);
  return useTaskStore(useShallow((s) => problemsUnder(s.problems, at)));
}

/**
 * A text field's own text while it is being typed in ("1." is not yet a number), reset when the task
 * changes underneath it (the YAML tab, a preset, a relaxation) to something the text does not say.
 */
export function useFieldText<T>(value: T, format: (v: T) => string, parse: (text: string) => T) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value) && JSON.stringify(seen) !== JSON.stringify(value)) {
    setSeen(value);
    if (JSON.stringify(parse(text)) !== JSON.stringify(value)) setText(format(value));
  }
  return [text, setText] as const;
}
