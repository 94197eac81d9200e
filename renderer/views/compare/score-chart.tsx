import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { formatScore } from '../../format/number';
import { useTargetColours } from '../../format/target-colour';
import type { MatrixRow } from './matrix-rows';

interface ChartData {
  /** One point per strategy: its name and each target's score, in `targets` order. */
  points: { strategy: string; scores: number[] }[];
  targets: string[];
}

/**
 * Scores as grouped bars: a group per strategy, a bar per target (no stackId) in the target's own
 * colour, the same colour as its swatch in the matrix and its series in History's timeline. Loaded
 * on its own (React.lazy) so that recharts stays out of the first screen's JavaScript.
 */
function ScoreChart({ data }: { data: ChartData }) {
  const targetColour = useTargetColours();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data.points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis dataKey="strategy" tick={{ fill: 'var(--fg-muted)', fontSize: 12 }} interval={0} />
        <YAxis domain={[0, 1]} tick={{ fill: 'var(--fg-muted)', fontSize: 12 }} width={40} />
        <Tooltip
          cursor={{ fill: 'var(--bg-soft)' }}
          formatter={(v) => (typeof v === 'number' ? formatScore(v) : String(v))}
          contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', color: 'var(--fg)' }}
        />
        <Legend wrapperStyle={{ color: 'var(--fg)' }} itemSorter={null} />
        {data.targets.map((id, k) => (
          // A function, not the id: recharts reads a string key with dots (`g5.xlarge`) as a path.
          <Bar
            key={id}
            name={id}
            dataKey={(p: ChartData['points'][number]) => p.scores[k]}
            fill={targetColour(id)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Each strategy's scores of the charted targets, rounded as the matrix shows them. */
function chartData(rows: readonly MatrixRow[]): ChartData {
  return {
    targets: rows.map((r) => r.id),
    points: STRATEGY_NAMES.map((s, k) => ({
      strategy: s,
      scores: rows.map((r) => Number(r.cells[k]!.score.toFixed(3))),
    })),
  };
}

// Redrawn only when what it shows changed: a tie-breaker switch or a cost edit often changes no bar.
const SameChart = memo(ScoreChart, (a, b) => JSON.stringify(a.data) === JSON.stringify(b.data));

export default function ScoreChartOf({ rows }: { rows: MatrixRow[] }) {
  const data = useMemo(() => chartData(rows), [rows]);
  return <SameChart data={data} />;
}
