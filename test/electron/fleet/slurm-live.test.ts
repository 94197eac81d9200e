import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSlurmLive, SlurmLiveError } from '../../../electron/fleet/slurm-live.js';
import { place } from '../../../shared/engine/place.js';
import { emitPlacement } from '../../../shared/export/index.js';
import { parseSlurmNodes } from '../../../shared/fleet/slurm.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import type { Target } from '../../../shared/schema/targets.js';
import { optionsOf, run, taskOf } from '../../shared/inputs.js';
import { batchScript, startSlurmCluster, type TestSlurmCluster } from './slurm-cluster.js';

let cluster: TestSlurmCluster;
let scratch: string;

beforeAll(async () => {
  cluster = await startSlurmCluster();
  scratch = await mkdtemp(join(os.tmpdir(), 'pe-slurm-live-'));
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
}, 30_000);

/** The cluster's nodes as the importer makes them, by node name. */
async function importLive(options: Parameters<typeof readSlurmLive>[0] = {}) {
  const live = await readSlurmLive({ env: cluster.env, ...options });
  const imported = parseSlurmNodes(live.text, live.origin);
  return { live, imported, byName: new Map(imported.targets.map((t) => [t.id, t])) };
}

/**
 * The GPU table's model for each GRES type of the test cluster: a bare `a100` or `h100` names no memory
 * or form factor, so the table takes the smaller figures (A100 40GB, H100 PCIe).
 */
const MODEL_OF_TYPE: Record<string, string> = { a100: 'A100 40GB', h100: 'H100 PCIe', l4: 'L4' };

/** GPU counts by model: `{'A100 40GB': 4}`. */
function gpuCounts(t: Target): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of t.capabilities?.gpus ?? []) out[g.model ?? '?'] = (out[g.model ?? '?'] ?? 0) + (g.count ?? 1);
  return out;
}

const GB = (mib: number) => Math.round((mib * 1048576) / 1e8) / 10;

