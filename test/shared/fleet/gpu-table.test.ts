import { describe, expect, it } from 'vitest';
import { knownGpuModels, lookupGpu, skypilotName } from '../../../shared/fleet/gpu-table.js';

describe('lookupGpu: every source’s spelling of a model', () => {
  it.each([
    // nvidia-smi
    ['NVIDIA H100 80GB HBM3', 'nvidia', 'H100 SXM', 80],
    ['NVIDIA H100 PCIe', 'nvidia', 'H100 PCIe', 80],
    ['NVIDIA H100 NVL', 'nvidia', 'H100 NVL', 94],
    ['NVIDIA A100-SXM4-40GB', 'nvidia', 'A100 40GB', 40],
    ['NVIDIA A100-PCIE-40GB', 'nvidia', 'A100 40GB', 40],
    ['NVIDIA A100 80GB PCIe', 'nvidia', 'A100 80GB', 80],
    ['Tesla T4', 'nvidia', 'T4', 16],
    ['Tesla V100-SXM2-16GB', 'nvidia', 'V100 16GB', 16],
    ['Tesla V100-PCIE-32GB', 'nvidia', 'V100 32GB', 32],
    ['Tesla V100S-PCIE-32GB', 'nvidia', 'V100S', 32],
    ['Tesla P100-PCIE-16GB', 'nvidia', 'P100', 16],
    ['Tesla K80', 'nvidia', 'K80', 12],
    ['NVIDIA H200', 'nvidia', 'H200', 141],
    ['NVIDIA H200 NVL', 'nvidia', 'H200 NVL', 141],
    ['NVIDIA B200', 'nvidia', 'B200', 180],
    ['NVIDIA GH200 480GB', 'nvidia', 'GH200 96GB', 96],
    ['NVIDIA GH200 144G HBM3e', 'nvidia', 'GH200 144GB', 144],
    ['NVIDIA A10G', 'nvidia', 'A10G', 24],
    ['NVIDIA A10', 'nvidia', 'A10', 24],
    ['NVIDIA L4', 'nvidia', 'L4', 24],
    ['NVIDIA L40S', 'nvidia', 'L40S', 48],
    ['NVIDIA L40', 'nvidia', 'L40', 48],
    ['NVIDIA A30', 'nvidia', 'A30', 24],
    ['NVIDIA A40', 'nvidia', 'A40', 48],
    ['NVIDIA A16', 'nvidia', 'A16', 16],
    ['NVIDIA GeForce RTX 4090', 'nvidia', 'RTX 4090', 24],
    ['NVIDIA GeForce RTX 3090', 'nvidia', 'RTX 3090', 24],
    ['NVIDIA GeForce RTX 5090', 'nvidia', 'RTX 5090', 32],
    ['NVIDIA RTX A6000', 'nvidia', 'RTX A6000', 48],
    ['NVIDIA RTX 6000 Ada Generation', 'nvidia', 'RTX 6000 Ada', 48],
    // Kubernetes GPU Feature Discovery's nvidia.com/gpu.product
    ['NVIDIA-H100-80GB-HBM3', 'nvidia', 'H100 SXM', 80],
    ['NVIDIA-A100-SXM4-80GB', 'nvidia', 'A100 80GB', 80],
    ['NVIDIA-A100-SXM4-40GB', 'nvidia', 'A100 40GB', 40],
    ['Tesla-T4', 'nvidia', 'T4', 16],
    ['NVIDIA-L4', 'nvidia', 'L4', 24],
    // GKE's cloud.google.com/gke-accelerator, each naming one part (GCP "GPU machine types")
    ['nvidia-tesla-a100', 'nvidia', 'A100 40GB', 40],
    ['nvidia-a100-80gb', 'nvidia', 'A100 80GB', 80],
    ['nvidia-h100-80gb', 'nvidia', 'H100 SXM', 80],
    ['nvidia-h100-mega-80gb', 'nvidia', 'H100 SXM', 80],
    ['nvidia-h200-141gb', 'nvidia', 'H200', 141],
    ['nvidia-l4', 'nvidia', 'L4', 24],
    ['nvidia-tesla-t4', 'nvidia', 'T4', 16],
    ['nvidia-tesla-v100', 'nvidia', 'V100 16GB', 16],
    ['nvidia-tesla-p100', 'nvidia', 'P100', 16],
    ['nvidia-b200', 'nvidia', 'B200', 180],
    // Slurm GRES types
    ['a100_80gb', 'nvidia', 'A100 80GB', 80],
    ['a100-80gb', 'nvidia', 'A100 80GB', 80],
    ['l40s', 'nvidia', 'L40S', 48],
    // SkyPilot catalogs
    ['A100-80GB', 'nvidia', 'A100 80GB', 80],
    ['A10G', 'nvidia', 'A10G', 24],
    ['V100-32GB', 'nvidia', 'V100 32GB', 32],
    ['L40S', 'nvidia', 'L40S', 48],
    ['H100-MEGA', 'nvidia', 'H100 SXM', 80],
    ['T4g', 'nvidia', 'T4G', 16],
    ['RTXA6000', 'nvidia', 'RTX A6000', 48],
    ['RTX6000-Ada', 'nvidia', 'RTX 6000 Ada', 48],
    ['RTX4090', 'nvidia', 'RTX 4090', 24],
    // AMD, Intel, Apple
    ['AMD Instinct MI300X', 'amd', 'MI300X', 192],
    ['AMD Instinct MI250X', 'amd', 'MI250X', 128],
    ['MI210', 'amd', 'MI210', 64],
    ['AMD Instinct MI100', 'amd', 'MI100', 32],
    ['AMD Radeon RX 7900 XTX', 'amd', 'Radeon RX 7900 XTX', 24],
    ['Radeon Pro V520', 'amd', 'Radeon Pro V520', 8],
    ['Intel(R) Data Center GPU Max 1550', 'intel', 'Data Center GPU Max 1550', 128],
    ['Intel Data Center GPU Max 1100', 'intel', 'Data Center GPU Max 1100', 48],
    ['gaudi2', 'intel', 'Gaudi 2', 96],
    ['Gaudi 2', 'intel', 'Gaudi 2', 96],
    ['Intel Gaudi 2', 'intel', 'Gaudi 2', 96],
    ['HL-225', 'intel', 'Gaudi 2', 96],
    ['Gaudi 3', 'intel', 'Gaudi 3', 128],
    ['HL-325L', 'intel', 'Gaudi 3', 128],
    ['Apple M1', 'apple', 'M1', 8],
    ['Apple M1 Max', 'apple', 'M1 Max', 32],
    ['Apple M2 Max', 'apple', 'M2 Max', 32],
    ['Apple M3 Max', 'apple', 'M3 Max', 36],
    ['Apple M4 Max', 'apple', 'M4 Max', 36],
    ['Apple M4 Pro', 'apple', 'M4 Pro', 24],
  ])('%s → %s %s, %d GB, exactly', (name, vendor, model, vramGb) => {
    const found = lookupGpu(name);
    expect(found).toMatchObject({ vendor, model, vramGb });
    // A name that can only be this model assumes nothing.
    expect(found).not.toHaveProperty('assumed');
  });
});

