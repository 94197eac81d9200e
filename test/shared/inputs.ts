import {
  placementOptions,
  target,
  type PlacementOptions,
  type PlacementOptionsInput,
  type Target,
  type TargetInput,
} from '../../shared/schema/targets.js';
import { pipelineFile, taskFile, type TaskOrPipelineFile } from '../../shared/schema/task.js';

/** Builds inputs the way users write them: raw data parsed by the real schemas. */
export function taskOf(task: Record<string, unknown>): TaskOrPipelineFile {
  return taskFile.parse({ task: { name: 't', ...task } });
}

export function pipelineOf(nodes: Record<string, unknown>[], name = 'p'): TaskOrPipelineFile {
  return pipelineFile.parse({ pipeline: { name, nodes } });
}

export function targetsOf(...list: TargetInput[]): Target[] {
  return list.map((t) => target.parse(t));
}

export function optionsOf(input: PlacementOptionsInput = {}): PlacementOptions {
  return placementOptions.parse(input);
}

export const run = { requestId: 'req-1' };

/** A small realistic fleet: a local laptop, an SSH GPU box, two cloud instances. */
export function fleet(): Target[] {
  return targetsOf(
    {
      id: 'local',
      type: 'local',
      capabilities: {
        cpu: 8,
        memoryGb: 16,
        diskGb: 200,
        gpus: [],
        os: 'linux',
        arch: 'x64',
        network: true,
        tools: { git: '2.39.5', python3: '3.11.7' },
      },
    },
    {
      id: 'gpu-box',
      type: 'ssh',
      host: '10.0.0.5',
      labels: { region: 'eu-west-1' },
      capabilities: {
        cpu: 32,
        memoryGb: 128,
        diskGb: 900,
        gpus: [{ vendor: 'nvidia', model: 'RTX 4090', vramGb: 24 }],
        os: 'linux',
        arch: 'x64',
        network: true,
        tools: { docker: '26.1.4', python3: '3.12.3' },
      },
    },
    {
      id: 'aws-g5',
      type: 'cloud',
      provider: 'aws',
      hourlyRate: 1.006,
      labels: { region: 'us-east-1' },
      capabilities: {
        cpu: 4,
        memoryGb: 16,
        diskGb: 250,
        gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }],
        os: 'linux',
        arch: 'x64',
        network: true,
        tools: { docker: '27.1.1', python3: '3.11.7' },
        maxRuntimeMinutes: 1440,
      },
    },
    {
      id: 'gcp-cpu',
      type: 'cloud',
      provider: 'gcp',
      hourlyRate: 0.268,
      labels: { region: 'eu-west-1' },
      capabilities: {
        cpu: 8,
        memoryGb: 32,
        diskGb: 100,
        gpus: [],
        os: 'linux',
        arch: 'x64',
        network: true,
        tools: ['docker', 'python3'],
      },
    },
  );
}
