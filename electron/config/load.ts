import { checkTargetsFile, checkTaskFile, MAX_TARGETS_FILE_BYTES, type Parsed } from '../../shared/files/parse.js';
import type { TargetsFile } from '../../shared/schema/targets.js';
import type { TaskOrPipelineFile } from '../../shared/schema/task.js';
import { readDataFile } from './read-file.js';

/** A user's mistake in an input file, with one line per problem naming the file and the path. */
export class InputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'InputError';
  }
}

/** `task.yaml: task.requirements.memoryGb: expected a number ≥ 0, got "lots"` */
export function problemLines(file: string, parsed: Parsed<unknown>): string[] {
  if (parsed.ok) return [];
  return parsed.problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
}

async function load<T>(file: string, check: (data: unknown) => Parsed<T>, limit?: number): Promise<T> {
  const data = await readDataFile(file, limit);
  const parsed = data.ok ? check(data.value) : data;
  if (!parsed.ok) throw new InputError(problemLines(file, parsed));
  return parsed.value;
}

/** Loads and validates a task or pipeline file. */
export function loadTaskFile(file: string): Promise<TaskOrPipelineFile> {
  return load(file, checkTaskFile);
}

/** Loads and validates a targets and options file. */
export function loadTargetsFile(file: string): Promise<TargetsFile> {
  return load(file, checkTargetsFile, MAX_TARGETS_FILE_BYTES);
}
