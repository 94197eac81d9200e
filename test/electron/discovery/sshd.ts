import { execFile, spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SSHD = '/usr/sbin/sshd';

/** A real OpenSSH server on 127.0.0.1 with throwaway keys, for the current user. */
export interface TestSshd {
  port: number;
  dir: string;
  user: string;
  /** The key authorized_keys accepts, and one it does not. */
  userKey: string;
  otherKey: string;
  /** A known_hosts file holding the server's host key, as `[127.0.0.1]:PORT ssh-ed25519 …`. */
  knownHosts: string;
  /** The host key's base64 blob. */
  hostKeyBlob: string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function keygen(file: string): Promise<string> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'placement-explorer-test', '-f', file]);
  return (await readFile(`${file}.pub`, 'utf8')).trim();
}

/**
 * Starts `/usr/sbin/sshd -D -e` on a free loopback port and waits until it accepts connections.
 * Fails, never skips, when sshd is not installed.
 */
export async function startSshd(): Promise<TestSshd> {
  await access(SSHD).catch(() => {
    throw new Error(
      `${SSHD} is missing: install Debian's openssh-server (apt-get install -y openssh-server; .ci/run does)`,
    );
  });
  const dir = await mkdtemp(join(os.tmpdir(), 'pe-sshd-'));
  const hostPub = await keygen(join(dir, 'host_ed25519'));
  const userPub = await keygen(join(dir, 'user_ed25519'));
  await keygen(join(dir, 'other_ed25519'));
  const port = await freePort();
  const hostKeyBlob = hostPub.split(/\s+/)[1]!;
  await writeFile(join(dir, 'authorized_keys'), `${userPub}\n`, { mode: 0o600 });
  await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ssh-ed25519 ${hostKeyBlob}\n`, { mode: 0o600 });
  const config = [
    'ListenAddress 127.0.0.1',
    `Port ${port}`,
    `HostKey ${join(dir, 'host_ed25519')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'LogLevel ERROR',
  ];
  await writeFile(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  // As root, sshd needs its privilege-separation directory; as anyone else it does not use one.
  await mkdir('/run/sshd', { recursive: true }).catch(() => {});

  const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));

  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (!alive || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`sshd did not start on 127.0.0.1:${port}: ${log.trim() || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    port,
    dir,
    user: os.userInfo().username,
    userKey: join(dir, 'user_ed25519'),
    otherKey: join(dir, 'other_ed25519'),
    knownHosts: join(dir, 'known_hosts'),
    hostKeyBlob,
    async stop() {
      if (alive) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP server that accepts connections and never says a word (an SSH server that hangs). */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
