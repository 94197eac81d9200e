// The CPU's name from one `lscpu`, as systeminformation's cpu() gives it (cpu-name.ts ports its rules).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import si from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { cpuNameFromLscpu, linuxCpuName } from '../../../electron/discovery/cpu-name.js';
import { cpuName } from '../../../electron/discovery/local.js';

/** lscpu's output (LC_ALL=C) around the lines that name the CPU. */
const lscpu = (...named: string[]) =>
  [
    'Architecture:                            x86_64',
    'CPU op-mode(s):                          32-bit, 64-bit',
    'Vendor ID:                               GenuineIntel',
    ...named,
    'CPU family:                              6',
    'Flags:                                   fpu vme de pse tsc msr',
  ].join('\n');

describe('cpuNameFromLscpu', () => {
  it('symbols for (R) and (TM), CPU and the clock dropped, the first word taken for the maker', () => {
    const text = lscpu('Model name:                              Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz');
    expect(cpuNameFromLscpu(text, 'ignored')).toEqual({ manufacturer: 'Intel', brand: 'Xeon® Gold 6248' });
    expect(cpuNameFromLscpu(lscpu('Model name:    Intel(R) Xeon(R) Processor'), '')).toEqual({
      manufacturer: 'Intel',
      brand: 'Xeon® Processor',
    });
  });

  it('the BIOS model name wins over lscpu’s, which wins over the OS’s', () => {
    const text = lscpu('Model name:   AMD EPYC 7B13', 'BIOS Model name:  AMD EPYC 7B13 64-Core Processor');
    expect(cpuNameFromLscpu(text, 'AMD EPYC')).toEqual({ manufacturer: 'AMD', brand: 'EPYC 7B13 64-Core Processor' });
    expect(cpuNameFromLscpu(lscpu('Model name:   AMD EPYC 7763 64-Core Processor'), 'AMD EPYC')).toEqual({
      manufacturer: 'AMD',
      brand: 'EPYC 7763 64-Core Processor',
    });
  });

  it('without lscpu (or without a model line) the OS’s model is named', () => {
    expect(cpuNameFromLscpu('', 'AMD EPYC 7B13')).toEqual({ manufacturer: 'AMD', brand: 'EPYC 7B13' });
    expect(cpuNameFromLscpu(lscpu(), 'Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz')).toEqual({
      manufacturer: 'Intel',
      brand: 'Core™ i7-8700',
    });
  });

  it('a 12th-gen Intel: its first word ("12th") is taken for the maker’s, as systeminformation does', () => {
    const name = cpuNameFromLscpu(lscpu('Model name: 12th Gen Intel(R) Core(TM) i7-12700H'), '');
    expect(name).toEqual({ manufacturer: 'Intel', brand: 'Gen Intel® Core™ i7-12700H' });
    expect(cpuName(name.manufacturer, name.brand)).toBe('Intel® Core™ i7-12700H');
  });

  it('a BIOS placeholder names nothing (then discovery falls back to the OS’s model)', () => {
    const text = lscpu('Model name: Intel(R) Xeon(R) Processor', 'BIOS Model name: To Be Filled By O.E.M.');
    expect(cpuNameFromLscpu(text, '')).toEqual({ manufacturer: '', brand: '' });
    expect(cpuName('', '')).toBeNull();
  });

  it('an unknown model keeps what comes before "Unknown"', () => {
    expect(cpuNameFromLscpu(lscpu('Model name: QEMU Virtual CPU version 2.5+ Unknown'), '')).toEqual({
      manufacturer: 'QEMU',
      brand: 'Virtual version 2.5+',
    });
  });
});

describe.runIf(os.platform() === 'linux')('on this Linux machine', () => {
  const osModel = os.cpus()[0]?.model ?? '';

  it('names the CPU exactly as systeminformation’s cpu() does', async () => {
    const theirs = await si.cpu();
    expect(await linuxCpuName(osModel, 5000)).toEqual({ manufacturer: theirs.manufacturer, brand: theirs.brand });
  });

  it('and so does lscpu’s own output, where lscpu must be asked', async (context) => {
    let lscpuOutput: string;
    try {
      lscpuOutput = execFileSync('lscpu', [], {
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
        timeout: 5000,
      });
    } catch {
      return context.skip();
    }
    const theirs = await si.cpu();
    expect(cpuNameFromLscpu(lscpuOutput, osModel)).toEqual({ manufacturer: theirs.manufacturer, brand: theirs.brand });
  });
});
