// `report.export` through the real handler table: history (filtered), one placement, a comparison;
// PDF as base64 from the printer given; a missing Chromium as an `internal` error in one line.
import { describe, expect, it } from 'vitest';
import { ApiCallError, createHandlers } from '../../../electron/api/handlers.js';
import { createMetrics } from '../../../electron/api/metrics.js';
import { createChromiumPrinter, type PdfPrinter } from '../../../electron/report/pdf.js';
import { reportData } from '../../../shared/report/index.js';
import { placementOptions, targetsFile } from '../../../shared/schema/targets.js';
import { tempDir } from '../../temp-dir.js';
import { writeGeneratedHistory } from '../history/generated.js';
import { expectInert, textOf } from '../../shared/report/html-checks.js';

const HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> | [a](javascript:x)';
const fleet = targetsFile.parse({
  placement: { discoveryEnabled: false },
  targets: [
    { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16, gpus: [] } },
    {
      id: 'gpu-cloud',
      type: 'cloud',
      provider: 'aws',
      hourlyRate: 1,
      capabilities: { cpu: 4, memoryGb: 16, gpus: [{ vendor: 'nvidia', vramGb: 24 }] },
    },
  ],
});

interface Exported {
  filename: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

async function handlersWith(printPdf?: PdfPrinter) {
  const handlers = await createHandlers({
    dataDir: tempDir('pe-report-'),
    targets: fleet.targets,
    options: placementOptions.parse({ discoveryEnabled: false }),
    metrics: createMetrics(),
    emit: () => undefined,
    ...(printPdf && { printPdf }),
  });
  await handlers.invoke('placement.place', { task: { task: { name: 'small', requirements: { cpu: 1 } } } });
  await handlers.invoke('placement.place', { task: { task: { name: HOSTILE, requirements: { gpu: true } } } });
  return handlers;
}

const call = async (h: Awaited<ReturnType<typeof handlersWith>>, input: unknown) =>
  (await h.invoke('report.export', input)) as Exported;

describe('report.export', () => {
  it('exports the history as JSON, filtered as history.list filters it', async () => {
    const h = await handlersWith();
    const all = await call(h, { kind: 'history', format: 'json' });
    expect(all).toMatchObject({ filename: 'placement-history.json', mimeType: 'application/json', encoding: 'utf8' });
    const data = reportData.parse(JSON.parse(all.content));
    expect(data.placements.map((p) => p.taskName)).toEqual([HOSTILE, 'small']);
    const onCloud = reportData.parse(
      JSON.parse((await call(h, { kind: 'history', format: 'json', target: 'gpu-cloud' })).content),
    );
    expect(onCloud.placements.map((p) => p.chosenTarget)).toEqual(['gpu-cloud']);
    const newest = reportData.parse(JSON.parse((await call(h, { kind: 'history', format: 'json', limit: 1 })).content));
    expect(newest.placements).toHaveLength(1);
  });

  it('exports one placement by id prefix, and answers not-found for an unknown id', async () => {
    const h = await handlersWith();
    const list = (await h.invoke('history.list', {})) as { entries: { requestId: string }[] };
    const id = list.entries[1]!.requestId;
    const one = await call(h, { kind: 'placement', format: 'md', id: id.slice(0, 8) });
    expect(one.mimeType).toBe('text/markdown');
    expect(one.content).toContain(id);
    const err = await h
      .invoke('report.export', { kind: 'placement', format: 'md', id: 'zzz' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).error.code).toBe('not-found');
  });

  it('exports a comparison of every strategy as inert HTML', async () => {
    const h = await handlersWith();
    const doc = await call(h, {
      kind: 'comparison',
      format: 'html',
      task: { task: { name: HOSTILE, requirements: { gpu: true } } },
    });
    expect(doc.mimeType).toBe('text/html');
    expectInert(doc.content);
    const text = textOf(doc.content);
    expect(text).toContain(HOSTILE);
    for (const s of ['auto', 'local-first', 'cloud-first', 'cost-optimized', 'performance'])
      expect(text).toContain(`Ranking: ${s}`);
  });

  it('PDF: the printer’s bytes, as base64', async () => {
    let printed = '';
    const h = await handlersWith(async (html) => {
      printed = html;
      return new Uint8Array([37, 80, 68, 70, 45, 0, 255]);
    });
    const doc = await call(h, { kind: 'history', format: 'pdf' });
    expect(doc).toMatchObject({ mimeType: 'application/pdf', encoding: 'base64', filename: 'placement-history.pdf' });
    expect([...Buffer.from(doc.content, 'base64')]).toEqual([37, 80, 68, 70, 45, 0, 255]);
    expect(printed).toMatch(/^<!doctype html>/);
  });

  it('no Chromium: an internal error whose message says what to do', async () => {
    const h = await handlersWith(createChromiumPrinter({ PLACEMENT_EXPLORER_CHROMIUM: '/nowhere/chromium' }));
    const err = await h.invoke('report.export', { kind: 'history', format: 'pdf' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).error).toEqual({
      code: 'internal',
      message:
        'PDF needs Chromium: none found at /nowhere/chromium; install chromium or set PLACEMENT_EXPLORER_CHROMIUM',
    });
  });

  it('a PDF of more than 1,000 placements: invalid-input on format, saying how to narrow it, nothing printed', async () => {
    const dataDir = tempDir('pe-report-many-');
    writeGeneratedHistory(dataDir, 1001);
    let printed = 0;
    const h = await createHandlers({
      dataDir,
      targets: fleet.targets,
      options: placementOptions.parse({ discoveryEnabled: false }),
      metrics: createMetrics(),
      emit: () => undefined,
      printPdf: async () => (printed++, new Uint8Array()),
    });
    const err = await h.invoke('report.export', { kind: 'history', format: 'pdf' }).catch((e: unknown) => e);
    expect((err as ApiCallError).error).toEqual({
      code: 'invalid-input',
      issues: [
        {
          path: 'format',
          message: expect.stringMatching(/^a PDF covers at most 1,000 placements and this report has 1,001: narrow it/),
        },
      ],
    });
    expect(printed).toBe(0);
    // The newest 1,000 print.
    expect((await call(h, { kind: 'history', format: 'pdf', limit: 1000 })).mimeType).toBe('application/pdf');
    expect(printed).toBe(1);
  });

  it('rejects an unknown format or kind', async () => {
    const h = await handlersWith();
    for (const input of [
      { kind: 'history', format: 'docx' },
      { kind: 'everything', format: 'md' },
    ]) {
      const err = await h.invoke('report.export', input).catch((e: unknown) => e);
      expect((err as ApiCallError).error.code).toBe('invalid-input');
    }
  });
});
