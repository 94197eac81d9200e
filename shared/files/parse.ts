import { isDocument, parseDocument } from 'yaml';
import { z } from 'zod';
import { targetsFile, type TargetsFile } from '../schema/targets.js';
import { pipelineFile, taskFile, type TaskOrPipelineFile } from '../schema/task.js';
import { formatIssues, type FileProblem } from './issues.js';

/** Files larger than this are refused before parsing (16 MB, decimal like every size here). */
export const MAX_FILE_BYTES = 16_000_000;
/** A targets file may hold a cloud catalog: tens of thousands of instance types (64 MB). */
export const MAX_TARGETS_FILE_BYTES = 64_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FileProblem[] };

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/** Where a YAML parser finds the first error: V8's JSON errors do not always say. */
function yamlPosition(source: string): string {
  const pos = parseDocument(source, { prettyErrors: true }).errors[0]?.linePos?.[0];
  return pos ? `line ${pos.line}, column ${pos.col}: ` : '';
}

/** Parses YAML (or JSON, when the name ends in .json) into plain data, refusing alias bombs. */
export function parseText(text: string, fileName: string): Parsed<unknown> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') return { ok: false, problems: [{ path: '', message: 'the file is empty' }] };
  if (fileName.toLowerCase().endsWith('.json')) {
    try {
      return { ok: true, value: JSON.parse(source) as unknown };
    } catch (err) {
      const message = (err as Error).message;
      const at = /position (\d+)/.exec(message);
      const where = at ? `${lineColumn(source, Number(at[1]))}: ` : yamlPosition(source);
      return {
        ok: false,
        problems: [
          { path: '', message: `${where}invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}` },
        ],
      };
    }
  }
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true, stringKeys: true });
  if (!isDocument(doc)) return { ok: false, problems: [{ path: '', message: 'invalid YAML' }] };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 5).map((e) => {
        const pos = e.linePos?.[0];
        const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return { path: '', message: `${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}invalid YAML: ${first}` };
      }),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (err) {
    const message = (err as Error).message;
    if (/alias/i.test(message))
      return { ok: false, problems: [{ path: '', message: 'YAML aliases expand too much (an alias bomb?); refused' }] };
    return { ok: false, problems: [{ path: '', message: `invalid YAML: ${message.split('\n')[0]}` }] };
  }
}

function check<T>(schema: z.ZodType<T>, data: unknown): Parsed<T> {
  const r = schema.safeParse(data, { reportInput: true });
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: formatIssues(r.error.issues, schema) };
}

function isMap(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

/** Validates parsed data as a task file: one `task:` or one `pipeline:`. */
export function checkTaskFile(data: unknown): Parsed<TaskOrPipelineFile> {
  if (!isMap(data) || (!('task' in data) && !('pipeline' in data)))
    return {
      ok: false,
      problems: [{ path: '', message: 'expected a map with a top-level "task:" or "pipeline:" key' }],
    };
  if ('task' in data && 'pipeline' in data)
    return { ok: false, problems: [{ path: '', message: 'a task file holds "task:" or "pipeline:", not both' }] };
  return 'task' in data ? check(taskFile, data) : check(pipelineFile, data);
}

/** Validates parsed data as a targets and options file. */
export function checkTargetsFile(data: unknown): Parsed<TargetsFile> {
  if (!isMap(data) || !('targets' in data))
    return { ok: false, problems: [{ path: '', message: 'expected a map with a top-level "targets:" list' }] };
  return check(targetsFile, data);
}

export type FileKind = 'task' | 'targets';

/** Tells a task file from a targets file by its top-level keys. */
export function detectKind(data: unknown): FileKind | null {
  if (!isMap(data)) return null;
  if ('task' in data || 'pipeline' in data) return 'task';
  if ('targets' in data || 'placement' in data) return 'targets';
  return null;
}
