import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cli, put, scratchDir } from './exec-cli.js';

beforeAll(assertBuilt);

describe('validate', () => {
  it('accepts the examples', async () => {
    const r = await cli('validate', 'examples/task.yaml', 'examples/pipeline.yaml', 'examples/targets.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'examples/task.yaml: valid task file\nexamples/pipeline.yaml: valid task file\nexamples/targets.yaml: valid targets file\n',
    );
  });

  it('reports the good and the bad, and exits 2', async () => {
    const dir = scratchDir();
    const bad = put(dir, 'bad.yaml', 'targets: [{id: a, type: cloud, provider: aws}]\n');
    const r = await cli('validate', 'examples/task.yaml', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('examples/task.yaml: valid task file\n');
    expect(r.stderr).toContain(`${bad}: targets[0].hourlyRate: missing`);
    expect(r.stderr).toContain(`${bad}: targets[0].capabilities: missing`);
  });
});

describe('schema', () => {
  it.each(['task', 'targets'])('prints the JSON Schema of a %s file, strict about unknown keys', async (kind) => {
    const r = await cli('schema', kind);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(r.stdout).toContain('"additionalProperties": false');
  });

  it('rejects an unknown kind', async () => {
    const r = await cli('schema', 'nonsense');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are task, targets');
  });
});
