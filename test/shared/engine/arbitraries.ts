/**
 * fast-check arbitraries for the placement engine's property tests. Everything here is *raw* data,
 * exactly as a user could write it in a task file or a targets file (aliases, `gpu: true`, tool
 * lists, label values that are numbers or booleans…); the tests parse it with the real schemas.
 */
import fc from 'fast-check';

export type RawGpuRequirement = boolean | { required?: boolean; type?: string; minVram?: number; count?: number };

export interface RawRequirements {
  cpu?: number;
  memoryGb?: number;
  diskGb?: number;
  gpu?: RawGpuRequirement;
  tools?: string[];
  os?: string;
  arch?: string;
  network?: boolean;
  maxRuntimeMinutes?: number;
  maxCost?: number;
  custom?: Record<string, string | number | boolean>;
}

export interface RawDemands {
  requirements?: RawRequirements;
  preferences?: RawRequirements;
  affinity?: string[];
  antiAffinity?: string[];
}

export interface RawTask extends RawDemands {
  name: string;
}

export interface RawNode extends RawDemands {
  id: string;
}

export interface RawGpuDevice {
  vendor: string;
  model?: string;
  vramGb?: number | null;
  count?: number;
}

export interface RawCapabilities {
  cpu?: number;
  memoryGb?: number;
  diskGb?: number;
  gpus?: RawGpuDevice[];
  os?: string;
  arch?: string;
  network?: boolean;
  tools?: string[] | Record<string, string | null>;
  maxRuntimeMinutes?: number;
  physical?: { cpu?: number; memoryGb?: number };
}

export interface RawTarget {
  id: string;
  type: 'local' | 'ssh' | 'cloud';
  name?: string;
  labels?: Record<string, string | number | boolean>;
  capabilities?: RawCapabilities;
  hourlyRate?: number;
  host?: string;
  user?: string;
  port?: number;
  probe?: boolean;
  identityFile?: string;
  hostKeyPolicy?: string;
  provider?: string;
  instanceType?: string;
}

export interface RawOptions {
  strategy?: string;
  mode?: string;
  fallbackEnabled?: boolean;
  discoveryEnabled?: boolean;
  cacheMinutes?: number;
  tieBreaker?: string;
}

export interface RawTargetsFile {
  placement?: RawOptions;
  targets: RawTarget[];
}

export const STRATEGY_VALUES = ['auto', 'local-first', 'cloud-first', 'cost-optimized', 'performance'] as const;
export const MODE_VALUES = ['local-only', 'airgapped', 'burst'] as const;
export const TIE_BREAKER_VALUES = ['first', 'cheapest', 'id'] as const;

/** Canonical names and every alias users may write. */
export const VENDOR_WORDS = ['nvidia', 'amd', 'intel', 'apple', 'cuda', 'rocm', 'metal'] as const;
export const OS_WORDS = ['linux', 'windows', 'macos', 'darwin', 'win32'] as const;
export const ARCH_WORDS = ['x64', 'arm64', 'amd64', 'x86_64', 'aarch64'] as const;

export const TOOL_NAMES = ['python3', 'docker', 'nvidia-smi', 'git', 'node', 'g++', 'rocm-smi'] as const;
export const LABEL_KEYS = ['region', 'team', 'tier', 'zone'] as const;
const LABEL_VALUES = ['eu-west-1', 'us-east-1', 'ml', 'ci', '1', 1, 2.5, 'true', true, false] as const;
export const TARGET_IDS = [
  'local',
  'laptop',
  'gpu-box',
  'shared-ci',
  'aws-g5',
  'gcp-cpu',
  'azure.nc6',
  'a',
  'b',
  'z_9',
  'M1',
] as const;
export const NODE_IDS = ['decode', 'whisper', 'encode', 'train', 'eval'] as const;

/** Mostly values from a small pool (so requirements and capabilities meet exactly), sometimes any. */
function quantity(pool: readonly number[], max: number, min = 0): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pool), weight: 4 },
    { arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  );
}

/**
 * An object whose keys are each present with their own probability (in percent), absent otherwise:
 * how users write files, where most keys are left out. Shrinks towards leaving keys out.
 */
