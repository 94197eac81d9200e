// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, httpApi, SERVER_GONE, takeToken, TOKEN_REFUSED } from '../../renderer/api/client';

describe('the browser-mode token', () => {
  it('is taken from the URL once, removed from it, and kept for the tab', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#/compare');
    expect(takeToken(window.location, window.sessionStorage, window.history)).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/compare');
    // A reload (no token in the URL any more) finds it in the tab's session.
    expect(takeToken(window.location, window.sessionStorage, window.history)).toBe('abc123');
  });

  it('is null when the page was opened without one', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
    expect(takeToken(window.location, window.sessionStorage, window.history)).toBeNull();
  });
});

describe('the browser-mode client when the server goes away', () => {
  /** An EventSource whose connection the test drives. */
  class FakeEventSource {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    static last: FakeEventSource | null = null;
    readyState = 0;
    onopen: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(readonly url: string) {
      FakeEventSource.last = this;
    }
    addEventListener() {}
  }
  let answer: () => Promise<Response>;
  beforeEach(() => {
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('fetch', () => answer());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says the server is gone when nothing answers, and that it is back when something does', async () => {
    const api = httpApi('tok');
    const states: string[] = [];
    api.onConnection!((s) => states.push(s));
    expect(FakeEventSource.last!.url).toBe('/api/events?token=tok');

    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const failed = await api.client['settings.get']({}).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ApiFailure);
    expect((failed as ApiFailure).message).toBe(SERVER_GONE);
    expect(states).toEqual(['down']);

    answer = async () => new Response('{"strategy":"auto"}', { status: 200 });
    await api.client['settings.get']({});
    expect(states).toEqual(['down', 'up']);
  });

  it('says the token was refused (a restarted server) on a 401, and when the event stream is closed', async () => {
    const api = httpApi('old');
    const states: string[] = [];
    api.onConnection!((s) => states.push(s));
    answer = async () => new Response('{"code":"unauthorized"}', { status: 401 });
    const failed = await api.client['targets.list']({}).catch((e: unknown) => e);
    expect((failed as ApiFailure).message).toBe(TOKEN_REFUSED);
    expect(states).toEqual(['closed']);

    const stream = FakeEventSource.last!;
    stream.onopen!();
    stream.readyState = FakeEventSource.CONNECTING;
    stream.onerror!();
    stream.readyState = FakeEventSource.CLOSED;
    stream.onerror!();
    expect(states).toEqual(['closed', 'up', 'down', 'closed']);
  });
});
