// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { takeToken } from '../../renderer/api/client';

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
