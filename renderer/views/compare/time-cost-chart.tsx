import { memo } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { leftOutInWords, pointInWords, type TimeCostChart, type TimeCostPoint } from '../../../shared/report/time-cost';
import { formatMoney } from '../../format/number';
import { useTargetColours } from '../../format/target-colour';

const axisTick = { fill: 'var(--fg-muted)', fontSize: 12 };
const axisLabel = { fill: 'var(--fg-muted)', fontSize: 12 };

/** The point a Scatter shape draws: where, and the point it stands for. */
interface ShapeProps {
  cx?: number;
  cy?: number;
  payload?: TimeCostPoint;
}

/**
 * A target as a dot in its own colour (the matrix swatch's), ringed when on the front, and the
 * strategies that picked it written beside it; to the left of the dot near the right edge.
 */
function Dot({ cx, cy, payload, colour, right }: ShapeProps & { colour: string; right: number }) {
  if (cx === undefined || cy === undefined || payload === undefined) return <g />;
  const leftward = payload.minutes > right;
  return (
    <g className="cmp-tc-point">
      <circle
        cx={cx}
        cy={cy}
        r={payload.front ? 6 : 4.5}
        fill={colour}
        stroke={payload.front ? 'var(--fg)' : 'none'}
        strokeWidth={1.5}
      />
      {payload.picks.length > 0 && (
        <text
          x={leftward ? cx - 9 : cx + 9}
          y={cy - 8}
          textAnchor={leftward ? 'end' : 'start'}
          className="cmp-tc-pick"
        >{`${payload.picks.join(', ')}: ${payload.id}`}</text>
      )}
    </g>
  );
}

function TimeCostTip({ active, payload }: { active?: boolean; payload?: readonly { payload?: unknown }[] }) {
  const point = payload?.[0]?.payload as TimeCostPoint | undefined;
  if (!active || point === undefined) return null;
  return <div className="cmp-tc-tip">{pointInWords(point, formatMoney)}</div>;
}

/**
 * Estimated time × estimated cost: a dot per target, the Pareto front as a line, each strategy's
 * pick labelled with the strategy's name. A list says the same in words for screen readers. Loaded
 * on its own (React.lazy) with recharts. `size` fixes the chart's size where nothing is laid out
 * (tests); otherwise it fills its box.
 */
function TimeCostChartView({ chart, size }: { chart: TimeCostChart; size?: { width: number; height: number } }) {
  const targetColour = useTargetColours();
  const maxMinutes = Math.max(0, ...chart.points.map((p) => p.minutes));
  const front = chart.frontLine.length;
  const note = leftOutInWords(chart);
  const plot = (
    <ScatterChart margin={{ top: 20, right: 24, bottom: 24, left: 12 }} {...size}>
      <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
      <XAxis
        type="number"
        dataKey="minutes"
        name="Estimated time"
        domain={[0, 'auto']}
        tick={axisTick}
        label={{ value: 'Estimated time (min)', position: 'insideBottom', offset: -16, ...axisLabel }}
      />
      <YAxis
        type="number"
        dataKey="cost"
        name="Estimated cost"
        domain={[0, 'auto']}
        tick={axisTick}
        tickFormatter={(v: number) => formatMoney(v)}
        width={72}
        label={{ value: 'Estimated cost (USD)', angle: -90, position: 'insideLeft', offset: 0, ...axisLabel }}
      />
      <Tooltip content={TimeCostTip} cursor={{ strokeDasharray: '3 3' }} />
      <Scatter
        name="Pareto front"
        data={chart.frontLine}
        line={{ stroke: 'var(--fg-muted)', strokeWidth: 1.5 }}
        lineType="joint"
        shape={() => <g />}
        legendType="none"
        isAnimationActive={false}
        tooltipType="none"
      />
      <Scatter
        name="Targets"
        data={chart.points}
        isAnimationActive={false}
        shape={(p: ShapeProps) => <Dot {...p} colour={targetColour(p.payload?.id ?? '')} right={maxMinutes * 0.7} />}
      />
    </ScatterChart>
  );
  return (
    <>
      <div
        className="cmp-tc-chart"
        role="img"
        aria-label={`Estimated time and cost of ${chart.points.length} targets, ${front} on the front (no other is both quicker and cheaper); each is listed below`}
      >
        {size ? (
          plot
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {plot}
          </ResponsiveContainer>
        )}
      </div>
      <ul className="visually-hidden" aria-label="Estimated time and cost of each target">
        {chart.points.map((p) => (
          <li key={p.id}>{pointInWords(p, formatMoney)}</li>
        ))}
      </ul>
      {note && <p className="muted cmp-tc-note">{note}</p>}
    </>
  );
}

// Redrawn only when what it shows changed: most edits move no estimate.
export default memo(
  TimeCostChartView,
  (a, b) => a.size === b.size && JSON.stringify(a.chart) === JSON.stringify(b.chart),
);
