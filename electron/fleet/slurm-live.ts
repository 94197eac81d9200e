import { access } from 'node:fs/promises';
import { runCommand, type CommandResult } from '../discovery/run-command.js';
import { LiveSourceError, MAX_FLEET_BYTES } from '../../shared/fleet/types.js';

/** Why a live Slurm read failed; the message is one line a person can act on. */
export type SlurmLiveFailure = 'not-installed' | 'timeout' | 'no-config' | 'failed';

/** The cluster could not be read: Slurm's clients missing, too slow, unconfigured, or refused. */
export class SlurmLiveError extends LiveSourceError {
  constructor(
    readonly reason: SlurmLiveFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SlurmLiveError';
  }
}

/** Which of the three node listings was read: the newest the installed Slurm answers. */
export type SlurmLiveFormat = 'scontrol --json' | 'sinfo --json' | 'scontrol -o';

export interface SlurmLiveRead {
  /** What `parseSlurmNodes` reads: JSON from either command, or `scontrol show nodes -o` lines. */
  text: string;
  origin: { importedAt: string; cluster?: string };
  format: SlurmLiveFormat;
}

export interface SlurmLiveOptions {
  /** Per command. */
  timeoutMs?: number;
  /** The clients' environment (SLURM_CONF, PATH). */
  env?: NodeJS.ProcessEnv;
  scontrol?: string;
  sinfo?: string;
}

/** Runs a Slurm client in the given environment (SLURM_CONF), its output bounded like any fleet source's. */
export function runSlurmClient(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  input?: string,
): Promise<CommandResult> {
  return runCommand(file, args, timeoutMs, input, { env, maxBytes: MAX_FLEET_BYTES });
}

/** The line of a client's stderr that says what went wrong: its fatal line, else its first. */
function slurmLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /\bfatal: /.test(l)) ?? lines[0] ?? 'no output';
}

const unrecognized = (r: CommandResult) =>
  r.code !== 0 && /unrecognized option|invalid option|unknown option/i.test(r.stderr);

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function fail(program: string, command: string, r: CommandResult, timeoutMs: number): never {
  if (r.notStarted) {
    if (r.spawnError === 'ENOENT')
      throw new SlurmLiveError(
        'not-installed',
        `${program} not found on PATH: install slurm-client or import from a file (sinfo --json > nodes.json)`,
      );
    throw new SlurmLiveError('not-installed', `${program} could not be started (${r.spawnError})`);
  }
  if (r.timedOut)
    throw new SlurmLiveError('timeout', `${command} timed out after ${timeoutMs / 1000} s: is the controller up?`);
  if (r.tooLarge) throw new SlurmLiveError('failed', `${command} printed too much output`);
  const line = slurmLine(r.stderr);
  if (/Could not establish a configuration source/.test(line))
    throw new SlurmLiveError(
      'no-config',
      `no Slurm configuration: set SLURM_CONF to the cluster's slurm.conf (${line})`,
    );
  // Slurm's own line names the cause: `slurm_load_node error: Unable to contact slurm controller (connect failure)`.
  throw new SlurmLiveError('failed', `${command} failed: ${line}`);
}

/**
 * Whether a JSON answer reports errors. 22.05's `sinfo --json` exits 0 with `errors: [{error:
 * "Unspecified error"}]` and no nodes when the controller cannot be reached.
 */
function reportsErrors(stdout: string): boolean {
  try {
    const errors = (JSON.parse(stdout) as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) && errors.length > 0;
  } catch {
    return false; // not JSON: the parser says what is wrong with it
  }
}

async function clusterName(scontrol: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | undefined> {
  const r = await runSlurmClient(scontrol, ['show', 'config'], env, timeoutMs);
  if (r.code !== 0) return undefined;
  return /^ClusterName\s*=\s*(\S+)/m.exec(r.stdout)?.[1];
}

/**
 * Reads a Slurm cluster's nodes with the system's clients: `scontrol show nodes --json` (23.02+),
 * `sinfo --json` (21.08–22.05) when that option is unknown, `scontrol show nodes -o` when that is too.
 * Each command is bounded by the timeout; the cluster name comes from `scontrol show config` when it answers.
 */
export async function readSlurmLive({
  timeoutMs = 15_000,
  env = process.env,
  scontrol = 'scontrol',
  sinfo = 'sinfo',
}: SlurmLiveOptions = {}): Promise<SlurmLiveRead> {
  // A SLURM_CONF naming no file makes every client retry for a minute before giving up.
  const conf = env['SLURM_CONF'];
  if (conf && !(await exists(conf))) throw new SlurmLiveError('no-config', `SLURM_CONF=${conf}: no such file`);

  const importedAt = new Date().toISOString();
  const name = clusterName(scontrol, env, Math.min(timeoutMs, 5000));
  const read = async (): Promise<{ text: string; format: SlurmLiveFormat }> => {
    const json = await runSlurmClient(scontrol, ['show', 'nodes', '--json'], env, timeoutMs);
    if (json.code === 0 && !reportsErrors(json.stdout)) return { text: json.stdout, format: 'scontrol --json' };
    if (json.code !== 0 && !unrecognized(json)) fail(scontrol, 'scontrol show nodes --json', json, timeoutMs);
    const listed = await runSlurmClient(sinfo, ['--json'], env, timeoutMs);
    if (listed.code === 0 && !reportsErrors(listed.stdout)) return { text: listed.stdout, format: 'sinfo --json' };
    if (listed.code !== 0 && !unrecognized(listed) && !listed.notStarted)
      fail(sinfo, 'sinfo --json', listed, timeoutMs);
    // The text form also says why the JSON ones could not answer: its stderr is Slurm's own line.
    const lines = await runSlurmClient(scontrol, ['show', 'nodes', '-o'], env, timeoutMs);
    if (lines.code === 0) return { text: lines.stdout, format: 'scontrol -o' };
    return fail(scontrol, 'scontrol show nodes -o', lines, timeoutMs);
  };
  const [nodes, cluster] = await Promise.all([read(), name]);
  return { text: nodes.text, origin: cluster ? { importedAt, cluster } : { importedAt }, format: nodes.format };
}
