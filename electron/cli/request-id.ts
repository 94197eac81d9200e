import { closeSync, openSync, readSync } from 'node:fs';

/**
 * A random (version 4) UUID from the kernel's random source. `crypto.randomUUID()` reads the same
 * source, but loading Node's crypto module costs a one-shot command about 3 ms, more than the rest of
 * a small placement; where there is no /dev/urandom (Windows) it is used.
 */
export function requestId(): string {
  const bytes = Buffer.alloc(16);
  let fd: number;
  try {
    fd = openSync('/dev/urandom', 'r');
  } catch {
    return crypto.randomUUID();
  }
  try {
    if (readSync(fd, bytes, 0, 16, null) !== 16) return crypto.randomUUID();
  } finally {
    closeSync(fd);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
