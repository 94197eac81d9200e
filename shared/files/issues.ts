import type { z } from 'zod';

/** One problem in a file: where it is, and what is wrong, in words. */
export interface FileProblem {
  path: string;
  message: string;
}

/** `task.requirements.gpu`, `targets[3].id` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : '.inf';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  // Structured clone (Electron IPC) carries BigInts, which JSON.stringify refuses with a TypeError.
  if (typeof value === 'bigint') return `${value}n (a BigInt)`;
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 40 ? `${text.slice(0, 37)}…"` : text;
}

/** The known key closest to `key`, when it is a likely typo. */
function closest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

type SchemaNode = { def: Record<string, unknown>; shape?: Record<string, unknown> };

/** The object schemas a schema node can be, looking through optional, default, pipes, arrays and unions. */
function objectsOf(node: unknown, depth = 0): SchemaNode[] {
  if (!node || typeof node !== 'object' || !('def' in node) || depth > 12) return [];
  const def = (node as SchemaNode).def;
  if (def['type'] === 'object') return [node as SchemaNode];
  if (Array.isArray(def['options'])) return (def['options'] as unknown[]).flatMap((o) => objectsOf(o, depth + 1));
  return objectsOf(def['innerType'] ?? def['in'] ?? def['element'], depth + 1);
}

/** The literal a discriminated option fixes for `key` (`type: ssh`), if any. */
function literalOf(obj: SchemaNode, key: string): unknown {
  const field = obj.shape?.[key] as SchemaNode | undefined;
  const values = field && (field.def['values'] as unknown[] | undefined);
  return values?.[0];
}

/** The keys allowed where an unknown one was found; `input` (that object) picks the union option by its `type`. */
function knownKeys(schema: z.ZodType | undefined, path: readonly PropertyKey[], input: unknown): string[] {
  let nodes: SchemaNode[] = objectsOf(schema);
  for (const p of path) {
    if (typeof p === 'number') continue; // arrays are looked through by objectsOf
    nodes = nodes.flatMap((n) => objectsOf(n.shape?.[String(p)]));
  }
  const type = input && typeof input === 'object' ? (input as Record<string, unknown>)['type'] : undefined;
  const chosen = type === undefined ? nodes : nodes.filter((n) => literalOf(n, 'type') === type);
  return [...new Set((chosen.length > 0 ? chosen : nodes).flatMap((n) => Object.keys(n.shape ?? {})))];
}

/** The branch of a failed union that got furthest: the one whose problems lie deepest. */
function bestBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] {
  let best = branches[0] ?? [];
  let depth = -1;
  for (const b of branches) {
    const d = Math.max(...b.map((i) => (i.code === 'invalid_type' && i.path.length === 0 ? -1 : i.path.length)));
    if (d > depth) [best, depth] = [b, d];
  }
  return best;
}

/**
 * Checks `data` with `schema`: the value, or one problem per line. zod's length checks also run on a map
 * with a `length` key, and comparing that with a number throws when it holds an object whose own
 * `toString` is not a function (`{length: [{toString: null}]}`, which JSON and YAML can write): such
 * data is a problem of the whole document, never a crash.
 */
export function checkWith<T>(
  schema: z.ZodType<T>,
  data: unknown,
): { ok: true; value: T } | { ok: false; problems: FileProblem[] } {
  let r;
  try {
    r = schema.safeParse(data, { reportInput: true });
  } catch (err) {
    // Only that TypeError: any other one is a bug in a schema's own code, and stays one.
    if (!(err instanceof TypeError && /cannot convert object to primitive/i.test(err.message))) throw err;
    const message = `holds a map that cannot be read as text or a number (${err.message})`;
    return { ok: false, problems: [{ path: '', message }] };
  }
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: formatIssues(r.error.issues, schema) };
}

/**
 * Turns zod issues into one problem per line, each naming the path and saying what was expected and
 * what was found (`task.requirements.memoryGb: expected a number ≥ 0, got "lots"`).
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  schema?: z.ZodType,
  prefix: readonly PropertyKey[] = [],
): FileProblem[] {
  const out: FileProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const input = (issue as { input?: unknown }).input;
    const received = (issue as { received?: unknown }).received;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const hint = closest(key, knownKeys(schema, path, input));
          out.push({
            path: formatPath([...path, key]),
            message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}`,
          });
        }
        break;
      case 'invalid_union': {
        const branch = bestBranch(issue.errors);
        const deep = branch.some((i) => i.path.length > 0 || i.code !== 'invalid_type');
        if (deep && issue.errors.length > 0) out.push(...formatIssues(branch, schema, path));
        else {
          // A discriminated union reports the whole object; show the discriminator's value instead.
          const discriminator = (issue as { discriminator?: string }).discriminator;
          const shown =
            discriminator && input && typeof input === 'object'
              ? (input as Record<string, unknown>)[discriminator]
              : input;
          out.push({ path: formatPath(path), message: `${issue.message}, got ${describe(shown)}` });
        }
        break;
      }
      case 'invalid_type': {
        const got =
          received === 'Infinity'
            ? '.inf (not a finite number)'
            : received === 'NaN'
              ? '.nan (not a number)'
              : describe(input);
        out.push({
          path: formatPath(path),
          message:
            input === undefined && received === undefined
              ? `missing: ${issue.message}`
              : `${issue.message}, got ${got}`,
        });
        break;
      }
      case 'invalid_key': {
        // A bad key in a map: say what keys must look like, and which key it was.
        const inner = (issue as { issues?: readonly z.core.$ZodIssue[] }).issues?.[0]?.message ?? issue.message;
        out.push({ path: formatPath(path), message: `${inner}, got key ${describe(input)}` });
        break;
      }
      case 'custom':
        out.push({ path: formatPath(path), message: issue.message });
        break;
      default:
        out.push({
          path: formatPath(path),
          message: input === undefined ? issue.message : `${issue.message}, got ${describe(input)}`,
        });
    }
  }
  return out;
}
