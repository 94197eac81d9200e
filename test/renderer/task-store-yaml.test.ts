import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lineOfPath, patchYaml, pathSegments } from '../../renderer/state/task-yaml';

const text = `# top comment
task:
  name: t # the name
  requirements:
    cpu: 2
    tools: [git, "docker>=24"]
`;

describe('the YAML of the task', () => {
  it('changes only what changed, keeping comments and flow lists', () => {
    const before = parse(text);
    const after = { task: { name: 't', requirements: { cpu: 4, tools: ['git'], os: 'linux' } } };
    const out = patchYaml(text, before, after);
    expect(parse(out)).toEqual(after);
    expect(out).toContain('# top comment');
    expect(out).toContain('name: t # the name');
    expect(out).toContain('tools: [git]');
  });

  it('writes a fresh document when the text does not hold what the form had', () => {
    const out = patchYaml('task: [broken', { task: {} }, { task: { name: 'x' } });
    expect(out).toBe('task:\n  name: x\n');
  });

  it('finds the line of a path, or of its nearest parent', () => {
    expect(lineOfPath(text, 'task.requirements.cpu')).toBe(5);
    expect(lineOfPath(text, 'task.requirements.tools[1]')).toBe(6);
    expect(lineOfPath(text, 'task.requirements.memoryGb')).toBe(5);
    expect(pathSegments('pipeline.nodes[2].requirements.gpu')).toEqual(['pipeline', 'nodes', 2, 'requirements', 'gpu']);
  });
});
