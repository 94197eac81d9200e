import { isCollection, parseDocument, stringify, type Document } from 'yaml';

type Segment = string | number;

// `[a, b]` as people write it (yaml's default pads it: `[ a, b ]`); long lines are never folded.
const FORMAT = { lineWidth: 0, flowCollectionPadding: false } as const;

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of plain data (what YAML and JSON produce). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameData(a[k], b[k]));
  }
  return false;
}

/** Plain data as a YAML document, the way a person would write it. */
export function toYaml(data: unknown): string {
  return stringify(data, FORMAT);
}

/** Replaces one node, keeping a flow collection (`[a, b]`) in flow style; an empty `{}` grows into a block. */
function replaceNode(doc: Document, path: Segment[], value: unknown): void {
  const old: unknown = doc.getIn(path, true);
  const node = doc.createNode(value);
  if (isCollection(old) && old.flow && old.items.length > 0 && isCollection(node)) node.flow = true;
  doc.setIn(path, node);
}

function patch(doc: Document, path: Segment[], before: unknown, after: unknown): void {
  if (isMap(before) && isMap(after) && Object.keys(before).length === 0 && Object.keys(after).length > 0) {
    replaceNode(doc, path, after);
  } else if (isMap(before) && isMap(after)) {
    for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) doc.deleteIn([...path, key]);
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) doc.setIn([...path, key], doc.createNode(after[key]));
      else patch(doc, [...path, key], before[key], after[key]);
    }
  } else if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    after.forEach((item, i) => patch(doc, [...path, i], before[i], item));
  } else if (!sameData(before, after)) {
    replaceNode(doc, path, after);
  }
}

/**
 * The YAML text changed only where the data changed, so a form edit keeps the file's comments and
 * layout. Falls back to a fresh document when the text does not hold `before`.
 */
export function patchYaml(text: string, before: unknown, after: unknown): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0 || !sameData(doc.toJS(), before)) return toYaml(after);
  patch(doc, [], before, after);
  const out = doc.toString(FORMAT);
  return sameData(parseDocument(out).toJS(), after) ? out : toYaml(after);
}

/** `task.requirements.tools[1]` → `['task', 'requirements', 'tools', 1]` */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * The 1-based line of the YAML text where a problem's path is (or its nearest existing parent), so
 * the YAML tab can say where to look; null when the text does not parse.
 */
export function lineOfPath(text: string, path: string): number | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  const segments = pathSegments(path);
  for (let n = segments.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return text.slice(0, range[0]).split('\n').length;
  }
  return null;
}
