import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, LOG_FILE, rotate } from '../../../electron/logging/logger.js';
import { tempDir } from '../../temp-dir.js';

describe('logger', () => {
  it('writes one JSON object per line, with an ISO time and a level name', () => {
    const dir = tempDir('pe-log-');
    const log = createLogger(dir);
    log.info({ requestId: 'r1', success: true }, 'placement');
    const [line] = readFileSync(join(dir, LOG_FILE), 'utf8').trimEnd().split('\n');
    const entry = JSON.parse(line!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', msg: 'placement', requestId: 'r1', success: true });
    expect(new Date(entry['time'] as string).toISOString()).toBe(entry['time']);
  });

  it('a data directory the disk refuses at start does not stop the app: lines are dropped until it can be opened', () => {
    const root = tempDir('pe-log-');
    const dir = join(root, 'data');
    writeFileSync(dir, 'a file where the data directory should be');
    const log = createLogger(dir);
    expect(() => log.info({ n: 1 }, 'while refused')).not.toThrow();
    // The disk is back: the next line opens the file.
    rmSync(dir);
    mkdirSync(dir);
    log.info({ n: 2 }, 'after');
    const lines = readFileSync(join(dir, LOG_FILE), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['after']);
  });

  it('rotates by size, keeping three generations', () => {
    const dir = tempDir('pe-log-');
    const path = join(dir, LOG_FILE);
    for (let g = 0; g < 5; g++) {
      writeFileSync(path, `generation ${g}\n`.repeat(100));
      expect(rotate(path, 100, 3)).toBe(true);
    }
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(`${path}.1`, 'utf8')).toContain('generation 4');
    expect(readFileSync(`${path}.3`, 'utf8')).toContain('generation 2');
    expect(existsSync(`${path}.4`)).toBe(false);
    writeFileSync(path, 'small\n');
    expect(rotate(path, 100, 3)).toBe(false);
  });

  it('rotates while running once the file passes its size', () => {
    const dir = tempDir('pe-log-');
    const log = createLogger(dir, { maxBytes: 2000 });
    for (let i = 0; i < 1000; i++) log.info({ i }, 'placement');
    expect(existsSync(join(dir, `${LOG_FILE}.1`))).toBe(true);
    expect(readFileSync(join(dir, LOG_FILE), 'utf8').length).toBeLessThan(100_000);
  });
});
