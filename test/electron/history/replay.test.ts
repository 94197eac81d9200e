// Replay must reproduce a stored decision exactly: one that rests on a failed probe (its warning
// included), and one recorded before results carried warnings (engine 1), which has since changed
// its words, not its choices.
import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import { ENGINE_SEMANTICS } from '../../../shared/engine/semantics.js';
import type { PlacementInputs } from '../../../shared/schema/history.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import type { Target } from '../../../shared/schema/targets.js';
import type { HistoryEntry } from '../../../electron/history/entries.js';
import { placementRecords } from '../../../electron/history/history-log.js';
import { replayEntry } from '../../../electron/history/replay.js';
import { optionsOf, targetsOf, taskOf } from '../../shared/inputs.js';

const targets = () =>
  targetsOf(
    { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16, tools: { git: '2.39.5' } } },
    {
      id: 'gpu-box',
      type: 'ssh',
      host: '10.0.0.5',
      capabilities: { cpu: 32, memoryGb: 128, gpus: [{ vendor: 'nvidia', vramGb: 24 }] },
    },
  );

const file = taskOf({ name: 'finetune', requirements: { gpu: true, tools: ['python3'], maxRuntimeMinutes: 180 } });
const gpuFile = taskOf({ name: 'gpu', requirements: { gpu: true, maxRuntimeMinutes: 180 } });
const WHY = 'probe failed: timed out after 10 s';

function entryOf(inputs: PlacementInputs, result: PlacementResult): HistoryEntry {
  return {
    requestId: result.requestId,
    at: '2025-03-01T10:00:00.000Z',
    taskName: result.taskName,
    strategy: result.strategy,
    outcome: result.success ? 'placed' : 'failed',
    selectedTarget: result.selectedTarget,
    inputs,
    result: JSON.parse(JSON.stringify(result)) as PlacementResult,
  };
}

/** Today's discovery: the probe of gpu-box fails again. */
const resolveFailing = async (list: Target[]) => ({
  targets: list,
  reports: new Map(),
  failures: new Map([['gpu-box', 'gpu-box: timed out after 10 s']]),
});

describe('replay', () => {
  it('records the engine version and why a target could not be checked, and reproduces the warning', async () => {
    const options = optionsOf();
    const result = place(gpuFile, targets(), options, {
      requestId: 'r-1',
      unchecked: { 'gpu-box': WHY },
    }) as PlacementResult;
    expect(result.warnings).toHaveLength(1);
    const used: PlacementInputs = {
      task: gpuFile,
      options,
      targets: targets().map((target) => ({
        target,
        capabilitiesAgeMs: null,
        ...(target.id === 'gpu-box' && { unchecked: WHY }),
      })),
    };
    const [started] = placementRecords('r-1', '2025-03-01T10:00:00.000Z', used, result);
    expect(started!.inputs!.engine).toBe(ENGINE_SEMANTICS);
    const report = await replayEntry(entryOf(started!.inputs!, result), resolveFailing as never);
    expect(report.differences).toEqual([]);
    expect(report.reproduced).toBe(true);
    expect((report.now as PlacementResult).warnings).toEqual(result.warnings);
  });

  it('a record of engine 1 (no warnings, old words) is compared on its decision and reproduces', async () => {
    const options = optionsOf();
    const now = place(file, targets(), options, { requestId: 'r-old' }) as PlacementResult;
    // As engine 1 stored it: no warnings, unknowns as plain mismatches, an unstated runtime limit met.
    const { warnings: _w, ...old } = now;
    const stored = {
      ...old,
      scores: old.scores.map((s) => ({
        ...s,
        matches: [...s.matches, { key: 'maxRuntimeMinutes', need: 180, have: null }],
        mismatches: s.mismatches.map(({ unknown: _u, ...m }) => ({
          ...m,
          message: m.message.startsWith('unknown:')
            ? `${m.key}: needs ${String(m.need)}, tools unknown on this target`
            : m.message,
        })),
      })),
    } as PlacementResult;
    const inputs: PlacementInputs = {
      task: file,
      options,
      targets: targets().map((target) => ({ target, capabilitiesAgeMs: null })),
    };
    const report = await replayEntry(entryOf(inputs, stored), resolveFailing as never);
    expect(report.differences).toEqual([]);
    expect(report.reproduced).toBe(true);
  });

  it('a changed decision of engine 1 still shows as a difference', async () => {
    const options = optionsOf();
    const now = place(gpuFile, targets(), options, { requestId: 'r-old2' }) as PlacementResult;
    const { warnings: _w, ...old } = now;
    const inputs: PlacementInputs = {
      task: gpuFile,
      options,
      targets: targets().map((target) => ({ target, capabilitiesAgeMs: null })),
    };
    const report = await replayEntry(
      entryOf(inputs, { ...old, selectedTarget: 'local' } as PlacementResult),
      resolveFailing as never,
    );
    expect(report.reproduced).toBe(false);
    expect(report.differences).toEqual(['selectedTarget: "local" → "gpu-box"']);
  });
});

describe('replay of a record made before the GPU table filled VRAM (engine 2)', () => {
  it('reads a GPU written without VRAM as unknown, as then, and reproduces; today the table fills it', async () => {
    const options = optionsOf();
    const raw = {
      id: 'box',
      type: 'ssh',
      host: '10.0.0.9',
      capabilities: { cpu: 16, memoryGb: 64, gpus: [{ vendor: 'nvidia', model: 'NVIDIA L40S' }] },
    };
    const task = taskOf({ name: 'vram', requirements: { gpu: { minVram: 24 } } });
    // Engine 2 saw the VRAM as unknown: box was ineligible ("unknown: … how much VRAM its GPUs have").
    const then = {
      ...raw,
      capabilities: { ...raw.capabilities, gpus: [{ vendor: 'nvidia', model: 'NVIDIA L40S', vramGb: null }] },
    };
    const stored = place(
      task,
      [JSON.parse(JSON.stringify(then))].map((t) => ({
        ...t,
        hourlyRate: 0,
        port: 22,
        probe: false,
        hostKeyPolicy: 'strict',
      })) as never,
      options,
      {
        requestId: 'r-vram',
      },
    ) as PlacementResult;
    expect(stored.success).toBe(false);
    const inputs = {
      task,
      options,
      engine: 2,
      targets: [{ target: then, capabilitiesAgeMs: null }],
    } as unknown as PlacementInputs;
    const report = await replayEntry(entryOf(inputs, stored), (async (list: Target[]) => ({
      targets: list,
      reports: new Map(),
      failures: new Map(),
    })) as never);
    expect(report.differences).toEqual([]);
    expect(report.reproduced).toBe(true);
    // Today the table says 48 GB: box is eligible now, and the replay says what changed.
    expect((report.now as PlacementResult).selectedTarget).toBe('box');
  });
});
