import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KubectlError, readKubernetesLive } from '../../../electron/fleet/kubectl.js';
import { parseKubernetesNodes } from '../../../shared/fleet/kubernetes.js';
import { tempDir } from '../../temp-dir.js';

// A real API server cannot run here (no cluster, no network), so each test puts a stand-in `kubectl`
// on a PATH of its own: a small sh script that logs its arguments, one bracketed word each, and
// answers as kubectl does (the node list, an error on stderr and exit 1, or a hang).

const NODES = fileURLToPath(new URL('../../fixtures/fleet/kubernetes/aks-nodes.json', import.meta.url));
const NOW = () => new Date('2026-01-12T09:30:00.000Z');

interface FakeKubectl {
  env: NodeJS.ProcessEnv;
  /** Each call's arguments, `[get][nodes]…`, one line per call. */
  calls: () => string[];
}

function fakeKubectl(body: string): FakeKubectl {
  const dir = tempDir('pe-kubectl-');
  const log = join(dir, 'calls.log');
  const script = `#!/bin/sh\nfor a in "$@"; do printf '[%s]' "$a"; done >> '${log}'\necho >> '${log}'\n${body}\n`;
  writeFileSync(join(dir, 'kubectl'), script);
  chmodSync(join(dir, 'kubectl'), 0o755);
  return {
    // Its own directory first, then the system's for sh, cat and sleep: the environment reaches kubectl.
    env: { PATH: `${dir}:/usr/bin:/bin`, KUBECONFIG: join(dir, 'kubeconfig') },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}

const ANSWERS = `case "$1 $2" in
  "config current-context") echo kind-dev ;;
  "get nodes") cat '${NODES}' ;;
  *) echo "error: unknown command" >&2; exit 1 ;;
esac`;

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(KubectlError);
    return (err as Error).message;
  }
  throw new Error('expected a KubectlError');
}

