import type { Command } from 'commander';
import { STRATEGY_NAMES } from '../../shared/strategies/registry.js';

// The options alone, apart from their checks (history-filters.ts): registering them is part of every
// start, while the checks and the history schema they use are loaded only by `history` and `report`.

/** Registers the filter options on a command, with one wording for both. */
export function historyFilterOptions(cmd: Command): Command {
  return cmd
    .option('--since <date>', 'only placements at or after this date or time (ISO 8601)')
    .option('--until <date>', 'only placements at or before this time (a date alone: to the end of that day, UTC)')
    .option('--strategy <name>', `only placements by this strategy: ${STRATEGY_NAMES.join(', ')}`)
    .option('--outcome <outcome>', 'only placed, failed or interrupted placements')
    .option('--target <id>', 'only placements on this target')
    .option('--task-name <name>', 'only placements of the task with this name');
}
