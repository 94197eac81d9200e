import { describe, expect, it } from 'vitest';
import { sourceName, staleSources } from '../../../shared/fleet/freshness.js';
import { targetsOf } from '../inputs.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const node = (id: string, importedAt: string, more: Record<string, string> = {}) => ({
  id,
  type: 'kubernetes' as const,
  source: { kind: 'kubernetes' as const, context: 'prod', node: id, importedAt, ...more },
});

describe('staleSources', () => {
  it('lists live sources older than the cache life, by their oldest target; never a file import', () => {
    const targets = targetsOf(
      node('a', '2026-11-29T11:50:00Z'),
      node('b', '2026-11-29T11:40:00Z'),
      node('c', '2026-11-29T11:00:00Z', { file: 'nodes.json', context: 'saved' }),
      { id: 'box', type: 'ssh', host: '10.0.0.5' },
      {
        id: 'n1',
        type: 'slurm',
        source: { kind: 'slurm', cluster: 'hpc', node: 'n1', importedAt: '2026-11-29T11:58:00Z' },
      },
    );
    expect(staleSources(targets, NOW, 5 * 60_000)).toEqual([
      {
        key: 'kubernetes:prod',
        kind: 'kubernetes',
        context: 'prod',
        importedAt: '2026-11-29T11:40:00Z',
        ageMs: 20 * 60_000,
        targets: 2,
      },
    ]);
    expect(staleSources(targets, NOW, 30 * 60_000)).toEqual([]);
  });

  it('names a source as people would', () => {
    expect(sourceName({ kind: 'kubernetes', context: 'prod' })).toBe('kubernetes (context prod)');
    expect(sourceName({ kind: 'slurm', cluster: 'hpc' })).toBe('slurm (cluster hpc)');
    expect(sourceName({ kind: 'nomad', address: 'http://127.0.0.1:4646' })).toBe('nomad (http://127.0.0.1:4646)');
    expect(sourceName({ kind: 'catalog' })).toBe('catalog');
  });
});
