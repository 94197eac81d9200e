/**
 * A placement's warnings, shown beside its winner: what the decision rests on that could not be
 * checked (a probe that failed, so the capabilities written in the file were used). Nothing when none.
 */
export function PlacementWarnings({
  warnings,
  label = 'Warnings',
}: {
  /** Undefined in a result that was not parsed (zod's default fills in none for older records). */
  warnings: readonly string[] | undefined;
  label?: string;
}) {
  if (warnings === undefined || warnings.length === 0) return null;
  return (
    <ul className="placement-warnings" aria-label={label}>
      {warnings.map((w) => (
        <li key={w} className="warn">
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Warning: </span>
          {w}
        </li>
      ))}
    </ul>
  );
}
