import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ReportData } from './report-data.js';

export const REPORT_FORMATS = ['json', 'csv', 'md', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** The formats made here; PDF is the HTML printed by Chromium, outside shared/. */
export type TextFormat = Exclude<ReportFormat, 'pdf'>;

/**
 * A PDF covers at most this many placements. Printing takes about 20 ms a placement on the project's
 * build machine and makes some 1.4 pages of each (1,000 placements: 20 s, 1,400 pages); more is a
 * document nobody prints, and the other formats have no such limit.
 */
export const PDF_MAX_PLACEMENTS = 1000;

export const MIME_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv',
  md: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
};

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A report in a text format. */
export function renderReport(data: ReportData, format: TextFormat): string {
  switch (format) {
    case 'json':
      // JSON.stringify leaves C1 controls and the Unicode line separators raw; as \u escapes they
      // mean the same to a JSON reader and cannot drive a terminal the JSON is printed to.
      return `${JSON.stringify(data, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, unicodeEscape)}\n`;
    case 'csv':
      return renderCsv(data);
    case 'md':
      return renderMarkdown(data);
    case 'html':
      return renderHtml(data);
  }
}

/** A file name that says what the report is: `placement-3f2a9c1e.md`, `placement-history.csv`. */
export function reportFilename(data: ReportData, format: ReportFormat): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'task';
  const stem =
    data.kind === 'history'
      ? 'placement-history'
      : data.kind === 'placement'
        ? `placement-${slug(data.placements[0]?.id.slice(0, 8) ?? '')}`
        : `comparison-${slug(data.placements[0]?.taskName ?? '')}`;
  return `${stem}.${format}`;
}