export function partial<S extends Record<string, fc.Arbitrary<unknown>>>(
  shape: S,
  percent: Partial<Record<keyof S, number>>,
  otherwise = 50,
): fc.Arbitrary<{ [K in keyof S]?: S[K] extends fc.Arbitrary<infer V> ? V : never }> {
  type Out = { [K in keyof S]?: S[K] extends fc.Arbitrary<infer V> ? V : never };
  const keys = Object.keys(shape) as (keyof S & string)[];
  const slots = keys.map((k) => {
    const p = percent[k] ?? otherwise;
    return fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant(undefined), weight: 100 - p },
      { arbitrary: shape[k]!.map((v) => ({ v })), weight: p },
    );
  });
  return fc.tuple(...slots).map((values) => {
    const out: Record<string, unknown> = {};
    values.forEach((slot, i) => {
      if (slot !== undefined) out[keys[i]!] = slot.v;
    });
    return out as Out;
  });
}

export const cpuArb = quantity([0, 1, 2, 4, 8, 16, 32, 64], 256);
export const memoryArb = quantity([0, 1, 4, 8, 15.5, 16, 31.2, 32, 64, 128], 1024);
export const diskArb = quantity([0, 10, 50, 100, 250, 900], 10_000);
export const vramArb = quantity([0, 4, 8, 12, 16, 24, 48, 80], 200);
export const runtimeArb = quantity([1, 15, 30, 60, 90, 120, 1440], 10_000, 0.001);
export const costArb = quantity([0, 0.1, 0.268, 0.5, 1, 1.006, 2, 5], 100);
export const rateArb = quantity([0, 0.1, 0.268, 0.5, 1, 1.006, 2, 3.06], 50);

/** A tool version as probes report it: semver, two-part, `v`-prefixed, prerelease, or junk. */
export const toolVersionArb: fc.Arbitrary<string | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom('27.1.1', '26.1.4', '3.11.7', '3.12.3', '550.54', '2.39.5', '20.11.0', 'unknown', ''),
  fc
    .tuple(
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 9 }),
      fc.constantFrom('full', 'two', 'one', 'v', 'pre', 'words'),
    )
    .map(([M, m, p, form]) => {
      switch (form) {
        case 'full':
          return `${M}.${m}.${p}`;
        case 'two':
          return `${M}.${m}`;
        case 'one':
          return `${M}`;
        case 'v':
          return `v${M}.${m}.${p}`;
        case 'pre':
          return `${M}.${m}.${p}-rc.1`;
        default:
          return `version ${M}.${m}.${p} (build 1)`;
      }
    }),
);

/** A tool requirement, kept structured so the oracle never has to re-parse the spec. */
export interface ToolRequirement {
  name: string;
  range: string | null;
  spec: string;
}

export const rangeArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('>=', '>', '<', '<=', '^', '~', '=', ''),
      fc.integer({ min: 0, max: 30 }),
      fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
    )
    .map(
      ([op, M, m, p]) =>
        `${op}${M}${m !== undefined ? `.${m}` : ''}${m !== undefined && p !== undefined ? `.${p}` : ''}`,
    ),
  fc.integer({ min: 0, max: 30 }).map((M) => `${M}.x`),
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 10 })).map(([lo, d]) => `>=${lo} <${lo + d}`),
  fc.constantFrom('*', '>=24', '^20', '~3.11', '>=550'),
);

export const toolRequirementArb: fc.Arbitrary<ToolRequirement> = fc.oneof(
  fc.constantFrom(...TOOL_NAMES).map((name) => ({ name, range: null, spec: name })),
  fc.tuple(fc.constantFrom(...TOOL_NAMES), rangeArb, fc.constantFrom('', ' ', '@', '@ ')).map(([name, range, sep]) => {
    // Without an operator, the range needs a separator (`python3 3.11`, `node@20`).
    const separator = sep === '' && !/^[<>=^~]/.test(range) ? '@' : sep;
    return { name, range, spec: `${name}${separator}${range}` };
  }),
);

export const gpuRequirementArb: fc.Arbitrary<RawGpuRequirement> = fc.oneof(
  { arbitrary: fc.boolean(), weight: 1 },
  {
    arbitrary: partial(
      {
        required: fc.boolean(),
        type: fc.constantFrom(...VENDOR_WORDS),
        minVram: vramArb,
        count: fc.integer({ min: 1, max: 4 }),
      },
      { required: 30, type: 60, minVram: 60, count: 50 },
    ),
    weight: 3,
  },
);

const labelValueArb = fc.constantFrom(...LABEL_VALUES);
export const customArb = fc.dictionary(fc.constantFrom(...LABEL_KEYS), labelValueArb, { minKeys: 1, maxKeys: 2 });

