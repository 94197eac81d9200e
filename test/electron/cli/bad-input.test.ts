import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cli, hasStackTrace, put, scratchDir, type CliResult } from './exec-cli.js';

let dir: string;
let goodTask: string;
let goodTargets: string;

beforeAll(() => {
  assertBuilt();
  dir = scratchDir();
  goodTask = put(dir, 'good-task.yaml', 'task: {name: ok, requirements: {cpu: 1}}\n');
  goodTargets = put(dir, 'good-targets.yaml', 'targets: [{id: local, type: local}]\n');
});

/** Exit 2, nothing on stdout, one line per problem on stderr, each naming the file; no stack trace. */
function expectBadInput(r: CliResult, file: string, ...fragments: string[]): string[] {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(hasStackTrace(r.stderr)).toBe(false);
  const lines = r.stderr.trimEnd().split('\n');
  for (const line of lines) expect(line.startsWith(`${file}: `)).toBe(true);
  for (const f of fragments) expect(r.stderr).toContain(f);
  return lines;
}

const placeTask = (file: string) => cli('place', '--task', file, '--targets', goodTargets);
const placeTargets = (file: string) => cli('place', '--task', goodTask, '--targets', file);

describe('bad input exits 2 with one clear line per problem naming the file and path', () => {
  it('YAML syntax', async () => {
    const f = put(dir, 'syntax.yaml', 'task:\n  name: x\n  requirements: {cpu: 1\n');
    const [line] = expectBadInput(await placeTask(f), f, 'invalid YAML');
    expect(line).toMatch(/: line \d+, column \d+: invalid YAML: /);
  });

  it('JSON syntax', async () => {
    const f = put(dir, 'syntax.json', '{"task": {"name": "x",, }}');
    expectBadInput(await placeTask(f), f, 'invalid JSON', 'line 1, column');
  });

  it('wrong type', async () => {
    const f = put(dir, 'type.yaml', 'task: {name: x, requirements: {memoryGb: lots}}\n');
    expectBadInput(await placeTask(f), f, 'task.requirements.memoryGb: expected a number ≥ 0 (GB), got "lots"');
  });

  it('negative number', async () => {
    const f = put(dir, 'negative.yaml', 'task: {name: x, requirements: {cpu: -4}}\n');
    expectBadInput(await placeTask(f), f, 'task.requirements.cpu: expected a number ≥ 0 (logical cores), got -4');
  });

  it('.inf', async () => {
    const f = put(dir, 'inf.yaml', 'task: {name: x, requirements: {diskGb: .inf}}\n');
    expectBadInput(await placeTask(f), f, 'task.requirements.diskGb: expected a number ≥ 0 (GB), got .inf');
  });

  it('unknown key, with a hint', async () => {
    const f = put(dir, 'unknown.yaml', 'task: {name: x, requirements: {gpuu: true}}\n');
    expectBadInput(await placeTask(f), f, 'task.requirements.gpuu: unknown key (did you mean "gpu"?)');
  });

  it('unknown strategy, in the file and as a flag', async () => {
    const f = put(dir, 'strategy.yaml', 'placement: {strategy: fastest}\ntargets: []\n');
    expectBadInput(await placeTargets(f), f, 'placement.strategy: expected one of auto | local-first');
    const r = await cli('place', '--task', goodTask, '--targets', goodTargets, '--strategy', 'fastest');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '--strategy: unknown strategy "fastest" (expected one of auto | local-first | cloud-first | cost-optimized | performance)\n',
    );
  });

  it('unknown mode flag', async () => {
    const r = await cli('place', '--task', goodTask, '--targets', goodTargets, '--mode', 'offline');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mode: unknown mode "offline"');
  });

  it('duplicate target ids', async () => {
    const f = put(
      dir,
      'dupes.yaml',
      'targets:\n  - {id: a, type: local}\n  - {id: b, type: local}\n  - {id: a, type: local}\n',
    );
    expectBadInput(await placeTargets(f), f, 'targets[2].id: duplicate target id "a" (first at targets[0])');
  });

  it('missing file', async () => {
    const f = join(dir, 'nowhere.yaml');
    expectBadInput(await placeTask(f), f, 'file not found');
  });

  it('a YAML alias bomb is refused quickly', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      lines.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    }
    const f = put(dir, 'bomb.yaml', `${lines.join('\n')}\ntask: {name: bomb}\n`);
    const started = Date.now();
    expectBadInput(await placeTask(f), f, 'YAML aliases expand too much');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a 20 MB file is refused before parsing', async () => {
    const f = join(dir, 'big.yaml');
    writeFileSync(f, `task: {name: big}\n# ${'x'.repeat(20_000_000)}\n`);
    expectBadInput(await placeTask(f), f, 'the file is 20.0 MB, over the 16 MB limit; refused before parsing');
  });

  it('an empty file', async () => {
    const f = put(dir, 'empty.yaml', '\n');
    expectBadInput(await placeTask(f), f, 'the file is empty');
  });

  it('a file of the wrong kind', async () => {
    const f = put(dir, 'neither.yaml', 'hello: world\n');
    expectBadInput(await placeTask(f), f, 'expected a map with a top-level "task:" or "pipeline:" key');
    expectBadInput(await placeTargets(goodTask), goodTask, 'expected a map with a top-level "targets:" list');
  });

  it('an ssh host that would be read as an option', async () => {
    const f = put(dir, 'evil.yaml', 'targets: [{id: x, type: ssh, host: "-oProxyCommand=touch /tmp/pwned"}]\n');
    expectBadInput(await placeTargets(f), f, 'targets[0].host: expected a host name or IP address');
  });

  it('several problems, one line each, from both files', async () => {
    const task = put(dir, 'many.yaml', 'task: {name: x, requirements: {cpu: x, memoryGb: -1, os: plan9}}\n');
    const targets = put(dir, 'many-targets.yaml', 'targets: [{id: a, type: vm}]\n');
    const r = await cli('place', '--task', task, '--targets', targets);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.startsWith(`${task}: `))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith(`${targets}: `))).toHaveLength(1);
  });

  it('a missing required option is a usage error', async () => {
    const r = await cli('place', '--targets', goodTargets);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--task <file>' not specified");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
