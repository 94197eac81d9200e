export * from './report-data.js';
export {
  comparisonReport,
  historyReport,
  placementReport,
  type ReportEntry,
  type ReportMeta,
  type UsedTarget,
} from './build.js';
export {
  MIME_TYPES,
  PDF_MAX_PLACEMENTS,
  REPORT_FORMATS,
  renderReport,
  reportFilename,
  type ReportFormat,
  type TextFormat,
} from './formats.js';
export { CSV_COLUMNS, csvCell, renderCsv } from './csv.js';
export { renderMarkdown } from './markdown.js';
export { REPORT_CSP, renderHtml } from './html.js';