/**
 * The `tools` list of a task: a few specs, or the same tool asked for twice (`docker>=20`, `docker<28`:
 * how users write a bounded range, and a case where a tool's two checks must stay apart).
 */
export const repeatedToolArb: fc.Arbitrary<string[]> = fc
  .tuple(toolRequirementArb, toolRequirementArb, fc.array(toolRequirementArb, { maxLength: 1 }))
  .map(([a, b, rest]) => [a.spec, b.spec.replace(b.name, a.name), ...rest.map((t) => t.spec)]);

export const toolsRequirementArb: fc.Arbitrary<string[]> = fc.oneof(
  { arbitrary: fc.array(toolRequirementArb, { maxLength: 3 }).map((ts) => ts.map((t) => t.spec)), weight: 3 },
  { arbitrary: repeatedToolArb, weight: 1 },
);

const requirementShape = {
  cpu: cpuArb,
  memoryGb: memoryArb,
  diskGb: diskArb,
  gpu: gpuRequirementArb,
  tools: toolsRequirementArb,
  os: fc.constantFrom(...OS_WORDS),
  arch: fc.constantFrom(...ARCH_WORDS),
  network: fc.boolean(),
  maxRuntimeMinutes: runtimeArb,
  maxCost: costArb,
  custom: customArb,
};

/** A random subset of requirements, usually small so that placements often succeed. */
export function requirementsArb(scale = 1): fc.Arbitrary<RawRequirements> {
  const p = (n: number) => Math.round(n * scale);
  return partial(requirementShape, {
    cpu: p(25),
    memoryGb: p(25),
    diskGb: p(20),
    gpu: p(40),
    tools: p(35),
    os: p(20),
    arch: p(20),
    network: p(25),
    maxRuntimeMinutes: p(25),
    maxCost: p(25),
    custom: p(20),
  });
}

const selectorArb = fc.oneof(
  fc.constantFrom(...TARGET_IDS),
  fc.tuple(fc.constantFrom(...LABEL_KEYS), labelValueArb).map(([k, v]) => `${k}=${String(v)}`),
  fc.constantFrom('nowhere', '=x', 'region='),
);

