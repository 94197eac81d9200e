// The valid inputs the fuzzers mutate: the example task and targets files, and each importer's
// fixtures (real outputs of kubectl, Slurm, Nomad and SkyPilot's catalogs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceKind } from '../../shared/schema/targets.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

export const TASK_EXAMPLES = ['examples/task.yaml', 'examples/pipeline.yaml', 'examples/finetune-7b.yaml'].map(read);
export const TARGETS_EXAMPLES = ['examples/targets.yaml', 'examples/gpu-targets.yaml'].map(read);

const fixture = (kind: string, name: string) => read(`test/fixtures/fleet/${kind}/${name}`);

/** Each importer's fixtures: documents (JSON) and texts (Slurm's scontrol, catalog CSV, broken JSON). */
export const FLEET_FIXTURES: Record<SourceKind, { json: string[]; text: string[] }> = {
  kubernetes: {
    json: ['aks-nodes', 'gcp-node', 'gpu-mixed', 'k3s-a16-vgpu'].map((f) => fixture('kubernetes', `${f}.json`)),
    text: [],
  },
  slurm: {
    json: ['scontrol-nodes-24.11', 'sinfo-21.08'].map((f) => fixture('slurm', `${f}.json`)),
    text: ['scontrol-nodes-22.05', 'scontrol-nodes-o-22.05'].map((f) => fixture('slurm', `${f}.txt`)),
  },
  nomad: {
    json: ['nodes-resources', 'node-docs'].map((f) => fixture('nomad', `${f}.json`)),
    text: [fixture('nomad', 'node-doc-invalid.json')],
  },
  catalog: {
    json: [],
    text: ['aws', 'gcp', 'lambda'].map((c) => fixture('catalog', `${c}/vms.csv`)),
  },
};
