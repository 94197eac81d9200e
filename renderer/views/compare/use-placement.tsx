import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import { EmitError, emitPlacement, EMIT_FORMATS, type EmitFormat, type Emitted } from '../../../shared/export/index';
import type { CompareResult, PlacementResult } from '../../../shared/schema/result';
import type { Target } from '../../../shared/schema/targets';
import type { Task, TaskOrPipelineFile } from '../../../shared/schema/task';
import type { StrategyName } from '../../../shared/strategies/registry';
import { useApi } from '../../api/context';
import { useAppStore } from '../../state/app-store';

/** Each format's tab name, language name (for "Not expressible in …"), file name and type. */
export const EMIT_FILES: Record<EmitFormat, { label: string; fileName: string; mimeType: string }> = {
  kubernetes: { label: 'Kubernetes', fileName: 'pod-fragment.yaml', mimeType: 'application/yaml' },
  slurm: { label: 'Slurm', fileName: 'job.sbatch', mimeType: 'text/x-shellscript' },
  nomad: { label: 'Nomad', fileName: 'job.nomad.hcl', mimeType: 'text/plain' },
  skypilot: { label: 'SkyPilot', fileName: 'sky-task.yaml', mimeType: 'application/yaml' },
};

/** The placement in one scheduler's language, or the one line that says why there is nothing to write. */
export function emitOrExplain(
  format: EmitFormat,
  input: Parameters<typeof emitPlacement>[1],
): { ok: true; emitted: Emitted } | { ok: false; message: string } {
  try {
    return { ok: true, emitted: emitPlacement(format, input) };
  } catch (err) {
    if (err instanceof EmitError) return { ok: false, message: err.message };
    throw err;
  }
}

/**
 * What "Use this placement" writes for a strategy: the task and its result, or for a pipeline the
 * selected node (as a task named by the node) and its result. Null when the strategy has no result.
 */
export function placementToUse(
  file: TaskOrPipelineFile,
  compared: CompareResult,
  strategy: StrategyName,
  node: number,
): { task: Task; result: PlacementResult } | null {
  const whole = compared.strategies[strategy];
  if (whole === undefined) return null;
  if (!('pipeline' in file)) return 'nodes' in whole ? null : { task: file.task, result: whole };
  const n = file.pipeline.nodes[node];
  const r = 'nodes' in whole ? whole.nodes[node]?.result : undefined;
  if (n === undefined || r === undefined) return null;
  const { id, name, ...demands } = n;
  return { task: { ...demands, name: name ?? id }, result: r };
}

/** Copies to the clipboard; false when the browser refuses (no permission, not a secure page). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

const tabId = (f: EmitFormat) => `cmp-emit-tab-${f}`;

/** The tab to open first: the winner's own scheduler (SkyPilot for a cloud target), else Kubernetes. */
export function formatOf(winner: Target | undefined): EmitFormat {
  if (winner?.type === 'cloud') return 'skypilot';
  return winner?.type === 'slurm' || winner?.type === 'nomad' ? winner.type : 'kubernetes';
}

/**
 * "Use this placement": the chosen strategy's decision written for Kubernetes, Slurm, Nomad or
 * SkyPilot, pinned to the winner or as constraints that admit exactly the eligible nodes, to copy or
 * save; what the scheduler cannot express is listed under it.
 * Redrawn only when the placement changes.
 */
export const UsePlacement = memo(function UsePlacement({
  task,
  result,
  targets,
}: {
  task: Task;
  result: PlacementResult;
  targets: readonly Target[];
}) {
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const [format, setFormat] = useState<EmitFormat>(() => formatOf(targets.find((t) => t.id === result.selectedTarget)));
  const [pinned, setPinned] = useState(false);
  const [copyNote, setCopyNote] = useState<string>('');
  const out = useMemo(
    () => emitOrExplain(format, { task, result, targets, pinned }),
    [format, task, result, targets, pinned],
  );
  const file = EMIT_FILES[format];
  const winner = result.selectedTarget;

  const choose = (f: EmitFormat) => {
    setFormat(f);
    setCopyNote('');
  };
  // Arrow keys move between tabs, as the ARIA tabs pattern has it.
  const onTabKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const at = EMIT_FORMATS.indexOf(format);
    const next = EMIT_FORMATS[(at + step + EMIT_FORMATS.length) % EMIT_FORMATS.length]!;
    choose(next);
    document.getElementById(tabId(next))?.focus();
  };

  async function copy(text: string) {
    setCopyNote(
      (await copyText(text))
        ? `Copied the ${file.label} text.`
        : 'The browser refused the clipboard: select the text above and copy it by hand (Ctrl+C / ⌘C).',
    );
  }

  async function save(text: string) {
    const saved = await api.save({ filename: file.fileName, mimeType: file.mimeType, encoding: 'utf8', content: text });
    if (saved) notify('info', `Saved ${file.fileName}`);
  }

  return (
    <div className="cmp-emit">
      <div className="cmp-emit-bar">
        <div className="cmp-emit-tabs" role="tablist" aria-label="Scheduler">
          {EMIT_FORMATS.map((f) => (
            <button
              key={f}
              id={tabId(f)}
              type="button"
              role="tab"
              aria-selected={format === f}
              aria-controls="cmp-emit-panel"
              tabIndex={format === f ? 0 : -1}
              onClick={() => choose(f)}
              onKeyDown={onTabKey}
            >
              {EMIT_FILES[f].label}
            </button>
          ))}
        </div>
        <label className="cmp-field">
          <input
            type="checkbox"
            checked={pinned}
            disabled={winner === null}
            onChange={(e) => setPinned(e.target.checked)}
          />
          {`Pinned to ${winner ?? 'the winner'}`}
        </label>
      </div>
      <div id="cmp-emit-panel" role="tabpanel" aria-labelledby={tabId(format)}>
        {out.ok ? (
          <>
            <label htmlFor="cmp-emit-text" className="visually-hidden">
              {`${file.label} text`}
            </label>
            <textarea
              id="cmp-emit-text"
              className="cmp-emit-text"
              readOnly
              spellCheck={false}
              rows={Math.min(out.emitted.text.split('\n').length, 18)}
              value={out.emitted.text}
            />
            {out.emitted.unexpressed.length > 0 && (
              <div className="cmp-emit-unexpressed">
                <p className="warn">{`Not expressible in ${file.label} (written as comments):`}</p>
                <ul>
                  {out.emitted.unexpressed.map((u, i) => (
                    <li key={i}>
                      <code>{u}</code>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className="toolbar cmp-emit-actions">
              <button type="button" onClick={() => void copy(out.emitted.text)}>
                Copy
              </button>
              <button type="button" onClick={() => void save(out.emitted.text)}>
                {`Save ${file.fileName}…`}
              </button>
              <span className="muted" role="status">
                {copyNote}
              </span>
            </div>
          </>
        ) : (
          <p className="muted cmp-emit-none">{out.message}</p>
        )}
      </div>
    </div>
  );
});