function demandsArb(): fc.Arbitrary<RawDemands> {
  return fc.record(
    {
      requirements: requirementsArb(),
      preferences: requirementsArb(0.7),
      affinity: fc.array(selectorArb, { maxLength: 3 }),
      antiAffinity: fc.array(selectorArb, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
}

export const taskArb: fc.Arbitrary<RawTask> = fc
  .tuple(fc.constantFrom('build-ml-model', 't', 'nightly tests'), demandsArb())
  .map(([name, d]) => ({ name, ...d }));

export const pipelineArb: fc.Arbitrary<{ name: string; nodes: RawNode[] }> = fc
  .tuple(
    fc.constantFrom('transcribe', 'p'),
    fc.uniqueArray(fc.constantFrom(...NODE_IDS), { minLength: 1, maxLength: 4 }),
    fc.array(demandsArb(), { minLength: 4, maxLength: 4 }),
  )
  .map(([name, ids, demands]) => ({ name, nodes: ids.map((id, i) => ({ id, ...demands[i] })) }));

/** A task file or a pipeline file, raw as a user writes it. */
export const workloadFileArb = fc.oneof(
  taskArb.map((t) => ({ task: t })),
  pipelineArb.map((p) => ({ pipeline: p })),
);

const gpuDeviceArb: fc.Arbitrary<RawGpuDevice> = fc.record(
  {
    vendor: fc.constantFrom(...VENDOR_WORDS),
    model: fc.constantFrom('A10G', 'RTX 4090', 'MI300X', 'Arc A770', 'M2 Max', 'H100'),
    vramGb: fc.oneof(vramArb, fc.constant(null)),
    count: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: ['vendor'] },
);

const toolsArb: fc.Arbitrary<string[] | Record<string, string | null>> = fc.oneof(
  fc.uniqueArray(fc.constantFrom(...TOOL_NAMES), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...TOOL_NAMES), toolVersionArb, { maxKeys: 5 }),
);

export const capabilitiesArb: fc.Arbitrary<RawCapabilities> = partial(
  {
    cpu: cpuArb,
    memoryGb: memoryArb,
    diskGb: diskArb,
    gpus: fc.array(gpuDeviceArb, { maxLength: 3 }),
    os: fc.constantFrom(...OS_WORDS),
    arch: fc.constantFrom(...ARCH_WORDS),
    network: fc.boolean(),
    tools: toolsArb,
    maxRuntimeMinutes: runtimeArb,
    physical: partial({ cpu: cpuArb, memoryGb: memoryArb }, {}),
  },
  // Mostly-known capabilities, as discovery or a written file gives them; sometimes unknown.
  { maxRuntimeMinutes: 40, physical: 20 },
  75,
);

const labelsArb = fc.dictionary(fc.constantFrom(...LABEL_KEYS), labelValueArb, { maxKeys: 3 });

/** One target without its id (ids are assigned by the list, unique). */
const targetBodyArb: fc.Arbitrary<Omit<RawTarget, 'id'>> = fc.oneof(
  fc
    .record(
      {
        name: fc.constantFrom('This laptop', 'workstation'),
        labels: labelsArb,
        capabilities: capabilitiesArb,
        hourlyRate: rateArb,
      },
      { requiredKeys: [] },
    )
    .map((r) => ({ type: 'local' as const, ...r })),
  fc
    .record(
      {
        host: fc.constantFrom('10.0.0.5', 'gpu-box.lan', 'build.example.com', '[::1]'),
        user: fc.constantFrom('ml', 'ci_runner'),
        port: fc.constantFrom(22, 2222),
        probe: fc.boolean(),
        identityFile: fc.constant('~/.ssh/id_ed25519'),
        hostKeyPolicy: fc.constantFrom('strict', 'accept-new'),
        labels: labelsArb,
        capabilities: capabilitiesArb,
        hourlyRate: rateArb,
      },
      { requiredKeys: ['host'] },
    )
    .map((r) => ({ type: 'ssh' as const, ...r })),
  fc
    .record(
      {
        provider: fc.constantFrom('aws', 'gcp', 'azure'),
        instanceType: fc.constantFrom('g5.xlarge', 'n2-standard-8'),
        labels: labelsArb,
        capabilities: capabilitiesArb,
        hourlyRate: rateArb,
      },
      { requiredKeys: ['provider', 'capabilities', 'hourlyRate'] },
    )
    .map((r) => ({ type: 'cloud' as const, ...r })),
);

export const targetListArb: fc.Arbitrary<RawTarget[]> = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...TARGET_IDS), { maxLength: 7 }),
    fc.array(targetBodyArb, { minLength: 7, maxLength: 7 }),
  )
  .map(([ids, bodies]) => ids.map((id, i) => ({ id, ...bodies[i]! })));

export const optionsArb: fc.Arbitrary<RawOptions> = partial(
  {
    strategy: fc.constantFrom(...STRATEGY_VALUES),
    mode: fc.oneof(
      { arbitrary: fc.constant('burst'), weight: 2 },
      { arbitrary: fc.constantFrom('local-only', 'airgapped'), weight: 1 },
    ),
    fallbackEnabled: fc.boolean(),
    discoveryEnabled: fc.boolean(),
    cacheMinutes: fc.constantFrom(0, 5, 60),
    tieBreaker: fc.constantFrom(...TIE_BREAKER_VALUES),
  },
  { strategy: 80, mode: 70, fallbackEnabled: 60, tieBreaker: 60 },
  30,
);

/** A whole targets file; `placement` is sometimes absent (every option defaults). */
export const targetsFileArb: fc.Arbitrary<RawTargetsFile> = fc
  .tuple(fc.option(optionsArb, { nil: undefined, freq: 5 }), targetListArb)
  .map(([placement, targets]) => (placement === undefined ? { targets } : { placement, targets }));

/** One hard requirement to add to a task, or to tighten when the task has it already. */
export type Tightening =
  | { key: 'cpu' | 'memoryGb' | 'diskGb' | 'maxRuntimeMinutes'; value: number }
  | { key: 'maxCost'; value: number }
  | { key: 'gpu'; type: string; minVram: number; count: number; which: 'type' | 'minVram' | 'count' }
  | { key: 'tools'; spec: string }
  | { key: 'os' | 'arch'; value: string }
  | { key: 'network' }
  | { key: 'custom'; label: string; value: string | number | boolean };

