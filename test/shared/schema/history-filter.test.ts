// The history filters: one schema and one predicate for history.list, report.export and reports.
import { describe, expect, it } from 'vitest';
import { historyFilter, historyFilters } from '../../../shared/schema/history.js';

const entry = (at: string, over: Partial<{ strategy: string; outcome: string; taskName: string }> = {}) => ({
  at,
  strategy: 'auto',
  outcome: 'placed',
  selectedTarget: 'gpu-box',
  taskName: 'train',
  ...over,
});

describe('history filters', () => {
  it('compares times as instants, whatever their offset', () => {
    const pass = historyFilter({ since: '2025-01-31T10:00:00+02:00' });
    expect(pass(entry('2025-01-31T08:00:00.000Z'))).toBe(true);
    expect(pass(entry('2025-01-31T07:59:59.999Z'))).toBe(false);
  });

  it('a date alone as until means the whole of that day (UTC); as since, from its start', () => {
    const day = historyFilter({ since: '2025-01-31', until: '2025-01-31' });
    expect(day(entry('2025-01-31T00:00:00.000Z'))).toBe(true);
    expect(day(entry('2025-01-31T23:59:59.999Z'))).toBe(true);
    expect(day(entry('2025-02-01T00:00:00.000Z'))).toBe(false);
    expect(day(entry('2025-01-30T23:59:59.999Z'))).toBe(false);
  });

  it('tests every field given, and passes everything when none is', () => {
    expect(historyFilter({})(entry('2025-01-31T00:00:00Z'))).toBe(true);
    const failedPerf = historyFilter({ strategy: 'performance', outcome: 'failed' });
    expect(failedPerf(entry('2025-01-31T00:00:00Z', { strategy: 'performance', outcome: 'failed' }))).toBe(true);
    expect(failedPerf(entry('2025-01-31T00:00:00Z', { strategy: 'performance' }))).toBe(false);
    expect(historyFilter({ target: 'aws-g5' })(entry('2025-01-31T00:00:00Z'))).toBe(false);
    expect(historyFilter({ taskName: 'train' })(entry('2025-01-31T00:00:00Z'))).toBe(true);
  });

  it('refuses a time that is not one, naming the field', () => {
    const parsed = historyFilters.safeParse({ since: 'yesterday', until: '2025-01-31' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['since', 'expected an ISO date or time, like 2025-01-31 or 2025-01-31T09:30:00Z'],
    ]);
  });
});
