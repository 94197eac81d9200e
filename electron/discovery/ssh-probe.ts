import os from 'node:os';
import { toolName } from '../../shared/schema/capabilities.js';
import { sshTarget, type Target } from '../../shared/schema/targets.js';
import { normaliseProbeDocument, oneLine } from './probe-document.js';
import { probeInput } from './probe-script.js';
import { MAX_OUTPUT, runCommand } from './run-command.js';
import { DEFAULT_TOOLS } from './tools.js';
import { DiscoveryError, type DiscoveryReport } from './types.js';

export type SshTarget = Extract<Target, { type: 'ssh' }>;

export interface SshProbeOptions {
  /** Hard bound on the whole probe: ssh is killed after it. */
  timeoutMs: number;
  /** ssh's ConnectTimeout: TCP connect and the SSH banner exchange, in seconds. */
  connectTimeoutS: number;
  /** Tools to look for besides the default set. */
  tools?: readonly string[];
  /** The ssh client; `ssh` on PATH by default. */
  sshPath?: string;
  /** The bound on each tool's version call on the remote, in seconds (5 by default). */
  toolTimeoutS?: number;
  /** Kills ssh when aborted. */
  signal?: AbortSignal;
}

/** stdout beyond this is not a probe document; ssh is killed. */

/** `~/x` → `<home>/x`; other paths unchanged. */
function expandHome(path: string, home: string): string {
  return path === '~' || path.startsWith('~/') ? `${home}${path.slice(1)}` : path;
}

