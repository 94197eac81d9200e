import { describe, expect, it } from 'vitest';
import { requestId } from '../../../electron/cli/request-id.js';

describe('requestId', () => {
  it('is a version 4 UUID with the RFC 9562 variant', () => {
    for (let i = 0; i < 200; i++)
      expect(requestId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('never repeats, and every random bit varies', () => {
    const ids = Array.from({ length: 2000 }, requestId);
    expect(new Set(ids).size).toBe(ids.length);
    // Each of the 122 random bits is set in some ids and clear in others.
    const hex = ids.map((id) => id.replace(/-/g, ''));
    for (let digit = 0; digit < 32; digit++) {
      if (digit === 12) continue; // the version
      const seen = new Set(hex.map((h) => h[digit]));
      expect(seen.size).toBeGreaterThan(digit === 16 ? 3 : 8);
    }
  });
});
