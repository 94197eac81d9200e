import { describe, expect, it } from 'vitest';
import { slurmNodeState } from '../../../shared/fleet/slurm-state.js';

describe('Slurm node states', () => {
  it.each([
    [['IDLE'], 'IDLE'],
    [['MIXED'], 'MIXED'],
    [['ALLOCATED'], 'ALLOCATED'],
    [['ALLOCATED', 'COMPLETING'], 'ALLOCATED+COMPLETING'],
    [['IDLE', 'RESERVED'], 'IDLE+RESERVED'],
    [['IDLE', 'MAINTENANCE'], 'IDLE+MAINTENANCE'],
    [['IDLE', 'CLOUD'], 'IDLE+CLOUD'],
    [['idle'], 'IDLE'],
    [['mix'], 'MIX'],
    [['alloc$'], 'ALLOC$'],
  ])('%j is schedulable (written %s)', (parts, written) => {
    expect(slurmNodeState(parts, 'ignored when usable', 'n1')).toEqual({ written, warnings: [] });
  });

  it.each([
    [['IDLE', 'DRAIN'], 'IDLE+DRAIN', 'DRAIN'],
    [['MIXED', 'DRAIN'], 'MIXED+DRAIN', 'DRAIN'],
    [['idle', 'DRAIN'], 'IDLE+DRAIN', 'DRAIN'],
    [['drained'], 'DRAINED', 'DRAINED'],
    [['draining'], 'DRAINING', 'DRAINING'],
    [['drng'], 'DRNG', 'DRAINING'],
    [['mixed*'], 'MIXED*', 'NOT_RESPONDING'],
    [['MIXED*'], 'MIXED*', 'NOT_RESPONDING'],
    [['idle*'], 'IDLE*', 'NOT_RESPONDING'],
    [['idle~'], 'IDLE~', 'POWERED_DOWN'],
    [['DOWN'], 'DOWN', 'DOWN'],
    [['DOWN*', 'DRAIN'], 'DOWN*+DRAIN', 'DOWN+NOT_RESPONDING+DRAIN'],
    [['down', 'NOT_RESPONDING'], 'DOWN+NOT_RESPONDING', 'DOWN+NOT_RESPONDING'],
    [['UNKNOWN', 'NOT_RESPONDING'], 'UNKNOWN+NOT_RESPONDING', 'UNKNOWN+NOT_RESPONDING'],
    [['ALLOCATED', 'FAIL'], 'ALLOCATED+FAIL', 'FAIL'],
    [['IDLE', 'CLOUD', 'POWERED_DOWN'], 'IDLE+CLOUD+POWERED_DOWN', 'POWERED_DOWN'],
    [['IDLE', 'POWER_DOWN'], 'IDLE+POWER_DOWN', 'POWER_DOWN'],
    [['FUTURE'], 'FUTURE', 'FUTURE'],
    [['INVAL'], 'INVAL', 'INVAL'],
    [['IDLE', 'REBOOT_ISSUED'], 'IDLE+REBOOT_ISSUED', 'REBOOT_ISSUED'],
  ])('%j is unschedulable (written %s, why %s)', (parts, written, why) => {
    expect(slurmNodeState(parts, undefined, 'n1')).toEqual({ written, unschedulable: why, warnings: [] });
  });

  it('adds the reason as scontrol names it, with its spaces and = kept', () => {
    expect(slurmNodeState(['IDLE', 'DRAIN'], 'maint: fan=broken', 'n1').unschedulable).toBe(
      'DRAIN (Reason=maint: fan=broken)',
    );
    expect(slurmNodeState(['DOWN'], '  ', 'n1').unschedulable).toBe('DOWN');
  });

  it('cuts a very long reason to fit the field', () => {
    const why = slurmNodeState(['DOWN'], 'x'.repeat(2000), 'n1').unschedulable!;
    expect(why).toBe(`DOWN (Reason=${'x'.repeat(900)}…)`);
  });

  it('takes a state it does not know as unschedulable, with a warning', () => {
    expect(slurmNodeState(['IDLE', 'SPLINES_RETICULATED'], undefined, 'n1')).toEqual({
      written: 'IDLE+SPLINES_RETICULATED',
      unschedulable: 'SPLINES_RETICULATED',
      warnings: ['node n1: unknown Slurm state SPLINES_RETICULATED; taken as unschedulable'],
    });
  });

  it('takes a missing state as UNKNOWN, with a warning', () => {
    expect(slurmNodeState([''], undefined, 'n1')).toEqual({
      written: 'UNKNOWN',
      unschedulable: 'UNKNOWN',
      warnings: ['node n1: no state given; taken as UNKNOWN (unschedulable)'],
    });
  });
});
