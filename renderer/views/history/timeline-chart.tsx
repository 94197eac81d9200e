import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTargetColours } from '../../format/target-colour';
import { bucketLabel, seriesColour, type Timeline } from './timeline-buckets';

const axisTick = { fill: 'var(--fg-muted)', fontSize: 12 };

/**
 * Placements per target over time as stacked bars, each target in its own colour (the same in every
 * chart); `other` and `no target` in a neutral one. Loaded on its own
 * (React.lazy) so that recharts stays out of the first screen's JavaScript.
 */
export default function TimelineChart({ data }: { data: Timeline }) {
  const colourOf = useTargetColours();
  const rows = data.rows.map((r) => ({ ...r, label: bucketLabel(r.start, data.step) }));
  return (
    // A number, not 100%: the view reserves this height, and recharts warns when it measures 0 (tests).
    <ResponsiveContainer width="100%" height={180}>
      <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={24} />
        <YAxis allowDecimals={false} tick={axisTick} width={36} />
        <Tooltip
          cursor={{ fill: 'var(--bg-soft)' }}
          contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', color: 'var(--fg)' }}
        />
        <Legend wrapperStyle={{ color: 'var(--fg)' }} />
        {data.series.map((s) => (
          <Bar
            key={s}
            dataKey={s}
            stackId="placements"
            maxBarSize={48}
            fill={seriesColour(s, colourOf)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
