import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { parseToolVersion } from './parse.js';
import { runCommand } from './run-command.js';

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
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

export interface ToolProbe {
  /** name → version (null when unknown); tools not on PATH, or whose version call fails, are absent. */
  tools: Record<string, string | null>;
  warnings: string[];
}

/**
 * Which of `names` are on `path`, with their versions from `--version`-style output (stdout and
 * stderr), all probed in parallel, each within `timeoutMs`. A tool that hangs or crashes is present
 * with an unknown version and a warning; a shim that exits non-zero without a version is not a tool.
 */
export async function probeTools(names: readonly string[], path: string, timeoutMs: number): Promise<ToolProbe> {
  const unique = [...new Set(names)].filter((n) => TOOL_NAME.test(n)).sort();
  const results = await Promise.all(
    unique.map(async (name) => {
      const file = await findOnPath(name, path);
      if (file === null) return null;
      const r = await runCommand(file, VERSION_ARGS[name] ?? ['--version'], timeoutMs);
      const version = parseToolVersion(`${r.stdout}\n${r.stderr}`);
      if (r.timedOut)
        return {
          name,
          version: null,
          warning: `${name}: no answer to its version call within ${timeoutMs} ms; version unknown`,
        };
      if (r.code === null && !r.notStarted)
        return { name, version: null, warning: `${name}: its version call crashed; version unknown` };
      if (r.code !== 0 && version === null)
        return {
          name,
          version: undefined,
          warning: `${name}: on PATH but its version call fails (a shim without a real tool?); not counted`,
        };
      return { name, version, warning: version === null ? `${name}: version not recognised in its output` : null };
    }),
  );
  const tools: Record<string, string | null> = {};
  const warnings: string[] = [];
  for (const r of results) {
    if (r === null) continue;
    if (r.version !== undefined) tools[r.name] = r.version;
    if (r.warning) warnings.push(r.warning);
  }
  return { tools, warnings };
}
