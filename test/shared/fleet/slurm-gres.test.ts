import { describe, expect, it } from 'vitest';
import { gpusFromGres } from '../../../shared/fleet/slurm-gres.js';

function read(gres: string | undefined) {
  const warnings: string[] = [];
  const gpus = gpusFromGres(gres, 'g1', warnings);
  return { gpus, warnings };
}

const ASSUMED_A100 = `GPU "a100": 'a100' could be A100 40GB or A100 80GB: assumed A100 40GB (the smaller figures); name the model in full to be sure`;

describe('GPUs from a Slurm GRES string', () => {
  it('reads a typed GPU with a socket suffix, taking model and VRAM from the GPU table', () => {
    expect(read('gpu:a100:4(S:0-1)')).toEqual({
      gpus: [{ vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 4 }],
      // A bare `a100` could be either A100: the smaller is taken, and the import says so, once.
      warnings: [ASSUMED_A100],
    });
  });

  it('gives one device per type when a node has several', () => {
    expect(read('gpu:h100:2,gpu:h200:4').gpus).toEqual([
      { vendor: 'nvidia', model: 'H100 PCIe', vramGb: 80, count: 2 },
      { vendor: 'nvidia', model: 'H200', vramGb: 141, count: 4 },
    ]);
  });

  it('keeps commas inside a socket suffix and drops index suffixes', () => {
    expect(read('gpu:h100:2(S:0),gpu:l40s:4(S:0,1),mps:200').gpus).toEqual([
      { vendor: 'nvidia', model: 'H100 PCIe', vramGb: 80, count: 2 },
      { vendor: 'nvidia', model: 'L40S', vramGb: 48, count: 4 },
    ]);
    expect(read('gpu:a100:3(IDX:0-2)').gpus).toEqual([{ vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 3 }]);
  });

  it('adds up entries of the same model split by socket', () => {
    expect(read('gpu:a100:2(S:0),gpu:a100:2(S:1)').gpus).toEqual([
      { vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 4 },
    ]);
  });

  it('ignores non-GPU GRES', () => {
    expect(read('mps:20,shard:8,nic:2')).toEqual({ gpus: [], warnings: [] });
    expect(read('gpu:a100:8(S:0-1),mps:20').gpus).toEqual([
      { vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 8 },
    ]);
  });

  it('reads a zero count as no GPU, and Slurm’s empty markers as none', () => {
    expect(read('gpu:a100:0')).toEqual({ gpus: [], warnings: [] });
    for (const empty of [undefined, '', '(null)', 'N/A']) expect(read(empty)).toEqual({ gpus: [], warnings: [] });
  });

  it('takes an untyped GPU count as NVIDIA with unknown VRAM, and says so', () => {
    expect(read('gpu:8')).toEqual({
      gpus: [{ vendor: 'nvidia', vramGb: null, count: 8 }],
      warnings: ['node g1: GRES "gpu:8" names no GPU model; taken as 8 nvidia GPUs, VRAM unknown'],
    });
  });

  it('keeps an unknown type’s name with unknown VRAM, and says so', () => {
    expect(read('gpu:mystery:2')).toEqual({
      gpus: [{ vendor: 'nvidia', model: 'mystery', vramGb: null, count: 2 }],
      warnings: [
        'node g1: GPU type "mystery" (GRES "gpu:mystery:2") is not in the GPU table; VRAM unknown, vendor taken as nvidia',
      ],
    });
    expect(read('gpu:amd_mi300a:4')).toEqual({
      gpus: [{ vendor: 'amd', model: 'amd_mi300a', vramGb: null, count: 4 }],
      warnings: [
        'node g1: GPU type "amd_mi300a" (GRES "gpu:amd_mi300a:4") is not in the GPU table; VRAM unknown, vendor amd from its name',
      ],
    });
  });

  it('reads the types NVML autodetection writes and known AMD types', () => {
    expect(read('gpu:nvidia_a100_80gb_pcie:2').gpus).toEqual([
      { vendor: 'nvidia', model: 'A100 80GB', vramGb: 80, count: 2 },
    ]);
    expect(read('gpu:mi250x:8').gpus).toEqual([{ vendor: 'amd', model: 'MI250X', vramGb: 128, count: 8 }]);
  });

  it('skips an entry it cannot read, with a warning', () => {
    expect(read('gpu:a100:1,(junk)')).toEqual({
      gpus: [{ vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 1 }],
      warnings: [ASSUMED_A100, 'node g1: GRES entry "(junk)" not understood; ignored'],
    });
  });
});