describe('lookupGpu: a name that could be two models', () => {
  it.each([
    ['a100', 'A100 40GB', 40, "'a100' could be A100 40GB or A100 80GB: assumed A100 40GB (the smaller figures)"],
    ['A100', 'A100 40GB', 40, "'A100' could be A100 40GB or A100 80GB: assumed A100 40GB (the smaller figures)"],
    ['v100', 'V100 16GB', 16, "'v100' could be V100 16GB or V100 32GB: assumed V100 16GB (the smaller figures)"],
    ['gh200', 'GH200 96GB', 96, "'gh200' could be GH200 96GB or GH200 144GB: assumed GH200 96GB (the smaller figures)"],
    [
      'h100',
      'H100 PCIe',
      80,
      "'h100' could be H100 PCIe, H100 SXM or H100 NVL: assumed H100 PCIe (the smaller figures)",
    ],
    // SkyPilot's bare H100 and an 80 GB H100 without its memory type: PCIe (HBM2e) or SXM (HBM3).
    [
      'H100',
      'H100 PCIe',
      80,
      "'H100' could be H100 PCIe, H100 SXM or H100 NVL: assumed H100 PCIe (the smaller figures)",
    ],
    [
      'H100-80GB',
      'H100 PCIe',
      80,
      "'H100-80GB' could be H100 PCIe or H100 SXM: assumed H100 PCIe (the smaller figures)",
    ],
    [
      'NVIDIA A100-SXM4',
      'A100 40GB',
      40,
      "'NVIDIA A100-SXM4' could be A100 40GB or A100 80GB: assumed A100 40GB (the smaller figures)",
    ],
  ])('%s → %s (%d GB), saying what it assumed', (name, model, vramGb, assumed) => {
    expect(lookupGpu(name)).toMatchObject({ vendor: 'nvidia', model, vramGb, assumed });
  });

  it('takes a memory size written in the name as the model with that memory', () => {
    expect(lookupGpu('h100-94gb')).toMatchObject({ model: 'H100 NVL', vramGb: 94 });
    expect(lookupGpu('h100-94gb')).not.toHaveProperty('assumed');
    expect(lookupGpu('gh200-144gb')).toMatchObject({ model: 'GH200 144GB', vramGb: 144 });
  });

  it('keeps the smaller memory when a written size matches no such model, and says so', () => {
    // A cut-down part: the written, smaller size wins, the rest of the figures are the model's.
    expect(lookupGpu('Tesla P100-PCIE-12GB')).toMatchObject({
      model: 'P100',
      vramGb: 12,
      bandwidthGBs: 732,
      assumed: "'Tesla P100-PCIE-12GB' names 12 GB, unlike P100 (16 GB) in the table: took P100's figures with 12 GB",
    });
    // A larger written size is not believed: it is more often some other memory than the GPU's.
    expect(lookupGpu('A16-64GB')).toMatchObject({
      model: 'A16',
      vramGb: 16,
      assumed: "'A16-64GB' names 64 GB, unlike A16 (16 GB) in the table: assumed A16 with 16 GB (the smaller figures)",
    });
    expect(lookupGpu('a100-64gb')).toMatchObject({
      model: 'A100 40GB',
      vramGb: 40,
      assumed:
        "'a100-64gb' names 64 GB, unlike A100 40GB (40 GB) or A100 80GB (80 GB) in the table: assumed A100 40GB with 40 GB (the smaller figures)",
    });
  });
});

