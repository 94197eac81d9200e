import { readFileSync } from 'node:fs';
import { freePort } from '../discovery/sshd.js';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NomadLiveError, readNomadLive } from '../../../electron/fleet/nomad-live.js';
import { parseNomadNodes } from '../../../shared/fleet/nomad.js';

const NODES = readFileSync(
  fileURLToPath(new URL('../../fixtures/fleet/nomad/nodes-resources.json', import.meta.url)),
  'utf8',
);
const TOKEN = 'b2a1c3d4-secret-token-9f8e';
const now = () => new Date('2026-03-02T10:30:00Z');

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A real HTTP server on 127.0.0.1 answering with `handler`; resolves with its address and the requests it saw. */
async function serve(handler: RequestListener): Promise<{ address: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Nomad as it answers: the node list for the right token, 403 "Permission denied" otherwise. */
const nomad: RequestListener = (req, res) => {
  if (req.headers['x-nomad-token'] !== TOKEN) {
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Permission denied');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(NODES);
};

async function failure(p: Promise<unknown>): Promise<NomadLiveError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof NomadLiveError) return err;
    throw err;
  }
  throw new Error('expected a NomadLiveError');
}

/** A port nothing listens on: one the system just gave out and took back. */

describe('readNomadLive', () => {
  it('reads /v1/nodes?resources=true&os=true with the token in X-Nomad-Token', async () => {
    const { address, seen } = await serve(nomad);
    const r = await readNomadLive({ address, token: TOKEN, now });
    expect(r.text).toBe(NODES);
    expect(r.origin).toEqual({ address, importedAt: '2026-03-02T10:30:00.000Z' });
    expect(seen.map((s) => s.url)).toEqual(['/v1/nodes?resources=true&os=true']);
    expect(seen[0]?.headers['x-nomad-token']).toBe(TOKEN);
    expect(parseNomadNodes(r.text, r.origin).targets).toHaveLength(5);
  });

  it('takes NOMAD_ADDR, NOMAD_TOKEN and NOMAD_REGION from the environment', async () => {
    const { address, seen } = await serve(nomad);
    vi.stubEnv('NOMAD_ADDR', `${address}/`);
    vi.stubEnv('NOMAD_TOKEN', TOKEN);
    vi.stubEnv('NOMAD_REGION', 'eu west');
    const r = await readNomadLive({ now });
    expect(r.origin.address).toBe(address);
    expect(seen.map((s) => s.url)).toEqual(['/v1/nodes?resources=true&os=true&region=eu+west']);
  });

  it('sends no token header without a token, and says to set one on 403', async () => {
    const { address, seen } = await serve(nomad);
    vi.stubEnv('NOMAD_TOKEN', '');
    const err = await failure(readNomadLive({ address }));
    expect(seen[0]?.headers).not.toHaveProperty('x-nomad-token');
    expect(err.message).toBe('Nomad wants a token (403 Permission denied): set NOMAD_TOKEN');
  });

  it('says the token was refused on 403, without printing it', async () => {
    const { address } = await serve(nomad);
    const err = await failure(readNomadLive({ address, token: 'wrong-token-1234' }));
    expect(err.message).toBe('Nomad refused the token (403 Permission denied): check NOMAD_TOKEN');
    expect(err.message).not.toContain('wrong-token-1234');
  });

  it('says when nothing listens at the address', async () => {
    const port = await freePort();
    const err = await failure(readNomadLive({ address: `http://127.0.0.1:${port}`, token: TOKEN }));
    expect(err.message).toBe(`Nomad at http://127.0.0.1:${port} refused the connection: is it running? (NOMAD_ADDR)`);
  });

  it('says so when the port is one fetch refuses (browsers block it), rather than "network error"', async () => {
    const err = await failure(readNomadLive({ address: 'http://127.0.0.1:1', token: TOKEN }));
    expect(err.message).toBe(
      'Nomad at http://127.0.0.1:1: port 1 is one fetch refuses to use; Nomad listens on 4646 (NOMAD_ADDR)',
    );
  });

  it('gives up after the timeout on a server that never answers', async () => {
    const { address } = await serve(() => {});
    const started = Date.now();
    const err = await failure(readNomadLive({ address, timeoutMs: 200 }));
    expect(err.message).toBe(`Nomad at ${address} did not answer within 0.2 s (NOMAD_ADDR)`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("quotes the first line of any other error's body", async () => {
    const { address } = await serve((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('rpc error: No cluster leader\ngoroutine 1 [running]');
    });
    const err = await failure(readNomadLive({ address }));
    expect(err.message).toBe(`Nomad at ${address} answered 500 Internal Server Error: rpc error: No cluster leader`);
  });

  it('refuses an answer that is not JSON', async () => {
    const { address } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Sign in</body></html>');
    });
    const err = await failure(readNomadLive({ address }));
    expect(err.message).toBe(
      `Nomad at ${address} answered with something that is not JSON (text/html): is it Nomad's HTTP API?`,
    );
  });

  it('does not follow a redirect, so the token stays with Nomad', async () => {
    const other = await serve(nomad);
    const { address } = await serve((_req, res) => {
      res.writeHead(307, { Location: `${other.address}/v1/nodes?resources=true` }).end();
    });
    const err = await failure(readNomadLive({ address, token: TOKEN }));
    expect(err.message).toBe(
      `Nomad at ${address} redirects to ${other.address}/v1/nodes?resources=true: use that address (NOMAD_ADDR)`,
    );
    expect(other.seen).toEqual([]);
  });

  it('keeps a path prefix and never shows credentials written in the address', async () => {
    const { address, seen } = await serve(nomad);
    const withUser = address.replace('http://', 'http://ops:hunter2@');
    const r = await readNomadLive({ address: `${withUser}/nomad/`, token: TOKEN, now });
    expect(seen.map((s) => s.url)).toEqual(['/nomad/v1/nodes?resources=true&os=true']);
    expect(seen[0]?.headers).not.toHaveProperty('authorization');
    expect(r.origin.address).toBe(`${address}/nomad`);
  });

  it('accepts only http and https addresses', async () => {
    expect((await failure(readNomadLive({ address: 'ftp://nomad.lab:4646' }))).message).toBe(
      'Nomad address "ftp://nomad.lab:4646": expected an http:// or https:// URL (NOMAD_ADDR)',
    );
    expect((await failure(readNomadLive({ address: 'nomad.lab:4646' }))).message).toBe(
      'Nomad address "nomad.lab:4646": expected an http:// or https:// URL (NOMAD_ADDR)',
    );
    expect((await failure(readNomadLive({ address: '127.0.0.1 4646' }))).message).toBe(
      'Nomad address "127.0.0.1 4646" is not a URL: expected http://HOST:PORT (NOMAD_ADDR)',
    );
  });
});