export const tighteningArb: fc.Arbitrary<Tightening> = fc.oneof(
  fc.tuple(fc.constantFrom('cpu' as const), cpuArb).map(([key, value]) => ({ key, value })),
  fc.tuple(fc.constantFrom('memoryGb' as const), memoryArb).map(([key, value]) => ({ key, value })),
  fc.tuple(fc.constantFrom('diskGb' as const), diskArb).map(([key, value]) => ({ key, value })),
  fc.tuple(fc.constantFrom('maxRuntimeMinutes' as const), runtimeArb).map(([key, value]) => ({ key, value })),
  costArb.map((value) => ({ key: 'maxCost' as const, value })),
  fc
    .record({
      type: fc.constantFrom(...VENDOR_WORDS),
      minVram: vramArb,
      count: fc.integer({ min: 1, max: 4 }),
      which: fc.constantFrom('type' as const, 'minVram' as const, 'count' as const),
    })
    .map((g) => ({ key: 'gpu' as const, ...g })),
  toolRequirementArb.map((t) => ({ key: 'tools' as const, spec: t.spec })),
  fc.constantFrom(...OS_WORDS).map((value) => ({ key: 'os' as const, value })),
  fc.constantFrom(...ARCH_WORDS).map((value) => ({ key: 'arch' as const, value })),
  fc.constant({ key: 'network' as const }),
  fc
    .tuple(fc.constantFrom(...LABEL_KEYS), labelValueArb)
    .map(([label, value]) => ({ key: 'custom' as const, label, value })),
);

/** Whether a hard GPU requirement is present in raw requirements (`gpu: false` and `required: false` are not). */
export function hasHardGpu(req: RawRequirements): boolean {
  const g = req.gpu;
  return g === true || (typeof g === 'object' && g.required !== false);
}

/**
 * The requirements with `t` added (when the key is absent) or tightened (when present): a number that
 * must be met from above goes up, maxCost goes down, a GPU block gains a vendor, VRAM or count.
 * Keys that are present and not numeric are left as they are.
 */
