import type { FileProblem } from '../../shared/files/issues';
import type { PlacementOptions } from '../../shared/schema/targets';
import type { OptionsPatch } from './task-store';

/** The problems at `path` or beneath it (`task.requirements.tools` holds `…tools[1]`). */
export function problemsUnder(problems: readonly FileProblem[], path: string): FileProblem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}

/** The options a placement runs with: the configured ones with this session's overrides laid over. */
export function effectiveOptions(configured: PlacementOptions, patch: OptionsPatch): PlacementOptions {
  const merged: PlacementOptions = { ...configured };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(merged, { [key]: value });
  return merged;
}

/** Whether the task was edited since it was started, loaded from a preset or opened. */
export function isEdited(s: { text: string; pristine: string }): boolean {
  return s.text !== s.pristine;
}

/** The task's name as written, or '' when it has none yet. */
export function taskNameOf(draft: unknown): string {
  const block = typeof draft === 'object' && draft !== null ? (draft as Record<string, unknown>) : {};
  const owner = (block['task'] ?? block['pipeline']) as Record<string, unknown> | undefined;
  const name = owner?.['name'];
  return typeof name === 'string' ? name : '';
}
