import type { SourceKind, Target, TargetSource } from '../schema/targets.js';

/** The most a fleet source may print or a saved one hold: a few thousand nodes' JSON, with room. */
export const MAX_FLEET_BYTES = 256 * 2 ** 20;

/** What each source reads, for help texts and errors. */
export const SOURCE_FORMATS: Record<SourceKind, string> = {
  kubernetes: 'kubectl get nodes -o json',
  slurm: 'scontrol show nodes --json, sinfo --json or scontrol show nodes -o',
  nomad: 'Nomad /v1/nodes?resources=true, or /v1/node/:id documents',
  catalog: "SkyPilot's catalog vms.csv",
};

/** What one import of a fleet source gives: its targets, and what a person should know about the input. */
export interface FleetImport {
  targets: Target[];
  /** One line each, naming the node or row (`node gpu-3: GRES "gpu:mystery:2" has no known VRAM`). */
  warnings: string[];
}

/** Where the text being parsed came from; copied into each target's `source`. */
export type SourceOrigin = Omit<TargetSource, 'kind' | 'node'>;

/** A live source could not be read (not installed, timed out, refused): one line for the user. */
export class LiveSourceError extends Error {}

/**
 * The input is not what the source reads (not JSON, not a node list, a field of the wrong type). The
 * message says what and where, without the file name, which the caller adds: `items[2].status: expected
 * an object`.
 */
/**
 * Says once, for the whole import, that the GPU table had to guess which model a name means
 * (`GPU "h100": 'h100' could be H100 PCIe or H100 SXM…: assumed H100 PCIe (the smaller figures)`).
 */
export function warnAssumed(warnings: string[], name: string, assumed: string | undefined): void {
  if (assumed === undefined) return;
  const text = `GPU "${name}": ${assumed}; name the model in full to be sure`;
  if (!warnings.includes(text)) warnings.push(text);
}

export class FleetInputError extends Error {
  override name = 'FleetInputError';
}

/** Reads a JSON document, or says in one line where it stops being JSON. */
export function parseJsonDocument(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // V8 quotes the text around the error, line breaks included: the message stays one line.
    const detail = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    throw new FleetInputError(`not ${what}: invalid JSON (${detail})`);
  }
}

/** A target id from a scheduler's node name: letters, digits, . _ - kept, anything else as '-'. */
export function targetIdFor(name: string): string {
  const id = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (id || 'node').slice(0, 100);
}
