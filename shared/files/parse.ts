import { load, YAMLException } from 'js-yaml';
import * as z from 'zod';
import { targetsFile, type TargetsFile } from '../schema/targets.js';
import { pipelineFile, taskFile, type TaskOrPipelineFile } from '../schema/task.js';
import { checkWith, type FileProblem } from './issues.js';

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
  try {
    load(source);
  } catch (err) {
    if (err instanceof YAMLException && err.mark) return `line ${err.mark.line + 1}, column ${err.mark.column + 1}: `;
  }
  return '';
}

const NOT_A_TREE = Symbol('a node that contains itself');

/**
 * How many nodes the data holds with every alias expanded, against how many were written: aliases
 * share one object, so an alias bomb parses quickly and explodes only later, in whatever walks it.
 * NOT_A_TREE when an alias refers to a node that contains it.
 */
function expansion(root: unknown): { written: number; expanded: number } | typeof NOT_A_TREE {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let written = 0;
  const size = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    if (open.has(value)) throw NOT_A_TREE;
    open.add(value);
    let n = 1;
    written++;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child !== 'object' || child === null) written++;
      n += size(child);
    }
    open.delete(value);
    sizes.set(value, n);
    return n;
  };
  try {
    return { expanded: size(root), written };
  } catch (err) {
    if (err === NOT_A_TREE) return NOT_A_TREE;
    throw err;
  }
}

/** Parses YAML (or JSON, when the name ends in .json) into plain data, refusing alias bombs. */
export function parseText(text: string, fileName: string): Parsed<unknown> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') return { ok: false, problems: [{ path: '', message: 'the file is empty' }] };
  if (fileName.toLowerCase().endsWith('.json')) {
    try {
      return { ok: true, value: JSON.parse(source) as unknown };
    } catch (err) {
      // V8 quotes the text around the error, line breaks included: the problem stays one line.
      const message = (err as Error).message.replace(/\s+/g, ' ');
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
  let value: unknown;
  try {
    value = load(source);
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    const at = err.mark ? `line ${err.mark.line + 1}, column ${err.mark.column + 1}: ` : '';
    return { ok: false, problems: [{ path: '', message: `${at}invalid YAML: ${err.reason}` }] };
  }
  // An alias (`*name`) repeats a node: a few may stand for a template, but not a tree many times the
  // size of the file (an alias bomb), nor one that contains itself.
  if (source.includes('*')) {
    const size = expansion(value);
    if (size === NOT_A_TREE)
      return {
        ok: false,
        problems: [{ path: '', message: 'a YAML alias refers to a node that contains it; refused' }],
      };
    if (size.expanded > 10 * size.written + 10_000)
      return { ok: false, problems: [{ path: '', message: 'YAML aliases expand too much (an alias bomb?); refused' }] };
  }
  return { ok: true, value };
}

function check<T>(schema: z.ZodType<T>, data: unknown): Parsed<T> {
  return checkWith(schema, data);
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
