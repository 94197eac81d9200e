import type { ReportFilters, ReportPlacement } from './report-data.js';

// How the human formats (Markdown, HTML) write the data's values, so that they say the same thing.

export const money = (n: number | null): string => (n === null ? '?' : `$${n.toFixed(2)}`);

export const score = (n: number): string => n.toFixed(3);

export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function outcomeInWords(p: ReportPlacement): string {
  switch (p.outcome) {
    case 'compared':
      return 'compared (a what-if, not placed)';
    case 'interrupted':
      return 'interrupted (never finished)';
    default:
      return p.outcome;
  }
}

/** The filters of a history report in words: `every placement`, or `strategy auto, since …, newest 10`. */
export function describeFilters(f: ReportFilters): string {
  const parts: string[] = [];
  if (f.strategy !== undefined) parts.push(`strategy ${f.strategy}`);
  if (f.outcome !== undefined) parts.push(`outcome ${f.outcome}`);
  if (f.target !== undefined) parts.push(`target ${f.target}`);
  if (f.taskName !== undefined) parts.push(`task ${f.taskName}`);
  if (f.since !== undefined) parts.push(`since ${f.since}`);
  if (f.until !== undefined) parts.push(`until ${f.until}`);
  if (f.limit !== undefined) parts.push(`the newest ${f.limit}`);
  return parts.length === 0 ? 'every placement recorded' : parts.join(', ');
}

/** Each scheduler's name as people write it, for the hand-off sections. */
export const SCHEDULER_NAMES: Readonly<Record<string, string>> = {
  kubernetes: 'Kubernetes',
  slurm: 'Slurm',
  nomad: 'Nomad',
  skypilot: 'SkyPilot',
};
