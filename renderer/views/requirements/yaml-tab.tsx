import { useMemo, useRef } from 'react';
import { lineOfPath } from '../../state/task-yaml';
import { useTaskStore } from '../../state/task-store';

/** The character offsets of a 1-based line. */
function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

/** The task file as YAML, edited as text; each problem says its line and path and jumps to it. */
export function YamlTab() {
  const text = useTaskStore((s) => s.text);
  const problems = useTaskStore((s) => s.problems);
  const setText = useTaskStore((s) => s.setText);
  const area = useRef<HTMLTextAreaElement>(null);
  const located = useMemo(
    () =>
      problems.map((p) => {
        const written = /^line (\d+)/.exec(p.message);
        return { ...p, line: written ? Number(written[1]) : p.path ? lineOfPath(text, p.path) : null };
      }),
    [problems, text],
  );
  const jump = (line: number) => {
    const el = area.current;
    if (!el) return;
    const [start, end] = lineRange(el.value, line);
    el.focus();
    el.setSelectionRange(start, end);
  };
  return (
    <div className="req-yaml">
      <label htmlFor="task-yaml" className="visually-hidden">
        Task file (YAML)
      </label>
      <textarea
        id="task-yaml"
        ref={area}
        className="req-yaml-text"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={text}
        aria-invalid={problems.length > 0}
        aria-describedby="task-yaml-problems"
        onChange={(e) => setText(e.target.value)}
      />
      <div id="task-yaml-problems" className="req-yaml-problems" aria-live="polite">
        {located.length === 0 ? (
          <p className="ok">✓ A valid task file.</p>
        ) : (
          <ul aria-label="Problems in the YAML">
            {located.map((p, i) => (
              <li key={i} className="field-error">
                {p.line !== null ? (
                  <button type="button" className="req-link" onClick={() => jump(p.line!)}>
                    {`line ${p.line}`}
                  </button>
                ) : null}{' '}
                {p.path && <code>{p.path}</code>} {p.message.replace(/^line \d+, /, '')}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
