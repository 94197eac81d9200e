import { useEffect, useId, useRef, useState } from 'react';
import type { FileProblem } from '../../../shared/files/issues';
import { MAX_FILE_BYTES } from '../../../shared/files/parse';
import { useApi } from '../../api/context';
import { useAppStore } from '../../state/app-store';
import { isPipeline, nodesOf } from '../../state/task-edit';
import { TASK_PRESETS } from '../../state/task-presets';
import { isEdited, taskNameOf } from '../../state/task-selectors';
import { useTaskStore } from '../../state/task-store';

/** What went wrong opening a file, one line per problem, naming the file and the path in it. */
export interface OpenReport {
  fileName: string;
  problems: FileProblem[];
  loaded: boolean;
}

/** A replacement of an edited task, waiting for the user's word. */
interface Pending {
  question: string;
  confirm: string;
  run(): void;
}

/** Asks, inside the view, before an edited task is replaced; the focus goes to the question's answer. */
function ConfirmReplace({ pending, onDone }: { pending: Pending; onDone: () => void }) {
  const id = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), [pending]);
  return (
    <div
      className="card req-confirm"
      role="alertdialog"
      aria-labelledby={id}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <p id={id}>{pending.question}</p>
      <div className="toolbar">
        <button
          ref={confirm}
          type="button"
          className="primary"
          onClick={() => {
            pending.run();
            onDone();
          }}
        >
          {pending.confirm}
        </button>
        <button type="button" onClick={onDone}>
          Keep my task
        </button>
      </div>
    </div>
  );
}

/** Presets, new task, task/pipeline, open and save: what acts on the whole file. */
export function TaskFileActions({
  node,
  onOpened,
  onNewTask,
}: {
  node: number;
  onOpened: (report: OpenReport) => void;
  /** After a new task has replaced the old one: the view goes back to its first node and its name field. */
  onNewTask: () => void;
}) {
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const draft = useTaskStore((s) => s.draft);
  const pipeline = isPipeline(draft);
  const [saving, setSaving] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);

  /** Runs `run` at once on a task that was not edited; asks first on one that was. */
  function replacing(what: string, confirm: string, run: () => void) {
    const state = useTaskStore.getState();
    if (!isEdited(state)) return run();
    const name = taskNameOf(state.draft);
    setPending({
      question: `${what} replaces ${name ? `“${name}”` : 'the task'}, which you have edited. Replace it? (Undo, in the notice that follows, brings it back.)`,
      confirm,
      run,
    });
  }

  function preset(p: (typeof TASK_PRESETS)[number]) {
    const { applyPreset } = useTaskStore.getState();
    const at = isPipeline(draft) ? `, for node ${String(nodesOf(draft)[node]?.['id'] ?? node + 1)},` : '';
    replacing(`The preset ${p.label}${at}`, `Use ${p.label}`, () => applyPreset(p, node));
  }

  async function openFile(file: File) {
    if (file.size > MAX_FILE_BYTES) {
      onOpened({
        fileName: file.name,
        loaded: false,
        problems: [{ path: '', message: 'the file is larger than 16 MB' }],
      });
      return;
    }
    const { loaded, problems } = useTaskStore.getState().open(file.name, await file.text());
    onOpened({ fileName: file.name, loaded, problems });
  }

  async function save() {
    const { text, fileName } = useTaskStore.getState();
    setSaving(true);
    try {
      const saved = await api.save({
        filename: fileName,
        mimeType: 'application/yaml',
        encoding: 'utf8',
        content: text,
      });
      if (saved) {
        // What is saved is safe: the task counts as unedited from here.
        useTaskStore.setState({ pristine: text }, false, 'task/saved');
        notify('info', `Saved ${fileName}`);
      }
    } catch (err) {
      notify('error', `Could not save ${fileName}: ${(err as Error).message}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="req-actions">
      <div className="toolbar" role="group" aria-label="Presets">
        <span className="muted">Presets:</span>
        {TASK_PRESETS.map((p) => (
          <button key={p.id} type="button" onClick={() => preset(p)}>
            {p.label}
          </button>
        ))}
      </div>
      {pending && <ConfirmReplace pending={pending} onDone={() => setPending(null)} />}
      <div className="toolbar">
        <button
          type="button"
          onClick={() =>
            replacing('A new task', 'Start a new task', () => {
              useTaskStore.getState().newTask();
              onNewTask();
            })
          }
        >
          New task
        </button>
        <fieldset className="req-kind">
          <legend className="visually-hidden">File kind</legend>
          <label>
            <input
              type="radio"
              name="task-kind"
              checked={!pipeline}
              onChange={() => useTaskStore.getState().convert(node)}
            />{' '}
            Task
          </label>
          <label>
            <input
              type="radio"
              name="task-kind"
              checked={pipeline}
              onChange={() => useTaskStore.getState().convert(node)}
            />{' '}
            Pipeline
          </label>
        </fieldset>
        <label className="req-open">
          <span>Open task file…</span>
          <input
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void openFile(file);
            }}
          />
        </label>
        <button type="button" onClick={() => void save()} disabled={saving}>
          Save task file
        </button>
      </div>
    </div>
  );
}
