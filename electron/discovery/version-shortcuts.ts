import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Two version calls cost more than the rest of a discovery together: a JVM starting (`java -version`,
// ~40 ms of CPU), and an interpreter behind pyenv's shim (a bash script that runs pyenv's scripts,
// ~60 ms). Each has a shorter way that reaches the same answer, taken only when it is certain;
// anything unusual falls back to the version call itself.

/**
 * A JDK or JRE states its version in the `release` file beside its `bin` (JDK 9 and later, and most
 * builds of 8): `JAVA_VERSION="17.0.15"`. Read from where `java` really is, through links (Debian's
 * alternatives, Homebrew); a shim or a stub (jenv, asdf, macOS's /usr/bin/java) has no such file.
 * The text returned reads as `java -version` would print it.
 */
export async function javaVersionFromRelease(file: string): Promise<string | null> {
  try {
    const real = await realpath(file);
    if (basename(dirname(real)) !== 'bin') return null;
    const release = await readFile(join(dirname(dirname(real)), 'release'), 'utf8');
    const m = /^JAVA_VERSION="([^"\n]+)"$/m.exec(release);
    return m ? `version "${m[1]}"` : null;
  } catch {
    return null;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The words of a pyenv version file (`.python-version`, `$PYENV_ROOT/version`): one or more names. */
async function versionWords(file: string): Promise<string[] | null> {
  try {
    const words = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join(' ')
      .split(/\s+/)
      .filter((w) => w !== '');
    return words.length > 0 ? words : null;
  } catch {
    return null;
  }
}

/** The version names pyenv would use, in its order: PYENV_VERSION, a `.python-version` up from `dir`, the global file. */
async function pyenvVersionNames(root: string, env: NodeJS.ProcessEnv, dir: string): Promise<string[] | null> {
  const fromEnv = env['PYENV_VERSION'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv.split(':').filter((w) => w !== '');
  for (let d = dir; ; d = dirname(d)) {
    const words = await versionWords(join(d, '.python-version'));
    if (words !== null) return words;
    if (dirname(d) === d) break;
  }
  return versionWords(join(root, 'version'));
}

/**
 * The program a pyenv shim would run, found the way pyenv finds it (`PYENV_VERSION`, else the nearest
 * `.python-version` up from PYENV_DIR or the working directory, else `$PYENV_ROOT/version`; the first
 * of those versions that has the program), so that its version call skips the shim's scripts. Null
 * for anything that is not a pyenv shim or that pyenv resolves some other way (`system`, a prefix
 * such as `3.11`, a name no version directory has): the shim itself is asked then.
 */
export async function pyenvTarget(file: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | null> {
  const shims = dirname(file);
  if (basename(shims) !== 'shims') return null;
  const root = dirname(shims);
  if (!(await isFile(join(root, 'libexec', 'pyenv')))) return null;
  const names = await pyenvVersionNames(root, env, env['PYENV_DIR'] || cwd);
  if (names === null) return null;
  for (const name of names) {
    if (name === 'system' || name.includes('/') || name === '.' || name === '..') return null;
    const version = join(root, 'versions', name);
    if (!(await isDirectory(version))) return null;
    const program = join(version, 'bin', basename(file));
    if (await isFile(program)) return program;
  }
  return null;
}
