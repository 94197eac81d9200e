import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiCallError, type Handlers } from '../api/handlers.js';
import type { Metrics } from '../api/metrics.js';
import { serveStatic } from './static-files.js';

/** Request bodies past this are refused (a task and a targets file, each at most 16 MB). */
const MAX_BODY = 33_000_000;

export interface BrowserServer {
  port: number;
  token: string;
  url: string;
  /** Sends an event to every open `GET /api/events` stream. */
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiCallError({ code: 'invalid-input', message: `request body over ${MAX_BODY / 1e6} MB` }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Admits one API call per turn of the event loop, in arrival order. Node 20+ accepts one new connection
 * per turn (libuv#3696); without this, a turn that runs every call its open connections sent keeps
 * the clients still connecting waiting for seconds under load.
 */
function oneCallPerTurn(): () => Promise<void> {
  const waiting: (() => void)[] = [];
  const admitNext = () => {
    waiting.shift()?.();
    if (waiting.length > 0) setImmediate(admitNext);
  };
  return () =>
    new Promise((resolve) => {
      if (waiting.push(resolve) === 1) setImmediate(admitNext);
    });
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: the handler table over HTTP on 127.0.0.1 only. Every API call needs the random token
 * (`Authorization: Bearer …`; the event stream, which EventSource cannot give headers, also takes
 * `?token=`); a foreign `Host` or `Origin` is refused (DNS rebinding); no CORS headers are sent.
 */
export async function startBrowserServer(
  handlers: Handlers,
  metrics: Metrics,
  port = 0,
  /** The built renderer (dist/renderer); its files are served without the token, as a page needs them to start. */
  rendererDir?: string,
): Promise<BrowserServer> {
  const token = randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let actualPort = 0;
  const nextTurn = oneCallPerTurn();

  const server = createServer(async (req, res) => {
    try {
      const allowedHosts = [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`];
      if (!allowedHosts.includes(req.headers.host ?? ''))
        return send(res, 403, { code: 'forbidden', message: 'foreign Host' });
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin))
        return send(res, 403, { code: 'forbidden', message: 'foreign Origin' });
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${actualPort}`);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
      const authorised =
        sameToken(bearer, token) || (url.pathname === '/api/events' && sameToken(url.searchParams.get('token'), token));

      if (req.method === 'GET' && !url.pathname.startsWith('/api/') && url.pathname !== '/metrics') {
        if (rendererDir !== undefined && (await serveStatic(rendererDir, url.pathname, res))) return;
        if (url.pathname === '/') {
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
          return res.end(
            'Placement Explorer is running in browser mode, but the renderer is not built: run `npm run build`.\n',
          );
        }
        return send(res, 404, { code: 'not-found', message: `no file ${url.pathname}` });
      }
      if (!authorised) return send(res, 401, { code: 'unauthorized', message: 'missing or wrong token' });
      if (url.pathname === '/metrics' && req.method === 'GET') {
        const text = await metrics.text();
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
        return res.end(text);
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const method = /^\/api\/([a-z]+\.[A-Za-z]+)$/.exec(url.pathname)?.[1];
      if (method === undefined || req.method !== 'POST')
        return send(res, 404, { code: 'not-found', message: `no route ${req.method} ${url.pathname}` });
      const body = await readBody(req);
      let payload: unknown;
      try {
        payload = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return send(res, 400, { code: 'invalid-input', issues: [{ path: '', message: 'the body is not JSON' }] });
      }
      await nextTurn();
      return send(res, 200, await handlers.invoke(method, payload));
    } catch (err) {
      if (err instanceof ApiCallError) return send(res, err.error.code === 'not-found' ? 404 : 400, err.error);
      return send(res, 500, { code: 'internal', message: (err as Error).message });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    token,
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
    broadcast(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      // A stream the client closed, or that close() ended, is no one's to write to: a discovery that
      // finishes after either must not take the server down.
      for (const s of streams) if (!s.writableEnded && !s.destroyed) s.write(frame);
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of streams) s.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
