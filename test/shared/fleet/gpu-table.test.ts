import { describe, expect, it } from 'vitest';
import { knownGpuModels, lookupGpu } from '../../../shared/fleet/gpu-table.js';

describe('lookupGpu', () => {
  it.each([
    // Each source's spelling of a model: GPU Feature Discovery, GCP accelerator names, Slurm GRES
    // types, SkyPilot names, nvidia-smi and Nomad device names.
    ['NVIDIA-H100-80GB-HBM3', 'nvidia', 'H100', 80],
    ['NVIDIA-A100-SXM4-40GB', 'nvidia', 'A100', 40],
    ['NVIDIA-A100-SXM4-80GB', 'nvidia', 'A100 80GB', 80],
    ['nvidia-tesla-a100', 'nvidia', 'A100', 40],
    ['nvidia-a100-80gb', 'nvidia', 'A100 80GB', 80],
    ['Tesla-T4', 'nvidia', 'T4', 16],
    ['Tesla V100-SXM2-16GB', 'nvidia', 'V100', 16],
    ['V100-32GB', 'nvidia', 'V100 32GB', 32],
    ['a100', 'nvidia', 'A100', 40],
    ['h100', 'nvidia', 'H100', 80],
    ['H100-NVL', 'nvidia', 'H100 NVL', 94],
    ['h200', 'nvidia', 'H200', 141],
    ['A10G', 'nvidia', 'A10G', 24],
    ['NVIDIA A10G', 'nvidia', 'A10G', 24],
    ['nvidia-l4', 'nvidia', 'L4', 24],
    ['L40S', 'nvidia', 'L40S', 48],
    ['A16', 'nvidia', 'A16', 16],
    ['AMD Instinct MI300X', 'amd', 'MI300X', 192],
    ['mi250x', 'amd', 'MI250X', 128],
  ])('%s → %s %s %d GB', (name, vendor, model, vramGb) => {
    expect(lookupGpu(name)).toEqual({ vendor, model, vramGb });
  });

  it('knows nothing it was not told: an unknown model is null, never a guess', () => {
    expect(lookupGpu('mystery')).toBeNull();
    expect(lookupGpu('')).toBeNull();
    // `a1000` is not an A100 with a typo: a key must end the name or be followed by `-`.
    expect(lookupGpu('a1000')).toBeNull();
  });

  it('lists each model once', () => {
    const models = knownGpuModels().map((m) => m.model);
    expect(new Set(models).size).toBe(models.length);
    expect(models).toContain('H100');
  });
});