/** A value for `-o Key=value` that ssh reads as one word, without %-token expansion. */
function configValue(path: string): string {
  return `"${path.replace(/%/g, '%%').replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The ssh argument array for a probe. Only the target's host, user, port, identityFile,
 * knownHostsFile and hostKeyPolicy reach it, each in a fixed position, after re-validating the target
 * against its schema; the remote command is always `sh -s`.
 */
export function sshArgs(target: SshTarget, options: { connectTimeoutS: number; home?: string }): string[] {
  const checked = sshTarget.safeParse(target);
  if (!checked.success)
    throw new DiscoveryError(target.id, `${target.id}: not a valid ssh target (${checked.error.issues[0]?.message})`);
  const t = checked.data;
  // The schema already forbids these; an option smuggled in as a host or user must never reach ssh.
  if (/^-|[\s@]/.test(t.host) || (t.user !== undefined && /^-|[\s@]/.test(t.user)))
    throw new DiscoveryError(t.id, `${t.id}: not a valid ssh target (host or user)`);
  const home = options.home ?? os.homedir();
  const connect = Math.max(1, Math.ceil(options.connectTimeoutS));
  const args = ['-T', '-x', '-a'];
  const set = (option: string) => args.push('-o', option);
  set('BatchMode=yes');
  set(`ConnectTimeout=${connect}`);
  set(`StrictHostKeyChecking=${t.hostKeyPolicy === 'strict' ? 'yes' : 'accept-new'}`);
  set('PasswordAuthentication=no');
  set('KbdInteractiveAuthentication=no');
  // A user's ssh_config may multiplex, forward or run local commands; a probe wants none of it.
  set('ControlMaster=no');
  set('ControlPath=none');
  set('PermitLocalCommand=no');
  set('ClearAllForwardings=yes');
  set('UpdateHostKeys=no');
  set('LogLevel=ERROR');
  if (t.knownHostsFile !== undefined) set(`UserKnownHostsFile=${configValue(expandHome(t.knownHostsFile, home))}`);
  if (t.identityFile !== undefined) {
    // -o rather than -i: -i checks the path before undoing the %% that keeps %-tokens out of it.
    set('IdentitiesOnly=yes');
    set(`IdentityFile=${configValue(expandHome(t.identityFile, home))}`);
  }
  args.push('-p', String(t.port));
  if (t.user !== undefined) args.push('-l', t.user);
  args.push('--', t.host.replace(/^\[(.*)\]$/, '$1'), 'sh', '-s');
  return args;
}

/**
 * Why ssh gave up (exit 255), in one line, from its stderr: refused, timed out, unreachable, unknown
 * or changed host key, permission denied; otherwise ssh's own last line.
 */
export function describeSshFailure(
  stderr: string,
  target: Pick<SshTarget, 'host' | 'port' | 'hostKeyPolicy'>,
  connectTimeoutS: number,
): string {
  const where = `${target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host}:${target.port}`;
  const bareHost = target.host.replace(/^\[(.*)\]$/, '$1');
  const lines = stderr.split(/\r?\n/).map(oneLine).filter(Boolean);
  const has = (re: RegExp) => lines.some((l) => re.test(l));
  if (has(/REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed/i))
    return `host key for ${bareHost} has CHANGED since it was recorded (possible man-in-the-middle); check it, then update known_hosts`;
  if (has(/host key is known for|Host key verification failed/i))
    return `host key for ${bareHost} is not known (hostKeyPolicy: ${target.hostKeyPolicy}); add it to known_hosts or use hostKeyPolicy: accept-new`;
  if (has(/Connection refused/i)) return `connection refused (${where})`;
  if (has(/timed out/i)) return `timed out after ${connectTimeoutS} s connecting to ${where}`;
  if (
    has(
      /Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution/i,
    )
  )
    return `cannot resolve host name ${bareHost}`;
  if (has(/No route to host|Network is unreachable|Host is unreachable/i)) return `host unreachable (${where})`;
  const denied = lines.map((l) => /Permission denied \(([^)]*)\)/i.exec(l)).find(Boolean);
  if (denied || has(/Too many authentication failures/i)) {
    const key = lines.find((l) => /Identity file .* not accessible|Load key|no such identity/i.test(l));
    return `permission denied (${denied?.[1] ?? 'too many authentication failures'})${key ? `; ${key}` : ''}`;
  }
  if (has(/kex_exchange_identification|ssh_exchange_identification|Connection closed by|Connection reset/i))
    return `connection closed by ${where} during the SSH handshake (not an SSH server, or it turned us away)`;
  return lines.length > 0 ? `ssh failed: ${lines[lines.length - 1]}` : 'ssh failed (exit 255) without saying why';
}

/** The probe document in a probe's stdout: the last line that is a JSON object (login scripts may print first). */
export function findProbeDocument(stdout: string): Record<string, unknown> | null {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('{')) continue;
    try {
      const doc: unknown = JSON.parse(line);
      if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) return doc as Record<string, unknown>;
    } catch {
      // not this line
    }
  }
  return null;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Discovers an SSH target's capabilities by running the probe over the system ssh client: one
 * connection, BatchMode, strict host keys unless the target says accept-new, bounded by
 * `timeoutMs`. Throws `DiscoveryError` with one line (`gpu-box: connection refused (10.0.0.5:22)`).
 */
export async function probeSshTarget(target: SshTarget, options: SshProbeOptions): Promise<DiscoveryReport> {
  const started = performance.now();
  const fail = (reason: string) => new DiscoveryError(target.id, `${target.id}: ${reason}`);
  const args = sshArgs(target, { connectTimeoutS: options.connectTimeoutS });
  const warnings: string[] = [];
  const wanted = [...new Set([...DEFAULT_TOOLS, ...(options.tools ?? [])])].sort();
  const toolsProbed = wanted.filter((n) => toolName.safeParse(n).success);
  for (const bad of wanted.filter((n) => !toolsProbed.includes(n)))
    warnings.push(`tool name ${JSON.stringify(bad.slice(0, 64))} ignored`);

  const sshPath = options.sshPath ?? 'ssh';
  const run = await runCommand(sshPath, args, options.timeoutMs, probeInput(toolsProbed, options.toolTimeoutS), {
    signal: options.signal,
  });
  if (run.spawnError !== null) throw fail(`cannot run ${sshPath} (${run.spawnError})`);
  if (run.timedOut) throw fail(`timed out after ${seconds(options.timeoutMs)} (the probe did not finish)`);
  if (run.tooLarge) throw fail(`probe printed more than ${MAX_OUTPUT / 1024 / 1024} MB`);
  if (run.code === 255) throw fail(describeSshFailure(run.stderr, target, options.connectTimeoutS));
  if (run.code !== 0) {
    const last = run.stderr.split('\n').map(oneLine).filter(Boolean).pop();
    throw fail(
      `probe failed (${run.code === null ? `killed by ${run.signal}` : `exit ${run.code}`})${last ? `: ${last}` : ''}`,
    );
  }
  const doc = findProbeDocument(run.stdout);
  if (doc === null) throw fail('probe printed no JSON document');
  const normalised = normaliseProbeDocument(doc);
  return {
    targetId: target.id,
    capabilities: normalised.capabilities,
    warnings: [...warnings, ...normalised.warnings],
    discoveredAt: new Date().toISOString(),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    toolsProbed,
  };
}
