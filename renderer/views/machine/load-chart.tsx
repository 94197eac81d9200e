import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock } from '../../format/time';
import type { LoadSample } from './use-machine-load';

const axisTick = { fill: 'var(--fg-muted)', fontSize: 12 };

/**
 * CPU and memory in use, in percent, over the last samples. Loaded on its own (React.lazy) so that
 * recharts stays out of the first screen's JavaScript.
 */
export default function LoadChart({ samples }: { samples: LoadSample[] }) {
  const data = samples.map((s) => ({
    time: formatClock(new Date(s.at).getTime()),
    cpu: s.cpuPercent,
    memory: s.memoryTotalGb > 0 ? Math.round((s.memoryUsedGb / s.memoryTotalGb) * 1000) / 10 : 0,
  }));
  return (
    // A number, not 100%: the view reserves this height, and recharts warns when it measures 0 (tests).
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis dataKey="time" tick={axisTick} minTickGap={40} />
        <YAxis domain={[0, 100]} tick={axisTick} width={44} unit="%" />
        <Tooltip
          contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)', color: 'var(--fg)' }}
        />
        <Legend wrapperStyle={{ color: 'var(--fg)' }} />
        <Line
          type="monotone"
          dataKey="cpu"
          name="CPU %"
          stroke="var(--chart-1)"
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="memory"
          name="Memory %"
          stroke="var(--chart-2)"
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