describe('lookupGpu: no guesses', () => {
  it('knows nothing it was not told: an unknown model is null', () => {
    expect(lookupGpu('mystery')).toBeNull();
    expect(lookupGpu('')).toBeNull();
    expect(lookupGpu('   ')).toBeNull();
    expect(lookupGpu('NVIDIA')).toBeNull();
    expect(lookupGpu('gaudi')).toBeNull();
    expect(lookupGpu('NVIDIA GB200')).toBeNull();
  });

  it('matches whole words only: `a1000` is not an A100 with a typo', () => {
    expect(lookupGpu('a1000')).toBeNull();
    expect(lookupGpu('NVIDIA RTX A1000')).toBeNull();
    expect(lookupGpu('h1000')).toBeNull();
  });

  it('does not take a variant for the model it extends', () => {
    expect(lookupGpu('NVIDIA GeForce RTX 4090 Laptop GPU')).toBeNull();
    expect(lookupGpu('NVIDIA GeForce RTX 3090 Ti')).toBeNull();
    expect(lookupGpu('NVIDIA GeForce RTX 4090 D')).toBeNull();
  });

  it('answers the same frozen object for the same name', () => {
    const first = lookupGpu('NVIDIA-A100-SXM4-80GB');
    expect(lookupGpu('NVIDIA-A100-SXM4-80GB')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(lookupGpu('a100'))).toBe(true);
  });
});

