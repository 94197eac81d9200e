import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import type { MatrixRow } from './matrix-rows';

/**
 * Scores per target per strategy as grouped bars (one bar per strategy, no stackId). Loaded on its
 * own (React.lazy) so that recharts stays out of the first screen's JavaScript.
 */
function ScoreChart({ data }: { data: Record<string, string | number>[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis
          dataKey="target"
          tick={{ fill: 'var(--fg-muted)', fontSize: 12 }}
          interval={0}
          angle={-20}
          dy={8}
          height={48}
        />
        <YAxis domain={[0, 1]} tick={{ fill: 'var(--fg-muted)', fontSize: 12 }} width={40} />
        <Tooltip
          cursor={{ fill: 'var(--bg-soft)' }}
          contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', color: 'var(--fg)' }}
        />
        <Legend wrapperStyle={{ color: 'var(--fg)' }} itemSorter={null} />
        {STRATEGY_NAMES.map((s, k) => (
          <Bar key={s} dataKey={s} fill={`var(--chart-${k + 1})`} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** One point per target: its id and its score under each strategy, rounded as the matrix shows them. */
function chartData(rows: readonly MatrixRow[]): Record<string, string | number>[] {
  return rows.map((r) => {
    const point: Record<string, string | number> = { target: r.id };
    STRATEGY_NAMES.forEach((s, k) => (point[s] = Number(r.cells[k]!.score.toFixed(3))));
    return point;
  });
}

// Redrawn only when what it shows changed: a tie-breaker switch or a cost edit often changes no bar.
const SameChart = memo(ScoreChart, (a, b) => JSON.stringify(a.data) === JSON.stringify(b.data));

export default function ScoreChartOf({ rows }: { rows: MatrixRow[] }) {
  const data = useMemo(() => chartData(rows), [rows]);
  return <SameChart data={data} />;
}
