import { memo } from 'react';
import { useTaskStore } from '../../state/task-store';
import type { ResolvedTargets } from './use-resolved-targets';
import { count } from '../../format/count';
import { freshnessText } from '../../format/freshness';

function ProblemList() {
  const problems = useTaskStore((s) => s.problems);
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i} className="field-error">
          {p.path && <code>{p.path}</code>} {p.message}
        </li>
      ))}
    </ul>
  );
}

/** No valid task at all yet: what is wrong, and where to fix it. */
export function InvalidTask() {
  return (
    <div className="card cmp-empty" role="alert">
      <p>
        The task is not valid yet, so there is nothing to compare. Fix it in <a href="#/requirements">Requirements</a>{' '}
        (key 3):
      </p>
      <ProblemList />
    </div>
  );
}

/** The task being edited has problems: the comparison shows its last valid version, and says so. */
export function ProblemsBanner() {
  const problemCount = useTaskStore((s) => s.problems.length);
  if (problemCount === 0) return null;
  return (
    <div className="card cmp-banner" role="alert">
      <p className="warn">
        {`The task has ${count(problemCount, 'problem')}; this compares its last valid version. Fix ${
          problemCount > 1 ? 'them' : 'it'
        } in `}
        <a href="#/requirements">Requirements</a>:
      </p>
      <ProblemList />
    </div>
  );
}

function age(ms: number): string {
  if (ms < 1500) return 'just now';
  if (ms < 90_000) return `${Math.round(ms / 1000)} s ago`;
  return `${Math.round(ms / 60_000)} min ago`;
}

/** Where the capabilities come from and how old they are; failed probes in their own words. */
export const CapabilityStatus = memo(function CapabilityStatus({
  resolved,
  loading,
  error,
}: {
  resolved: ResolvedTargets;
  loading: boolean;
  error: string | null;
}) {
  const discovered = Object.entries(resolved.ages).filter((e): e is [string, number] => e[1] !== null);
  const source = !resolved.options.discoveryEnabled
    ? 'Discovery is off: every target uses the capabilities its file writes.'
    : discovered.length === 0
      ? 'Capabilities as the targets file writes them.'
      : `Discovered: ${discovered.map(([id, ms]) => `${id} ${age(ms)}`).join(', ')}; the rest as written.`;
  return (
    <div className="cmp-caps muted">
      <span>
        {source}
        {loading && ' Refreshing…'}
      </span>
      {error && <span className="warn">{` Could not refresh the targets (${error}); showing the last ones.`}</span>}
      {resolved.targets.map((t) => {
        const f = resolved.freshness?.[t.id];
        if (f?.state !== 'probe-failed' && f?.state !== 'probing') return null;
        const text = `${t.id}: ${freshnessText(t.type, f)}.`;
        return (
          <span key={t.id} className={f.state === 'probing' ? 'muted' : 'warn'}>
            {` ${text}`}
          </span>
        );
      })}
    </div>
  );
});
