// The live Kubernetes import through the system's real kubectl, where the machine has one (this
// project's build machines do, from the Google Cloud SDK). A Kubernetes API server cannot run here,
// so kubectl talks to a stand-in on 127.0.0.1 that answers the discovery and node-list requests
// kubectl makes (/version, /api, /apis, /api/v1, /api/v1/nodes) with a fixture's nodes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../discovery/sshd.js';
import { findOnPath } from '../../../electron/discovery/tools.js';
import { KubectlError, readKubernetesLive } from '../../../electron/fleet/kubectl.js';
import { parseKubernetesNodes } from '../../../shared/fleet/kubernetes.js';
import { tempDir } from '../../temp-dir.js';

const NODES = fileURLToPath(new URL('../../fixtures/fleet/kubernetes/aks-nodes.json', import.meta.url));
const nodeList = JSON.parse(readFileSync(NODES, 'utf8')) as { items: unknown[] };

let server: Server;
let port = 0;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    seen.push(`${req.method} ${path}`);
    const answers: Record<string, unknown> = {
      '/version': { major: '1', minor: '31', gitVersion: 'v1.31.0' },
      '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
      '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
      '/api/v1': {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [{ name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list'] }],
      },
      '/api/v1/nodes': {
        kind: 'NodeList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '1' },
        items: nodeList.items,
      },
    };
    const body = path === undefined ? undefined : answers[path];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A home of its own (kubectl writes its cache there) and a kubeconfig whose current context is `ctx`. */
function kubeconfig(serverUrl: string) {
  const home = tempDir('pe-kubectl-real-');
  const file = join(home, 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{name: stand-in, cluster: {server: "${serverUrl}"}}]
contexts: [{name: lab, context: {cluster: stand-in, user: me}}]
users: [{name: me, user: {token: not-a-secret}}]
current-context: lab
`,
  );
  return { ...process.env, HOME: home, KUBECONFIG: file };
}

describe('live import through the real kubectl', () => {
  it('reads the node list of the current context, named by it', async () => {
    const installed = await findOnPath('kubectl', process.env['PATH'] ?? '');
    const read = readKubernetesLive({ env: kubeconfig(`http://127.0.0.1:${port}`), timeoutMs: 20_000 });
    if (installed === null) {
      // No kubectl on this machine: the user is told so, in one line, with the way around it.
      await expect(read).rejects.toThrow(/^kubectl not found on PATH: install it or import from a file/);
      return;
    }
    const r = await read;
    expect(r.origin.context).toBe('lab');
    expect(seen).toContain('GET /api/v1/nodes');
    const { targets } = parseKubernetesNodes(r.text, r.origin);
    expect(targets.map((t) => [t.id, t.capabilities?.cpu])).toEqual([
      ['aks-agentpool-30520393-vmss000000', 1.9],
      ['aks-agentpool-30520393-vmss000001', 1.9],
      ['aks-agentpool-30520393-vmss000002', 1.9],
    ]);
  });

  it('says in one line that the API server refused, naming the context', async () => {
    const closed = await freePort();
    const err = await readKubernetesLive({ env: kubeconfig(`http://127.0.0.1:${closed}`), timeoutMs: 20_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KubectlError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    if ((await findOnPath('kubectl', process.env['PATH'] ?? '')) === null)
      expect(message).toMatch(/^kubectl not found on PATH/);
    else
      expect(message).toMatch(
        new RegExp(`^kubectl get nodes failed \\(exit 1, context lab\\): .*127\\.0\\.0\\.1:${closed}.*refused`),
      );
  });
});
