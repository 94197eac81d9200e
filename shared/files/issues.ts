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
  const text = JSON.stringify(value);
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

function knownKeys(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  // Walk the schema along the path to list the keys allowed where an unknown one was found.
  let node: unknown = schema;
  const unwrap = (n: unknown): unknown => {
    for (let i = 0; i < 10 && n && typeof n === 'object' && 'def' in n; i++) {
      const def = (n as { def: Record<string, unknown> }).def;
      if (def['type'] === 'object') return n;
      n =
        def['innerType'] ??
        def['in'] ??
        def['element'] ??
        (def['options'] as unknown[] | undefined)?.find((o) => unwrap(o) !== undefined);
    }
    return undefined;
  };
  for (const p of path) {
    node = unwrap(node);
    if (!node) return [];
    const shape = (node as { shape: Record<string, unknown> }).shape;
    node = typeof p === 'number' ? node : shape[String(p)];
  }
  const obj = unwrap(node) as { shape?: Record<string, unknown> } | undefined;
  return obj?.shape ? Object.keys(obj.shape) : [];
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
          const hint = closest(key, knownKeys(schema, path));
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
        const got = received === 'Infinity' || received === 'NaN' ? '.inf (not a finite number)' : describe(input);
        out.push({
          path: formatPath(path),
          message:
            input === undefined && received === undefined
              ? `missing: ${issue.message}`
              : `${issue.message}, got ${got}`,
        });
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
