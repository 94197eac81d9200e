// End-to-end tests of bad input and of `validate`: every case runs the built CLI as a real process on real
// files; each must exit 2 with one line per problem naming the file and the path, and no stack trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace, expectBadInput, expectNoStackTrace, linesOf, ROOT, runCli } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();
/** The same 20 MB file serves every over-the-limit case. */
let bigFile: string;

beforeAll(() => {
  // 20 MB of comments after a valid task: only the size makes it bad.
  bigFile = ws.write('big.yaml', `task:\n  name: big\n${`# ${'x'.repeat(97)}\n`.repeat(200_000)}`);
});

interface BadCase {
  name: string;
  files: Record<string, string>;
  args: string[];
  /** Line prefixes allowed on stderr: the file names as given, or a flag. */
  prefixes: string[];
  /** Each pattern must match at least one stderr line. */
  expect: (string | RegExp)[];
  lines?: number;
}

const TASK_OK = 'task: {name: ok, requirements: {cpu: 1}}\n';
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => {
    const prev = 'abcdefghi'[i]!;
    return `${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
  'task: {name: bomb, requirements: {custom: {k: *i}}}',
  '',
].join('\n');

const BAD_CASES: BadCase[] = [
  {
    name: 'YAML syntax error',
    files: { 'syntax.yaml': 'task:\n  name: a\n  requirements: [\n' },
    args: ['place', '--task', 'syntax.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['syntax.yaml'],
    expect: [/^syntax\.yaml: line \d+, column \d+: invalid YAML: \S/],
  },
  {
    name: 'JSON syntax error',
    files: { 'syntax.json': '{"task": {"name": "a",}}' },
    args: ['place', '--task', 'syntax.json', '--targets', 'fleet.yaml'],
    prefixes: ['syntax.json'],
    expect: [/^syntax\.json: line 1, column \d+: invalid JSON: \S/],
  },
  {
    name: 'wrong type',
    files: { 'type.yaml': 'task:\n  name: a\n  requirements:\n    memoryGb: lots\n' },
    args: ['place', '--task', 'type.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['type.yaml'],
    expect: [/^type\.yaml: task\.requirements\.memoryGb: expected a number ≥ 0.*, got "lots"$/],
    lines: 1,
  },
  {
    name: 'negative number',
    files: { 'negative.yaml': 'task:\n  name: a\n  requirements:\n    cpu: -2\n' },
    args: ['place', '--task', 'negative.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['negative.yaml'],
    expect: [/^negative\.yaml: task\.requirements\.cpu: expected a number ≥ 0.*, got -2$/],
    lines: 1,
  },
  {
    name: '.inf in YAML',
    files: { 'inf.yaml': 'task:\n  name: a\n  requirements:\n    memoryGb: .inf\n' },
    args: ['place', '--task', 'inf.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['inf.yaml'],
    expect: [/^inf\.yaml: task\.requirements\.memoryGb: expected a number ≥ 0.*not a finite number/],
    lines: 1,
  },
  {
    name: 'a JSON number that overflows to Infinity',
    files: { 'overflow.json': '{"task": {"name": "a", "requirements": {"diskGb": 1e999}}}' },
    args: ['place', '--task', 'overflow.json', '--targets', 'fleet.yaml'],
    prefixes: ['overflow.json'],
    expect: [/^overflow\.json: task\.requirements\.diskGb: expected a number ≥ 0.*not a finite number/],
    lines: 1,
  },
  {
    name: 'unknown key, with a did-you-mean hint',
    files: { 'gpuu.yaml': 'task:\n  name: a\n  requirements:\n    gpuu: true\n' },
    args: ['place', '--task', 'gpuu.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['gpuu.yaml'],
    expect: ['gpuu.yaml: task.requirements.gpuu: unknown key (did you mean "gpu"?)'],
    lines: 1,
  },
  {
    name: 'unknown strategy in the targets file',
    files: { 'fastest.yaml': 'placement: {strategy: fastest}\ntargets:\n  - {id: local, type: local}\n' },
    args: ['place', '--task', 'ok.yaml', '--targets', 'fastest.yaml'],
    prefixes: ['fastest.yaml'],
    expect: [/^fastest\.yaml: placement\.strategy: expected one of auto \| local-first .*, got "fastest"$/],
    lines: 1,
  },
  {
    name: 'unknown --strategy',
    files: {},
    args: ['place', '--task', 'ok.yaml', '--targets', 'fleet.yaml', '--strategy', 'fastest'],
    prefixes: ['--strategy'],
    expect: [/^--strategy: unknown strategy "fastest" \(expected one of auto \| .*performance\)$/],
    lines: 1,
  },
  {
    name: 'unknown --mode',
    files: {},
    args: ['compare', '--task', 'ok.yaml', '--targets', 'fleet.yaml', '--mode', 'cloudy'],
    prefixes: ['--mode'],
    expect: [/^--mode: unknown mode "cloudy" \(expected one of local-only \| airgapped \| burst\)$/],
    lines: 1,
  },
  {
    name: 'duplicate target ids',
    files: {
      'dup.yaml':
        'targets:\n  - {id: a, type: local}\n  - {id: b, type: ssh, host: b.example}\n  - {id: a, type: ssh, host: c.example}\n',
    },
    args: ['place', '--task', 'ok.yaml', '--targets', 'dup.yaml'],
    prefixes: ['dup.yaml'],
    expect: [/^dup\.yaml: targets\[2\]\.id: duplicate target id "a"/],
    lines: 1,
  },
  {
    name: 'missing file',
    files: {},
    args: ['place', '--task', 'nope.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['nope.yaml'],
    expect: ['nope.yaml: file not found'],
    lines: 1,
  },
  {
    name: 'YAML alias bomb',
    files: { 'bomb.yaml': ALIAS_BOMB },
    args: ['place', '--task', 'bomb.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['bomb.yaml'],
    expect: [/^bomb\.yaml: .*alias/i],
    lines: 1,
  },
  {
    name: 'empty file',
    files: { 'empty.yaml': '' },
    args: ['place', '--task', 'empty.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['empty.yaml'],
    expect: ['empty.yaml: the file is empty'],
    lines: 1,
  },
  {
    name: 'a task file with neither task: nor pipeline:',
    files: { 'hello.yaml': 'hello: world\n' },
    args: ['place', '--task', 'hello.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['hello.yaml'],
    expect: [/^hello\.yaml: expected a map with a top-level "task:" or "pipeline:" key$/],
    lines: 1,
  },
  {
    name: 'a targets file without targets:',
    files: { 'hello-targets.yaml': 'hello: world\n' },
    args: ['place', '--task', 'ok.yaml', '--targets', 'hello-targets.yaml'],
    prefixes: ['hello-targets.yaml'],
    expect: [/^hello-targets\.yaml: expected a map with a top-level "targets:" list$/],
    lines: 1,
  },
  {
    name: 'an ssh host that looks like an ssh option',
    files: { 'evil.yaml': 'targets:\n  - {id: evil, type: ssh, host: "-oProxyCommand=evil"}\n' },
    args: ['place', '--task', 'ok.yaml', '--targets', 'evil.yaml'],
    prefixes: ['evil.yaml'],
    expect: [/^evil\.yaml: targets\[0\]\.host: expected a host name or IP address.*got "-oProxyCommand=evil"$/],
    lines: 1,
  },
  {
    name: 'several problems in one file',
    files: { 'several.yaml': 'task:\n  name: a\n  requirements: {cpu: x, memoryGb: -1, os: plan9}\n' },
    args: ['place', '--task', 'several.yaml', '--targets', 'fleet.yaml'],
    prefixes: ['several.yaml'],
    expect: [
      /^several\.yaml: task\.requirements\.cpu: .*got "x"$/,
      /^several\.yaml: task\.requirements\.memoryGb: .*got -1$/,
      /^several\.yaml: task\.requirements\.os: expected one of linux .*got "plan9"$/,
    ],
    lines: 3,
  },
  {
    name: 'problems in both files and in a flag, all reported at once',
    files: {
      'both-task.yaml': 'task: {name: a, requirements: {memoryGb: lots}}\n',
      'both-targets.yaml': 'targets:\n  - {id: a, type: local}\n  - {id: a, type: local}\n',
    },
    args: ['place', '--task', 'both-task.yaml', '--targets', 'both-targets.yaml', '--mode', 'x'],
    prefixes: ['both-task.yaml', 'both-targets.yaml', '--mode'],
    expect: [
      /^--mode: /,
      /^both-task\.yaml: task\.requirements\.memoryGb: /,
      /^both-targets\.yaml: targets\[1\]\.id: /,
    ],
    lines: 3,
  },
];

describe.concurrent('exit 2: bad input, one line per problem, no stack trace', () => {
  beforeAll(() => {
    ws.write('ok.yaml', TASK_OK);
  });

  for (const c of BAD_CASES) {
    it(c.name, async () => {
      for (const [name, content] of Object.entries(c.files)) ws.write(name, content);
      const lines = expectBadInput(await inWs(...c.args), ...c.prefixes);
      if (c.lines !== undefined) expect(lines, lines.join('\n')).toHaveLength(c.lines);
      for (const pattern of c.expect)
        expect(
          lines.some((l) => (typeof pattern === 'string' ? l === pattern : pattern.test(l))),
          `${String(pattern)} in\n${lines.join('\n')}`,
        ).toBe(true);
    });
  }

  it('a 20 MB file is refused before parsing, naming the 16 MB limit', async () => {
    const [place, validate] = await Promise.all([
      inWs('place', '--task', bigFile, '--targets', 'fleet.yaml'),
      inWs('validate', bigFile),
    ]);
    for (const r of [place, validate]) {
      const lines = expectBadInput(r, bigFile);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^big\.yaml: the file is 20\.0 MB, over the 16 MB limit; refused before parsing$/);
    }
  });

  it('a missing file given by absolute path is named as given', async () => {
    const missing = ws.path('no/such/dir/task.yaml');
    const lines = expectBadInput(await runCli(['place', '--task', missing]), missing);
    expect(lines).toEqual([`${missing}: file not found`]);
  });

  it('a missing required option is a usage error', async () => {
    const r = await inWs('place', '--targets', 'fleet.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--task');
    expectNoStackTrace(r.stderr);
  });

  it('.nan in YAML is rejected and described as .nan, not .inf', async () => {
    ws.write('nan.yaml', 'task:\n  name: a\n  requirements:\n    memoryGb: .nan\n');
    const lines = expectBadInput(await inWs('place', '--task', 'nan.yaml', '--targets', 'fleet.yaml'), 'nan.yaml');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nan\.yaml: task\.requirements\.memoryGb: expected a number ≥ 0/);
    expect(lines[0]).toContain('.nan');
    expect(lines[0]).not.toContain('.inf');
  });

  // The hint must look up the keys of the target type the entry names, not the first type of the union.
  it('a typo in an ssh or cloud target key gets a did-you-mean hint like any other key', async () => {
    ws.write(
      'typo-targets.yaml',
      'targets:\n  - {id: a, type: ssh, host: a.example, prot: 22}\n  - {id: b, type: cloud, provider: aws, hourlyRate: 1, instanceTyp: x, capabilities: {cpu: 1}}\n',
    );
    const lines = expectBadInput(await inWs('validate', 'typo-targets.yaml'), 'typo-targets.yaml');
    expect(lines).toContain('typo-targets.yaml: targets[0].prot: unknown key (did you mean "port"?)');
    expect(lines).toContain('typo-targets.yaml: targets[1].instanceTyp: unknown key (did you mean "instanceType"?)');
  });
});

describe.concurrent('validate', () => {
  it('one good and one bad file: exit 2, the good one reported valid, the bad one’s problems on stderr', async () => {
    ws.write('v-good.yaml', TASK_OK);
    ws.write('v-bad.yaml', 'task:\n  name: a\n  requirements: {cpu: x, gpuu: true}\n');
    const r = await inWs('validate', 'v-good.yaml', 'v-bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('v-good.yaml: valid task file\n');
    expectNoStackTrace(r.stderr);
    const lines = linesOf(r.stderr);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.startsWith('v-bad.yaml: task.requirements.')).toBe(true);
    expect(lines).toContain('v-bad.yaml: task.requirements.gpuu: unknown key (did you mean "gpu"?)');
  });

  it('tells task files from targets files, and reports a file that is neither', async () => {
    ws.write('v-neither.yaml', 'hello: world\n');
    const r = await inWs('validate', 'fleet.yaml', 'v-neither.yaml', 'nope.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('fleet.yaml: valid targets file\n');
    expect(linesOf(r.stderr)).toEqual([
      'v-neither.yaml: expected a task file (task: or pipeline:) or a targets file (targets:)',
      'nope.json: file not found',
    ]);
  });
});

describe('input that never ends', () => {
  // stat().size is 0 for devices and pipes (`--task <(generate)`): the limit must hold while reading.
  it('an endless stream (/dev/zero) is refused at the 16 MB limit, not read forever', async () => {
    const r = await runCli(['place', '--task', '/dev/zero'], { cwd: ROOT, timeoutMs: 4_000 });
    expect(r.signal, 'the CLI was still reading after 4 s and had to be killed').toBeNull();
    const lines = expectBadInput(r, '/dev/zero');
    expect(lines.join('\n')).toMatch(/16 MB/);
  });
});
