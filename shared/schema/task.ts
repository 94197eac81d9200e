import * as z from 'zod';
import { estimate } from './estimate.js';
import { normaliseDemands, parseToolSpec, preferences, requirements, selector } from './requirements.js';

const name = z
  .string({ error: 'expected a name' })
  .min(1, { error: 'expected a non-empty name' })
  .max(200, { error: 'expected at most 200 characters' });

const demands = {
  requirements: requirements.optional().default({}),
  preferences: preferences.optional().default({}),
  affinity: z.array(selector, { error: 'expected a list of target ids or key=value labels' }).optional(),
  antiAffinity: z.array(selector, { error: 'expected a list of target ids or key=value labels' }).optional(),
  estimate: estimate.optional(),
};

function normalise<
  T extends { requirements: z.output<typeof requirements>; preferences: z.output<typeof preferences> },
>(value: T): T {
  return { ...value, ...normaliseDemands(value.requirements, value.preferences) };
}

/** One task: what it needs (hard), what it would like (soft), where it would rather (not) run. */
export const task = z.strictObject({ name, ...demands }).transform(normalise);

const nodeId = z
  .string({ error: 'expected a node id' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { error: 'expected a node id of letters, digits, . _ -' });

export const pipelineNode = z.strictObject({ id: nodeId, name: name.optional(), ...demands }).transform(normalise);

export const pipeline = z
  .strictObject({
    name,
    nodes: z.array(pipelineNode, { error: 'expected a list of nodes' }).min(1, { error: 'expected at least one node' }),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.nodes.forEach((node, i) => {
      if (seen.has(node.id))
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id "${node.id}"` });
      seen.add(node.id);
    });
  });

export const taskFile = z.strictObject({ task });
export const pipelineFile = z.strictObject({ pipeline });
/** A task file holds either one `task:` or one `pipeline:`. */
export const taskOrPipelineFile = z.union([taskFile, pipelineFile]);

export type Task = z.output<typeof task>;
export type TaskInput = z.input<typeof task>;
export type PipelineNode = z.output<typeof pipelineNode>;
export type Pipeline = z.output<typeof pipeline>;
export type TaskFile = z.output<typeof taskFile>;
export type PipelineFile = z.output<typeof pipelineFile>;
export type TaskOrPipelineFile = TaskFile | PipelineFile;

/** Every tool a task (or each node of a pipeline) names, in its requirements or preferences. */
export function toolsNamed(file: TaskOrPipelineFile): string[] {
  const all = 'task' in file ? [file.task] : file.pipeline.nodes;
  return all
    .flatMap((d) => [...(d.requirements.tools ?? []), ...(d.preferences.tools ?? [])])
    .map((spec) => parseToolSpec(spec)!.name);
}
