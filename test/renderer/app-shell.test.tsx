// @vitest-environment happy-dom
// The shell around the views: notices (where they sit, how long they stay, their one action) and the
// view keys (1–7), which Escape gives back from a focused select.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/App';
import { ApiProvider } from '../../renderer/api/context';
import { NOTICE_MS, NOTICE_WITH_ACTION_MS, useAppStore } from '../../renderer/state/app-store';
import { fakeApi } from './fake-api';

const notices = () => useAppStore.getState().notices.map((n) => n.text);

beforeEach(() => {
  useAppStore.setState({ notices: [] });
  window.location.hash = '';
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('notices', () => {
  it('go away by themselves after a few seconds; errors stay until dismissed', () => {
    vi.useFakeTimers();
    const { notify, dismiss } = useAppStore.getState();
    notify('info', 'Saved task.yaml');
    notify('error', 'Could not save targets.yaml: EACCES');
    expect(notices()).toEqual(['Saved task.yaml', 'Could not save targets.yaml: EACCES']);
    vi.advanceTimersByTime(NOTICE_MS - 1);
    expect(notices()).toContain('Saved task.yaml');
    vi.advanceTimersByTime(1);
    expect(notices()).toEqual(['Could not save targets.yaml: EACCES']);
    vi.advanceTimersByTime(10 * 60_000);
    expect(notices()).toEqual(['Could not save targets.yaml: EACCES']);
    dismiss(useAppStore.getState().notices[0]!.id);
    expect(notices()).toEqual([]);
  });

  it('wait while the pointer or focus is on them, and one with an action stays longer', () => {
    vi.useFakeTimers();
    const { notify, hold, release } = useAppStore.getState();
    notify('info', 'Relaxed: removed python3 from tools', { label: 'Undo', run: () => undefined });
    const id = useAppStore.getState().notices[0]!.id;
    vi.advanceTimersByTime(NOTICE_MS);
    expect(notices()).toHaveLength(1);
    hold(id);
    vi.advanceTimersByTime(NOTICE_WITH_ACTION_MS * 2);
    expect(notices()).toHaveLength(1);
    release(id);
    vi.advanceTimersByTime(NOTICE_WITH_ACTION_MS);
    expect(notices()).toEqual([]);
  });

  it('never pile up: the oldest goes when a fourth arrives', () => {
    const { notify } = useAppStore.getState();
    for (const n of [1, 2, 3, 4]) notify('error', `problem ${n}`);
    expect(notices()).toEqual(['problem 2', 'problem 3', 'problem 4']);
  });

  it('sit in their own row above the view, outside it, and show their action', async () => {
    const { api } = fakeApi({});
    render(
      <ApiProvider api={api}>
        <App />
      </ApiProvider>,
    );
    const undo = vi.fn();
    act(() =>
      useAppStore.getState().notify('info', 'Relaxed: removed python3 from tools', { label: 'Undo', run: undo }),
    );
    const text = screen.getByText('Relaxed: removed python3 from tools');
    const main = screen.getByRole('main');
    expect(main.contains(text)).toBe(false);
    // Before the view in the document: in the flow above it, not floating over its fields.
    expect(text.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    expect(notices()).toEqual([]);
  });
});

describe('view keys', () => {
  it('Escape leaves a focused select, and then 1–7 switch views again', async () => {
    window.location.hash = '#/history';
    const { api } = fakeApi({});
    render(
      <ApiProvider api={api}>
        <App />
      </ApiProvider>,
    );
    const select = await screen.findByLabelText('Outcome');
    select.focus();
    expect(document.activeElement).toBe(select);
    fireEvent.keyDown(select, { key: '7' });
    expect(window.location.hash).toBe('#/history');
    fireEvent.keyDown(select, { key: 'Escape' });
    expect(document.activeElement).not.toBe(select);
    fireEvent.keyDown(document.body, { key: '7' });
    await waitFor(() => expect(window.location.hash).toBe('#/metrics'));
  });

  it('a checkbox or radio button does not swallow the view keys', async () => {
    window.location.hash = '#/export';
    const { api } = fakeApi({});
    render(
      <ApiProvider api={api}>
        <App />
      </ApiProvider>,
    );
    const radio = (await screen.findAllByRole('radio'))[0]!;
    radio.focus();
    fireEvent.keyDown(radio, { key: '1' });
    await waitFor(() => expect(window.location.hash).toBe('#/machine'));
  });
});
