import { lazy, Suspense, useCallback, useMemo } from 'react';
import { timeCostChart } from '../../../shared/report/time-cost';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { formatTime } from '../../format/time';
import { effectiveOptions } from '../../state/task-selectors';
import { useTaskStore } from '../../state/task-store';
import { CompareMatrix } from './compare-matrix';
import { useCompareStore } from './compare-store';
import { CompareToolbar } from './compare-toolbar';
import { CapabilityStatus, InvalidTask, ProblemsBanner } from './compare-states';
import { buildMatrix, chartTitle, countLine, NO_ROWS, sortRows, strategyResults, topRows } from './matrix-rows';
import { Relaxations } from './relaxations';
import { RunPlacement } from './run-placement';
import { TargetDetail } from './target-detail';
import { useAfterPaint } from './use-after-paint';
import { useWhyNot } from './why-not';
import { changesSince } from './since-pin';
import { placementToUse, UsePlacement } from './use-placement';
import { uncheckedOfFreshness, useLiveCompare } from './use-live-compare';
import { useResolvedTargets } from './use-resolved-targets';
import { Winners } from './winners';
import './compare.css';

// Recharts is the largest dependency: it loads with the chart, after the matrix is on screen.
const ScoreChart = lazy(() => import('./score-chart'));
const TimeCostChart = lazy(() => import('./time-cost-chart'));
const CHART_TARGETS = 20;

/**
 * Compare: every strategy's result for the current task, side by side, re-ranked live in the
 * renderer on each edit; the analysis as one-click relaxations; a pin to see what an edit changed;
 * and the decision recorded in the history.
 */
