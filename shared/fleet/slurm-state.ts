/**
 * Slurm node states: whether the scheduler would place work on a node now, and why not.
 *
 * Decisions (DESIGN.md "Fleet sources"):
 * - Unschedulable: DOWN, DRAIN/DRAINED/DRAINING, FAIL/FAILING, NOT_RESPONDING (also a `*` suffix),
 *   INVAL/INVALID/INVALID_REG, ERROR, FUTURE, UNKNOWN (a node that never registered), REBOOT_ISSUED,
 *   and the power-saving states POWER_DOWN, POWERING_DOWN, POWERED_DOWN (sinfo(1): "not capable of
 *   running any jobs"; whether to power one up is the cluster's decision, not ours).
 * - Schedulable: IDLE, MIXED, ALLOCATED and COMPLETING (busy: work queues there), RESERVED and
 *   MAINTENANCE (a reservation limits who may use a node, not whether it works), CLOUD, PLANNED,
 *   POWER_UP/POWERING_UP, REBOOT_REQUESTED, BLOCKED, DYNAMIC_*, PERFCTRS, RESUME, UNDRAIN.
 * - A state word Slurm may add later is neither: it is taken as unschedulable, with a warning, since an
 *   unknown never satisfies a requirement.
 */

const UNSCHEDULABLE = new Set([
  'DOWN',
  'DRAIN',
  'DRAINED',
  'DRAINING',
  'FAIL',
  'FAILING',
  'NOT_RESPONDING',
  'INVAL',
  'INVALID',
  'INVALID_REG',
  'ERROR',
  'FUTURE',
  'UNKNOWN',
  'REBOOT_ISSUED',
  'POWER_DOWN',
  'POWERING_DOWN',
  'POWERED_DOWN',
]);

const SCHEDULABLE = new Set([
  'IDLE',
  'MIXED',
  'ALLOCATED',
  'COMPLETING',
  'RESERVED',
  'MAINTENANCE',
  'CLOUD',
  'PLANNED',
  'POWER_UP',
  'POWERING_UP',
  'REBOOT_REQUESTED',
  'BLOCKED',
  'DYNAMIC_FUTURE',
  'DYNAMIC_NORM',
  'PERFCTRS',
  'RESUME',
  'UNDRAIN',
]);

// sinfo's short names (`%t`) for the long ones.
const SHORT_NAMES: Record<string, string> = {
  ALLOC: 'ALLOCATED',
  MIX: 'MIXED',
  DRNG: 'DRAINING',
  COMP: 'COMPLETING',
  RESV: 'RESERVED',
  MAINT: 'MAINTENANCE',
  PLND: 'PLANNED',
  UNK: 'UNKNOWN',
  FUTR: 'FUTURE',
  FAILG: 'FAILING',
  NPC: 'PERFCTRS',
  POW_DN: 'POWER_DOWN',
  POW_UP: 'POWER_UP',
  BOOT: 'REBOOT_ISSUED',
  BLOCK: 'BLOCKED',
};

// The suffixes sinfo (and scontrol before 21.08) append to a state: `MIXED*`, `idle~`.
const SUFFIX_FLAGS: Record<string, string> = {
  '*': 'NOT_RESPONDING',
  '~': 'POWERED_DOWN',
  '#': 'POWERING_UP',
  '!': 'POWER_DOWN',
  '%': 'POWERING_DOWN',
  $: 'MAINTENANCE',
  '@': 'REBOOT_REQUESTED',
  '^': 'REBOOT_ISSUED',
  '-': 'PLANNED',
};

/** A node's state as a person reads it, and why the scheduler would not use the node now. */
export interface SlurmNodeState {
  /** The state as Slurm writes it, upper case, `+` between parts: `IDLE+DRAIN`, `MIXED*`. */
  written: string;
  /** `DRAIN (Reason=maint: fan=broken)`; absent when the node is usable. */
  unschedulable?: string;
  warnings: string[];
}

/** Canonical state names in one written part: `mixed*` → MIXED, NOT_RESPONDING. */
function canonicalParts(part: string): string[] {
  let word = part.trim().toUpperCase();
  const flags: string[] = [];
  while (word.length > 1 && SUFFIX_FLAGS[word.slice(-1)] !== undefined) {
    flags.unshift(SUFFIX_FLAGS[word.slice(-1)]!);
    word = word.slice(0, -1);
  }
  return [SHORT_NAMES[word] ?? word, ...flags];
}

const REASON_ROOM = 900;
const UNSCHEDULABLE_MAX = 1000;

/**
 * Reads a node's state parts (`["IDLE","DRAIN"]`, `IDLE+DRAIN` split on `+`, `["mixed*"]`) and its
 * reason; `node` names the node in warnings.
 */
export function slurmNodeState(parts: string[], reason: string | undefined, node: string): SlurmNodeState {
  const written = parts.map((p) => p.trim().toUpperCase()).filter((p) => p !== '');
  const warnings: string[] = [];
  if (written.length === 0) {
    warnings.push(`node ${node}: no state given; taken as UNKNOWN (unschedulable)`);
    written.push('UNKNOWN');
  }
  const blocking: string[] = [];
  for (const name of written.flatMap(canonicalParts)) {
    if (SCHEDULABLE.has(name)) continue;
    if (!UNSCHEDULABLE.has(name)) warnings.push(`node ${node}: unknown Slurm state ${name}; taken as unschedulable`);
    if (!blocking.includes(name)) blocking.push(name);
  }
  const state: SlurmNodeState = { written: written.join('+'), warnings };
  if (blocking.length > 0) {
    const why = reason?.trim();
    const shown = why && why.length > REASON_ROOM ? `${why.slice(0, REASON_ROOM)}…` : why;
    const text = shown ? `${blocking.join('+')} (Reason=${shown})` : blocking.join('+');
    // A target's unschedulable holds 1000 characters: many unknown states must not overflow it.
    state.unschedulable = text.length > UNSCHEDULABLE_MAX ? `${text.slice(0, UNSCHEDULABLE_MAX - 1)}…` : text;
  }
  return state;
}