describe('readKubernetesLive', () => {
  it('runs exactly `kubectl get nodes -o json --context X` and returns its JSON', async () => {
    const kubectl = fakeKubectl(ANSWERS);
    const r = await readKubernetesLive({ context: 'prod-eu', env: kubectl.env, now: NOW });
    expect(kubectl.calls()).toEqual(['[get][nodes][-o][json][--context][prod-eu]']);
    expect(r.origin).toEqual({ context: 'prod-eu', importedAt: '2026-01-12T09:30:00.000Z' });
    expect(r.text).toBe(readFileSync(NODES, 'utf8'));
    expect(parseKubernetesNodes(r.text, r.origin).targets).toHaveLength(3);
  });

  it('runs kubectl in the environment it is given: KUBECONFIG reaches it', async () => {
    const kubectl = fakeKubectl(`printf '%s' "$KUBECONFIG" > "$(dirname "$0")/seen"\n${ANSWERS}`);
    await readKubernetesLive({ context: 'prod-eu', env: kubectl.env });
    const dir = kubectl.env['PATH']!.split(':')[0]!;
    expect(readFileSync(join(dir, 'seen'), 'utf8')).toBe(join(dir, 'kubeconfig'));
  });

  it('passes a context with spaces as one argument: there is no shell', async () => {
    const kubectl = fakeKubectl(ANSWERS);
    await readKubernetesLive({ context: 'team a; rm -rf ~', env: kubectl.env });
    expect(kubectl.calls()).toEqual(['[get][nodes][-o][json][--context][team a; rm -rf ~]']);
  });

  it('without a context, names the current one and asks that same context for the nodes', async () => {
    const kubectl = fakeKubectl(ANSWERS);
    const r = await readKubernetesLive({ env: kubectl.env, now: NOW });
    expect(kubectl.calls()).toEqual(['[config][current-context]', '[get][nodes][-o][json][--context][kind-dev]']);
    expect(r.origin).toEqual({ context: 'kind-dev', importedAt: '2026-01-12T09:30:00.000Z' });
  });

  it('without a current context, runs get nodes plainly and lets kubectl say why it fails', async () => {
    const kubectl = fakeKubectl(`if [ "$1" = config ]; then echo "error: current-context is not set" >&2; exit 1; fi
echo 'error: no configuration has been provided, try setting KUBERNETES_MASTER environment variable' >&2; exit 1`);
    expect(await failure(readKubernetesLive({ env: kubectl.env }))).toBe(
      'kubectl get nodes failed (exit 1, current context): error: no configuration has been provided, try setting KUBERNETES_MASTER environment variable',
    );
    expect(kubectl.calls()).toEqual(['[config][current-context]', '[get][nodes][-o][json]']);
  });

  it('says kubectl is not installed when it is not on the PATH it is given', async () => {
    const empty = tempDir('pe-empty-path-');
    expect(await failure(readKubernetesLive({ env: { PATH: empty } }))).toBe(
      'kubectl not found on PATH: install it or import from a file (kubectl get nodes -o json > nodes.json)',
    );
    expect(await failure(readKubernetesLive({ kubectl: join(empty, 'kubectl'), context: 'x' }))).toBe(
      `${join(empty, 'kubectl')} not found: install it or import from a file (kubectl get nodes -o json > nodes.json)`,
    );
  });

  it('stops a kubectl that hangs, and says after how long and for which context', async () => {
    const kubectl = fakeKubectl('exec sleep 30');
    const started = Date.now();
    expect(await failure(readKubernetesLive({ context: 'slow', env: kubectl.env, timeoutMs: 300 }))).toBe(
      'kubectl get nodes timed out after 0.3 s (context slow)',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports the line of stderr that says what went wrong, past klog’s chatter', async () => {
    const kubectl = fakeKubectl(`cat >&2 <<'EOF'
E0521 10:00:00.123456   41234 memcache.go:265] couldn't get current server API group list: Get "https://127.0.0.1:6443/api?timeout=32s": dial tcp 127.0.0.1:6443: connect: connection refused
E0521 10:00:00.125000   41234 memcache.go:265] couldn't get current server API group list: Get "https://127.0.0.1:6443/api?timeout=32s": dial tcp 127.0.0.1:6443: connect: connection refused

The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?
EOF
exit 1`);
    expect(await failure(readKubernetesLive({ context: 'kind-dev', env: kubectl.env }))).toBe(
      'kubectl get nodes failed (exit 1, context kind-dev): The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?',
    );
  });

  it('refuses an unbounded timeout', async () => {
    const kubectl = fakeKubectl(ANSWERS);
    expect(await failure(readKubernetesLive({ context: 'c', env: kubectl.env, timeoutMs: 0 }))).toBe(
      'invalid kubectl timeout 0 ms: expected a number > 0',
    );
    expect(kubectl.calls()).toEqual([]);
  });

  it('says so when kubectl fails without a word', async () => {
    const kubectl = fakeKubectl('exit 3');
    expect(await failure(readKubernetesLive({ context: 'c', env: kubectl.env }))).toBe(
      'kubectl get nodes failed (exit 3, context c) without saying why',
    );
  });

  it('refuses output that is not JSON', async () => {
    const kubectl = fakeKubectl(
      `echo 'NAME      STATUS   ROLES    AGE   VERSION'; echo 'node-1    Ready    <none>   3d    v1.29.4'`,
    );
    expect(await failure(readKubernetesLive({ context: 'c', env: kubectl.env }))).toMatch(
      /^kubectl get nodes printed something that is not JSON \(context c\): "NAME {6}STATUS {3}ROLES {4}AGE {3}VERSION" \(.+\)$/,
    );
  });

  it('refuses a context name that could be read as a flag or is not one printable line, running nothing', async () => {
    const kubectl = fakeKubectl(ANSWERS);
    for (const context of ['--kubeconfig=/tmp/evil', '-n', '', 'a\nb', 'tab\there', 'x'.repeat(254)])
      expect(await failure(readKubernetesLive({ context, env: kubectl.env }))).toMatch(/^invalid kubeconfig context /);
    expect(kubectl.calls()).toEqual([]);
    await readKubernetesLive({ context: 'x'.repeat(253), env: kubectl.env });
    expect(kubectl.calls()).toHaveLength(1);
  });
});
