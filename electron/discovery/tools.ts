import { accessSync, constants } from 'node:fs';
import { stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { parseToolVersion } from './parse.js';
import { runCommand } from './run-command.js';
import { javaVersionFromRelease, pyenvTarget } from './version-shortcuts.js';

/** Tools worth knowing about on any machine, besides those a task or targets file names. */
export const DEFAULT_TOOLS = [
  'docker',
  'podman',
  'kubectl',
  'python3',
  'node',
  'git',
  'nvidia-smi',
  'rocm-smi',
  'nvcc',
  'gcc',
  'java',
  'go',
  'cargo',
] as const;

/** Client-only version calls: none of them contacts a daemon or a cluster. */
const VERSION_ARGS: Record<string, readonly string[]> = {
  kubectl: ['version', '--client'],
  java: ['-version'],
  go: ['version'],
  python: ['-V'],
  python3: ['-V'],
};

const TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/** The first executable called `name` on `path`, or null. */
export async function findOnPath(name: string, path: string): Promise<string | null> {
  return firstOnPath(name, path);
}

/**
 * findOnPath, answered at once: probeTools starts every version call in one go. An access() is a
 * system call of microseconds; a round trip through the thread pool for each directory delayed each
 * start by more than the call itself takes.
 */
function firstOnPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/** Whether `file` is the executable running this process (the same file, through any link). */
async function isThisProcess(file: string): Promise<boolean> {
  try {
    const [found, running] = await Promise.all([stat(file), stat(process.execPath)]);
    return found.dev === running.dev && found.ino === running.ino;
  } catch {
    return false;
  }
}

export interface ToolProbe {
  /** name → version (null when unknown); tools not on PATH, or whose version call fails, are absent. */
  tools: Record<string, string | null>;
  warnings: string[];
}

/**
 * Version calls that usually take longest (an interpreter behind a version manager's shim, which runs
 * a shell and more; a JVM starting; kubectl's large binary), started first: starting a program holds
 * up this thread while it forks, so the last ones start late.
 */
const SLOW_FIRST = ['python3', 'python', 'java', 'kubectl'];
const startRank = (name: string) => {
  const i = SLOW_FIRST.indexOf(name);
  return i === -1 ? SLOW_FIRST.length : i;
};

/** What a version manager's shim reads to choose a program: the environment and the working directory. */
export interface ProbeContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

type ToolOutcome = { version: string | null | undefined; warning: string | null } | null;

/** One tool: absent (null), or its version (undefined: not a working tool) and what to warn of. */
async function probeTool(name: string, path: string, timeoutMs: number, where: ProbeContext): Promise<ToolOutcome> {
  const file = firstOnPath(name, path);
  if (file === null) return null;
  // The Node that runs discovery knows what `node --version` would print: no process for it.
  if (name === 'node' && (await isThisProcess(file)))
    return { version: parseToolVersion(process.version), warning: null };
  if (name === 'java') {
    const version = parseToolVersion((await javaVersionFromRelease(file)) ?? '');
    if (version !== null) return { version, warning: null };
  }
  const program = (await pyenvTarget(file, where.env, where.cwd)) ?? file;
  const r = await runCommand(program, VERSION_ARGS[name] ?? ['--version'], timeoutMs);
  const version = parseToolVersion(`${r.stdout}\n${r.stderr}`);
  if (r.timedOut)
    return { version: null, warning: `${name}: no answer to its version call within ${timeoutMs} ms; version unknown` };
  if (r.code === null && !r.notStarted)
    return { version: null, warning: `${name}: its version call crashed; version unknown` };
  if (r.code !== 0 && version === null)
    return {
      version: undefined,
      warning: `${name}: on PATH but its version call fails (a shim without a real tool?); not counted`,
    };
  return { version, warning: version === null ? `${name}: version not recognised in its output` : null };
}

/**
 * Which of `names` are on `path`, with their versions from `--version`-style output (stdout and
 * stderr), all probed in parallel, each within `timeoutMs`. A tool that hangs or crashes is present
 * with an unknown version and a warning; a shim that exits non-zero without a version is not a tool.
 */
export async function probeTools(
  names: readonly string[],
  path: string,
  timeoutMs: number,
  where: ProbeContext = { env: process.env, cwd: process.cwd() },
): Promise<ToolProbe> {
  const unique = [...new Set(names)].filter((n) => TOOL_NAME.test(n)).sort();
  // Started slowest first, reported in name order.
  const started = [...unique].sort((a, b) => startRank(a) - startRank(b));
  const outcomes = new Map(
    await Promise.all(started.map(async (name) => [name, await probeTool(name, path, timeoutMs, where)] as const)),
  );
  const tools: Record<string, string | null> = {};
  const warnings: string[] = [];
  for (const name of unique) {
    const r = outcomes.get(name);
    if (!r) continue;
    if (r.version !== undefined) tools[name] = r.version;
    if (r.warning) warnings.push(r.warning);
  }
  return { tools, warnings };
}
