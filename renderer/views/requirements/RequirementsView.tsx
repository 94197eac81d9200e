import { useState, type KeyboardEvent } from 'react';
import { taskNameOf } from '../../state/task-selectors';
import { useTaskStore } from '../../state/task-store';
import { TaskFileActions, type OpenReport } from './task-file-actions';
import { TaskForm } from './task-form';
import { YamlTab } from './yaml-tab';
import './requirements.css';
import { count } from '../../format/count';

type Tab = 'form' | 'yaml';
const TABS: { id: Tab; label: string }[] = [
  { id: 'form', label: 'Form' },
  { id: 'yaml', label: 'YAML' },
];

function OpenedFile({ report, onDismiss }: { report: OpenReport; onDismiss: () => void }) {
  return (
    <div className="card req-opened" role="alert">
      <p>
        {report.loaded
          ? `Opened ${report.fileName}, which has problems to fix:`
          : `Could not open ${report.fileName}; the task was left as it was:`}
      </p>
      <ul>
        {report.problems.map((p, i) => (
          <li key={i} className="field-error">
            {`${report.fileName}: ${p.path ? `${p.path}: ` : ''}${p.message}`}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Requirements: the task as a form and as YAML, kept in sync, with presets, open and save. */
export default function RequirementsView() {
  const [tab, setTab] = useState<Tab>('form');
  const [node, setNode] = useState(0);
  const [opened, setOpened] = useState<OpenReport | null>(null);
  const problems = useTaskStore((s) => s.problems);
  const unnamed = useTaskStore((s) => !s.syntaxError && taskNameOf(s.draft) === '');
  // A task waiting for its name is not yet a task with problems: the status says what to do first.
  const waiting = unnamed && problems.every((p) => p.path === 'task.name' || p.path === 'pipeline.name');

  // Arrow keys move between tabs, as the ARIA tabs pattern has it.
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`req-tab-${next.id}`)?.focus();
  };

  return (
    <div className="req-view">
      <TaskFileActions
        node={node}
        onOpened={(r) => {
          setNode(0);
          setOpened(r.problems.length > 0 ? r : null);
        }}
        onNewTask={() => {
          setNode(0);
          setOpened(null);
          setTab('form');
        }}
      />
      {opened && <OpenedFile report={opened} onDismiss={() => setOpened(null)} />}
      <p
        className={waiting ? 'muted req-status' : problems.length > 0 ? 'bad req-status' : 'ok req-status'}
        role="status"
      >
        {waiting
          ? 'Name your task, then say what it needs: a field left empty asks for nothing. Compare ranks it once it has a name. Or start from a preset.'
          : problems.length === 0
            ? '✓ The task is valid; Compare ranks it live.'
            : `✗ ${count(problems.length, 'problem')}, shown next to ${
                tab === 'form' ? 'the fields' : 'the YAML'
              }. Compare keeps ranking the last valid version.`}
      </p>
      {tab === 'form' && problems.length > 0 && !waiting && (
        <ul className="req-problems" aria-label="Problems in the task">
          {problems.map((p, i) => (
            <li key={i} className="field-error">
              {p.path && <code>{p.path}</code>} {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="req-tabs" role="tablist" aria-label="Edit as">
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`req-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`req-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`req-panel-${tab}`} role="tabpanel" aria-labelledby={`req-tab-${tab}`}>
        {tab === 'form' ? <TaskForm node={node} onNode={setNode} /> : <YamlTab />}
      </div>
    </div>
  );
}
