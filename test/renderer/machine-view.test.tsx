// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, renderHook, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../renderer/api/context';
import { fakeApi } from './fake-api';
import { formatAge } from '../../renderer/format/age';
import MachineView from '../../renderer/views/machine/MachineView';
import { useMachineStore } from '../../renderer/views/machine/machine-store';
import { MAX_POINTS, useMachineLoad } from '../../renderer/views/machine/use-machine-load';

const report = (over: Record<string, unknown> = {}) => ({
  targetId: 'local',
  capabilities: {
    cpu: 2,
    cpuModel: 'AMD EPYC 7B13',
    memoryGb: 8,
    diskGb: 120.5,
    gpus: [{ vendor: 'nvidia', model: 'H100 80GB HBM3', vramGb: null, count: 2 }],
    os: 'linux',
    arch: 'x64',
    network: true,
    tools: { docker: '27.1.1', mystery: null },
    physical: { cpu: 16, memoryGb: 64 },
  },
  warnings: ['nvidia-smi timed out: VRAM unknown'],
  discoveredAt: '2025-01-01T00:00:00.000Z',
  ageMs: 90_000,
  cached: true,
  ...over,
});

const load = { cpuPercent: 12.5, memoryUsedGb: 3.2, memoryTotalGb: 8, at: '2025-01-01T00:00:00.000Z' };

beforeEach(() => {
  useMachineStore.setState({
    report: null,
    receivedAt: 0,
    loading: false,
    refreshing: false,
    error: null,
    change: null,
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the Machine view', () => {
  it('shows effective and physical cores and memory (sizes to one decimal), GPUs with unknown VRAM, tools and warnings', async () => {
    const { api } = fakeApi({ 'capabilities.get': async () => report(), 'machine.load': async () => load });
    render(
      <ApiProvider api={api}>
        <MachineView />
      </ApiProvider>,
    );
    const cpu = await screen.findByRole('region', { name: 'CPU' });
    expect(within(cpu).getByText('AMD EPYC 7B13')).toBeTruthy();
    expect(within(cpu).getByText('2 usable (of 16 on the machine)')).toBeTruthy();
    const memory = screen.getByRole('region', { name: 'Memory and disk' });
    expect(within(memory).getByText('8.0 GB usable (of 64.0 GB on the machine)')).toBeTruthy();
    expect(within(memory).getByText('120.5 GB')).toBeTruthy();
    const gpus = screen.getByRole('region', { name: 'GPUs' });
    const row = within(gpus).getByRole('row', { name: /H100/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['nvidia', 'H100 80GB HBM3', 'unknown', '2']);
    const tools = screen.getByRole('region', { name: 'Tools' });
    expect(tools.textContent).toContain('docker 27.1.1');
    expect(tools.textContent).toContain('mystery unknown version');
    expect(screen.getByRole('status', { name: 'Discovery warnings' }).textContent).toContain('nvidia-smi timed out');
    expect(screen.getByText('Discovered 1 min ago (cached)')).toBeTruthy();
    expect(await screen.findByText('12.5 %')).toBeTruthy();
    expect(screen.getByText('3.2 GB of 8.0 GB')).toBeTruthy();
  });

  it('refreshes without hiding what it shows, then shows the fresh report', async () => {
    let finish!: (r: unknown) => void;
    const { api, calls } = fakeApi({
      'capabilities.get': async () => report(),
      'capabilities.refresh': () => new Promise((resolve) => (finish = resolve)),
      'machine.load': async () => load,
    });
    render(
      <ApiProvider api={api}>
        <MachineView />
      </ApiProvider>,
    );
    await screen.findByRole('region', { name: 'CPU' });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    const busy = await screen.findByRole('button', { name: /Refreshing/ });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('region', { name: 'CPU' })).toBeTruthy();
    expect(calls.filter(([m]) => m === 'capabilities.refresh')).toHaveLength(1);
    await act(async () => finish(report({ ageMs: 0, cached: false, capabilities: { cpu: 4 } })));
    expect(await screen.findByText('Discovered just now')).toBeTruthy();
    expect(screen.getByText('4 usable')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
  });

  it('shows the diff of a capabilities.changed event for this machine, and ignores other targets', async () => {
    const { api, emit } = fakeApi({ 'capabilities.get': async () => report(), 'machine.load': async () => load });
    render(
      <ApiProvider api={api}>
        <MachineView />
      </ApiProvider>,
    );
    await screen.findByRole('region', { name: 'CPU' });
    act(() => emit('capabilities.changed', { targetId: 'gpu-box', changes: [{ field: 'cpu', text: 'cpu: 8 → 4' }] }));
    expect(screen.queryByRole('status', { name: 'Capabilities changed' })).toBeNull();
    act(() =>
      emit('capabilities.changed', {
        targetId: 'local',
        changes: [
          { field: 'memoryGb', text: 'memoryGb: 16 → 8' },
          { field: 'tools.docker', text: 'tools.docker: 26.1.4 → 27.1.1' },
        ],
      }),
    );
    const notice = screen.getByRole('status', { name: 'Capabilities changed' });
    expect(
      within(notice)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['memoryGb: 16 → 8', 'tools.docker: 26.1.4 → 27.1.1']);
    // The app's one time format: 24-hour, today without the date.
    expect(notice.textContent).toMatch(/at \d{2}:\d{2}:\d{2}(?! ?[AP]M)/);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the change notice' }));
    expect(screen.queryByRole('status', { name: 'Capabilities changed' })).toBeNull();
  });

  it('says what went wrong when discovery fails', async () => {
    const { api } = fakeApi({
      'capabilities.get': async () => Promise.reject(new Error('systeminformation crashed')),
      'machine.load': async () => load,
    });
    render(
      <ApiProvider api={api}>
        <MachineView />
      </ApiProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/systeminformation crashed.*Refresh/);
  });
});

describe('the live load', () => {
  it('polls every two seconds, keeps the last 60 samples, and stops when unmounted', async () => {
    vi.useFakeTimers();
    let n = 0;
    const { api, calls } = fakeApi({ 'machine.load': async () => ({ ...load, cpuPercent: n++ }) });
    const { result, unmount } = renderHook(() => useMachineLoad(api.client));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current.samples).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(2000 * 70));
    expect(result.current.samples).toHaveLength(MAX_POINTS);
    expect(result.current.samples.at(-1)!.cpuPercent).toBe(70);
    unmount();
    const before = calls.length;
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(calls.length).toBe(before);
  });

  it('asks nothing while the tab is hidden, and starts again when it is shown', async () => {
    vi.useFakeTimers();
    const { api, calls } = fakeApi({ 'machine.load': async () => load });
    let state: DocumentVisibilityState = 'visible';
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => state);
    try {
      renderHook(() => useMachineLoad(api.client));
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(calls).toHaveLength(1);
      state = 'hidden';
      act(() => void document.dispatchEvent(new Event('visibilitychange')));
      await act(() => vi.advanceTimersByTimeAsync(20_000));
      expect(calls).toHaveLength(1);
      state = 'visible';
      act(() => void document.dispatchEvent(new Event('visibilitychange')));
      await act(() => vi.advanceTimersByTimeAsync(2_000));
      expect(calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      visibility.mockRestore();
    }
  });

  it('says ages in words', () => {
    expect(formatAge(1_000)).toBe('just now');
    expect(formatAge(42_000)).toBe('42 s ago');
    expect(formatAge(5 * 60_000)).toBe('5 min ago');
    expect(formatAge(3 * 3_600_000)).toBe('3 h ago');
    expect(formatAge(5 * 86_400_000)).toBe('5 d ago');
  });
});
