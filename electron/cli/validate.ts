import * as z from 'zod';
import { checkTargetsFile, checkTaskFile, detectKind, MAX_TARGETS_FILE_BYTES } from '../../shared/files/parse.js';
import { targetsFile } from '../../shared/schema/targets.js';
import { taskOrPipelineFile } from '../../shared/schema/task.js';
import { InputError, problemLines } from '../config/load.js';
import { readDataFile } from '../config/read-file.js';
import { write } from './output.js';

/** `validate`: each file's kind when valid, on stdout; every problem of the others, with file and path. */
export async function runValidate(files: readonly string[]): Promise<void> {
  const lines: string[] = [];
  let valid = 0;
  for (const file of files) {
    let data = await readDataFile(file);
    // Past the 16 MB of a task file, only a targets file (a cloud catalog) may go on, to its own limit.
    if (!data.ok && /over the \d+ MB limit/.test(data.problems[0]?.message ?? '')) {
      const large = await readDataFile(file, MAX_TARGETS_FILE_BYTES);
      if (large.ok && detectKind(large.value) === 'targets') data = large;
    }
    if (!data.ok) {
      lines.push(...problemLines(file, data));
      continue;
    }
    const kind = detectKind(data.value);
    const parsed = kind === 'targets' ? checkTargetsFile(data.value) : checkTaskFile(data.value);
    if (kind === null) lines.push(`${file}: expected a task file (task: or pipeline:) or a targets file (targets:)`);
    else if (!parsed.ok) lines.push(...problemLines(file, parsed));
    else {
      valid++;
      write(`${file}: valid ${kind} file`);
    }
  }
  if (lines.length > 0) throw new InputError(lines);
  if (valid === 0) throw new InputError(['validate: no files given']);
}

/** `schema`: the JSON Schema of a task or targets file, for editor completion. */
export function schemaOf(kind: 'task' | 'targets'): string {
  const schema = kind === 'task' ? taskOrPipelineFile : targetsFile;
  return JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2);
}
