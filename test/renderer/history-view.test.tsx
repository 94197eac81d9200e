// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiInput } from '../../shared/api/contract';
import { ApiProvider } from '../../renderer/api/context';
import { fakeApi, type Handler } from './fake-api';
import { chosen, decisionText, scoreRows } from '../../renderer/views/history/decision';
import { historyQuery, NO_FILTERS, parseFilterTime } from '../../renderer/views/history/history-query';
import { useHistoryStore, type HistoryEntry } from '../../renderer/views/history/history-store';
import HistoryView from '../../renderer/views/history/HistoryView';
import { bucketLabel, NONE, seriesColour, timeline } from '../../renderer/views/history/timeline-buckets';
import { NEUTRAL_SERIES_COLOUR, targetColour } from '../../renderer/format/target-colour';

/** Four placements, newest first, as `history.list` answers them. */
const ENTRIES: HistoryEntry[] = [
  {
    requestId: 'd4',
    at: '2025-03-04T10:00:00.000Z',
    taskName: 'render',
    strategy: 'auto',
    outcome: 'failed',
    selectedTarget: null,
  },
  {
    requestId: 'c3',
    at: '2025-03-03T10:00:00.000Z',
    taskName: 'train',
    strategy: 'performance',
    outcome: 'placed',
    selectedTarget: 'gpu-box',
  },
  {
    requestId: 'b2',
    at: '2025-03-02T10:00:00.000Z',
    taskName: 'train',
    strategy: 'auto',
    outcome: 'placed',
    selectedTarget: 'local',
  },
  {
    requestId: 'a1',
    at: '2025-03-01T10:00:00.000Z',
    taskName: 'etl',
    strategy: 'cost-optimized',
    outcome: 'placed',
    selectedTarget: 'aws',
  },
];

/** `history.list` over ENTRIES, filtering as the main process does. */
async function list(input: ApiInput<'history.list'>) {
  const matching = ENTRIES.filter(
    (e) =>
      (!input.strategy || e.strategy === input.strategy) &&
      (!input.outcome || e.outcome === input.outcome) &&
      (!input.target || e.selectedTarget === input.target) &&
      (!input.taskName || e.taskName === input.taskName) &&
      (!input.since || e.at >= input.since) &&
      (!input.until || e.at <= input.until),
  );
  const offset = input.offset ?? 0;
  return {
    entries: matching.slice(offset, offset + (input.limit ?? 100)),
    total: matching.length,
    warnings: ['history.jsonl line 9: torn (an append cut short); skipped'],
  };
}

const result = (id: string, target: string | null) => ({
  requestId: id,
  taskName: 't',
  strategy: 'auto',
  mode: 'burst',
  success: target !== null,
  selectedTarget: target,
  reason: target ? 'HighestScore' : 'NoValidTarget',
  explanation: '',
  fallbackUsed: false,
  scores: [
    {
      targetId: 'local',
      targetType: 'local',
      score: 0.9,
      eligible: true,
      estimatedCost: 0,
      matches: [],
      mismatches: [],
      breakdown: null,
    },
  ],
  analysis: [],
  failureMessage: target ? null : "Task 't' requires capabilities not available: cpu",
  decisionMs: 0.1,
});

/** `history.replay`: every entry reproduced; `c3` would go elsewhere today. */
async function replay({ id }: { id: string }) {
  const entry = ENTRIES.find((e) => e.requestId === id)!;
  const now = id === 'c3' ? 'local' : entry.selectedTarget;
  return {
    requestId: id,
    reproduced: true,
    differences: [],
    then: result(id, entry.selectedTarget),
    now: result('x', now),
    changesSinceThen: now === entry.selectedTarget ? [] : [`selectedTarget: "${entry.selectedTarget}" → "${now}"`],
  };
}

function renderView() {
  const fake = fakeApi({ 'history.list': list as Handler, 'history.replay': replay as Handler });
  render(
    <ApiProvider api={fake.api}>
      <HistoryView />
    </ApiProvider>,
  );
  return fake;
}

