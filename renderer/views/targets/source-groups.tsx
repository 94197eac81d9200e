import { formatAge } from '../../format/age';
import { count } from '../../format/count';
import type { SourceGroup } from './target-source';

/**
 * The fleet sources the targets were imported from, one line each with its age, and a Refresh for
 * each live one (a file cannot be read again from here: it is re-imported).
 */
export function SourceGroups({
  groups,
  now,
  refreshing,
  onRefresh,
}: {
  groups: SourceGroup[];
  now: number;
  refreshing: Record<string, boolean>;
  onRefresh(group: SourceGroup): void;
}) {
  if (groups.length === 0) return null;
  return (
    <ul className="tgt-sources" aria-label="Imported sources">
      {groups.map((g) => (
        <li key={g.key} className="tgt-source">
          <span>
            <strong>{g.label}</strong>
            {` · ${count(g.count, g.kind === 'catalog' ? 'instance type' : 'node')}`}
            {g.file !== undefined && ` · from ${g.file}`}
            {` · imported ${formatAge(now - g.importedAt)}`}
          </span>
          {g.file === undefined ? (
            <button
              type="button"
              onClick={() => onRefresh(g)}
              disabled={refreshing[g.key]}
              aria-label={`Refresh ${g.label}`}
            >
              {refreshing[g.key] ? 'Refreshing…' : 'Refresh'}
            </button>
          ) : (
            <span className="muted">re-import the file to refresh</span>
          )}
        </li>
      ))}
    </ul>
  );
}
