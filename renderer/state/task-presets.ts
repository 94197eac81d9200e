import { parseText } from '../../shared/files/parse';

/** What a new task starts from: nothing asked, and a name for its owner to write. */
export const EMPTY_TASK_TEXT = `# A new task: name it, then say what it needs. A field left empty asks for nothing.
task:
  name: ""
  requirements: {}
`;

/** The example task, one preset away: the GPU training job of examples/task.yaml, comments included. */
export const EXAMPLE_TASK_TEXT = `# A GPU training job: what it needs (hard), what it would like (soft), where it would rather run.
task:
  name: build-ml-model
  requirements:
    cpu: 4
    memoryGb: 16
    diskGb: 50
    gpu:
      type: nvidia
      minVram: 8
      count: 1
    tools: [python3, "docker>=24"]
    os: linux
    arch: x64
    network: true
    maxRuntimeMinutes: 120
    maxCost: 5
  preferences:
    memoryGb: 64
    gpu: { minVram: 24 }
  affinity: ["region=eu-west-1"]
  antiAffinity: [shared-ci]
`;

/** The demands of a task (or of one pipeline node): what a preset fills in. */
export interface Demands {
  requirements: Record<string, unknown>;
  preferences: Record<string, unknown>;
  affinity?: string[];
  antiAffinity?: string[];
  estimate?: Record<string, unknown>;
}

export interface TaskPreset {
  id: string;
  label: string;
  name: string;
  demands: Demands;
  /** The whole file as written, comments included, when the preset replaces a task. */
  text?: string;
}

/** The example task's demands, read from its text, for a pipeline node. */
function exampleDemands(): Demands {
  const parsed = parseText(EXAMPLE_TASK_TEXT, 'task.yaml');
  const task = parsed.ok
    ? (parsed.value as { task: Demands & { name?: string } }).task
    : { requirements: {}, preferences: {} };
  const { name: _name, ...demands } = task;
  return demands;
}

/** The example's preset: what the app used to start with, one click away. */
export const EXAMPLE_PRESET: TaskPreset = {
  id: 'example',
  label: 'Example: GPU training job',
  name: 'build-ml-model',
  demands: exampleDemands(),
  text: EXAMPLE_TASK_TEXT,
};

/** Starting points for common kinds of work; each replaces the task (or the selected node's demands). */
export const TASK_PRESETS: readonly TaskPreset[] = [
  EXAMPLE_PRESET,
  {
    id: 'finetune-7b',
    label: 'Fine-tune a 7B model',
    name: 'finetune-7b',
    demands: {
      requirements: {
        gpu: { type: 'nvidia', minVram: 20 },
        memoryGb: 16,
        tools: ['python3'],
        maxRuntimeMinutes: 180,
        maxCost: 10,
      },
      preferences: {},
      // Three hours on an AWS g5's A10G: the GPU table carries it to every other GPU.
      estimate: { minutes: 180, on: { gpu: 'A10G' } },
    },
  },
  {
    id: 'cpu-build',
    label: 'CPU build',
    name: 'cpu-build',
    demands: {
      requirements: {
        cpu: 8,
        memoryGb: 16,
        diskGb: 50,
        tools: ['git', 'gcc', 'docker>=24'],
        os: 'linux',
        network: true,
        maxRuntimeMinutes: 60,
      },
      preferences: { cpu: 16 },
    },
  },
  {
    id: 'gpu-inference',
    label: 'Single-GPU inference',
    name: 'gpu-inference',
    demands: {
      requirements: {
        cpu: 4,
        memoryGb: 16,
        gpu: { type: 'nvidia', minVram: 16, count: 1 },
        tools: ['python3', 'docker'],
        os: 'linux',
        network: true,
      },
      preferences: { gpu: { minVram: 24 } },
    },
  },
  {
    id: 'multi-gpu-training',
    label: 'Multi-GPU training',
    name: 'multi-gpu-training',
    demands: {
      requirements: {
        cpu: 32,
        memoryGb: 128,
        diskGb: 500,
        gpu: { type: 'nvidia', minVram: 40, count: 4 },
        tools: ['python3>=3.10', 'nvidia-smi'],
        os: 'linux',
        arch: 'x64',
        network: true,
        maxRuntimeMinutes: 720,
      },
      preferences: { gpu: { minVram: 80 }, memoryGb: 512 },
    },
  },
  {
    id: 'apple-silicon',
    label: 'Apple Silicon',
    name: 'apple-silicon',
    demands: {
      requirements: { cpu: 8, memoryGb: 16, gpu: { type: 'apple' }, tools: ['python3'], os: 'macos', arch: 'arm64' },
      preferences: { memoryGb: 32 },
    },
  },
  {
    id: 'cheap-batch',
    label: 'Cheap batch',
    name: 'cheap-batch',
    demands: {
      requirements: { cpu: 2, memoryGb: 4, maxRuntimeMinutes: 240, maxCost: 1 },
      preferences: { cpu: 4 },
    },
  },
];