const options = () => within(screen.getByRole('listbox')).getAllByRole('option');
const selectedText = () => within(screen.getByRole('listbox')).getByRole('option', { selected: true }).textContent;

beforeEach(() => {
  useHistoryStore.setState({
    filters: NO_FILTERS,
    offset: 0,
    entries: [],
    total: 0,
    warnings: [],
    loaded: false,
    loading: false,
    error: null,
    selected: null,
    selectedId: null,
    replays: {},
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the History view', () => {
  it('lists placements newest first and shows the store’s warnings', async () => {
    renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    expect(options().map((o) => o.textContent)).toEqual([
      expect.stringContaining('render'),
      expect.stringContaining('gpu-box'),
      expect.stringContaining('local'),
      expect.stringContaining('etl'),
    ]);
    expect(screen.getByRole('alert', { name: 'History warnings' }).textContent).toContain('torn (an append cut short)');
  });

  it('filters by strategy and outcome at once, and by task name after typing pauses', async () => {
    const { calls } = renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'auto' } });
    await waitFor(() => expect(options()).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'placed' } });
    await waitFor(() => expect(options()).toHaveLength(1));
    expect(options()[0]!.textContent).toContain('local');
    expect(calls).toContainEqual(['history.list', { strategy: 'auto', outcome: 'placed', offset: 0, limit: 50 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(options()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Task name'), { target: { value: 'train' } });
    await waitFor(() => expect(options()).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Task name'), { target: { value: 'nothing-like-it' } });
    expect(await screen.findByText('No placement matches these filters.')).toBeTruthy();
  });

  it('replays the selected entry: then and now, and what changed', async () => {
    renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    fireEvent.click(options()[1]!);
    const panel = screen.getByRole('region', { name: 'Replay' });
    await within(panel).findByText(/Reproduced: the stored inputs give the stored decision/);
    expect(within(panel).getByLabelText('Decision then').textContent).toBe('gpu-box (HighestScore)');
    expect(within(panel).getByLabelText('Decision now').textContent).toBe('local (HighestScore)');
    expect(within(panel).getByText('The decision changed: gpu-box → local.')).toBeTruthy();
    expect(within(panel).getByRole('list', { name: 'Changes since then' }).textContent).toContain('selectedTarget');
  });

  it('steps with ◀ Older and Newer ▶ (words, not Previous/Next), and with the arrow keys', async () => {
    const { calls } = renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    fireEvent.click(options()[1]!);
    await waitFor(() => expect(selectedText()).toContain('gpu-box'));
    expect(screen.queryByRole('button', { name: /Previous|Next/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Older entry' }).textContent).toBe('◀ Older');
    expect(screen.getByRole('button', { name: 'Newer entry' }).textContent).toBe('Newer ▶');
    fireEvent.click(screen.getByRole('button', { name: 'Older entry' }));
    await waitFor(() => expect(selectedText()).toContain('local'));
    fireEvent.click(screen.getByRole('button', { name: 'Newer entry' }));
    fireEvent.click(screen.getByRole('button', { name: 'Newer entry' }));
    await waitFor(() => expect(selectedText()).toContain('render'));
    expect((screen.getByRole('button', { name: 'Newer entry' }) as HTMLButtonElement).disabled).toBe(true);

    const listbox = screen.getByRole('listbox');
    fireEvent.keyDown(listbox, { key: 'End' });
    await waitFor(() => expect(selectedText()).toContain('etl'));
    fireEvent.keyDown(listbox, { key: 'ArrowUp' });
    await waitFor(() => expect(selectedText()).toContain('local'));
    expect(listbox.getAttribute('aria-activedescendant')).toBe(
      within(listbox).getByRole('option', { selected: true }).id,
    );
    // Each entry is replayed once, however often it is visited.
    const replays = calls.filter(([m]) => m === 'history.replay').map(([, i]) => (i as { id: string }).id);
    expect(new Set(replays).size).toBe(replays.length);
  });

  it('plays forward in time at the chosen speed, pauses, and stops at the newest', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    renderView();
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(options()).toHaveLength(4);
    fireEvent.change(screen.getByLabelText('Speed'), { target: { value: '3' } }); // 4×: 0.5 s per entry
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    // Nothing selected: it starts from the oldest.
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(selectedText()).toContain('etl');
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(selectedText()).toContain('local');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(selectedText()).toContain('local');
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(selectedText()).toContain('gpu-box');
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(selectedText()).toContain('render');
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
    expect(screen.getByText('Entry 4 of 4 (oldest first)')).toBeTruthy();
  });

  it('lists a placement made elsewhere as it happens', async () => {
    const { emit, calls } = renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    const before = calls.filter(([m]) => m === 'history.list').length;
    act(() => emit('placement.completed', {}));
    await waitFor(() => expect(calls.filter(([m]) => m === 'history.list').length).toBeGreaterThan(before));
  });

  it('says how to make a first placement when there is none', async () => {
    const fake = fakeApi({
      'history.list': async () => ({ entries: [], total: 0, warnings: [] }),
    });
    render(
      <ApiProvider api={fake.api}>
        <HistoryView />
      </ApiProvider>,
    );
    expect(await screen.findByText(/No placements yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Compare view' }).getAttribute('href')).toBe('#/compare');
    expect(screen.getByText(/placement-explorer place --task/)).toBeTruthy();
  });
});

describe('the History view, read and typed', () => {
  it('writes times one way (24-hour, the date when not today) and scores to 3 places', async () => {
    renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    const time = options()[1]!.querySelector('.hist-time')!;
    expect(time.textContent).toMatch(/^2025-03-0[23] \d{2}:\d{2}:\d{2}$/);
    expect(time.textContent).not.toMatch(/AM|PM/);
    fireEvent.click(options()[1]!);
    const panel = screen.getByRole('region', { name: 'Replay' });
    await within(panel).findByText(/Reproduced/);
    const cells = within(panel)
      .getAllByRole('cell')
      .map((c) => c.textContent ?? '')
      .filter((t) => /^\d/.test(t));
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c).toMatch(/^\d\.\d{3}( \(ineligible\))?$/);
  });

  it('has every list header in its own cell, each clipped rather than run into the next', async () => {
    renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    const head = document.querySelector('.hist-head')!;
    const cells = [...head.children];
    expect(cells.map((c) => c.textContent)).toEqual(['Time', 'Task', 'Strategy', 'Outcome', 'Target']);
    for (const c of cells) expect(c.className).toContain('hist-clip');
  });

  it('takes each date filter as one text field (one tab stop), applied on Enter, refused in words', async () => {
    const { calls } = renderView();
    await waitFor(() => expect(options()).toHaveLength(4));
    const since = screen.getByLabelText('Since') as HTMLInputElement;
    expect(since.type).toBe('text');
    expect((screen.getByLabelText('Until') as HTMLInputElement).type).toBe('text');
    expect(document.querySelectorAll('input[type="datetime-local"], input[type="date"]')).toHaveLength(0);
    fireEvent.change(since, { target: { value: '2025-03-03' } });
    fireEvent.keyDown(since, { key: 'Enter' });
    await waitFor(() => expect(options()).toHaveLength(2));
    const since0 = new Date('2025-03-03T00:00').toISOString();
    expect(calls.some(([m, input]) => m === 'history.list' && (input as { since?: string }).since === since0)).toBe(
      true,
    );
    fireEvent.change(since, { target: { value: '2025-02-30' } });
    fireEvent.keyDown(since, { key: 'Enter' });
    expect(since.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Since: write a date \(2025-01-02\) or a date and time/)).toBeTruthy();
  });
});

describe('history helpers', () => {
  it('turn the filters into a query with only what is set; until includes its whole minute', () => {
    expect(historyQuery(NO_FILTERS)).toEqual({});
    const q = historyQuery({
      ...NO_FILTERS,
      outcome: 'failed',
      taskName: ' train ',
      since: '2025-03-01T10:00',
      until: '2025-03-01T10:00',
    });
    expect(q.outcome).toBe('failed');
    expect(q.taskName).toBe('train');
    expect(Date.parse(q.until!) - Date.parse(q.since!)).toBe(59_999);
  });

  it('read a typed filter time: a date, a date and time; no impossible day', () => {
    expect(parseFilterTime('')).toBe('');
    expect(parseFilterTime(' 2025-3-1 ')).toBe('2025-03-01');
    expect(parseFilterTime('2025-03-01 9:05')).toBe('2025-03-01T09:05');
    expect(parseFilterTime('2025-03-01T10:00')).toBe('2025-03-01T10:00');
    for (const bad of ['2025-02-30', '2025-03-01 24:00', 'yesterday', '03/01/2025'])
      expect(parseFilterTime(bad)).toBeNull();
    const day = historyQuery({ ...NO_FILTERS, since: '2025-03-01', until: '2025-03-01' });
    expect(Date.parse(day.until!) - Date.parse(day.since!)).toBe(24 * 3600_000 - 1);
  });

  it('colour each series by its target, the same whatever its place; sums in a neutral colour', () => {
    const a = timeline([{ at: '2025-03-01T10:00:00Z', selectedTarget: 'gpu-box' }]);
    const b = timeline([
      { at: '2025-03-01T10:00:00Z', selectedTarget: 'local' },
      { at: '2025-03-01T10:00:00Z', selectedTarget: 'local' },
      { at: '2025-03-01T10:00:00Z', selectedTarget: 'gpu-box' },
    ]);
    expect(a.series.indexOf('gpu-box')).not.toBe(b.series.indexOf('gpu-box'));
    expect(seriesColour('gpu-box')).toBe(targetColour('gpu-box'));
    expect(seriesColour(NONE)).toBe(NEUTRAL_SERIES_COLOUR);
    expect(seriesColour('other')).toBe(NEUTRAL_SERIES_COLOUR);
    expect(bucketLabel(new Date(2025, 2, 1, 16, 39).getTime(), 60_000)).toBe('16:39');
    expect(bucketLabel(new Date(2025, 2, 1, 16, 39).getTime(), 24 * 3600_000)).toBe('2025-03-01');
  });

  it('count placements per target in even buckets, failures as no target', () => {
    const t = timeline([
      { at: '2025-03-01T10:00:10Z', selectedTarget: 'local' },
      { at: '2025-03-01T10:00:50Z', selectedTarget: 'local' },
      { at: '2025-03-01T10:03:00Z', selectedTarget: null },
    ]);
    expect(t.step).toBe(60_000);
    expect(t.series).toEqual(['local', NONE]);
    expect(t.rows.map((r) => [r['local'], r[NONE]])).toEqual([
      [2, 0],
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
    const many = timeline(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ at: '2025-03-01T10:00:00Z', selectedTarget: id })),
    );
    expect(many.series).toHaveLength(5);
    expect(many.series.at(-1)).toBe('other');
    expect(many.rows[0]!['other']).toBe(3);
  });

  it('describe decisions and line up scores then and now', async () => {
    const r = await replay({ id: 'c3' });
    expect(decisionText(r.then as never)).toBe('gpu-box (HighestScore)');
    expect(decisionText(result('z', null) as never)).toMatch(/requires capabilities not available/);
    expect(chosen(r.now as never)).toBe('local');
    expect(scoreRows(r.then as never, r.now as never)).toEqual([
      { targetId: 'local', then: 0.9, now: 0.9, thenEligible: true, nowEligible: true },
    ]);
  });
});
