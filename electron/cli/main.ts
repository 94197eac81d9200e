import { Argument, Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { compare, place } from '../../shared/engine/place.js';
import { detectKind, checkTargetsFile, checkTaskFile, MAX_TARGETS_FILE_BYTES } from '../../shared/files/parse.js';
import { targetsFile } from '../../shared/schema/targets.js';
import { taskOrPipelineFile } from '../../shared/schema/task.js';
import { STRATEGIES } from '../../shared/strategies/registry.js';
import { InputError, problemLines } from '../config/load.js';
import { readDataFile } from '../config/read-file.js';
import { age, runDiscover, type DiscoverFlags } from './discover.js';
import { recordPlacement, runHistory, runReplay, type HistoryFlags } from './history.js';
import { historyFilterOptions } from './history-filters.js';
import type { ReportFlags } from './report.js';
import type { ServeFlags } from './serve.js';
import type { ImportFlags } from './import.js';
import { SOURCE_FORMATS } from '../../shared/fleet/types.js';
import { SOURCE_KINDS } from '../../shared/schema/targets.js';
import { cliRun, loadPlacementInputs, type PlacementFlags } from './inputs.js';
import type { CachedReport } from '../discovery/cache.js';
import { renderComparison, renderPlacement, renderWhyNot, placementLine } from './render.js';
import { EMIT_FORMATS, type EmitFormat } from '../../shared/export/formats.js';
import { emitFor } from './emit.js';
import { safe } from './text.js';
import { appendPlacementLog } from '../logging/placement-log.js';
import { resolveDataDir } from '../config/data-dir.js';
import { version } from '../../package.json';

// zod compiles a fast path per object schema with `new Function`; a one-shot CLI parses each schema
// once, so the compile costs more than it saves.
z.config({ jitless: true });

/** Exit codes: what scripts rely on. */
const EXIT = { ok: 0, notPlaced: 1, badInput: 2 } as const;

/** Text from files and flags reaches the terminal only with its control characters replaced. */
function safeLines(text: string): string {
  return text.split('\n').map(safe).join('\n');
}

/** Says where discovered capabilities came from and how old they are, under a human-readable result. */
function discoveryNote(discovered: Map<string, CachedReport>): string {
  if (discovered.size === 0) return '';
  const parts = [...discovered].map(
    ([id, r]) => `${id} ${r.cached ? `discovered ${age(r.ageMs)} ago (cached)` : 'discovered just now'}`,
  );
  return `\n\nCapabilities: ${parts.join('; ')}.`;
}

/** Discovery problems that did not stop the placement, one line each on stderr. */
function warnAbout(lines: readonly string[]): void {
  for (const line of lines) process.stderr.write(`warning: ${safe(line)}\n`);
}

function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
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
  ).action(
    async (
      flags: PlacementFlags & {
        json?: boolean;
        history: boolean;
        emit?: EmitFormat;
        pinned?: boolean;
        whyNot?: string | true;
      },
    ) => {
      if (flags.pinned && flags.emit === undefined) throw new InputError(['--pinned: goes with --emit <scheduler>']);
      const inputs = await loadPlacementInputs(flags);
      warnAbout(inputs.discoveryFailures);
      const asked = flags.whyNot;
      if (typeof asked === 'string' && !inputs.targets.some((t) => t.id === asked))
        throw new InputError([
          `--why-not: no target "${asked}" (the targets are ${inputs.targets
            .slice(0, 8)
            .map((t) => t.id)
            .join(', ')}${inputs.targets.length > 8 ? ', …' : ''})`,
        ]);
      const result = place(inputs.file, inputs.targets, inputs.options, {
        ...cliRun(),
        unchecked: inputs.unchecked,
        // The result (`--json`, the history) always says what would change the winner; the human output
        // shows it when asked.
        whyNot: asked === undefined || asked === true ? true : [asked],
      });
      if (flags.history) await recordPlacement(flags.dataDir, inputs, result);
      // One log line per placement, as the app writes it; with --no-history too (saying so).
      await appendPlacementLog(resolveDataDir(flags.dataDir), result, { recorded: flags.history }).catch(
        (err: unknown) => warnAbout([`the log line was not written: ${(err as Error).message}`]),
      );
      const emitted = flags.emit === undefined ? null : emitFor(flags.emit, inputs, result, flags.pinned === true);
      if (flags.json)
        write(
          JSON.stringify(
            emitted === null ? result : { ...result, emitted: emitted.ok ? emitted.value : { error: emitted.error } },
            null,
            2,
          ),
        );
      else if (emitted === null)
        write(
          `${renderPlacement(result)}${asked === undefined ? '' : renderWhyNot(result, asked === true ? null : asked)}${discoveryNote(inputs.discovered)}`,
        );
      else {
        // The scheduler's text alone on stdout, ready for a file or a pipe; the decision in one line on stderr.
        process.stderr.write(`${safe(placementLine(result))}\n`);
        for (const w of result.warnings) process.stderr.write(`⚠ ${safe(w)}\n`);
        if (emitted.ok) write(emitted.value.text);
        else process.stderr.write(`${safe(emitted.error)}\n`);
      }
      process.exitCode = result.success && (emitted === null || emitted.ok) ? EXIT.ok : EXIT.notPlaced;
    },
  );

  placementOptions(
    program.command('compare').description('every strategy side by side (a what-if: nothing is recorded)'),
    false,
  ).action(async (flags: PlacementFlags & { json?: boolean }) => {
    const inputs = await loadPlacementInputs(flags);
    warnAbout(inputs.discoveryFailures);
    const result = compare(inputs.file, inputs.targets, inputs.options, { ...cliRun(), unchecked: inputs.unchecked });
    write(
      flags.json ? JSON.stringify(result, null, 2) : `${renderComparison(result)}${discoveryNote(inputs.discovered)}`,
    );
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
      // Loaded only here (as report's builders are in report): the server, metrics (prom-client) and
      // logs (pino) would cost every other command start-up time for nothing.
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
      process.stdout.write(r.stdout);
      if (r.stderr) process.stderr.write(`${safe(r.stderr)}\n`);
      process.exitCode = r.exitCode;
    });

  program
    .command('import')
    .description('targets from where a fleet lives: a Kubernetes, Slurm or Nomad cluster, or a cloud catalog')
    .addArgument(new Argument('<source>', 'kubernetes, slurm, nomad or catalog').choices(SOURCE_KINDS))
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
      const lines: string[] = [];
      let valid = 0;
      for (const file of files) {
        let data = await readDataFile(file);
        // Past the 16 MB of a task file, only a targets file (a cloud catalog) may go on, to its own limit.
        if (!data.ok && /over the \d+ MB limit/.test(data.problems[0]?.message ?? '')) {
          const large = await readDataFile(file, MAX_TARGETS_FILE_BYTES);
          if (large.ok && detectKind(large.value) === 'targets') data = large;
        }
        if (!data.ok) {
          lines.push(...problemLines(file, data));
          continue;
        }
        const kind = detectKind(data.value);
        const parsed = kind === 'targets' ? checkTargetsFile(data.value) : checkTaskFile(data.value);
        if (kind === null)
          lines.push(`${file}: expected a task file (task: or pipeline:) or a targets file (targets:)`);
        else if (!parsed.ok) lines.push(...problemLines(file, parsed));
        else {
          valid++;
          write(`${file}: valid ${kind} file`);
        }
      }
      if (lines.length > 0) throw new InputError(lines);
      if (valid === 0) throw new InputError(['validate: no files given']);
    });

  program
    .command('schema')
    .description('print the JSON Schema of a file kind, for editor completion')
    .addArgument(new Argument('<kind>', 'task or targets').choices(['task', 'targets']))
    .action((kind: 'task' | 'targets') => {
      const schema = kind === 'task' ? taskOrPipelineFile : targetsFile;
      write(JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2));
    });

  return program;
}

/** Runs the CLI; user mistakes exit 2 with one line each, never a stack trace. */
export async function main(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`| head`) is not an error: stop writing, quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`${err.lines.map(safe).join('\n')}\n`);
      process.exitCode = EXIT.badInput;
    } else if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
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