export function tighten(req: RawRequirements, t: Tightening): RawRequirements {
  const out: RawRequirements = { ...req };
  switch (t.key) {
    case 'cpu':
    case 'memoryGb':
    case 'diskGb':
    case 'maxRuntimeMinutes':
      out[t.key] = req[t.key] === undefined ? t.value : Math.max(req[t.key]!, t.value);
      return out;
    case 'maxCost':
      out.maxCost = req.maxCost === undefined ? t.value : Math.min(req.maxCost, t.value);
      return out;
    case 'gpu': {
      if (!hasHardGpu(req)) {
        out.gpu = { [t.which]: t[t.which] };
        return out;
      }
      const block = req.gpu === true ? {} : { ...(req.gpu as Exclude<RawGpuRequirement, boolean>) };
      if (t.which === 'type') block.type ??= t.type;
      else if (t.which === 'minVram') block.minVram = Math.max(block.minVram ?? 0, t.minVram);
      else block.count = Math.max(block.count ?? 1, t.count);
      out.gpu = block;
      return out;
    }
    case 'tools':
      out.tools = [...(req.tools ?? []), t.spec];
      return out;
    case 'os':
    case 'arch':
      out[t.key] ??= t.value;
      return out;
    case 'network':
      out.network = true;
      return out;
    case 'custom':
      if (req.custom?.[t.label] === undefined) out.custom = { ...req.custom, [t.label]: t.value };
      return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Wider inputs, for comparing the engine with its frozen copy (engine-v3.test.ts): scheduler nodes,
// estimates, GPU models of the GPU table, whole fleets whose targets repeat a few capability shapes.

/** GPU models as sources name them: rows of the GPU table, family names (`A100`, `H100`), unknown names. */
export const GPU_MODEL_NAMES = [
  'A10G',
  'A100',
  'A100 80GB',
  'NVIDIA A100-SXM4-40GB',
  'T4',
  'H100',
  'H100 SXM',
  'L4',
  'L40S',
  'RTX 4090',
  'MI300X',
  'M2 Max',
  'H20',
  'K80',
  'Frobnicator 9000',
  'RTX 4090 Ti',
] as const;

/** References an estimate may name (the schema takes only models of the table; H20, K80 and M2 Max lack figures). */
export const ESTIMATE_GPU_REFERENCES = [
  'A10G',
  'A100',
  'T4',
  'H100',
  'H100 SXM',
  'L4',
  'MI300X',
  'H20',
  'K80',
  'M2 Max',
] as const;

export const TAINT_KEYS = ['nvidia.com/gpu', 'dedicated', 'spot'] as const;
const TAINT_VALUES = ['present', 'batch'] as const;
const TAINT_EFFECT_VALUES = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export interface RawEstimate {
  minutes: number;
  on: { gpu: string } | { cpu: number };
  boundBy?: string;
  scaling?: string;
}

export interface RawWideRequirements extends RawRequirements {
  tolerations?: string[];
}

export interface RawWideDemands {
  requirements?: RawWideRequirements;
  preferences?: RawRequirements;
  affinity?: string[];
  antiAffinity?: string[];
  estimate?: RawEstimate;
}

export interface RawTaint {
  key: string;
  value?: string;
  effect: string;
}

/** A target of any type, schedulers' nodes included, without its id. */
export interface RawFleetTarget extends Omit<RawTarget, 'type' | 'id'> {
  type: 'local' | 'ssh' | 'cloud' | 'kubernetes' | 'slurm' | 'nomad';
  source?: Record<string, string>;
  taints?: RawTaint[];
  unschedulable?: string;
}

/** The ids of generated fleets: `t0`, `t1`, … (so `t10` sorts before `t2`, as ids do). */
export const fleetId = (i: number) => `t${i}`;

const wideGpuDeviceArb: fc.Arbitrary<RawGpuDevice> = partial(
  {
    vendor: fc.constantFrom(...VENDOR_WORDS),
    model: fc.constantFrom(...GPU_MODEL_NAMES),
    vramGb: fc.oneof(vramArb, fc.constant(null)),
    count: fc.integer({ min: 1, max: 8 }),
  },
  { vendor: 100, model: 75, vramGb: 40, count: 60 },
).map((d) => d as RawGpuDevice);

const wideToolsArb: fc.Arbitrary<string[] | Record<string, string | null>> = fc.oneof(
  fc.uniqueArray(fc.constantFrom(...TOOL_NAMES), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...TOOL_NAMES), toolVersionArb, { maxKeys: 5 }),
);

/** Capabilities that leave much unsaid (every key is absent now and then: unknowns). */
export const wideCapabilitiesArb: fc.Arbitrary<RawCapabilities> = partial(
  {
    cpu: cpuArb,
    memoryGb: memoryArb,
    diskGb: diskArb,
    gpus: fc.array(wideGpuDeviceArb, { maxLength: 3 }),
    os: fc.constantFrom(...OS_WORDS),
    arch: fc.constantFrom(...ARCH_WORDS),
    network: fc.boolean(),
    tools: wideToolsArb,
    maxRuntimeMinutes: runtimeArb,
  },
  { gpus: 70, tools: 70, maxRuntimeMinutes: 35 },
  75,
);

const wideLabelsArb = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), {
  maxKeys: 3,
});

const taintArb: fc.Arbitrary<RawTaint> = fc
  .tuple(
    fc.constantFrom(...TAINT_KEYS),
    fc.option(fc.constantFrom(...TAINT_VALUES), { nil: undefined }),
    fc.constantFrom(...TAINT_EFFECT_VALUES),
  )
  .map(([key, value, effect]) => (value === undefined ? { key, effect } : { key, value, effect }));

const SOURCE_WHERE = { kubernetes: 'context', slurm: 'cluster', nomad: 'address' } as const;

const schedulerBodyArb: fc.Arbitrary<RawFleetTarget> = fc
  .tuple(
    fc.constantFrom('kubernetes' as const, 'slurm' as const, 'nomad' as const),
    partial(
      {
        labels: wideLabelsArb,
        capabilities: wideCapabilitiesArb,
        hourlyRate: rateArb,
        instanceType: fc.constantFrom('g5.xlarge', 'p4d.24xlarge'),
        taints: fc.array(taintArb, { maxLength: 2 }),
        // Most nodes are usable: an unschedulable one is ineligible whatever the task asks.
        unschedulable: fc.constantFrom('cordoned', 'not Ready', 'DRAIN (Reason=maintenance)', 'not eligible'),
      },
      { capabilities: 85, unschedulable: 20 },
    ),
  )
  .map(([type, r]) => ({
    type,
    ...r,
    source: { kind: type, [SOURCE_WHERE[type]]: 'prod', node: 'n', importedAt: '2026-01-05T10:00:00Z' },
  }));

