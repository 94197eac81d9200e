// Issue 15, point 5: the files and the API accept the new fields (`requirements.targetTypes`,
// `requirements.allowCloud`, `placement.maxCandidates`, `placement.deadlineMs`), reject bad values
// with a line that says what was expected, show them in the JSON Schema, and still catch unknown keys.
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { API } from '../../../shared/api/contract.js';
import { checkTargetsFile, checkTaskFile } from '../../../shared/files/parse.js';
import { placementInputs } from '../../../shared/schema/history.js';
import { placementResult } from '../../../shared/schema/result.js';
import { placementOptions, placementOptionsPatch, targetsFile } from '../../../shared/schema/targets.js';
import { taskOrPipelineFile } from '../../../shared/schema/task.js';

const task = (block: Record<string, unknown>) => ({ task: { name: 't', ...block } });
const targets = (placement: Record<string, unknown>) => ({
  placement,
  targets: [{ id: 'local', type: 'local' }],
});
const problems = (r: { ok: boolean; problems?: { path: string; message: string }[] }) =>
  r.ok ? [] : r.problems!.map((p) => `${p.path}: ${p.message}`);

describe('requirements.targetTypes and allowCloud', () => {
  it('are accepted as hard requirements', () => {
    const r = checkTaskFile(task({ requirements: { targetTypes: ['local', 'ssh', 'kubernetes'], allowCloud: false } }));
    expect(problems(r)).toEqual([]);
    expect(r.ok && 'task' in r.value && r.value.task.requirements).toEqual({
      targetTypes: ['local', 'ssh', 'kubernetes'],
      allowCloud: false,
    });
  });

  it('reject an empty list, a type that does not exist and a value that is no boolean', () => {
    expect(problems(checkTaskFile(task({ requirements: { targetTypes: [] } })))).toEqual([
      'task.requirements.targetTypes: expected at least one target type (local | ssh | cloud | kubernetes | slurm | nomad), got a list',
    ]);
    expect(problems(checkTaskFile(task({ requirements: { targetTypes: ['local', 'aws'] } })))).toEqual([
      'task.requirements.targetTypes[1]: expected one of local | ssh | cloud | kubernetes | slurm | nomad, got "aws"',
    ]);
    expect(problems(checkTaskFile(task({ requirements: { allowCloud: 'no' } })))).toEqual([
      'task.requirements.allowCloud: expected true or false, got "no"',
    ]);
  });

  it('are no preferences: a clear error says to move them', () => {
    expect(problems(checkTaskFile(task({ preferences: { targetTypes: ['local'], allowCloud: false } })))).toEqual([
      'task.preferences.targetTypes: a hard requirement only (a preference never rules a target out): move it to requirements, got a list',
      'task.preferences.allowCloud: a hard requirement only (a preference never rules a target out): move it to requirements, got false',
    ]);
  });

  it('appear in the JSON Schema of a task file, and a misspelt key is still unknown', () => {
    const schema = JSON.stringify(z.toJSONSchema(taskOrPipelineFile, { io: 'input', unrepresentable: 'any' }));
    expect(schema).toContain('"targetTypes"');
    expect(schema).toContain('"allowCloud"');
    expect(problems(checkTaskFile(task({ requirements: { targetType: ['local'] } })))).toEqual([
      'task.requirements.targetType: unknown key (did you mean "targetTypes"?)',
    ]);
  });
});

describe('placement.maxCandidates and placement.deadlineMs', () => {
  it('are accepted in the targets file and as API overrides, and absent when not written', () => {
    const r = checkTargetsFile(targets({ maxCandidates: 500, deadlineMs: 2.5 }));
    expect(problems(r)).toEqual([]);
    expect(r.ok && r.value.placement).toMatchObject({ maxCandidates: 500, deadlineMs: 2.5 });
    expect(placementOptions.parse({})).not.toHaveProperty('maxCandidates');
    expect(placementOptions.parse({})).not.toHaveProperty('deadlineMs');
    expect(placementOptionsPatch.parse({ maxCandidates: 3 })).toEqual({ maxCandidates: 3 });
    const request = API['placement.place'].input.safeParse({
      task: task({}),
      options: { maxCandidates: 10, deadlineMs: 50 },
    });
    expect(request.success).toBe(true);
  });

  it('reject what is no limit: 0, a fraction of a candidate, a negative or zero deadline', () => {
    expect(problems(checkTargetsFile(targets({ maxCandidates: 0 })))).toEqual([
      'placement.maxCandidates: expected a whole number ≥ 1, got 0',
    ]);
    expect(problems(checkTargetsFile(targets({ maxCandidates: 2.5 })))).toEqual([
      'placement.maxCandidates: expected a whole number ≥ 1, got 2.5',
    ]);
    expect(problems(checkTargetsFile(targets({ deadlineMs: 0 })))).toEqual([
      'placement.deadlineMs: expected a number > 0 (ms), got 0',
    ]);
    expect(problems(checkTargetsFile(targets({ deadlineMs: -5 })))).toEqual([
      'placement.deadlineMs: expected a number > 0 (ms), got -5',
    ]);
    expect(problems(checkTargetsFile(targets({ maxCandidate: 5 })))).toEqual([
      'placement.maxCandidate: unknown key (did you mean "maxCandidates"?)',
    ]);
  });

  it('appear in the JSON Schema of a targets file', () => {
    const schema = z.toJSONSchema(targetsFile, { io: 'input', unrepresentable: 'any' }) as unknown as {
      properties: { placement: { properties: Record<string, unknown> } };
    };
    expect(schema.properties.placement.properties).toHaveProperty('maxCandidates');
    expect(schema.properties.placement.properties).toHaveProperty('deadlineMs');
  });

  it('a result records how many targets it evaluated, and history keeps the options', () => {
    const result = {
      requestId: 'r',
      taskName: 't',
      strategy: 'auto',
      mode: 'burst',
      success: true,
      selectedTarget: 'local',
      reason: 'OnlyOption',
      explanation: '',
      warnings: [],
      fallbackUsed: false,
      scores: [],
      analysis: [],
      whyNot: [],
      failureMessage: null,
      candidatesEvaluated: 1024,
      decisionMs: 1,
    };
    expect(placementResult.parse(result).candidatesEvaluated).toBe(1024);
    const inputs = placementInputs.parse({
      task: task({}),
      options: { ...placementOptions.parse({}), deadlineMs: 5 },
      targets: [],
      engine: 3,
    });
    expect(inputs.options.deadlineMs).toBe(5);
  });
});
