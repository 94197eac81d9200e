// The PDF: the HTML report printed by the system Chromium through playwright-core, read back with
// pdftotext (poppler-utils) and compared with the data.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exportReport } from '../../../electron/report/export.js';
import {
  createChromiumPrinter,
  findChromium,
  PdfTooLongError,
  PdfUnavailableError,
} from '../../../electron/report/pdf.js';
import { historyReport, PDF_MAX_PLACEMENTS } from '../../../shared/report/index.js';
import { history, HOSTILE } from '../../shared/report/fixtures.js';
import { tempDir } from '../../temp-dir.js';

const run = promisify(execFile);

async function pdfText(bytes: Uint8Array): Promise<string> {
  const file = join(tempDir('pe-pdf-'), 'report.pdf');
  writeFileSync(file, bytes);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout;
}

describe('PDF', () => {
  it('prints the HTML report; its text holds the task name and the chosen target', async () => {
    const data = historyReport(history().slice(3), {});
    const doc = await exportReport(data, 'pdf', createChromiumPrinter());
    expect(doc.mimeType).toBe('application/pdf');
    const bytes = doc.content as Uint8Array;
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    const placed = data.placements[0]!;
    // The hostile name is printed as text (markup and all), never interpreted.
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain(HOSTILE.slice(0, 20));
    expect(text).toContain(`Chosen: ${placed.chosenTarget!}`);
    expect(text).toContain('Placement history');
  }, 60_000);

  it('without Chromium, says so in one line that names where it looked', async () => {
    const env = { PLACEMENT_EXPLORER_CHROMIUM: '/nonexistent/chromium' };
    await expect(findChromium(env)).rejects.toThrow(PdfUnavailableError);
    const printer = createChromiumPrinter(env);
    await expect(printer('<p>x</p>')).rejects.toThrow(
      'PDF needs Chromium: none found at /nonexistent/chromium; install chromium or set PLACEMENT_EXPLORER_CHROMIUM',
    );
  });

  it('refuses a report of more than 1,000 placements before printing; prints one of 1,000', async () => {
    const data = historyReport(history().slice(3), {});
    const many = (n: number) => ({ ...data, placements: Array.from({ length: n }, () => data.placements[0]!) });
    const printed: string[] = [];
    const printer = async (html: string) => (printed.push(html), new Uint8Array([37, 80, 68, 70]));
    await expect(exportReport(many(PDF_MAX_PLACEMENTS + 1), 'pdf', printer)).rejects.toThrow(PdfTooLongError);
    expect(printed).toEqual([]);
    expect((await exportReport(many(PDF_MAX_PLACEMENTS), 'pdf', printer)).mimeType).toBe('application/pdf');
    expect(printed).toHaveLength(1);
    // The other formats have no such limit.
    expect((await exportReport(many(PDF_MAX_PLACEMENTS + 1), 'csv', printer)).filename).toMatch(/\.csv$/);
  });

  it('looks in the usual places when the variable is not set', async () => {
    await expect(findChromium({})).resolves.toMatch(/^\/usr\/bin\/(chromium|chromium-browser|google-chrome)/);
  });
});
