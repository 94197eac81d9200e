import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeTools } from '../../../electron/discovery/tools.js';
import { tempDir } from '../../temp-dir.js';

function script(path: string, body: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A JDK laid out as they ship (bin/java, release), reached through a link as Debian's alternatives do. */
function jdk(release: string | null, javaSays: string): string {
  const root = tempDir('pe-jdk-');
  script(join(root, 'jvm', 'bin', 'java'), javaSays);
  if (release !== null) writeFileSync(join(root, 'jvm', 'release'), release);
  mkdirSync(join(root, 'path'));
  symlinkSync(join(root, 'jvm', 'bin', 'java'), join(root, 'path', 'java'));
  return join(root, 'path');
}

/** A pyenv root with its shim (which, run, says so), installed versions and a global version file. */
function pyenv(global: string | null): string {
  const root = tempDir('pe-pyenv-');
  script(join(root, 'libexec', 'pyenv'), 'exit 1');
  script(join(root, 'shims', 'python3'), 'echo "Python 0.0.1 (the shim ran)"');
  script(join(root, 'versions', '3.12.1', 'bin', 'python3'), 'echo "Python 3.12.1"');
  script(join(root, 'versions', '3.11.7', 'bin', 'python3'), 'echo "Python 3.11.7"');
  mkdirSync(join(root, 'versions', 'empty'));
  if (global !== null) writeFileSync(join(root, 'version'), global);
  return root;
}

describe('java: the version from the JDK release file, without starting a JVM', () => {
  it('reads JAVA_VERSION from beside the real bin/java, through links', async () => {
    const path = jdk('IMPLEMENTOR="Debian"\nJAVA_VERSION="17.0.15"\n', 'echo "the JVM started" >&2; exit 3');
    expect(await probeTools(['java'], path, 5000)).toEqual({ tools: { java: '17.0.15' }, warnings: [] });
  });

  it('without a release file (a shim, a stub), java is asked', async () => {
    const path = jdk(null, 'echo \'openjdk version "21.0.2" 2024-01-16\' >&2');
    expect((await probeTools(['java'], path, 5000)).tools).toEqual({ java: '21.0.2' });
  });

  it('a release file without JAVA_VERSION, java is asked', async () => {
    const path = jdk('IMPLEMENTOR="x"\n', 'echo \'openjdk version "11.0.22"\' >&2');
    expect((await probeTools(['java'], path, 5000)).tools).toEqual({ java: '11.0.22' });
  });
});

describe('pyenv: the shim resolved as pyenv resolves it, its scripts skipped', () => {
  const probe = (root: string, env: NodeJS.ProcessEnv, cwd = tempDir('pe-cwd-')) =>
    probeTools(['python3'], join(root, 'shims'), 5000, { env, cwd });

  it('the global version file', async () => {
    expect((await probe(pyenv('3.11.7\n'), {})).tools).toEqual({ python3: '3.11.7' });
  });

  it('PYENV_VERSION over every file, its first version that has the program', async () => {
    expect((await probe(pyenv('3.11.7'), { PYENV_VERSION: 'empty:3.12.1' })).tools).toEqual({ python3: '3.12.1' });
  });

  it('the nearest .python-version up from the working directory, comments skipped', async () => {
    const project = tempDir('pe-project-');
    writeFileSync(join(project, '.python-version'), '# pinned\n3.12.1\n');
    mkdirSync(join(project, 'src', 'deep'), { recursive: true });
    expect((await probe(pyenv('3.11.7'), {}, join(project, 'src', 'deep'))).tools).toEqual({ python3: '3.12.1' });
    expect((await probe(pyenv('3.11.7'), { PYENV_DIR: project })).tools).toEqual({ python3: '3.12.1' });
  });

  it('what pyenv resolves otherwise (system, a prefix, no version at all) asks the shim', async () => {
    for (const [global, env] of [
      ['system', {}],
      ['3.12', {}],
      [null, {}],
      ['3.11.7', { PYENV_VERSION: '../../bin' }],
    ] as const)
      expect((await probe(pyenv(global), env)).tools).toEqual({ python3: '0.0.1' });
  });

  it('a directory called shims that is not pyenv’s is run as it is', async () => {
    const root = tempDir('pe-notpyenv-');
    script(join(root, 'shims', 'python3'), 'echo "Python 3.9.1"');
    writeFileSync(join(root, 'version'), '3.12.1');
    expect((await probe(root, {})).tools).toEqual({ python3: '3.9.1' });
  });
});
