import type { PlacementResult } from '../schema/result.js';
import type { Target } from '../schema/targets.js';
import type { Task } from '../schema/task.js';

/** What an exporter reads: the task, the engine's decision over `targets`, and which form to write. */
export interface EmitInput {
  task: Task;
  result: PlacementResult;
  targets: readonly Target[];
  /** True: pinned to the selected target. False: constraints that admit exactly the eligible nodes. */
  pinned: boolean;
}

/** A placement written in a scheduler's own language. */
export interface Emitted {
  format: string;
  language: 'yaml' | 'hcl' | 'shell';
  text: string;
  /** What the scheduler cannot express, one line each; each is also a comment in `text`. */
  unexpressed: string[];
}

/** There is nothing to write for this scheduler: no target selected, or none of its nodes fits. */
export class EmitError extends Error {
  override name = 'EmitError';
}

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** True for control characters and the separators some readers break lines at (U+0085, U+2028, U+2029). */
export function breaksLines(code: number): boolean {
  return code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** Text from a file made safe for a one-line comment or message: control characters written as escapes. */
export function oneLine(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += SHORT[ch] ?? (breaksLines(code) ? `\\u${code.toString(16).padStart(4, '0')}` : ch);
  }
  return out;
}

/** A quoted name for messages and comments: `'gpu-1'`, escaped to stay on one line. */
export function named(text: string): string {
  return `'${oneLine(text)}'`;
}

/** `# …` lines for YAML, HCL and shell alike; every line passes through oneLine. */
export function commentLines(lines: readonly string[]): string {
  return lines.map((l) => `# ${oneLine(l)}\n`).join('');
}

/** The comment block every format starts with: what was placed where, then what the scheduler cannot say. */
export function header(what: string, notes: readonly string[], unexpressed: readonly string[]): string {
  return commentLines([what, ...notes, ...unexpressed.map((u) => `not expressed: ${u}`)]);
}
