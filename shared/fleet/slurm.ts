import { readSlurmJson } from './slurm-json.js';
import { slurmImport } from './slurm-node.js';
import { looksLikeScontrolText, readScontrolText } from './slurm-text.js';
import { FleetInputError, parseJsonDocument, type FleetImport, type SourceOrigin } from './types.js';

const ACCEPTED =
  'expected the JSON of scontrol show nodes --json (Slurm 23.02+) or sinfo --json (21.08–22.05), ' +
  'or the text of scontrol show nodes -o (lines starting NodeName=)';

/**
 * Reads a Slurm node list into one `slurm` target per node.
 *
 * Accepts `scontrol show nodes --json` (and slurmrestd's nodes answer), `sinfo --json` from 21.08–22.05,
 * and the text of `scontrol show nodes -o` or `scontrol show nodes`, telling them apart by their shape.
 * Throws FleetInputError when the text is none of these or a field has the wrong type.
 */
export function parseSlurmNodes(text: string, origin: SourceOrigin): FleetImport {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  if (start === '') throw new FleetInputError(`not a Slurm node list: the input is empty; ${ACCEPTED}`);
  const warnings: string[] = [];
  if (start.startsWith('{') || start.startsWith('[')) {
    const nodes = readSlurmJson(parseJsonDocument(body, 'a Slurm node list'), warnings);
    return slurmImport(nodes, origin, warnings);
  }
  if (looksLikeScontrolText(body)) return slurmImport(readScontrolText(body), origin, warnings);
  throw new FleetInputError(`not a Slurm node list: ${ACCEPTED}`);
}
