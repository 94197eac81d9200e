import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { checkTargetsFile, MAX_TARGETS_FILE_BYTES } from '../../shared/files/parse.js';
import { planImport, type ImportPlan } from '../../shared/fleet/merge.js';
import { priceNodes } from '../../shared/fleet/pricing.js';
import { capabilitySummary, nodeState } from '../../shared/fleet/summary.js';
import { SOURCE_KINDS, sourceKey, targetList, type SourceKind, type Target } from '../../shared/schema/targets.js';
import { InputError, problemLines } from '../config/load.js';
import { readTextFile } from '../config/read-file.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import { parseText } from '../../shared/files/parse.js';
import { readSource, SourceError, type SourceRequest } from '../fleet/read-source.js';
import { table } from './text.js';

/** How many targets the human preview lists. */
const PREVIEW_ROWS = 50;

/** Past this many targets, YAML (which reads at about 2 MB/s) is slow enough to say so. */
const LARGE_YAML = 5000;

export interface ImportFlags {
  file?: string;
  context?: string;
  cluster?: string;
  address?: string;
  cloud?: string;
  out?: string;
  merge?: string;
  dryRun?: boolean;
  json?: boolean;
  timeout?: string;
}

export interface ImportOutcome {
  stdout: string;
  /** Said on stderr when stdout is the targets file itself. */
  stderr?: string;
  warnings: string[];
}

