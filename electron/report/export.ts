import {
  MIME_TYPES,
  PDF_MAX_PLACEMENTS,
  renderReport,
  reportFilename,
  type ReportData,
  type ReportFormat,
} from '../../shared/report/index.js';
import { renderHtml } from '../../shared/report/html.js';
import { PdfTooLongError, type PdfPrinter } from './pdf.js';

/** A report document, ready to write to a file or to send: text, or bytes for PDF. */
export interface ReportDocument {
  filename: string;
  mimeType: string;
  content: string | Uint8Array;
}

/** Renders the report in a format; PDF is its HTML printed by `printPdf`. */
export async function exportReport(
  data: ReportData,
  format: ReportFormat,
  printPdf: PdfPrinter,
): Promise<ReportDocument> {
  if (format === 'pdf' && data.placements.length > PDF_MAX_PLACEMENTS)
    throw new PdfTooLongError(data.placements.length);
  const content = format === 'pdf' ? await printPdf(renderHtml(data)) : renderReport(data, format);
  return { filename: reportFilename(data, format), mimeType: MIME_TYPES[format], content };
}

/** A document as the API answers it: text as is, bytes (PDF) as base64, so that it travels as JSON. */
export function asTransferable(doc: ReportDocument) {
  return typeof doc.content === 'string'
    ? { filename: doc.filename, mimeType: doc.mimeType, encoding: 'utf8' as const, content: doc.content }
    : {
        filename: doc.filename,
        mimeType: doc.mimeType,
        encoding: 'base64' as const,
        content: Buffer.from(doc.content).toString('base64'),
      };
}
