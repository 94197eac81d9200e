import './zod-jitless.js';
import { Argument, Command, CommanderError, Option } from 'commander';
import { EMIT_FORMATS } from '../../shared/export/formats.js';
import { SOURCE_FORMATS } from '../../shared/fleet/types.js';
import type { SourceKind } from '../../shared/schema/targets.js';
import { STRATEGIES } from '../../shared/strategies/registry.js';
import type { DiscoverFlags } from './discover.js';
import { historyFilterOptions } from './history-filter-options.js';
import type { HistoryFlags } from './history.js';
import type { ImportFlags } from './import.js';
import type { PlacementFlags } from './inputs.js';
import { stdout, warnAbout, write } from './output.js';
import type { PlaceFlags } from './place.js';
import type { ReportFlags } from './report.js';
import type { ServeFlags } from './serve.js';
import { safe } from './text.js';
import { version } from '../../package.json';

// A command loads what it uses when it runs (`await import`): the bundle is one file, but a module is
// evaluated on first use, so a start builds no schema, reads no YAML and loads no engine that its
// command does not need (`discover` starts its probes first; `--help` none of it).

/** Exit codes: what scripts rely on. */
const EXIT = { ok: 0, notPlaced: 1, badInput: 2 } as const;

/** Text from files and flags reaches the terminal only with its control characters replaced. */
function safeLines(text: string): string {
  return text.split('\n').map(safe).join('\n');
}

function placementOptions(cmd: Command, withStrategy: boolean): Command {
  cmd
    .requiredOption('--task <file>', 'task or pipeline file (YAML or JSON)')
    .option('--targets <file>', 'targets and options file (default: this machine only)');
  if (withStrategy)
    cmd.addOption(new Option('--strategy <name>', `placement strategy: ${STRATEGIES.map((s) => s.name).join(', ')}`));
  return cmd
    .option('--mode <mode>', 'local-only, airgapped or burst')
    .option('--no-fallback', 'never leave the strategy’s preferred kind of target')
    .option('--no-discovery', 'use only the capabilities written in the targets file')
    .option('--max-candidates <n>', 'evaluate only the first N targets (placement.maxCandidates)')
    .option('--deadline-ms <ms>', 'stop evaluating targets once this many ms have passed (placement.deadlineMs)')
    .option('--data-dir <dir>', 'where discoveries (and history) are kept')
    .option('--json', 'print JSON for machines');
}