function checkFlags(kind: string, flags: ImportFlags): { kind: SourceKind; timeoutMs: number } {
  const problems: string[] = [];
  if (!(SOURCE_KINDS as readonly string[]).includes(kind))
    problems.push(`import: unknown source "${kind}" (expected one of ${SOURCE_KINDS.join(' | ')})`);
  if (flags.out !== undefined && flags.merge !== undefined) problems.push('import: --out and --merge: choose one');
  if (flags.dryRun && flags.merge === undefined) problems.push('import: --dry-run previews a --merge; name the file');
  const seconds = flags.timeout === undefined ? 15 : Number(flags.timeout);
  if (!(seconds > 0 && seconds <= 600))
    problems.push(`--timeout: expected seconds in (0, 600], got "${flags.timeout}"`);
  const misplaced: [keyof ImportFlags, SourceKind][] = [
    ['context', 'kubernetes'],
    ['cluster', 'slurm'],
    ['address', 'nomad'],
    ['cloud', 'catalog'],
  ];
  for (const [flag, only] of misplaced)
    if (flags[flag] !== undefined && kind !== only && (SOURCE_KINDS as readonly string[]).includes(kind))
      problems.push(`import ${kind}: --${flag} is for ${only} only`);
  if (problems.length > 0) throw new InputError(problems);
  return { kind: kind as SourceKind, timeoutMs: seconds * 1000 };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * A JSON targets file with one target per line: compact enough that a catalog of tens of thousands of
 * instance types stays under the file limit, and still one line of diff per changed target.
 */
function jsonTargetsFile(targets: readonly unknown[], placement?: unknown): string {
  const head = placement === undefined ? '' : `"placement": ${JSON.stringify(placement)},\n`;
  return `{${head}"targets": [\n${targets.map((t) => JSON.stringify(t)).join(',\n')}\n]}\n`;
}

/** The targets as a file's entries, id and type first as people write them. */
function asEntries(targets: readonly Target[]): unknown[] {
  return targets.map(({ id, type, ...rest }) => JSON.parse(JSON.stringify({ id, type, ...rest })) as unknown);
}

/**
 * The merged file's text: the user's file with this source's entries replaced. YAML keeps every
 * comment and every other entry as written; JSON is written again whole.
 */
function mergedText(path: string, text: string, plan: ImportPlan, key: string): string {
  const mine = new Set(
    plan.targets.filter((t) => 'source' in t && t.source && sourceKey(t.source) === key).map((t) => t.id),
  );
  const gone = new Set(plan.removed.map((t) => t.id));
  const isThisSource = (id: unknown) => typeof id === 'string' && (mine.has(id) || gone.has(id));
  if (extname(path).toLowerCase() === '.json') {
    const data = JSON.parse(text) as { targets: { id?: unknown }[] };
    data.targets = [
      ...data.targets.filter((t) => !isThisSource(t.id)),
      ...(asEntries(plan.targets.filter((t) => mine.has(t.id))) as { id: string }[]),
    ];
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const doc = parseDocument(text);
  const seq = doc.get('targets', true);
  if (!isSeq(seq)) throw new InputError([`${path}: targets: expected a list of targets`]);
  seq.items = seq.items.filter((item) => !(isMap(item) && isThisSource(item.get('id'))));
  for (const entry of asEntries(plan.targets.filter((t) => mine.has(t.id)))) seq.items.push(doc.createNode(entry));
  return doc.toString({ lineWidth: 0 });
}

function summaryLine(kind: SourceKind, where: string, dest: string, plan: ImportPlan, count: number): string {
  const nouns =
    kind === 'catalog' ? (count === 1 ? 'instance type' : 'instance types') : count === 1 ? 'node' : 'nodes';
  return (
    `Imported ${count} ${kind} ${nouns} from ${where}${dest}: ${plan.added.length} added, ${plan.changed.length} changed, ` +
    `${plan.removed.length} removed, ${plan.unchanged.length} unchanged.`
  );
}

/** The preview a person reads before trusting an import: every node with what it can do. */
function previewTable(plan: ImportPlan): string {
  const rows: string[][] = [];
  const changed = new Map(plan.changed.map((c) => [c.after.id, c]));
  const added = new Set(plan.added.map((t) => t.id));
  for (const t of plan.targets) {
    const mark = added.has(t.id) ? '+' : changed.has(t.id) ? '~' : plan.unchanged.includes(t) ? '=' : null;
    if (mark === null) continue;
    const c = changed.get(t.id);
    rows.push([
      mark,
      t.id,
      t.type,
      capabilitySummary(t),
      c ? `${nodeState(t)}; changed: ${c.changes.slice(0, 3).join(', ')}` : nodeState(t),
    ]);
  }
  for (const t of plan.removed)
    rows.push(['-', t.id, t.type, capabilitySummary(t), 'removed: no longer in the source']);
  // A catalog is tens of thousands of rows: the first ones show the shape, --json has them all.
  const shown = table(['', 'TARGET', 'TYPE', 'CAPABILITIES', 'STATE'], rows.slice(0, PREVIEW_ROWS));
  return rows.length > PREVIEW_ROWS
    ? `${shown}\n… and ${rows.length - PREVIEW_ROWS} more (--json lists them all)`
    : shown;
}

/** `placement-explorer import KIND`: reads a fleet, and prints it, writes it, or merges it into a targets file. */
export async function runImport(kindArg: string, flags: ImportFlags, env = process.env): Promise<ImportOutcome> {
  const { kind, timeoutMs } = checkFlags(kindArg, flags);
  if (flags.out !== undefined && (await exists(flags.out)))
    throw new InputError([
      `${flags.out}: already exists; use --merge ${flags.out} to update it (hand-written targets are kept)`,
    ]);
  let existingText: string | null = null;
  let existing: Target[] = [];
  if (flags.merge !== undefined) {
    const text = await readTextFile(flags.merge, MAX_TARGETS_FILE_BYTES);
    if (!text.ok) throw new InputError(problemLines(flags.merge, text));
    const data = parseText(text.value, flags.merge);
    const parsed = data.ok ? checkTargetsFile(data.value) : data;
    if (!parsed.ok) throw new InputError(problemLines(flags.merge, parsed));
    existingText = text.value;
    existing = parsed.value.targets;
  }
  const req: SourceRequest = {
    kind,
    file: flags.file,
    context: flags.context,
    cluster: flags.cluster,
    address: flags.address,
    cloud: flags.cloud,
    timeoutMs,
    env,
  };
  let read;
  try {
    read = await readSource(req);
  } catch (err) {
    if (err instanceof SourceError) throw new InputError([err.message]);
    throw err;
  }
  const checked = targetList.safeParse(read.targets);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new InputError([
      `${read.where}: ${issue.path.join('.')}: ${issue.message} (an importer bug: please report it)`,
    ]);
  }
  const key = sourceKey({ kind, ...read.origin, node: '-' });
  const plan0 = planImport(existing, checked.data, key);
  const { targets: priced } = priceNodes(plan0.targets);
  const plan = { ...plan0, targets: priced };
  const warnings = [
    ...read.warnings,
    ...plan.renamed.map((r) => `${r.from}: the id is taken by another target; imported as ${r.to}`),
  ];
  const dest = flags.merge !== undefined ? ` into ${flags.merge}` : flags.out !== undefined ? ` into ${flags.out}` : '';
  const summary = summaryLine(
    kind,
    read.where,
    flags.dryRun ? ` (dry run for ${flags.merge})` : dest,
    plan,
    checked.data.length,
  );

  if (flags.merge !== undefined && !flags.dryRun) {
    const text = mergedText(flags.merge, existingText!, plan, key);
    const again = parseText(text, flags.merge);
    const valid = again.ok ? checkTargetsFile(again.value) : again;
    if (!valid.ok) throw new InputError(problemLines(`${flags.merge} (after the import; nothing was written)`, valid));
    await writeFileAtomic(flags.merge, text);
  } else if (flags.out !== undefined) {
    const entries = asEntries(plan.targets);
    const json = extname(flags.out).toLowerCase() === '.json';
    await writeFileAtomic(
      flags.out,
      json ? jsonTargetsFile(entries) : stringify({ targets: entries }, { lineWidth: 0 }),
    );
  }
  const written = flags.merge ?? flags.out;
  if (
    written !== undefined &&
    !flags.dryRun &&
    plan.targets.length > LARGE_YAML &&
    extname(written).toLowerCase() !== '.json'
  )
    warnings.push(
      `${written}: ${plan.targets.length} targets in YAML take seconds to read at every placement; a .json targets file reads in a fraction of that`,
    );

  if (flags.json) {
    const ids = (list: readonly Target[]) => list.map((t) => t.id);
    return {
      stdout: JSON.stringify(
        {
          source: { kind, ...read.origin, where: read.where },
          added: ids(plan.added),
          changed: plan.changed.map((c) => ({ id: c.after.id, changes: c.changes })),
          removed: ids(plan.removed),
          unchanged: ids(plan.unchanged),
          warnings,
          targets: plan.targets.filter((t) => 'source' in t && t.source && sourceKey(t.source) === key),
        },
        null,
        2,
      ),
      warnings: [],
    };
  }
  if (flags.merge === undefined && flags.out === undefined)
    // No file named: the targets file itself, ready to redirect; the summary goes to stderr.
    return { stdout: stringify({ targets: asEntries(plan.targets) }, { lineWidth: 0 }), stderr: summary, warnings };
  return { stdout: `${summary}\n\n${previewTable(plan)}`, warnings };
}
