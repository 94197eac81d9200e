import { describe, expect, it } from 'vitest';
import { compare } from '../../../shared/engine/place.js';
import { compileEstimate, timingOn } from '../../../shared/engine/estimate.js';
import { checkTaskFile } from '../../../shared/files/parse.js';
import { estimate as estimateSchema } from '../../../shared/schema/estimate.js';
import { requirements as requirementsSchema } from '../../../shared/schema/requirements.js';
import { placementOptions, target } from '../../../shared/schema/targets.js';

const gpuBox = (id: string, model: string, count = 1, hourlyRate = 0, vramGb?: number) =>
  target.parse({
    id,
    type: 'cloud',
    provider: 'aws',
    hourlyRate,
    capabilities: { cpu: 16, memoryGb: 64, gpus: [{ vendor: 'nvidia', model, count, ...(vramGb && { vramGb }) }] },
  });

function timing(est: unknown, t: ReturnType<typeof gpuBox>, req: unknown = { gpu: { type: 'nvidia' } }) {
  const requirements = requirementsSchema.parse(req);
  return timingOn(t, requirements, compileEstimate(estimateSchema.parse(est), requirements));
}

describe('estimates carried to a target by the GPU table', () => {
  it('is exactly the stated minutes on the reference itself', () => {
    const t = timing({ minutes: 180, on: { gpu: 'A10G' } }, gpuBox('g5', 'NVIDIA A10G', 1, 1.006));
    expect(t.minutes).toBe(180);
    expect(t.cost).toBeCloseTo(3.018, 6);
  });

  it('scales by dense FP16 throughput, and over every GPU when scaling is linear', () => {
    // A10G 70 and A100 40GB 312 dense FP16 TFLOPS (the table's figures; DESIGN's formula).
    const one = timing({ minutes: 180, on: { gpu: 'A10G' } }, gpuBox('a', 'NVIDIA A100-SXM4-40GB'));
    expect(one.minutes).toBeCloseTo((180 * 70) / 312, 1);
    expect(one.estimate).toBe('180 min on A10G × 70/312 TFLOPS = 40 min on A100 40GB');
    const eight = timing({ minutes: 180, on: { gpu: 'A10G' } }, gpuBox('p4d', 'NVIDIA A100-SXM4-40GB', 8, 32.7726));
    expect(eight.minutes).toBeCloseTo((180 * 70) / (8 * 312), 1);
    expect(eight.estimate).toMatch(/= 5 min on 8× A100 40GB$/);
    expect(eight.cost).toBeCloseTo((32.7726 * eight.minutes!) / 60, 6);
    // Without scaling the task uses gpu.count GPUs (1): the other seven do not shorten it.
    const none = timing(
      { minutes: 180, on: { gpu: 'A10G' }, scaling: 'none' },
      gpuBox('p4d', 'NVIDIA A100-SXM4-40GB', 8),
    );
    expect(none.minutes).toBeCloseTo(one.minutes!, 6);
  });

  it('uses memory bandwidth when the task is memory-bound', () => {
    // A10G 600 GB/s, H100 SXM 3350 GB/s.
    const t = timing({ minutes: 60, on: { gpu: 'A10G' }, boundBy: 'memory' }, gpuBox('h', 'NVIDIA H100 80GB HBM3'));
    expect(t.minutes).toBeCloseTo((60 * 600) / 3350, 1);
    expect(t.estimate).toMatch(/600\/3350 GB\/s/);
  });

  it('says unknown, never a guess, for a GPU the table does not know, and what it assumed for an ambiguous name', () => {
    const unknown = timing({ minutes: 60, on: { gpu: 'A10G' } }, gpuBox('odd', 'Mystery X1', 1, 2, 24));
    expect(unknown.minutes).toBeNull();
    expect(unknown.cost).toBeNaN();
    expect(unknown.estimate).toBe('unknown: the GPU table does not know odd\'s GPU "Mystery X1"');
    const free = timing({ minutes: 60, on: { gpu: 'A10G' } }, gpuBox('odd', 'Mystery X1', 1, 0, 24));
    expect(free.cost).toBe(0);
    const bare = timing({ minutes: 60, on: { gpu: 'A10G' } }, gpuBox('a', 'A100'));
    expect(bare.estimate).toMatch(/assumed A100 40GB \(the smaller figures\)/);
  });

  it('scales a CPU reference by cores', () => {
    const t = target.parse({ id: 'box', type: 'local', capabilities: { cpu: 32 } });
    const r = requirementsSchema.parse({});
    expect(timingOn(t, r, compileEstimate(estimateSchema.parse({ minutes: 120, on: { cpu: 8 } }), r)).estimate).toBe(
      '120 min on 8 cores × 8/32 cores = 30 min',
    );
  });

  it('rejects a reference GPU the table does not know, naming the field', () => {
    const checked = checkTaskFile({ task: { name: 't', estimate: { minutes: 10, on: { gpu: 'Mystery X1' } } } });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems[0]!.path).toBe('task.estimate.on.gpu');
    expect(checked.problems[0]!.message).toMatch(/"Mystery X1" is not one/);
    // Both references, or none: one line on the reference, not a puzzle about keys.
    for (const on of [{ gpu: 'A10G', cpu: 4 }, {}]) {
      const both = checkTaskFile({ task: { name: 't', estimate: { minutes: 10, on } } });
      expect(both.ok).toBe(false);
      if (both.ok) return;
      expect(both.problems).toEqual([
        {
          path: 'task.estimate.on',
          message: 'expected one reference: {gpu: MODEL} or {cpu: CORES}, not both and not neither',
        },
      ]);
    }
  });
});

describe('the fine-tune example: three strategies, three targets', () => {
  const fleet = [
    target.parse({ id: 'laptop', type: 'local', capabilities: { cpu: 8, memoryGb: 32, gpus: [] } }),
    target.parse({
      id: 'gpu-box',
      type: 'ssh',
      host: '10.0.0.5',
      capabilities: {
        cpu: 32,
        memoryGb: 128,
        gpus: [{ vendor: 'nvidia', model: 'NVIDIA GeForce RTX 4090', vramGb: 24 }],
      },
    }),
    gpuBox('aws-g6e', 'NVIDIA L40S', 1, 1.861),
    gpuBox('aws-p4d', 'NVIDIA A100-SXM4-40GB', 8, 32.7726),
  ];
  const file = checkTaskFile({
    task: {
      name: 'finetune-7b',
      requirements: { gpu: { type: 'nvidia', minVram: 20 }, memoryGb: 16, maxRuntimeMinutes: 180, maxCost: 10 },
      estimate: { minutes: 180, on: { gpu: 'A10G' } },
    },
  });

  it('performance takes the fastest, cost-optimized the cheapest, and auto says the trade-off it took', () => {
    if (!file.ok) throw new Error('bad task');
    const r = compare(file.value, fleet, placementOptions.parse({}), { requestId: 'r' }).strategies;
    const pick = (s: keyof typeof r) => (r[s] as { selectedTarget: string | null }).selectedTarget;
    expect(pick('performance')).toBe('aws-p4d');
    expect(pick('cost-optimized')).toBe('gpu-box');
    // L40S: 180 × 70/362 = 35 min for $1.08, between the free 76 min and the 5 min for $2.76.
    expect(pick('auto')).toBe('aws-g6e');
    expect((r.auto as { explanation: string }).explanation).toMatch(
      /trade-off: 30 min slower than aws-p4d, \$1\.68 cheaper; 41 min faster than gpu-box, \$1\.08 dearer/,
    );
  });
});
