// One formatter for every number, one time format and one colour per target, for every view.
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatGb,
  formatMoney,
  formatNumber,
  formatRate,
  formatRequirementValue,
  formatScore,
} from '../../renderer/format/number';
import {
  TARGET_PALETTE_SIZE,
  targetColour,
  targetColourIndex,
  useTargetOrder,
} from '../../renderer/format/target-colour';
import { formatAxisTime, formatClock, formatDateTime, formatTime } from '../../renderer/format/time';

describe('numbers', () => {
  it('money to the cent, sizes to one decimal, scores to 3 places, counts whole', () => {
    expect(formatMoney(2.0119)).toBe('$2.01');
    expect(formatMoney(3.0180000000000002)).toBe('$3.02');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatGb(16.84)).toBe('16.8 GB');
    expect(formatGb(24)).toBe('24.0 GB');
    expect(formatScore(0.39612)).toBe('0.396');
    expect(formatScore(1)).toBe('1.000');
    expect(formatCount(1204.4)).toBe('1,204');
    expect(formatNumber(3.0180000000000002)).toBe('3.018');
    expect(formatBytes(4200)).toBe('4.2 kB');
    for (const f of [formatMoney, formatGb, formatScore, formatCount, formatNumber]) expect(f(null)).toBe('unknown');
  });

  it('rates keep the fractions of a cent that prices carry', () => {
    expect(formatRate(1.006)).toBe('$1.006/h');
    expect(formatRate(0.5)).toBe('$0.50/h');
    expect(formatRate(0.0042)).toBe('$0.0042/h');
  });

  it('a requirement’s values by their key, never a raw float or `true`', () => {
    expect(formatRequirementValue('maxCost', 3.0180000000000002)).toBe('$3.02');
    expect(formatRequirementValue('memoryGb', 16)).toBe('16.0 GB');
    expect(formatRequirementValue('gpu.minVram', 20)).toBe('20.0 GB');
    expect(formatRequirementValue('maxRuntimeMinutes', 180)).toBe('180 min');
    expect(formatRequirementValue('network', true)).toBe('yes');
    expect(formatRequirementValue('cpu', 4)).toBe('4');
    expect(formatRequirementValue('os', 'linux')).toBe('linux');
    expect(formatRequirementValue('maxRuntimeMinutes', null)).toBe('unknown');
  });
});

describe('times', () => {
  const now = new Date(2025, 2, 4, 18, 0, 0).getTime();

  it('are 24-hour everywhere, with the date only when not today', () => {
    expect(formatTime(new Date(2025, 2, 4, 16, 39, 19), now)).toBe('16:39:19');
    expect(formatTime(new Date(2025, 2, 3, 4, 37, 45), now)).toBe('2025-03-03 04:37:45');
    expect(formatTime(new Date(2025, 2, 4, 16, 39, 19).toISOString(), now)).toBe('16:39:19');
    expect(formatDateTime(new Date(2025, 2, 4, 16, 39, 19))).toBe('2025-03-04 16:39:19');
    expect(formatClock(new Date(2025, 2, 4, 16, 39, 19).getTime())).toBe('16:39:19');
    expect(formatAxisTime(new Date(2025, 2, 4, 16, 39, 19).getTime())).toBe('16:39');
    expect(formatAxisTime(new Date(2025, 2, 4).getTime(), true)).toBe('2025-03-04');
    expect(formatTime('not a time', now)).toBe('not a time');
  });
});

describe('target colours', () => {
  afterEach(() => useTargetOrder.getState().setOrder([]));

  it('are a function of the id alone for a target not configured: the same in every chart, spread over the palette', () => {
    expect(targetColour('gpu-box')).toBe(targetColour('gpu-box'));
    expect(targetColour('gpu-box')).toMatch(/^var\(--target-(\d+)\)$/);
    const ids = ['local', 'gpu-box', 'aws-g5.xlarge', 'aws-p4d.24xlarge', 'slurm-a100-01', 'k8s-node-3', 'ml@box'];
    const slots = new Set(ids.map((id) => targetColourIndex(id)));
    expect(slots.size).toBeGreaterThanOrEqual(4);
    for (const slot of slots) {
      expect(slot).toBeGreaterThanOrEqual(1);
      expect(slot).toBeLessThanOrEqual(TARGET_PALETTE_SIZE);
    }
  });

  it('never share a colour among the first ten configured targets: they take the palette in file order', () => {
    // The issue's own fleet: by hash, gpu-box and aws-p4d share a colour; by their place in the file, none do.
    const ids = ['local', 'gpu-box', 'aws-g5', 'aws-p4d'];
    expect(targetColourIndex('gpu-box')).toBe(targetColourIndex('aws-p4d'));
    useTargetOrder.getState().setOrder(ids);
    expect(ids.map((id) => targetColourIndex(id))).toEqual([1, 2, 3, 4]);
    // The same order again changes nothing (no repaint); a past placement's target keeps its hash colour.
    const before = useTargetOrder.getState().index;
    useTargetOrder.getState().setOrder([...ids]);
    expect(useTargetOrder.getState().index).toBe(before);
    expect(targetColourIndex('retired-box')).toBe(targetColourIndex('retired-box', new Map()));
  });
});
