import { useRef, useState, type ChangeEvent } from 'react';
import { checkTargetsFile, parseText } from '../../../shared/files/parse';
import type { TargetsFile } from '../../../shared/schema/targets';
import type { Saved } from './targets-store';

/** Every problem of a file as one line naming the file and the path: `targets.yaml: targets[1].id: …`. */
export function problemLines(fileName: string, problems: readonly { path: string; message: string }[]): string[] {
  return problems.map((p) => `${fileName}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
}

/** Reads a targets file and checks it like the CLI does; the problems, or the file's content. */
export function readTargetsFile(
  fileName: string,
  text: string,
): { ok: true; value: TargetsFile } | { ok: false; lines: string[] } {
  const parsed = parseText(text, fileName);
  if (!parsed.ok) return { ok: false, lines: problemLines(fileName, parsed.problems) };
  const checked = checkTargetsFile(parsed.value);
  return checked.ok ? checked : { ok: false, lines: problemLines(fileName, checked.problems) };
}

/**
 * Imports a targets file (YAML, or JSON by its name): its targets and options replace the configured
 * ones. A file with any problem saves nothing; `onProblems` gets every problem with its file and path
 * (an empty list once a file imports).
 */
export function ImportTargets({
  onImport,
  onProblems,
}: {
  onImport(file: TargetsFile, fileName: string): Promise<Saved>;
  onProblems(lines: string[]): void;
}) {
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const read = readTargetsFile(file.name, await file.text());
      if (!read.ok) return onProblems(read.lines);
      const saved = await onImport(read.value, file.name);
      onProblems(saved.ok ? [] : problemLines(file.name, saved.problems));
    } finally {
      setBusy(false);
      // The same file may be chosen again after fixing it.
      if (input.current) input.current.value = '';
    }
  }

  return (
    <label className="tgt-import">
      <span>{busy ? 'Importing…' : 'Import a targets file'}</span>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,.json,application/json,application/yaml"
        onChange={(e) => void choose(e)}
        disabled={busy}
        title="YAML or JSON; its targets and placement options replace the current ones"
      />
    </label>
  );
}

/** What was wrong with an imported file, line by line, until dismissed or a file imports. */
export function ImportProblems({ lines, onDismiss }: { lines: string[]; onDismiss(): void }) {
  if (lines.length === 0) return null;
  return (
    <div className="card tgt-problems" role="alert" aria-label="Import problems">
      <strong className="bad">Nothing was imported: fix these and import the file again.</strong>
      <ul>
        {lines.map((line, i) => (
          <li key={i}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