/** One target of any type without its id; the hourly rate is 0 (free) as often as not. */
export const fleetBodyArb: fc.Arbitrary<RawFleetTarget> = fc.oneof(
  fc
    .record({ labels: wideLabelsArb, capabilities: wideCapabilitiesArb, hourlyRate: rateArb }, { requiredKeys: [] })
    .map((r) => ({ type: 'local' as const, ...r })),
  fc
    .record(
      {
        host: fc.constantFrom('10.0.0.5', 'gpu-box.lan'),
        labels: wideLabelsArb,
        capabilities: wideCapabilitiesArb,
        hourlyRate: fc.oneof(fc.constant(0), rateArb),
      },
      { requiredKeys: ['host'] },
    )
    .map((r) => ({ type: 'ssh' as const, ...r })),
  fc
    .record(
      {
        provider: fc.constantFrom('aws', 'gcp'),
        labels: wideLabelsArb,
        capabilities: wideCapabilitiesArb,
        hourlyRate: fc.oneof(fc.constant(0), rateArb),
      },
      { requiredKeys: ['provider', 'capabilities', 'hourlyRate'] },
    )
    .map((r) => ({ type: 'cloud' as const, ...r })),
  schedulerBodyArb,
);

/**
 * A fleet as a list of target bodies and, per target, where its body comes from: one of a few shapes
 * (fleets repeat the same machines under different ids), or its own. `shareObjects` says whether the
 * targets of one shape share their parsed objects (as a program building a fleet may) or only values.
 */
export interface RawFleet {
  shapes: RawFleetTarget[];
  picks: ({ shape: number } | { own: RawFleetTarget })[];
  shareObjects: boolean;
}

/**
 * A fleet of `minSize` to `maxSize` targets. Some draw every target from a small pool of shapes, some
 * none, most some of each.
 */
export function fleetArb(minSize: number, maxSize: number): fc.Arbitrary<RawFleet> {
  return fc
    .record({
      shapes: fc.array(fleetBodyArb, { minLength: 1, maxLength: 4 }),
      ownWeight: fc.constantFrom(0, 1, 4),
      shareObjects: fc.boolean(),
    })
    .chain(({ shapes, ownWeight, shareObjects }) =>
      fc
        .array(
          fc.oneof(
            { arbitrary: fc.nat(shapes.length - 1).map((shape) => ({ shape })), weight: ownWeight === 0 ? 1 : 4 },
            { arbitrary: fleetBodyArb.map((own) => ({ own })), weight: ownWeight },
          ),
          // Every length from minSize to maxSize alike, not mostly short ones.
          { minLength: minSize, maxLength: maxSize, size: 'max' },
        )
        .map((picks) => ({ shapes, picks, shareObjects })),
    );
}

/** A target id of a fleet (`t0`…`t11`; small fleets miss the larger ones), or one no fleet has. */
const fleetIdArb = fc.oneof(
  { arbitrary: fc.nat(11).map(fleetId), weight: 5 },
  { arbitrary: fc.constant('nowhere'), weight: 1 },
);

const wideSelectorArb = fc.oneof(
  fleetIdArb,
  fc.tuple(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES)).map(([k, v]) => `${k}=${String(v)}`),
);

const tolerationArb = fc
  .tuple(
    fc.constantFrom(...TAINT_KEYS),
    fc.option(fc.constantFrom(...TAINT_VALUES), { nil: undefined }),
    fc.option(fc.constantFrom(...TAINT_EFFECT_VALUES), { nil: undefined }),
  )
  .map(([key, value, effect]) => `${key}${value === undefined ? '' : `=${value}`}${effect ? `:${effect}` : ''}`);

export const estimateArb: fc.Arbitrary<RawEstimate> = fc
  .record(
    {
      minutes: fc.oneof(fc.constantFrom(1, 10, 60, 180, 600), fc.double({ min: 0.01, max: 5000, noNaN: true })),
      on: fc.oneof(
        fc.constantFrom(...ESTIMATE_GPU_REFERENCES).map((gpu) => ({ gpu })),
        fc.constantFrom(1, 4, 8, 16).map((cpu) => ({ cpu })),
      ),
      boundBy: fc.constantFrom('compute', 'memory'),
      scaling: fc.constantFrom('linear', 'none'),
    },
    { requiredKeys: ['minutes', 'on'] },
  )
  .map((e) => e as RawEstimate);

