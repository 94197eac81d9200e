import { describe, expect, it } from 'vitest';
import { inputChanges, scoreChange } from '../../../shared/engine/score-change.js';
import type { TargetScore } from '../../../shared/schema/result.js';

describe('inputChanges', () => {
  it('walks objects, compares lists whole and writes each value with its unit', () => {
    const then = { requirements: { maxCost: 10, tools: ['python3'], memoryGb: 16 }, preferences: {} };
    const now = { requirements: { maxCost: 5, tools: [], gpu: { minVram: 20 } }, preferences: {} };
    expect(inputChanges(then, now).map((c) => c.text)).toEqual([
      'requirements.maxCost $10.00 → $5.00',
      'requirements.tools ["python3"] → []',
      'requirements.memoryGb 16 GB → unset',
      'requirements.gpu.minVram unset → 20 GB',
    ]);
    expect(inputChanges(then, structuredClone(then))).toEqual([]);
  });
});

describe('scoreChange', () => {
  const score = (parts: [string, number][], preferences = 0): TargetScore => ({
    targetId: 'box',
    targetType: 'ssh',
    score: parts.reduce((a, [, v]) => a + v, 0) + preferences,
    eligible: true,
    estimatedCost: 0,
    estimatedMinutes: null,
    estimate: null,
    matches: [],
    mismatches: [],
    breakdown: {
      base: parts.reduce((a, [, v]) => a + v, 0),
      preferences,
      affinity: 0,
      antiAffinity: 0,
      parts: parts.map(([name, value]) => ({ name, value, detail: `${name} numbers` })),
    },
  });

  it('lists only the parts that moved, largest first, each with the inputs it reads', () => {
    const change = scoreChange(
      'box',
      score([
        ['start', 0.1],
        ['fit: cpu', 0.1],
        ['cost', 0.2],
      ]),
      score(
        [
          ['start', 0.1],
          ['fit: cpu', 0.05],
          ['cost', 0],
        ],
        0.02,
      ),
      {
        inputs: [
          { path: 'requirements.cpu', text: 'requirements.cpu 4 → 2' },
          { path: 'preferences.memoryGb', text: 'preferences.memoryGb unset → 64 GB' },
        ],
        left: [{ id: 'dear', mismatches: [{ key: 'cpu', need: 4, have: 2, message: 'cpu' }] }],
        joined: [],
      },
    )!;
    expect(change.parts.map((p) => p.name)).toEqual(['cost', 'fit: cpu', 'preferences']);
    expect(change.parts[0]!.because).toEqual(['dear is no longer eligible (requirements.cpu 4 → 2)']);
    expect(change.parts[1]!.because).toEqual(['requirements.cpu 4 → 2']);
    expect(change.parts[2]!.because).toEqual(['preferences.memoryGb unset → 64 GB']);
  });

  it('is null for a target not eligible both times', () => {
    const out = { ...score([]), eligible: false };
    expect(scoreChange('box', out, score([['start', 0.1]]), { inputs: [], left: [], joined: [] })).toBeNull();
  });
});
