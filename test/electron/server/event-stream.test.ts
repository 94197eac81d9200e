// The event stream outlives neither its client nor the server: an event broadcast after a client
// went away, or after the server closed (a discovery still finishing), is dropped, never a crash.
import { get, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../electron/api/handlers.js';
import { createMetrics } from '../../../electron/api/metrics.js';
import { startBrowserServer } from '../../../electron/server/http-server.js';

function openStream(port: number, token: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(`http://127.0.0.1:${port}/api/events?token=${token}`, (res) => {
      res.once('data', () => resolve(res));
    });
    req.on('error', reject);
  });
}

describe('the event stream', () => {
  it('drops events for a client that left, and for every client once the server closed', async () => {
    const handlers = { invoke: async () => ({}) } as unknown as Handlers;
    const server = await startBrowserServer(handlers, createMetrics());
    const gone = await openStream(server.port, server.token);
    const staying = await openStream(server.port, server.token);
    const frames: string[] = [];
    staying.on('data', (chunk: Buffer) => frames.push(String(chunk)));
    staying.on('error', () => {});
    gone.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(() => server.broadcast('discovery.progress', { n: 1 })).not.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(frames.join('')).toContain('event: discovery.progress');
    await server.close();
    const errors: unknown[] = [];
    process.once('uncaughtException', (e) => errors.push(e));
    expect(() => server.broadcast('discovery.progress', { n: 2 })).not.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).toEqual([]);
  });
});
