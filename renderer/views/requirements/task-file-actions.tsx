import { useState } from 'react';
import type { FileProblem } from '../../../shared/files/issues';
import { MAX_FILE_BYTES } from '../../../shared/files/parse';
import { useApi } from '../../api/context';
import { useAppStore } from '../../state/app-store';
import { convertKind, getIn, isPipeline, setIn } from '../../state/task-edit';
import { TASK_PRESETS, type TaskPreset } from '../../state/task-presets';
import { useTaskStore } from '../../state/task-store';

/** What went wrong opening a file, one line per problem, naming the file and the path in it. */
export interface OpenReport {
  fileName: string;
  problems: FileProblem[];
  loaded: boolean;
}

/** A preset fills the task, or only the selected node's demands when the file is a pipeline. */
function applyPreset(preset: TaskPreset, node: number): void {
  const { draft, setFile } = useTaskStore.getState();
  if (isPipeline(draft)) {
    const path = ['pipeline', 'nodes', node];
    const old = getIn(draft, path) as Record<string, unknown> | undefined;
    setFile(setIn(draft, path, { id: old?.['id'] ?? `step-${node + 1}`, ...preset.demands }));
  } else setFile({ task: { name: preset.name, ...preset.demands } }, 'replace');
}

/** Presets, task/pipeline, open and save: what acts on the whole file. */
export function TaskFileActions({ node, onOpened }: { node: number; onOpened: (report: OpenReport) => void }) {
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const draft = useTaskStore((s) => s.draft);
  const pipeline = isPipeline(draft);
  const [saving, setSaving] = useState(false);

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
    if (loaded && problems.length === 0) notify('info', `Opened ${file.name}`);
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
      if (saved) notify('info', `Saved ${fileName}`);
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
          <button key={p.id} type="button" onClick={() => applyPreset(p, node)}>
            {p.label}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <fieldset className="req-kind">
          <legend className="visually-hidden">File kind</legend>
          <label>
            <input
              type="radio"
              name="task-kind"
              checked={!pipeline}
              onChange={() => useTaskStore.getState().setFile(convertKind(draft, node), 'replace')}
            />{' '}
            Task
          </label>
          <label>
            <input
              type="radio"
              name="task-kind"
              checked={pipeline}
              onChange={() => useTaskStore.getState().setFile(convertKind(draft, node), 'replace')}
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
