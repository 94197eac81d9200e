// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure, type SavedFile } from '../../renderer/api/client';
import { ApiProvider } from '../../renderer/api/context';
import { fakeApi, type Handler } from './fake-api';
import { useTaskStore } from '../../renderer/state/task-store';
import ExportView from '../../renderer/views/export/ExportView';
import { exportRequest } from '../../renderer/views/export/export-request';
import { NO_FILTERS } from '../../renderer/views/history/history-query';
import { useHistoryStore } from '../../renderer/views/history/history-store';

const CSV: SavedFile = { filename: 'placements.csv', mimeType: 'text/csv', encoding: 'utf8', content: 'a,b\n1,2\n' };

function renderView(handlers: Record<string, Handler>, save?: (file: SavedFile) => Promise<boolean>) {
  const fake = fakeApi({ 'history.list': async () => ({ entries: [], total: 7, warnings: [] }), ...handlers }, save);
  render(
    <ApiProvider api={fake.api}>
      <ExportView />
    </ApiProvider>,
  );
  return fake;
}

beforeEach(() => {
  useHistoryStore.setState({ filters: { ...NO_FILTERS, outcome: 'failed' }, selectedId: null, entries: [] });
});
afterEach(cleanup);

describe('the Export view', () => {
  it('exports the placements the History filters match, in the chosen format, and saves the file', async () => {
    const { api, calls } = renderView({ 'report.export': async () => CSV });
    expect(await screen.findByText('outcome failed: 7 placements')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /CSV/ }));
    fireEvent.change(screen.getByLabelText('Newest only (optional)'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    await screen.findByText('Saved placements.csv (8 B)');
    expect(calls).toContainEqual(['report.export', { kind: 'history', format: 'csv', outcome: 'failed', limit: 5 }]);
    expect(api.save).toHaveBeenCalledWith(CSV);
  });

  it('refuses a bad limit next to its field', () => {
    renderView({});
    const limit = screen.getByLabelText('Newest only (optional)');
    fireEvent.change(limit, { target: { value: '2.5' } });
    expect(limit.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(limit.getAttribute('aria-describedby')!)!.textContent).toMatch(/whole number/);
    expect((screen.getByRole('button', { name: 'Export and download' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('exports the selected History entry', async () => {
    useHistoryStore.setState({
      selectedId: 'abcdef12-0000',
      entries: [
        {
          requestId: 'abcdef12-0000',
          at: '2025-03-01T10:00:00Z',
          taskName: 'train',
          strategy: 'auto',
          outcome: 'placed',
          selectedTarget: 'local',
        },
      ],
    });
    const { calls } = renderView({ 'report.export': async () => CSV });
    expect((screen.getByRole('radio', { name: /The selected History entry/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /JSON/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    await waitFor(() =>
      expect(calls).toContainEqual(['report.export', { kind: 'placement', format: 'json', id: 'abcdef12-0000' }]),
    );
  });

  it('exports the current comparison: the task as written and its option overrides', async () => {
    useTaskStore.getState().setText('task:\n  name: from-store\n  requirements: {cpu: 2}\n');
    useTaskStore.getState().setOptions({ mode: 'local-only' });
    const { calls } = renderView({ 'report.export': async () => CSV });
    fireEvent.click(screen.getByRole('radio', { name: /The current comparison/ }));
    expect(screen.getByText('task from-store')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Markdown/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    await waitFor(() =>
      expect(calls).toContainEqual([
        'report.export',
        {
          kind: 'comparison',
          format: 'md',
          task: { task: { name: 'from-store', requirements: { cpu: 2 } } },
          options: { mode: 'local-only' },
        },
      ]),
    );
  });

  it('shows why a report could not be made, with what to do for PDF', async () => {
    renderView({
      'report.export': async () => {
        throw new ApiFailure({ code: 'internal', message: 'PDF needs Chromium: none found' });
      },
    });
    fireEvent.click(screen.getByRole('radio', { name: /PDF/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('PDF needs Chromium: none found');
    expect(alert.textContent).toContain('apt-get install chromium');
  });

  it('says there is nothing to export when no placement matches the filters', async () => {
    renderView({ 'history.list': async () => ({ entries: [], total: 0, warnings: [] }) });
    expect(await screen.findByText(/No placement matches the History filters/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export and download' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('a PDF of more than 1,000 placements says how to narrow it before asking; Newest only 1,000 lets it print', async () => {
    const { calls } = renderView({
      'history.list': async () => ({ entries: [], total: 1500, warnings: [] }),
      'report.export': async () => CSV,
    });
    await screen.findByText('outcome failed: 1500 placements');
    fireEvent.click(screen.getByRole('radio', { name: /^PDF/ }));
    expect(
      screen.getByText(
        'A PDF covers at most 1,000 placements and 1,500 match: set Newest only, narrow the History filters, or choose HTML, CSV or JSON.',
      ),
    ).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Export and download' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Newest only (optional)'), { target: { value: '1000' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await waitFor(() =>
      expect(calls).toContainEqual([
        'report.export',
        { kind: 'history', format: 'pdf', outcome: 'failed', limit: 1000 },
      ]),
    );
  });

  it('says so when the save dialog was cancelled', async () => {
    renderView({ 'report.export': async () => CSV }, async () => false);
    fireEvent.click(screen.getByRole('button', { name: 'Export and download' }));
    expect(await screen.findByText('Not saved: the dialog was cancelled.')).toBeTruthy();
  });
});

describe('export requests', () => {
  it('say what is missing before anything is asked', () => {
    const base = { format: 'csv' as const, query: {}, selectedId: null, task: null, options: {} };
    expect(exportRequest({ ...base, source: 'placement' })).toMatchObject({
      ok: false,
      reason: /select one in the History/,
    });
    expect(exportRequest({ ...base, source: 'comparison' })).toMatchObject({ ok: false, reason: /Requirements/ });
    expect(exportRequest({ ...base, source: 'history', query: { strategy: 'auto' } })).toEqual({
      ok: true,
      request: { kind: 'history', format: 'csv', strategy: 'auto' },
    });
  });
});
