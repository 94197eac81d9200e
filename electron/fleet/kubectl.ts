import { LiveSourceError, MAX_FLEET_BYTES, type SourceOrigin } from '../../shared/fleet/types.js';
import { runCommand, type CommandResult } from '../discovery/run-command.js';
import { findOnPath } from '../discovery/tools.js';

/** kubectl could not give the node list: not installed, too slow, refused, or printed something else. */
export class KubectlError extends LiveSourceError {
  override name = 'KubectlError';
}

export interface KubectlOptions {
  /** The kubeconfig context (`--context`); kubectl's current context when absent. */
  context?: string | undefined;
  /** The kubectl program: a name looked up on PATH, or a path. */
  kubectl?: string;
  /** For the whole read, both kubectl calls together. */
  timeoutMs?: number;
  /**
   * The environment kubectl runs in, and whose PATH is searched for it (default process.env):
   * KUBECONFIG included.
   */
  env?: NodeJS.ProcessEnv | undefined;
  /** The import's time (for tests); now by default. */
  now?: () => Date;
}

// A context name is a kubeconfig map key: anything printable. It goes into an argument array, never a
// shell; the leading '-' rule keeps it from being read as another kubectl flag.
const CONTEXT = /^[^-\s][^\p{Cc}]{0,252}$/u;
// klog's header (`E0521 10:00:00.123456   12345 memcache.go:265] `) in front of kubectl's stderr lines.
const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]+\] /;

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The line of kubectl's stderr that says what went wrong: the first one that is not klog's chatter. */
function firstMeaningfulLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const line = lines.find((l) => !KLOG.test(l)) ?? lines[0]?.replace(KLOG, '') ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function validContext(context: string): string {
  if (!CONTEXT.test(context))
    throw new KubectlError(
      `invalid kubeconfig context ${JSON.stringify(context.slice(0, 60))}: expected a printable name of at most 253 characters, not starting with - or a space`,
    );
  return context;
}

/** The program to run: a bare name is looked up on the given PATH, so that `env` decides which kubectl. */
async function resolveKubectl(kubectl: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (kubectl === '' || kubectl.startsWith('-'))
    throw new KubectlError(`invalid kubectl program ${JSON.stringify(kubectl)}`);
  if (/[\\/]/.test(kubectl)) return kubectl;
  const names = process.platform === 'win32' && !/\.exe$/i.test(kubectl) ? [`${kubectl}.exe`, kubectl] : [kubectl];
  for (const name of names) {
    const found = await findOnPath(name, env['PATH'] ?? env['Path'] ?? '');
    if (found !== null) return found;
  }
  throw notFound(kubectl);
}

function notFound(kubectl: string): KubectlError {
  const where = /[\\/]/.test(kubectl) ? 'not found' : 'not found on PATH';
  return new KubectlError(
    `${kubectl} ${where}: install it or import from a file (kubectl get nodes -o json > nodes.json)`,
  );
}

/** One line for a kubectl call that did not succeed. */
function failure(r: CommandResult, program: string, what: string, timeoutMs: number, scope: string): KubectlError {
  if (r.notStarted)
    return r.spawnError === 'ENOENT'
      ? notFound(program)
      : new KubectlError(`${what} could not start ${program} (${r.spawnError})`);
  if (r.timedOut) return new KubectlError(`${what} timed out after ${seconds(timeoutMs)} (${scope})`);
  if (r.tooLarge)
    return new KubectlError(
      `${what} printed more than ${MAX_FLEET_BYTES / 2 ** 20} MiB (${scope}): save it to a file (kubectl get nodes -o json > nodes.json) and import that`,
    );
  if (r.code === null) return new KubectlError(`${what} was killed by ${r.signal ?? 'a signal'} (${scope})`);
  const line = firstMeaningfulLine(r.stderr);
  return new KubectlError(`${what} failed (exit ${r.code}, ${scope})${line ? `: ${line}` : ' without saying why'}`);
}

/**
 * The current context's name, so that an import without `--context` is still named by its context and
 * both calls ask the same cluster. Undefined when kubectl has none (get nodes then says why).
 */
async function currentContext(program: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await runCommand(program, ['config', 'current-context'], timeoutMs, undefined, { env });
  if (r.code !== 0) {
    if (r.timedOut) throw failure(r, program, 'kubectl config current-context', timeoutMs, 'current context');
    return undefined;
  }
  const name = r.stdout.trim();
  return CONTEXT.test(name) ? name : undefined;
}

/**
 * Runs `kubectl get nodes -o json [--context C]` (an argument array, never a shell; KUBECONFIG as this
 * process has it), bounded by `timeoutMs`. Resolves with the JSON text, for `parseKubernetesNodes`, and
 * where it came from; rejects with a one-line KubectlError.
 */
export async function readKubernetesLive({
  context,
  kubectl = 'kubectl',
  timeoutMs = 15_000,
  env = process.env,
  now = () => new Date(),
}: KubectlOptions = {}): Promise<{ text: string; origin: SourceOrigin }> {
  if (context !== undefined) validContext(context);
  // runCommand reads 0 as "no limit": a live read is always bounded.
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs)))
    throw new KubectlError(`invalid kubectl timeout ${timeoutMs} ms: expected a number > 0`);
  const importedAt = now().toISOString();
  const program = await resolveKubectl(kubectl, env);
  const started = Date.now();
  const named = context ?? (await currentContext(program, timeoutMs, env));
  const scope = named === undefined ? 'current context' : `context ${named}`;
  const left = Math.max(1, timeoutMs - (Date.now() - started));
  const r = await runCommand(
    program,
    ['get', 'nodes', '-o', 'json', ...(named ? ['--context', named] : [])],
    left,
    undefined,
    { env, maxBytes: MAX_FLEET_BYTES },
  );
  if (r.code !== 0 || r.tooLarge) throw failure(r, program, 'kubectl get nodes', timeoutMs, scope);
  try {
    JSON.parse(r.stdout);
  } catch (err) {
    const first = r.stdout.trim().split(/\r?\n/, 1)[0] ?? '';
    throw new KubectlError(
      `kubectl get nodes printed something that is not JSON (${scope}): ${first ? JSON.stringify(first.slice(0, 80)) : 'nothing'} (${(err as Error).message})`,
    );
  }
  return { text: r.stdout, origin: { importedAt, ...(named !== undefined && { context: named }) } };
}