function wideDemandsArb(): fc.Arbitrary<RawWideDemands> {
  return fc
    .record(
      {
        // Fewer hard requirements than requirementsArb's default, so that many placements succeed.
        requirements: requirementsArb(0.5),
        tolerations: fc.array(tolerationArb, { minLength: 1, maxLength: 3 }),
        // A runtime more often than requirementsArb states one: a deadline with an estimate, a limit without.
        maxRuntimeMinutes: runtimeArb,
        preferences: requirementsArb(0.7),
        affinity: fc.array(wideSelectorArb, { maxLength: 3 }),
        antiAffinity: fc.array(wideSelectorArb, { maxLength: 2 }),
        estimate: estimateArb,
      },
      { requiredKeys: [] },
    )
    .map(({ tolerations, maxRuntimeMinutes, ...d }) => {
      const requirements: RawWideRequirements = { ...d.requirements };
      if (tolerations !== undefined) requirements.tolerations = tolerations;
      if (maxRuntimeMinutes !== undefined) requirements.maxRuntimeMinutes ??= maxRuntimeMinutes;
      return { ...d, requirements };
    });
}

/** A task or a pipeline file whose demands may state tolerations and an estimate. */
export const wideWorkloadFileArb = fc.oneof(
  { arbitrary: wideDemandsArb().map((d) => ({ task: { name: 'wide', ...d } })), weight: 3 },
  {
    arbitrary: fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...NODE_IDS), { minLength: 1, maxLength: 3 }),
        fc.array(wideDemandsArb(), { minLength: 3, maxLength: 3 }),
      )
      .map(([ids, demands]) => ({ pipeline: { name: 'wide-p', nodes: ids.map((id, i) => ({ id, ...demands[i] })) } })),
    weight: 1,
  },
);

/** Every option the engine reads, each one stated. */
export const engineOptionsArb = fc.record({
  strategy: fc.constantFrom(...STRATEGY_VALUES),
  mode: fc.oneof(
    { arbitrary: fc.constant('burst'), weight: 3 },
    { arbitrary: fc.constantFrom('local-only', 'airgapped'), weight: 1 },
  ),
  fallbackEnabled: fc.boolean(),
  tieBreaker: fc.constantFrom(...TIE_BREAKER_VALUES),
});

/** What a run asks besides the data: whyNot (off, on, or for some ids) and targets that could not be checked. */
export const engineRunArb = fc.record(
  {
    whyNot: fc.oneof(fc.boolean(), fc.uniqueArray(fleetIdArb, { minLength: 1, maxLength: 3 })),
    unchecked: fc.dictionary(
      fleetIdArb,
      fc.constantFrom('probe failed: timed out after 10 s', 'probe failed: connection refused'),
      { minKeys: 1, maxKeys: 3 },
    ),
  },
  { requiredKeys: [] },
);

/**
 * What a live view changes between two placements, as it does: a new list in which one target is
 * replaced by an edited copy (another hourly rate, or another target's capabilities) or left out,
 * and one requirement of the task (of a pipeline's first node) set or removed (`value: null`).
 */
export interface EngineEdit {
  target: number;
  change: { hourlyRate: number } | { capabilitiesOf: number } | { drop: true };
  requirement:
    | { key: 'cpu' | 'memoryGb' | 'diskGb' | 'maxCost' | 'maxRuntimeMinutes'; value: number }
    | { key: 'cpu' | 'memoryGb' | 'maxCost' | 'maxRuntimeMinutes'; value: null };
}

export const engineEditArb: fc.Arbitrary<EngineEdit> = fc.record({
  target: fc.nat(),
  change: fc.oneof(
    rateArb.map((hourlyRate) => ({ hourlyRate })),
    fc.nat().map((capabilitiesOf) => ({ capabilitiesOf })),
    fc.constant({ drop: true as const }),
  ),
  requirement: fc.oneof(
    cpuArb.map((value) => ({ key: 'cpu' as const, value })),
    memoryArb.map((value) => ({ key: 'memoryGb' as const, value })),
    diskArb.map((value) => ({ key: 'diskGb' as const, value })),
    costArb.map((value) => ({ key: 'maxCost' as const, value })),
    runtimeArb.map((value) => ({ key: 'maxRuntimeMinutes' as const, value })),
    fc
      .constantFrom('cpu' as const, 'memoryGb' as const, 'maxCost' as const, 'maxRuntimeMinutes' as const)
      .map((key) => ({ key, value: null })),
  ),
});
