import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SourceKind } from '../../shared/schema/targets.js';
import {
  FleetInputError,
  LiveSourceError,
  MAX_FLEET_BYTES,
  type FleetImport,
  type SourceOrigin,
} from '../../shared/fleet/types.js';
import { parseFleet } from '../../shared/fleet/sources.js';
import { readTextFile } from '../config/read-file.js';

/** Where to read a fleet from: a saved file, or the live scheduler or catalog. */
export interface SourceRequest {
  kind: SourceKind;
  file?: string | undefined;
  /** A saved output's content, as the app uploads it (`file` then only names it). */
  text?: string | undefined;
  /** Kubernetes: the kubeconfig context (live), or the name that scopes a file import. */
  context?: string | undefined;
  /** Slurm: the cluster name that scopes the import (live: from `scontrol show config`). */
  cluster?: string | undefined;
  /** Nomad: the API address (default NOMAD_ADDR). */
  address?: string | undefined;
  /** Catalog: the cloud the file is for, when its path does not say (`aws`, `gcp`, …). */
  cloud?: string | undefined;
  timeoutMs?: number | undefined;
  /** The environment live commands see (PATH, KUBECONFIG, SLURM_CONF, NOMAD_ADDR, NOMAD_TOKEN). */
  env?: NodeJS.ProcessEnv | undefined;
}

/** A source read and parsed, with a short name for messages (`nodes.json`, `kubectl (context prod)`). */
export interface SourceRead extends FleetImport {
  origin: SourceOrigin;
  where: string;
}

/** The source could not be read; one line that says what and where. */
export class SourceError extends Error {
  override name = 'SourceError';
}

interface LiveText {
  text: string;
  cloud?: string;
}

/** The cloud a SkyPilot catalog file is for, from its path: `~/.sky/catalogs/v7/aws/vms.csv` → `aws`. */
function cloudOfPath(path: string): string | undefined {
  const dir = basename(dirname(path));
  return /^[a-z][a-z0-9-]{1,30}$/.test(dir) && basename(path) === 'vms.csv' ? dir : undefined;
}

/** The field of `source` that scopes an import of this kind. */
function scopeField(kind: SourceKind): 'context' | 'cluster' | 'address' {
  return kind === 'slurm' ? 'cluster' : kind === 'nomad' ? 'address' : 'context';
}

async function readLive(
  req: SourceRequest,
  importedAt: string,
): Promise<{ texts: LiveText[]; origin: SourceOrigin; where: string }> {
  const timeoutMs = req.timeoutMs ?? 15_000;
  const env = req.env ?? process.env;
  switch (req.kind) {
    case 'kubernetes': {
      const { readKubernetesLive } = await import('./kubectl.js');
      const r = await readKubernetesLive({ context: req.context, timeoutMs, env });
      // kubectl names the current context when none was asked for.
      const context = req.context ?? r.origin.context;
      const origin = { importedAt, ...(context !== undefined && { context }) };
      return { texts: [{ text: r.text }], origin, where: `kubectl${context ? ` (context ${context})` : ''}` };
    }
    case 'slurm': {
      const { readSlurmLive } = await import('./slurm-live.js');
      const r = await readSlurmLive({ timeoutMs, env });
      const cluster = req.cluster ?? r.origin.cluster;
      return {
        texts: [{ text: r.text }],
        origin: { importedAt, ...(cluster !== undefined && { cluster }) },
        where: `Slurm${cluster ? ` (cluster ${cluster})` : ''}`,
      };
    }
    case 'nomad': {
      const { readNomadLive } = await import('./nomad-live.js');
      const address = req.address ?? env['NOMAD_ADDR'] ?? 'http://127.0.0.1:4646';
      const r = await readNomadLive({ address, token: env['NOMAD_TOKEN'], region: env['NOMAD_REGION'], timeoutMs });
      // The origin's address has any user:password@ taken out.
      const origin = { importedAt, ...(r.origin.address !== undefined && { address: r.origin.address }) };
      return { texts: [{ text: r.text }], origin, where: `Nomad at ${r.origin.address ?? 'NOMAD_ADDR'}` };
    }
    case 'catalog': {
      const { findSkyCatalogs } = await import('./catalog-files.js');
      const found = await findSkyCatalogs(env['HOME']);
      const wanted = req.cloud === undefined ? found : found.filter((c) => c.cloud === req.cloud);
      if (wanted.length === 0)
        throw new SourceError(
          `no SkyPilot catalog${req.cloud ? ` for ${req.cloud}` : ''} under ~/.sky/catalogs (run sky check, or import a vms.csv with --file)`,
        );
      // One version per cloud: the newest, which findSkyCatalogs lists first.
      const seen = new Set<string>();
      const texts: LiveText[] = [];
      for (const c of wanted) {
        if (seen.has(c.cloud)) continue;
        seen.add(c.cloud);
        texts.push({ text: await readFile(c.path, 'utf8'), cloud: c.cloud });
      }
      return { texts, origin: { importedAt, context: 'skypilot' }, where: '~/.sky/catalogs' };
    }
  }
}

/** One line: a node name or value quoted from the file may hold a line break. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

function parseOrExplain(
  kind: SourceKind,
  text: string,
  origin: SourceOrigin,
  cloud: string | undefined,
  where: string,
) {
  try {
    // Only a catalog takes a cloud: the other importers copy the origin into each target's source.
    const read = parseFleet(kind, text, { ...origin, ...(cloud !== undefined && kind === 'catalog' && { cloud }) });
    return { ...read, warnings: read.warnings.map(oneLine) };
  } catch (err) {
    if (err instanceof FleetInputError) throw new SourceError(`${where}: ${oneLine(err.message)}`);
    throw err;
  }
}

/**
 * Reads one fleet source, from a file or live, and parses it into targets. Every failure a user can
 * cause or meet (no such file, not the format named, kubectl missing or hanging, Nomad refusing) is a
 * SourceError with one line that names the file or the command.
 */
export async function readSource(req: SourceRequest, now = new Date()): Promise<SourceRead> {
  const importedAt = now.toISOString();
  if (req.file !== undefined || req.text !== undefined) {
    const name = req.file ?? 'the uploaded file';
    const text =
      req.text !== undefined ? { ok: true as const, value: req.text } : await readTextFile(name, MAX_FLEET_BYTES);
    if (!text.ok) throw new SourceError(`${name}: ${text.problems.map((p) => p.message).join('; ')}`);
    const cloud = req.cloud ?? (req.file === undefined ? undefined : cloudOfPath(req.file));
    // A catalog file is scoped by its cloud, so that importing GCP's does not replace AWS's.
    const scope = req.context ?? req.cluster ?? req.address ?? (req.kind === 'catalog' ? cloud : undefined);
    const origin: SourceOrigin = {
      importedAt,
      ...(req.file !== undefined && { file: req.file }),
      ...(scope !== undefined && { [scopeField(req.kind)]: scope }),
    };
    return { ...parseOrExplain(req.kind, text.value, origin, cloud, name), origin, where: name };
  }
  let live;
  try {
    live = await readLive(req, importedAt);
  } catch (err) {
    // The live readers' own errors are one line for the user; anything else is a bug, and stays one.
    if (err instanceof LiveSourceError) throw new SourceError(err.message.split('\n')[0]!);
    throw err;
  }
  const out: SourceRead = { targets: [], warnings: [], origin: live.origin, where: live.where };
  for (const { text, cloud } of live.texts) {
    const r = parseOrExplain(req.kind, text, live.origin, cloud, live.where);
    out.targets.push(...r.targets);
    out.warnings.push(...r.warnings);
  }
  return out;
}
