import type { ApiClient, ApiInput } from '../../../shared/api/contract';
import type { SavedFile } from '../../api/client';
import type { OptionsPatch } from '../../state/task-store';
import type { HistoryQuery } from '../history/history-query';

export const FORMATS = [
  { id: 'json', label: 'JSON', hint: 'every field, for scripts' },
  { id: 'csv', label: 'CSV', hint: 'one row per placement or target, for spreadsheets' },
  { id: 'md', label: 'Markdown', hint: 'for a pull request or a wiki' },
  { id: 'html', label: 'HTML', hint: 'a self-contained page' },
  { id: 'pdf', label: 'PDF', hint: 'printed by Chromium on the machine that runs the app' },
] as const;
export type ExportFormat = (typeof FORMATS)[number]['id'];

export type ExportSource = 'history' | 'placement' | 'comparison';

/** What `report.export` takes: placements by filters, one placement, or a comparison of a task. */
export type ExportRequest = ApiInput<'report.export'>;

export interface ExportChoices {
  source: ExportSource;
  format: ExportFormat;
  /** The history filters as `history.list` takes them. */
  query: HistoryQuery;
  /** The newest N only; none: every matching placement. */
  limit?: number;
  selectedId: string | null;
  /** The current task file's content, and the option overrides the comparison uses. */
  task: unknown;
  options: OptionsPatch;
}

/** The request for the chosen source, or why there is nothing to export from it yet. */
export function exportRequest(c: ExportChoices): { ok: true; request: ExportRequest } | { ok: false; reason: string } {
  switch (c.source) {
    case 'history':
      return {
        ok: true,
        request: { kind: 'history', format: c.format, ...c.query, ...(c.limit && { limit: c.limit }) },
      };
    case 'placement':
      return c.selectedId === null
        ? { ok: false, reason: 'No history entry is selected: select one in the History view first.' }
        : { ok: true, request: { kind: 'placement', format: c.format, id: c.selectedId } };
    case 'comparison':
      return c.task === null || c.task === undefined
        ? { ok: false, reason: 'The task has problems: fix it in the Requirements view first.' }
        : {
            ok: true,
            request: {
              kind: 'comparison',
              format: c.format,
              task: c.task,
              ...(Object.keys(c.options).length > 0 && { options: c.options }),
            },
          };
  }
}

/** Calls `report.export`: the document to save, exactly as the save dialog or a download takes it. */
export function exportReport(client: ApiClient, request: ExportRequest): Promise<SavedFile> {
  return client['report.export'](request);
}
