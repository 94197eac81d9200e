import { describe, expect, it } from 'vitest';
import { checkTargetsFile, checkTaskFile, detectKind, parseText } from '../../../shared/files/parse.js';

function taskProblems(yaml: string, name = 'task.yaml'): string[] {
  const data = parseText(yaml, name);
  const parsed = data.ok ? checkTaskFile(data.value) : data;
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`);
}

function targetProblems(yaml: string): string[] {
  const data = parseText(yaml, 'targets.yaml');
  const parsed = data.ok ? checkTargetsFile(data.value) : data;
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`);
}

describe('problems name the path and say what was expected and found', () => {
  it('wrong type', () => {
    expect(taskProblems('task: {name: a, requirements: {memoryGb: lots}}')).toEqual([
      'task.requirements.memoryGb: expected a number ≥ 0 (GB), got "lots"',
    ]);
  });
  it('negative and non-finite numbers', () => {
    expect(taskProblems('task: {name: a, requirements: {cpu: -2}}')).toEqual([
      'task.requirements.cpu: expected a number ≥ 0 (logical cores), got -2',
    ]);
    expect(taskProblems('task: {name: a, requirements: {cpu: .inf}}')).toEqual([
      'task.requirements.cpu: expected a number ≥ 0 (logical cores), got .inf (not a finite number)',
    ]);
  });
  it('unknown keys, with a hint for a likely typo', () => {
    expect(taskProblems('task: {name: a, requirements: {memroyGb: 4}}')).toEqual([
      'task.requirements.memroyGb: unknown key (did you mean "memoryGb"?)',
    ]);
    expect(taskProblems('task: {name: a, colour: red}')).toEqual(['task.colour: unknown key']);
  });
  it('a missing field', () => {
    expect(taskProblems('task: {requirements: {cpu: 1}}')).toEqual(['task.name: missing: expected a name']);
  });
  it('an unknown enum value lists the allowed ones', () => {
    expect(targetProblems('placement: {strategy: fastest}\ntargets: []')).toEqual([
      'placement.strategy: expected one of auto | local-first | cloud-first | cost-optimized | performance, got "fastest"',
    ]);
  });
  it('problems inside a union branch are reported where they are', () => {
    expect(taskProblems('task: {name: a, requirements: {gpu: {minVram: -1}}}')).toEqual([
      'task.requirements.gpu.minVram: expected a number ≥ 0 (GB per GPU), got -1',
    ]);
    expect(targetProblems('targets: [{id: x, type: vm}]')).toEqual([
      'targets[0].type: expected type to be one of local | ssh | cloud | kubernetes | slurm | nomad, got "vm"',
    ]);
  });
  it('several problems, one line each', () => {
    expect(taskProblems('task: {name: a, requirements: {cpu: x, memoryGb: -1, os: plan9}}')).toHaveLength(3);
  });
  it('a file that is neither kind', () => {
    expect(taskProblems('hello: world')).toEqual(['expected a map with a top-level "task:" or "pipeline:" key']);
    expect(detectKind({ targets: [] })).toBe('targets');
    expect(detectKind([1])).toBeNull();
  });
});

describe('syntax', () => {
  it('YAML errors give line and column', () => {
    const [line] = taskProblems('task:\n  name: a\n  requirements: {cpu: 1\n');
    expect(line).toMatch(/^line \d+, column \d+: invalid YAML: /);
  });
  it('JSON errors give line and column', () => {
    const [line] = taskProblems('{"task": {"name": "a",}}', 'task.json');
    expect(line).toMatch(/^line 1, column \d+: invalid JSON: /);
  });
  it('duplicate keys in YAML are an error', () => {
    expect(taskProblems('task: {name: a, name: b}')[0]).toMatch(/invalid YAML: duplicated mapping key/);
  });
  it('an empty file says so', () => {
    expect(taskProblems('  \n')).toEqual(['the file is empty']);
  });
  it('an alias bomb is refused, quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    lines.push('task: {name: bomb}');
    const started = Date.now();
    expect(taskProblems(lines.join('\n'))).toEqual(['YAML aliases expand too much (an alias bomb?); refused']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
  it('an alias that contains itself is refused, not walked for ever', () => {
    expect(taskProblems('task: &t {name: a, requirements: {custom: *t}}')).toEqual([
      'a YAML alias refers to a node that contains it; refused',
    ]);
  });
  it('aliases used as templates are read, each copy in full', () => {
    const text =
      'base: &gpu {cpu: 8, memoryGb: 64}\ntargets:\n' +
      Array.from({ length: 200 }, (_, i) => `  - {id: n${i}, type: cloud, capabilities: *gpu}`).join('\n');
    const r = parseText(text, 'targets.yaml');
    expect(r.ok && (r.value as { targets: { capabilities: { cpu: number } }[] }).targets[199]!.capabilities.cpu).toBe(
      8,
    );
  });
  it('a duplicate key names its line and column', () => {
    expect(taskProblems('task:\n  name: a\n  name: b\n')[0]).toBe(
      'line 3, column 3: invalid YAML: duplicated mapping key',
    );
  });
  it('a BOM is ignored', () => {
    expect(taskProblems('\ufefftask: {name: a}')).toEqual([]);
  });
});