describe('readSlurmLive on a real Slurm 22.05', () => {
  it('reads sinfo --json (scontrol has no --json before 23.02) and the cluster name', async () => {
    const { live, imported } = await importLive();
    expect(live.format).toBe('sinfo --json');
    expect(live.origin.cluster).toBe(cluster.clusterName);
    expect(Date.parse(live.origin.importedAt)).not.toBeNaN();
    expect(imported.targets.map((t) => t.id).sort()).toEqual(cluster.nodes.map((n) => n.name).sort());
    for (const t of imported.targets) {
      expect(t.type).toBe('slurm');
      expect('source' in t && t.source).toMatchObject({ kind: 'slurm', cluster: cluster.clusterName, node: t.id });
    }
  });

  it('gives each node its CPUs, memory, disk, GPUs, features and partitions', async () => {
    const { byName } = await importLive();
    for (const spec of cluster.nodes) {
      const t = byName.get(spec.name)!;
      expect(t.capabilities, spec.name).toMatchObject({
        cpu: spec.cpus,
        memoryGb: GB(spec.realMemoryMiB),
        diskGb: GB(spec.tmpDiskMiB),
      });
      const gpus = Object.fromEntries(spec.gpus.map((g) => [MODEL_OF_TYPE[g.type] ?? g.type, g.count]));
      expect(gpuCounts(t), spec.name).toEqual(gpus);
      for (const feature of spec.features) expect(t.labels?.[feature], `${spec.name} ${feature}`).toBe('true');
      for (const partition of spec.partitions) expect(t.labels?.[`partition.${partition}`], spec.name).toBe('true');
      expect(spec.partitions).toContain(t.labels?.['partition']);
    }
    expect(byName.get('gpu-a')!.capabilities).toMatchObject({ memoryGb: 67.1, diskGb: 104.9 });
    expect(gpuCounts(byName.get('gpu-b')!)).toEqual({ 'H100 PCIe': 2, L4: 1 });
    expect(byName.get('cpu-a')!.labels?.['partition.gpu']).toBeUndefined();
  });

  it('marks the node with no slurmd unschedulable and the running ones schedulable', async () => {
    const { byName } = await importLive();
    const down = byName.get('gpu-down')!;
    expect('unschedulable' in down && down.unschedulable).toMatch(/UNKNOWN|DOWN|NOT_RESPONDING/);
    for (const name of ['gpu-a', 'gpu-b', 'cpu-a']) expect(byName.get(name), name).not.toHaveProperty('unschedulable');
  });

  it('falls back to scontrol show nodes -o when sinfo is not there, with the same nodes', async () => {
    const json = await importLive();
    const text = await importLive({ sinfo: join(scratch, 'no-sinfo') });
    expect(text.live.format).toBe('scontrol -o');
    const shape = (t: Target) => ({ caps: t.capabilities, labels: { ...t.labels, 'slurm.state': undefined } });
    for (const [name, t] of json.byName) expect(shape(text.byName.get(name)!), name).toEqual(shape(t));
  });

  it('says in one line when scontrol is not installed', async () => {
    const err = await readSlurmLive({ env: { ...cluster.env, PATH: scratch } }).catch((e) => e);
    expect(err).toBeInstanceOf(SlurmLiveError);
    expect(err.reason).toBe('not-installed');
    expect(err.message).toBe(
      'scontrol not found on PATH: install slurm-client or import from a file (sinfo --json > nodes.json)',
    );
    // In this process's own environment the program is started directly, without env(1).
    const missing = join(scratch, 'no-scontrol');
    const direct = await readSlurmLive({ scontrol: missing, sinfo: missing }).catch((e) => e);
    expect(direct).toMatchObject({
      reason: 'not-installed',
      message: expect.stringMatching(/no-scontrol not found on PATH/),
    });
  });

  it('says so at once when SLURM_CONF names no file (Slurm itself retries for a minute)', async () => {
    const missing = join(scratch, 'missing.conf');
    const err = await readSlurmLive({ env: { ...cluster.env, SLURM_CONF: missing }, timeoutMs: 3000 }).catch((e) => e);
    expect(err).toBeInstanceOf(SlurmLiveError);
    expect(err.reason).toBe('no-config');
    expect(err.message).toBe(`SLURM_CONF=${missing}: no such file`);
  });

  it("passes on Slurm's own line when the controller cannot be reached", async () => {
    // The cluster's own configuration with the controller's port moved to one nobody listens on; a short
    // MessageTimeout makes the clients give up at once instead of retrying for 9 s.
    const original = await readFile(cluster.env['SLURM_CONF']!, 'utf8');
    const conf = `${original.replace(/^SlurmctldPort=\d+$/m, 'SlurmctldPort=1')}MessageTimeout=1\n`;
    const file = join(scratch, 'unreachable.conf');
    await writeFile(file, conf);
    const err = await readSlurmLive({ env: { ...cluster.env, SLURM_CONF: file }, timeoutMs: 20_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(SlurmLiveError);
    expect(err.reason).toBe('failed');
    // sinfo --json exits 0 here with `errors: [{error: "Unspecified error"}]`: the text form says why.
    expect(err.message).toBe(
      'scontrol show nodes -o failed: slurm_load_node error: Unable to contact slurm controller (connect failure)',
    );
  });

  it('stops a client that hangs at the timeout', async () => {
    const hang = join(scratch, 'hanging-scontrol');
    await writeFile(hang, '#!/bin/sh\nexec sleep 30\n');
    await chmod(hang, 0o755);
    const started = Date.now();
    const err = await readSlurmLive({ env: cluster.env, scontrol: hang, timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(SlurmLiveError);
    expect(err.reason).toBe('timeout');
    expect(err.message).toBe('scontrol show nodes --json timed out after 0.3 s: is the controller up?');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('sbatch --test-only on the real cluster', () => {
  it('accepts a hand-written GPU request for gpu-a', async () => {
    const answer = await cluster.testOnly(
      batchScript('#SBATCH --gres=gpu:a100:2 --cpus-per-task=2 --mem=1000M --nodelist=gpu-a --partition=gpu'),
    );
    expect(answer).toMatchObject({ accepted: true, node: 'gpu-a', partition: 'gpu' });
  });

  it('refuses more GPUs than any node has', async () => {
    const answer = await cluster.testOnly(batchScript('#SBATCH --gres=gpu:a100:8 --partition=gpu'));
    expect(answer).toEqual({
      accepted: false,
      node: null,
      partition: null,
      message: 'allocation failure: Requested node configuration is not available',
    });
  });

  it('never places work on the node that is down', async () => {
    const answer = await cluster.testOnly(batchScript('#SBATCH --gres=gpu:a100:2 --nodelist=gpu-down --partition=gpu'));
    expect(answer.accepted).toBe(false);
  });
});

describe('an emitted placement on the real cluster', () => {
  async function placeOnCluster(requirements: Record<string, unknown>) {
    const { imported } = await importLive();
    const file = taskOf({ name: 'train', requirements });
    if (!('task' in file)) throw new Error('expected a task');
    const result = place(file, imported.targets, optionsOf(), run) as PlacementResult;
    expect(result.success, result.failureMessage ?? '').toBe(true);
    const emit = (pinned: boolean) =>
      emitPlacement('slurm', { task: file.task, result, targets: imported.targets, pinned }).text;
    return { result, emit };
  }

  it('pinned: sbatch accepts it and it starts on the node the engine chose', async () => {
    const { result, emit } = await placeOnCluster({
      gpu: { type: 'nvidia', count: 2 },
      cpu: 4,
      memoryGb: 32,
      diskGb: 50,
    });
    expect(['gpu-a', 'gpu-b']).toContain(result.selectedTarget);
    const script = emit(true);
    expect(script).toContain(`#SBATCH --nodelist=${result.selectedTarget}`);
    const answer = await cluster.testOnly(batchScript(script));
    expect(answer, answer.message).toMatchObject({ accepted: true, node: result.selectedTarget });
  });

  it('unpinned: sbatch accepts it on one of the eligible nodes', async () => {
    const { result, emit } = await placeOnCluster({ gpu: { type: 'nvidia', count: 2 }, cpu: 4, memoryGb: 32 });
    const eligible = result.scores.filter((s) => s.eligible).map((s) => s.targetId);
    expect(eligible.sort()).toEqual(['gpu-a', 'gpu-b']);
    const script = emit(false);
    expect(script).not.toContain('--nodelist');
    const answer = await cluster.testOnly(batchScript(script));
    expect(answer.accepted, answer.message).toBe(true);
    expect(eligible).toContain(answer.node);
  });

  it('unpinned, when only one node is eligible: Slurm has no other choice', async () => {
    const { result, emit } = await placeOnCluster({ gpu: { type: 'nvidia', count: 2, minVram: 60 }, memoryGb: 100 });
    expect(result.selectedTarget).toBe('gpu-b');
    const answer = await cluster.testOnly(batchScript(emit(false)));
    expect(answer, answer.message).toMatchObject({ accepted: true, node: 'gpu-b' });
  });
});
