import { Suspense, useEffect, useState } from 'react';
import { SERVER_GONE, TOKEN_REFUSED, type ConnectionState } from './api/client';
import { useApi } from './api/context';
import { useAppStore, type DiscoveryState } from './state/app-store';
import { useTargetOrder } from './format/target-colour';
import { ViewBoundary } from './view-boundary';
import { VIEWS, viewFromHash, type ViewId } from './views/registry';

// Inputs that take no typed text: a view key pressed on them is a view key.
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** True when a key press belongs to a text field or a select, not to the app's shortcuts. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !NOT_TEXT.has((el as HTMLInputElement).type);
}

function useView(): [ViewId, (id: ViewId) => void] {
  const [view, setView] = useState<ViewId>(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [view, (id) => (window.location.hash = `#/${id}`)];
}

function DiscoveryIndicator() {
  const discovery = useAppStore((s) => s.discovery);
  const running = Object.values(discovery).filter((d) => d.phase === 'started');
  const failed = Object.values(discovery).filter((d) => d.phase === 'failed');
  return (
    <div className="discovery" role="status" aria-live="polite">
      {running.length > 0 && <span className="spinner" aria-hidden="true" />}
      {running.length > 0
        ? `Discovering ${running.map((d) => d.targetId).join(', ')}…`
        : failed.length > 0
          ? `Discovery failed: ${failed.map((d) => `${d.targetId} (${d.message ?? 'no reason given'})`).join('; ')}`
          : ''}
    </div>
  );
}

/**
 * Notices in their own row under the header (they push the view down, never cover a field); info
 * goes away by itself after a few seconds, unless the pointer or focus is on it; errors stay until
 * dismissed. A notice may carry one action (Undo).
 */
function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismiss);
  const hold = useAppStore((s) => s.hold);
  const release = useAppStore((s) => s.release);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          onMouseEnter={() => hold(n.id)}
          onMouseLeave={() => release(n.id)}
          onFocus={() => hold(n.id)}
          onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && release(n.id)}
        >
          <span className="notice-text">{n.text}</span>
          {n.action && (
            <button
              type="button"
              onClick={() => {
                n.action!.run();
                dismiss(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss notice" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** A banner while the server does not answer (browser mode), saying what to do; gone once it answers. */
function ConnectionBanner() {
  const api = useApi();
  const [state, setState] = useState<ConnectionState>('up');
  useEffect(() => api.onConnection?.(setState), [api]);
  if (state === 'up') return null;
  return (
    <div className="connection-banner" role="alert">
      {state === 'down' ? `${SERVER_GONE} Retrying…` : TOKEN_REFUSED}
    </div>
  );
}

export function App() {
  const api = useApi();
  const [view, setView] = useView();
  const setDiscovery = useAppStore((s) => s.setDiscovery);

  useEffect(() => api.on('discovery.progress', (p) => setDiscovery(p as DiscoveryState)), [api, setDiscovery]);

  // Targets take their colours by their place in the targets file: read it once at start (History
  // and Metrics colour targets without resolving them), and again when an import changes it.
  useEffect(() => {
    const read = () =>
      api.client['targets.list']({}).then(
        ({ targets }) => useTargetOrder.getState().setOrder(targets.map((t) => t.id)),
        () => undefined,
      );
    void read();
    return api.on('targets.changed', read);
  }, [api]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Escape leaves a select (a closed one: an open list takes Escape itself), so 1–7 work again.
      if (e.key === 'Escape' && (e.target as HTMLElement | null)?.tagName === 'SELECT') {
        (e.target as HTMLSelectElement).blur();
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      const found = VIEWS.find((v) => v.shortcut === e.key);
      if (found) {
        e.preventDefault();
        setView(found.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const current = VIEWS.find((v) => v.id === view)!;
  const Current = current.component;
  return (
    <div className="app">
      <header className="app-header">
        <h1>Placement Explorer</h1>
        <DiscoveryIndicator />
      </header>
      <div className="app-notices">
        <Notices />
      </div>
      <nav className="app-nav" aria-label="Views">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <a
                href={`#/${v.id}`}
                aria-current={v.id === view ? 'page' : undefined}
                aria-keyshortcuts={v.shortcut}
                title={`${v.label} (${v.shortcut})`}
              >
                <span className="nav-key" aria-hidden="true">
                  {v.shortcut}
                </span>
                {v.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main" aria-labelledby="view-title">
        <ConnectionBanner />
        <h2 id="view-title">{current.label}</h2>
        <ViewBoundary key={current.id} view={current.label}>
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <Current />
          </Suspense>
        </ViewBoundary>
      </main>
    </div>
  );
}
