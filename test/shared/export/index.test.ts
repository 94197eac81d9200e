import { describe, expect, it } from 'vitest';
import { EMIT_FORMATS, EmitError } from '../../../shared/export/index.js';
import {
  cloudFleet,
  comments,
  emitError,
  kubernetesFleet,
  laptop,
  nomadFleet,
  placeAndEmit,
  slurmFleet,
} from './fleets.js';

const everything = () => [...laptop(), ...kubernetesFleet(), ...slurmFleet(), ...nomadFleet(), ...cloudFleet()];
const LANGUAGES = { kubernetes: 'yaml', slurm: 'shell', nomad: 'hcl', skypilot: 'yaml' } as const;

describe('emitPlacement', () => {
  it('knows the four schedulers', () => {
    expect(EMIT_FORMATS).toEqual(['kubernetes', 'slurm', 'nomad', 'skypilot']);
  });

  it('writes each scheduler from a mixed fleet, never dropping what it cannot express', () => {
    // `auto` picks the laptop; each scheduler still gets the constraints for its own eligible nodes.
    const task = { requirements: { cpu: 2, memoryGb: 8, tools: ['python3>=3.10'], maxCost: 3 }, affinity: ['gpu'] };
    for (const format of EMIT_FORMATS) {
      const { emitted, result } = placeAndEmit(format, task, everything(), false);
      expect(result.selectedTarget).toBe('local');
      expect(emitted.format).toBe(format);
      expect(emitted.language).toBe(LANGUAGES[format]);
      expect(emitted.unexpressed).toEqual(expect.arrayContaining([expect.stringMatching(/^tool python3>=3\.10: /)]));
      expect(emitted.unexpressed).toEqual(expect.arrayContaining([expect.stringMatching(/^maxCost \$3\.00: /)]));
      expect(emitted.unexpressed).toContain('affinity (gpu): soft, not written');
      for (const u of emitted.unexpressed) expect(comments(emitted.text)).toContain(`not expressed: ${u}`);
    }
  });

  it('throws an EmitError with a one-line message for every scheduler when pinned to the laptop', () => {
    for (const format of EMIT_FORMATS) {
      const err = emitError(format, { requirements: { cpu: 1 } }, everything(), true);
      expect(err).toBeInstanceOf(EmitError);
      expect((err as Error).message).toMatch(/^cannot pin to \w+: the selected target 'local' is a local target/);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
