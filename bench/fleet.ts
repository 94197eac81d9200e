import { target, type Target } from '../shared/schema/targets.js';
import { taskFile, type TaskOrPipelineFile } from '../shared/schema/task.js';

/** A deterministic pseudo-random generator (mulberry32), so every run measures the same fleet. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GPUS = [
  { vendor: 'nvidia', model: 'T4', vramGb: 16 },
  { vendor: 'nvidia', model: 'A10G', vramGb: 24 },
  { vendor: 'nvidia', model: 'A100', vramGb: 80 },
  { vendor: 'amd', model: 'MI250', vramGb: 64 },
  { vendor: 'nvidia', model: 'L4', vramGb: 24 },
] as const;

/**
 * A realistic fleet of `n` targets: one local machine, a third SSH hosts, the rest cloud instance
 * types; about half with GPUs (some multi-GPU), a spread of sizes, tools, regions and rates.
 */
export function makeFleet(n: number, seed = 42): Target[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const list: Target[] = [
    target.parse({
      id: 'local',
      type: 'local',
      capabilities: {
        cpu: 16,
        memoryGb: 64,
        diskGb: 500,
        gpus: [],
        os: 'linux',
        arch: 'x64',
        network: true,
        tools: { git: '2.39.5', python3: '3.11.7' },
      },
    }),
  ];
  for (let i = 1; i < n; i++) {
    const cpu = pick([2, 4, 8, 16, 32, 64, 96]);
    const gpu = rnd() < 0.5 ? [{ ...pick(GPUS), count: pick([1, 1, 1, 2, 4, 8]) }] : [];
    const capabilities = {
      cpu,
      memoryGb: cpu * pick([2, 4, 8]),
      diskGb: pick([50, 100, 250, 500, 1000]),
      gpus: gpu,
      os: rnd() < 0.95 ? 'linux' : 'windows',
      arch: rnd() < 0.85 ? 'x64' : 'arm64',
      network: true,
      tools: {
        docker: pick(['20.10.7', '24.0.7', '26.1.4', '27.1.1']),
        python3: pick(['3.8.10', '3.10.12', '3.11.7', '3.12.3']),
      },
      ...(rnd() < 0.3 && { maxRuntimeMinutes: pick([60, 240, 1440]) }),
    };
    const labels = { region: pick(['us-east-1', 'eu-west-1', 'ap-south-1']) };
    list.push(
      target.parse(
        rnd() < 0.33
          ? { id: `ssh-${i}`, type: 'ssh', host: `10.0.${i >> 8}.${i & 255}`, labels, capabilities }
          : {
              id: `cloud-${i}`,
              type: 'cloud',
              provider: pick(['aws', 'gcp', 'azure']),
              hourlyRate: Math.round(rnd() * cpu * 10) / 100 + 0.05,
              labels,
              capabilities,
            },
      ),
    );
  }
  return list;
}

/** A GPU training task with tools, preferences and (anti-)affinity: the typical expensive case. */
export const gpuTask: TaskOrPipelineFile = taskFile.parse({
  task: {
    name: 'train',
    requirements: {
      cpu: 8,
      memoryGb: 32,
      diskGb: 100,
      gpu: { type: 'nvidia', minVram: 24 },
      tools: ['docker>=24', 'python3>=3.10'],
      os: 'linux',
      network: true,
      maxRuntimeMinutes: 120,
      maxCost: 20,
    },
    preferences: { memoryGb: 128, gpu: { minVram: 80 } },
    affinity: ['region=eu-west-1'],
    antiAffinity: ['ssh-7'],
  },
});

/** The same task with an estimate (3 hours on an A10G): strategies weigh time and cost to result. */
export const estimatedTask: TaskOrPipelineFile = taskFile.parse({
  task: {
    ...(gpuTask as { task: Record<string, unknown> }).task,
    requirements: {
      ...(gpuTask as { task: { requirements: object } }).task.requirements,
      maxRuntimeMinutes: 600,
      maxCost: 200,
    },
    estimate: { minutes: 180, on: { gpu: 'A10G' } },
  },
});

/** The numbers a placement of `gpuTask` compares, one typed array per quantity: what the floor reads. */
export interface FleetColumns {
  cpu: Float64Array;
  memoryGb: Float64Array;
  diskGb: Float64Array;
  /** The largest VRAM among each target's NVIDIA GPUs (0: none). */
  vramGb: Float64Array;
  hourlyRate: Float64Array;
}

export function columnsOf(fleet: readonly Target[]): FleetColumns {
  const n = fleet.length;
  const c: FleetColumns = {
    cpu: new Float64Array(n),
    memoryGb: new Float64Array(n),
    diskGb: new Float64Array(n),
    vramGb: new Float64Array(n),
    hourlyRate: new Float64Array(n),
  };
  fleet.forEach((t, i) => {
    const caps = t.capabilities ?? {};
    c.cpu[i] = caps.cpu ?? 0;
    c.memoryGb[i] = caps.memoryGb ?? 0;
    c.diskGb[i] = caps.diskGb ?? 0;
    c.vramGb[i] = Math.max(0, ...(caps.gpus ?? []).filter((g) => g.vendor === 'nvidia').map((g) => g.vramGb ?? 0));
    c.hourlyRate[i] = t.hourlyRate;
  });
  return c;
}

/**
 * The floor: one pass over the compiled numbers that does what no engine can skip — compare each
 * quantity with the task's need and keep the best of a simple score. The engine's rows are printed as
 * multiples of it (issue 14's budgets are stated against it).
 */
export function floorPass(c: FleetColumns): number {
  let best = -1;
  let bestAt = -1;
  const n = c.cpu.length;
  for (let i = 0; i < n; i++) {
    if (c.cpu[i]! < 8 || c.memoryGb[i]! < 32 || c.diskGb[i]! < 100 || c.vramGb[i]! < 24) continue;
    const cost = c.hourlyRate[i]! * 2;
    if (cost > 20) continue;
    const score = 8 / c.cpu[i]! + 32 / c.memoryGb[i]! - cost / 20;
    if (score > best) {
      best = score;
      bestAt = i;
    }
  }
  return bestAt;
}