describe('the table', () => {
  const models = knownGpuModels();

  it('holds at least 35 models, each listed once', () => {
    expect(models.length).toBeGreaterThanOrEqual(35);
    const names = models.map((m) => m.model);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the models it had and has those an engineer meets', () => {
    const names = new Set(models.map((m) => m.model));
    for (const model of [
      ...['V100 16GB', 'V100 32GB', 'T4', 'A10', 'A10G', 'A30', 'A40', 'A100 40GB', 'A100 80GB', 'L4', 'L40'],
      ...['L40S', 'H100 PCIe', 'H100 SXM', 'H100 NVL', 'H200', 'B200', 'GH200 96GB', 'H20', 'A16', 'A2', 'T4G'],
      ...['P100', 'P40', 'P4', 'K80', 'M60', 'RTX A6000', 'RTX A5000', 'RTX A4000', 'RTX 6000 Ada', 'RTX 3090'],
      ...['RTX 4090', 'RTX 5090', 'MI100', 'MI210', 'MI250', 'MI250X', 'MI300X', 'Radeon RX 7900 XTX'],
      ...['Radeon Pro V520', 'Radeon Pro V710', 'Data Center GPU Max 1100', 'Data Center GPU Max 1550'],
      ...['Gaudi 2', 'Gaudi 3', 'M1', 'M1 Max', 'M2 Max', 'M3 Max', 'M4 Max'],
    ])
      expect(names, model).toContain(model);
  });

  it('gives every model a source document with its URL, and figures that are positive or unknown', () => {
    for (const m of models) {
      expect(m.source, m.model).toMatch(/https:\/\/\S+/);
      expect(m.vramGb, m.model).toBeGreaterThan(0);
      for (const figure of [m.bandwidthGBs, m.fp16Tflops, m.fp32Tflops])
        if (figure !== null) expect(figure, m.model).toBeGreaterThan(0);
      // Compute capability is NVIDIA's alone.
      if (m.vendor === 'nvidia') expect(m.computeCapability, m.model).toMatch(/^\d+\.\d$/);
      else expect(m.computeCapability, m.model).toBeNull();
    }
  });

  it('resolves each model from its own name, exactly', () => {
    for (const m of models) {
      const found = lookupGpu(m.model);
      expect(found, m.model).toBe(m);
    }
  });

  // Spot checks against the vendors' documents.
  it.each([
    // NVIDIA A100 Tensor Core GPU data sheet: 312 dense BF16/FP16 tensor (624 with sparsity), 19.5 FP32.
    ['A100 40GB', { vramGb: 40, bandwidthGBs: 1555, fp16Tflops: 312, fp32Tflops: 19.5, computeCapability: '8.0' }],
    ['A100 80GB', { vramGb: 80, bandwidthGBs: 2039, fp16Tflops: 312, fp32Tflops: 19.5, computeCapability: '8.0' }],
    // NVIDIA H100 data sheet: SXM 1,979 BF16 with sparsity → 989 dense, 67 FP32, 3.35 TB/s.
    ['H100 SXM', { vramGb: 80, bandwidthGBs: 3350, fp16Tflops: 989, fp32Tflops: 67, computeCapability: '9.0' }],
    // Same data sheet, PCIe column: 1,513 with sparsity → 756 dense, 51 FP32, 2 TB/s.
    ['H100 PCIe', { vramGb: 80, bandwidthGBs: 2000, fp16Tflops: 756, fp32Tflops: 51 }],
    // NVIDIA H200 product page: 141 GB, 4.8 TB/s, 1,979 with sparsity.
    ['H200', { vramGb: 141, bandwidthGBs: 4800, fp16Tflops: 989, fp32Tflops: 67 }],
    // NVIDIA T4 data sheet: 65 TFLOPS mixed-precision FP16/FP32, 8.1 FP32, 320 GB/s.
    ['T4', { vramGb: 16, bandwidthGBs: 320, fp16Tflops: 65, fp32Tflops: 8.1, computeCapability: '7.5' }],
    // NVIDIA L4 data sheet: 242 FP16 tensor with sparsity → 121 dense, 30.3 FP32, 300 GB/s.
    ['L4', { vramGb: 24, bandwidthGBs: 300, fp16Tflops: 121, fp32Tflops: 30.3, computeCapability: '8.9' }],
    // NVIDIA A10 data sheet: 125 dense FP16 tensor (250 with sparsity), 31.2 FP32, 600 GB/s.
    ['A10', { vramGb: 24, bandwidthGBs: 600, fp16Tflops: 125, fp32Tflops: 31.2 }],
    // AWS G5 (A10G): 24 GB, 600 GB/s, 70 dense FP16 tensor.
    ['A10G', { vramGb: 24, bandwidthGBs: 600, fp16Tflops: 70 }],
    // NVIDIA L40S data sheet: 362.05 FP16 tensor dense (733 with sparsity), 91.6 FP32, 864 GB/s.
    ['L40S', { vramGb: 48, bandwidthGBs: 864, fp16Tflops: 362, fp32Tflops: 91.6 }],
    // NVIDIA V100 data sheet (SXM2): 125 tensor, 15.7 FP32, 900 GB/s.
    ['V100 16GB', { vramGb: 16, bandwidthGBs: 900, fp16Tflops: 125, fp32Tflops: 15.7, computeCapability: '7.0' }],
    // AMD Instinct MI300X data sheet: 192 GB HBM3, 5.3 TB/s, FP16 1,307.4 dense (2,614.9 with sparsity), FP32 81.7.
    ['MI300X', { vramGb: 192, bandwidthGBs: 5300, fp16Tflops: 1307.4, fp32Tflops: 81.7, computeCapability: null }],
    // Intel Gaudi 3 white paper: 128 GB HBM2e, 3.7 TB/s, BF16 1,835.
    ['Gaudi 3', { vendor: 'intel', vramGb: 128, bandwidthGBs: 3700, fp16Tflops: 1835 }],
  ])('%s holds its document’s figures', (model, figures) => {
    expect(models.find((m) => m.model === model)).toMatchObject(figures);
  });

  it('names each model as SkyPilot does', () => {
    const sky = (name: string) => skypilotName(lookupGpu(name)!);
    expect(sky('NVIDIA A100-SXM4-40GB')).toBe('A100');
    expect(sky('NVIDIA-A100-SXM4-80GB')).toBe('A100-80GB');
    expect(sky('NVIDIA H100 80GB HBM3')).toBe('H100');
    expect(sky('NVIDIA H100 PCIe')).toBe('H100');
    expect(sky('Tesla V100-SXM2-16GB')).toBe('V100');
    expect(sky('Tesla V100-SXM2-32GB')).toBe('V100-32GB');
    expect(sky('NVIDIA A10G')).toBe('A10G');
    expect(sky('NVIDIA RTX A6000')).toBe('RTXA6000');
    expect(sky('NVIDIA RTX 6000 Ada Generation')).toBe('RTX6000-Ada');
  });
});

describe('a GPU written without its VRAM', () => {
  it('takes the table’s, and says so (and what it assumed); an unknown model stays unknown', async () => {
    const { gpuDevice } = await import('../../../shared/schema/capabilities.js');
    expect(gpuDevice.parse({ vendor: 'nvidia', model: 'NVIDIA L40S' })).toEqual({
      vendor: 'nvidia',
      model: 'NVIDIA L40S',
      vramGb: 48,
      vramFrom: 'the GPU table (L40S)',
    });
    expect(gpuDevice.parse({ vendor: 'nvidia', model: 'A100' }).vramFrom).toMatch(/assumed A100 40GB/);
    // A written VRAM is the target's word: never replaced.
    expect(gpuDevice.parse({ vendor: 'nvidia', model: 'A100', vramGb: 80 })).toEqual({
      vendor: 'nvidia',
      model: 'A100',
      vramGb: 80,
    });
    expect(gpuDevice.parse({ vendor: 'nvidia', model: 'Mystery X1' }).vramGb).toBeUndefined();
  });
});