function buildProgram(): Command {
  const program = new Command('placement-explorer')
    .description('Where should this task run, and why? Ranked, explained placement over local, SSH and cloud targets.')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(safeLines(s)), outputError: (s, w) => w(s) });

  placementOptions(
    program
      .command('place')
      .description('place a task (or each node of a pipeline), explain the choice, and record it in the history')
      .option('--no-history', 'do not record this placement')
      .addOption(
        new Option('--emit <scheduler>', 'also write the decision in a scheduler’s language').choices(EMIT_FORMATS),
      )
      .option('--pinned', 'with --emit: pin to the chosen node, instead of admitting every eligible one')
      .option(
        '--why-not [id]',
        'say what would change the winner: what would make it lose, and what would make the runners-up (or target ID) win',
      ),
    true,
  ).action(async (flags: PlaceFlags) => {
    const { runPlace } = await import('./place.js');
    process.exitCode = (await runPlace(flags)) ? EXIT.ok : EXIT.notPlaced;
  });

  placementOptions(
    program.command('compare').description('every strategy side by side (a what-if: nothing is recorded)'),
    false,
  ).action(async (flags: PlacementFlags & { json?: boolean }) => {
    const { runCompare } = await import('./place.js');
    await runCompare(flags);
  });

  program
    .command('discover')
    .description("this machine's capabilities (or a probed target's): CPU, memory, disk, GPUs, OS/arch, network, tools")
    .option('--json', 'print JSON for machines')
    .option('--refresh', 'discover again even when the cached discovery is fresh')
    .option('--target <id>', 'probe this target of --targets instead of this machine')
    .option('--targets <file>', 'the targets file that defines --target')
    .option('--tools <names>', 'more tools to look for, comma-separated')
    .option('--data-dir <dir>', 'where discoveries are kept')
    .action(async (flags: DiscoverFlags) => {
      const { runDiscover } = await import('./discover.js');
      const r = await runDiscover(flags);
      if (r.stdout) write(r.stdout);
      if (r.stderr) process.stderr.write(`${safe(r.stderr)}\n`);
      process.exitCode = r.exitCode;
    });

  program
    .command('serve')
    .description('browser mode: the app and its API on 127.0.0.1, behind a random token')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--open', 'open the URL in the default browser')
    .option('--targets <file>', 'the targets and options to serve (default: this machine only)')
    .option('--data-dir <dir>', 'where discoveries and history are kept')
    .action(async (flags: ServeFlags) => {
      // The server, metrics (prom-client) and logs (pino) would cost every other command start-up time.
      const { runServe } = await import('./serve.js');
      const server = await runServe(flags);
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await server.close();
    });

  historyFilterOptions(
    program
      .command('history')
      .description('the placements recorded (those the filters select), newest first')
      .option('--json', 'print JSON for machines')
      .option('--limit <n>', 'how many to show (default 20)'),
  )
    .option('--data-dir <dir>', 'where the history is kept')
    .action(async (flags: HistoryFlags) => {
      const { runHistory } = await import('./history.js');
      const r = await runHistory(flags);
      warnAbout(r.warnings);
      write(r.stdout);
    });

  program
    .command('replay')
    .description('re-run a recorded placement on its stored inputs (it must match) and on today’s capabilities')
    .argument('<id>', 'the placement’s request id (or a unique prefix)')
    .option('--json', 'print JSON for machines')
    .option('--data-dir <dir>', 'where the history is kept')
    .action(async (id: string, flags: { json?: boolean; dataDir?: string }) => {
      const { runReplay } = await import('./history.js');
      const r = await runReplay(id, flags);
      warnAbout(r.warnings);
      write(r.stdout);
      process.exitCode = r.exitCode;
    });

  historyFilterOptions(
    program
      .command('report')
      .description(
        'a report of the placements recorded (or with --compare, of every strategy for a task): JSON, CSV, Markdown, HTML or PDF',
      )
      .option('--format <format>', 'json, csv, md, html or pdf', 'md')
      .option('--out <file>', 'write it to this file instead of stdout (a PDF needs one)')
      .option('--last <n>', 'only the newest N placements')
      .option('--id <id>', 'one placement: its request id (or a unique prefix)'),
  )
    .option('--data-dir <dir>', 'where the history is kept')
    .option('--compare', 'instead of the history: every strategy side by side for --task over --targets')
    .option('--task <file>', 'with --compare: the task or pipeline file')
    .option('--targets <file>', 'with --compare: the targets and options file (default: this machine only)')
    .option('--mode <mode>', 'with --compare: local-only, airgapped or burst')
    .option('--no-fallback', 'with --compare: never leave the strategy’s preferred kind of target')
    .option('--no-discovery', 'with --compare: use only the capabilities written in the targets file')
    .action(async (flags: ReportFlags) => {
      const { runReport } = await import('./report.js');
      const r = await runReport(flags);
      warnAbout(r.warnings);
      stdout().write(r.stdout);
      if (r.stderr) process.stderr.write(`${safe(r.stderr)}\n`);
      process.exitCode = r.exitCode;
    });

  program
    .command('import')
    .description('targets from where a fleet lives: a Kubernetes, Slurm or Nomad cluster, or a cloud catalog')
    .addArgument(
      new Argument('<source>', 'kubernetes, slurm, nomad or catalog').choices(
        Object.keys(SOURCE_FORMATS) as SourceKind[],
      ),
    )
    .option(
      '--file <file>',
      `read a saved output instead of the live source (${Object.values(SOURCE_FORMATS).join('; ')})`,
    )
    .option('--context <name>', 'kubernetes: the kubeconfig context (with --file: names the cluster)')
    .option('--cluster <name>', 'slurm: names the cluster (live: read from scontrol show config)')
    .option('--address <url>', 'nomad: the API address (default $NOMAD_ADDR; token from $NOMAD_TOKEN)')
    .option('--cloud <name>', 'catalog: the cloud of --file when its path does not say (aws, gcp, azure, lambda, …)')
    .option('--out <file>', 'write a new targets file')
    .option('--merge <file>', "update a targets file: this source's targets replaced, every other target kept")
    .option('--dry-run', 'with --merge: show what would be added, changed and removed, and write nothing')
    .option('--timeout <seconds>', 'how long a live source may take (default 15)')
    .option('--json', 'print JSON for machines')
    .action(async (source: string, flags: ImportFlags) => {
      const { runImport } = await import('./import.js');
      const r = await runImport(source, flags);
      if (r.stderr) process.stderr.write(`${safe(r.stderr)}\n`);
      warnAbout(r.warnings);
      write(r.stdout);
    });

  program
    .command('validate')
    .description('check task and targets files; print each problem with its file and path')
    .argument('<files...>')
    .action(async (files: string[]) => {
      const { runValidate } = await import('./validate.js');
      await runValidate(files);
    });

  program
    .command('schema')
    .description('print the JSON Schema of a file kind, for editor completion')
    .addArgument(new Argument('<kind>', 'task or targets').choices(['task', 'targets']))
    .action(async (kind: 'task' | 'targets') => {
      const { schemaOf } = await import('./validate.js');
      write(schemaOf(kind));
    });

  return program;
}

/** Runs the CLI; user mistakes exit 2 with one line each, never a stack trace. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      return;
    }
    // Loaded here: the module that checks files is one that not every command loads.
    const { InputError } = await import('../config/load.js');
    if (err instanceof InputError) {
      process.stderr.write(`${err.lines.map(safe).join('\n')}\n`);
      process.exitCode = EXIT.badInput;
    } else {
      // One line: a library's message may carry a call log after it (DEBUG=1 shows it all).
      const message = String((err as Error).message ?? err)
        .split('\n')[0]!
        .trim();
      process.stderr.write(`placement-explorer: internal error: ${safe(message)} (DEBUG=1 for details)\n`);
      if (process.env['DEBUG']) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
      process.exitCode = 70;
    }
  }
}