export default function CompareView() {
  const file = useTaskStore((s) => s.file);
  const patch = useTaskStore((s) => s.options);
  const resolved = useResolvedTargets(file);
  const targets = resolved.data?.targets ?? null;
  const configured = resolved.data?.options;
  const options = useMemo(() => (configured ? effectiveOptions(configured, patch) : null), [configured, patch]);
  const freshness = resolved.data?.freshness;
  const unchecked = useMemo(() => uncheckedOfFreshness(freshness), [freshness]);
  const live = useLiveCompare(file, targets, options, unchecked);
  const { pin, sortBy, node, selected, setPin, select } = useCompareStore();

  const nodeIds = file && 'pipeline' in file ? file.pipeline.nodes.map((n) => n.id) : null;
  const at = nodeIds ? Math.min(node, nodeIds.length - 1) : 0;
  const results = useMemo(() => live.result && strategyResults(live.result, at), [live.result, at]);
  const pinned = useMemo(() => pin && strategyResults(pin.result, at), [pin, at]);
  const matrix = useMemo(
    () => (results && targets ? buildMatrix(targets, results, pinned) : NO_ROWS),
    [results, targets, pinned],
  );
  const sorted = useMemo(() => sortRows(matrix, sortBy), [matrix, sortBy]);
  const whyNot = useWhyNot(file, targets, options, selected, at);
  // Only Target details read it: nothing to compare while no target is open.
  const since = useMemo(
    () =>
      selected !== null && pinned && pin?.inputs && file && targets && options
        ? { results: pinned, inputs: changesSince(pin.inputs, { file, targets, options }, at) }
        : null,
    [selected, pinned, pin, file, targets, options, at],
  );
  // What follows the ranking a moment later (after its repaint): the charts, the relaxations (their
  // analysis tries changes against the fleet) and the scheduler's text.
  const chartedMatrix = useAfterPaint(matrix);
  const charted = useMemo(() => topRows(chartedMatrix, CHART_TARGETS), [chartedMatrix]);
  const chartedResults = useAfterPaint(results);
  // Null when the task states no estimate: then there is no time to chart.
  const timeCost = useMemo(() => chartedResults && timeCostChart(chartedResults), [chartedResults]);
  const onSelect = useCallback((id: string) => select(id === selected ? null : id), [select, selected]);
  const strategy = options?.strategy;
  const toUse = useAfterPaint(
    useMemo(
      () => (file && live.result && strategy ? placementToUse(file, live.result, strategy, at) : null),
      [file, live.result, strategy, at],
    ),
  );

  if (resolved.data === null)
    return resolved.error ? (
      <div className="card cmp-empty" role="alert">
        <p className="bad">{`Could not load the targets: ${resolved.error}`}</p>
        <p>
          Check the targets in <a href="#/targets">Targets</a>, then{' '}
          <button type="button" onClick={resolved.refresh}>
            Try again
          </button>
        </p>
      </div>
    ) : (
      <p className="cmp-empty muted" role="status">
        Loading the targets and discovering this machine…
      </p>
    );
  if (targets!.length === 0)
    return (
      <p className="empty">
        There are no targets to compare. Add some in <a href="#/targets">Targets</a> (key 2).
      </p>
    );
  if (file === null || options === null) return <InvalidTask />;

  const eligible = matrix.eligible;
  return (
    <div className="cmp-view">
      <ProblemsBanner />
      <CompareToolbar
        options={options}
        nodes={nodeIds}
        canPin={live.result !== null}
        onPin={() =>
          setPin(
            pin
              ? null
              : live.result && {
                  result: live.result,
                  at: formatTime(Date.now()),
                  inputs: { file, targets: targets!, options },
                },
          )
        }
      />
      <p className="cmp-status muted" role="status">
        {`${countLine(matrix)} · ${STRATEGY_NAMES.length} strategies ranked in ${live.ms.toFixed(1)} ms`}
        {live.stale && ' · re-ranking…'}
        {pin && ` · pinned at ${pin.at}: ▲▼ show the change since`}
      </p>
      <CapabilityStatus resolved={resolved.data} loading={resolved.loading} error={resolved.error} />
      {targets!.every((t) => t.type === 'local') && (
        <p className="cmp-hint" role="note">
          Only this machine is configured. Add SSH hosts or cloud instance types in <a href="#/targets">Targets</a> (key
          2), or import a targets file there, to see where else the task could run.
        </p>
      )}
      {live.result && <Winners result={live.result} pinned={pin?.result ?? null} node={at} />}
      {timeCost && (
        <section className="card" aria-labelledby="cmp-tc-title">
          <h3 id="cmp-tc-title">Time and cost to result</h3>
          {timeCost.points.length === 0 ? (
            <p className="muted">
              {timeCost.unknown > 0
                ? 'No eligible target has a known estimate: the estimate cannot be carried to their hardware.'
                : 'No eligible target to chart.'}
            </p>
          ) : (
            <Suspense fallback={<p className="muted">Loading the chart…</p>}>
              <TimeCostChart chart={timeCost} />
            </Suspense>
          )}
        </section>
      )}
      <div className="cmp-main">
        <section className="cmp-matrix" aria-label="Matrix">
          <CompareMatrix rows={sorted} selected={selected} onSelect={onSelect} />
        </section>
        <aside className="cmp-side">
          <section className="card" aria-labelledby="cmp-run-title">
            <h3 id="cmp-run-title">Record this placement</h3>
            <RunPlacement options={options} />
          </section>
          <section className="card" aria-labelledby="cmp-relax-title">
            <h3 id="cmp-relax-title">What would admit more targets</h3>
            {chartedResults && <Relaxations analysis={chartedResults.auto.analysis} node={at} />}
          </section>
          <section className="card" aria-labelledby="cmp-detail-title">
            <h3 id="cmp-detail-title">Target details</h3>
            {results && <TargetDetail id={selected} results={results} since={since} whyNot={whyNot} />}
          </section>
        </aside>
      </div>
      {toUse && (
        <section className="card" aria-labelledby="cmp-use-title">
          <h3 id="cmp-use-title">
            {`Use this placement: ${toUse.result.strategy} → ${toUse.result.selectedTarget ?? 'no target'}`}
          </h3>
          <UsePlacement task={toUse.task} result={toUse.result} targets={targets!} />
        </section>
      )}
      <section className="card" aria-labelledby="cmp-chart-title">
        <h3 id="cmp-chart-title">{chartTitle(eligible, CHART_TARGETS)}</h3>
        <div className="cmp-chart">
          {charted.length === 0 ? (
            <p className="muted">No eligible target to chart.</p>
          ) : (
            <Suspense fallback={<p className="muted">Loading the chart…</p>}>
              <ScoreChart rows={charted} />
            </Suspense>
          )}
        </div>
      </section>
    </div>
  );
}
