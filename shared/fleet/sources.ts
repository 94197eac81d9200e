import type { SourceKind } from '../schema/targets.js';
import { parseCatalogCsv } from './catalog.js';
import { parseKubernetesNodes } from './kubernetes.js';
import { parseNomadNodes } from './nomad.js';
import { parseSlurmNodes } from './slurm.js';
import type { FleetImport, SourceOrigin } from './types.js';

/** Reads one source's output into targets: the one interface every importer stands behind. */
export function parseFleet(kind: SourceKind, text: string, origin: SourceOrigin & { cloud?: string }): FleetImport {
  switch (kind) {
    case 'kubernetes':
      return parseKubernetesNodes(text, origin);
    case 'slurm':
      return parseSlurmNodes(text, origin);
    case 'nomad':
      return parseNomadNodes(text, origin);
    case 'catalog':
      return parseCatalogCsv(text, origin);
  }
}
