import { own } from '../engine/checks.js';
import type { GpuDevice } from '../schema/capabilities.js';
import type { Target } from '../schema/targets.js';
import { breaksLines, header, named, type EmitInput, type Emitted } from './emitted.js';
import { admitsExactly, exportNodes, nodeName, type ExportNodes } from './nodes.js';
import { commonUnexpressed, gbToMiB, gpuCount, mayFit, wholeCores, type ResourceAsk } from './quantities.js';

type Node = Extract<Target, { type: 'nomad' }>;

/** One `constraint` block, and how to tell from our view of a node whether Nomad would pass it. */
interface Constraint {
  attribute: string;
  operator?: string;
  value: string;
  /** Unknown to us (undefined) counts as passing: Nomad may well see the attribute. */
  test: (t: Node) => boolean | undefined;
}

const KERNEL: Record<string, string> = { linux: 'linux', windows: 'windows', macos: 'darwin' };
const CPU_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };
const NODE_FIELDS: Record<string, string> = {
  datacenter: 'node.datacenter',
  'node.datacenter': 'node.datacenter',
  class: 'node.class',
  'node.class': 'node.class',
  nodeClass: 'node.class',
  pool: 'node.pool',
  'node.pool': 'node.pool',
};
const META_KEY = /^meta\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)$/;

/**
 * A quoted HCL string: escapes for `"` `\` and control characters, and `${`/`%{` doubled so that
 * nothing from a file is read as a template.
 */
export function hclString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (breaksLines(code)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out.replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`)}"`;
}

/** The attribute a custom requirement names on a Nomad node, or null when it names none. */
function attributeFor(key: string): string | null {
  const field = NODE_FIELDS[key];
  if (field !== undefined) return field;
  const meta = META_KEY.exec(key);
  return meta ? `meta.${meta[1]!}` : null;
}

function requirementConstraints(input: EmitInput): { constraints: Constraint[]; unmapped: string[] } {
  const req = input.task.requirements;
  const constraints: Constraint[] = [];
  const unmapped: string[] = [];
  if (req.os !== undefined) {
    const os = req.os;
    const test = (t: Node) => (t.capabilities?.os === undefined ? undefined : t.capabilities.os === os);
    constraints.push({ attribute: '${attr.kernel.name}', value: KERNEL[os]!, test });
  }
  if (req.arch !== undefined) {
    const arch = req.arch;
    const test = (t: Node) => (t.capabilities?.arch === undefined ? undefined : t.capabilities.arch === arch);
    constraints.push({ attribute: '${attr.cpu.arch}', value: CPU_ARCH[arch]!, test });
  }
  for (const [key, value] of Object.entries(req.custom ?? {})) {
    const attribute = attributeFor(key);
    if (attribute === null) unmapped.push(`custom.${key}=${value}`);
    else constraints.push({ attribute: `\${${attribute}}`, value, test: (t) => own(t.labels, key) === value });
  }
  return { constraints, unmapped };
}

/** Admits nodes by name: a set when no name holds a comma or blank, else an anchored regexp. */
function nameConstraint(names: string[]): Constraint {
  const attribute = '${node.unique.name}';
  const test = (t: Node) => names.includes(nodeName(t));
  if (names.every((n) => /^[^,\s]+$/.test(n)))
    return { attribute, operator: 'set_contains_any', value: names.join(','), test };
  const escaped = names.map((n) => n.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'));
  return { attribute, operator: 'regexp', value: `^(?:${escaped.join('|')})$`, test };
}

function constraintBlock(c: Constraint, indent: string): string {
  const op = c.operator === undefined ? '' : `${indent}  operator  = ${hclString(c.operator)}\n`;
  // Our own attribute is a Nomad interpolation, written as is; values come from files and are escaped.
  return `${indent}constraint {\n${indent}  attribute = "${c.attribute}"\n${op}${indent}  value     = ${hclString(c.value)}\n${indent}}\n`;
}

function chooseConstraints(input: EmitInput, nodes: ExportNodes<Node>, ask: ResourceAsk, vramMiB: number | null) {
  const names = (list: readonly Node[]) => [...new Set(list.map(nodeName))].sort();
  const pinned = nodes.pinned;
  if (pinned) {
    const only: Constraint = { attribute: '${node.unique.name}', value: nodeName(pinned), test: (t) => t === pinned };
    return { constraints: [only], byName: false };
  }
  const { constraints } = requirementConstraints(input);
  const vramOk = (d: GpuDevice) =>
    vramMiB === null || d.vramGb === undefined || d.vramGb === null || gbToMiB(d.vramGb) >= vramMiB;
  const fitAsk: ResourceAsk = ask.gpu
    ? { ...ask, gpu: { ...ask.gpu, device: (d, t) => ask.gpu!.device(d, t) && vramOk(d) } }
    : ask;
  const admitted = (t: Node) =>
    t.unschedulable === undefined && mayFit(t, fitAsk) && constraints.every((c) => c.test(t) !== false);
  if (admitsExactly(nodes, admitted)) return { constraints, byName: false };
  return { constraints: [...constraints, nameConstraint(names(nodes.eligible))], byName: true };
}

function nomadUnexpressed(input: EmitInput, unmapped: string[]): string[] {
  const req = input.task.requirements;
  const out = commonUnexpressed(input.task, 'Nomad');
  if (req.gpu?.type === 'apple') out.push('gpu.type apple: no Nomad device plugin for it; asking for any gpu');
  if (req.maxRuntimeMinutes !== undefined)
    out.push(`maxRuntimeMinutes ${req.maxRuntimeMinutes}: a Nomad job has no run time limit`);
  for (const u of unmapped) out.push(`${u}: not a Nomad node attribute (datacenter, class, pool or meta.*)`);
  if (req.tolerations?.length) out.push('tolerations: Kubernetes taints; Nomad has none');
  return out;
}

/** A Nomad job skeleton: the group's constraints and the task's resources and devices. */
export function emitNomad(input: EmitInput): Emitted {
  const nodes = exportNodes(input, 'nomad', 'Nomad');
  const req = input.task.requirements;
  const count = gpuCount(req);
  const vendor = req.gpu?.type;
  const device = vendor === undefined || vendor === 'apple' ? 'gpu' : `${vendor}/gpu`;
  const vramMiB = req.gpu?.minVram === undefined ? null : gbToMiB(req.gpu.minVram);
  const ask: ResourceAsk = {
    cpu: req.cpu === undefined ? undefined : wholeCores(req.cpu),
    memoryGb: req.memoryGb,
    diskGb: req.diskGb,
    ...(count > 0 ? { gpu: { count, device: (d) => device === 'gpu' || d.vendor === vendor } } : {}),
  };
  const { constraints, byName } = chooseConstraints(input, nodes, ask, vramMiB);
  const notes = ['memory, ephemeral_disk and device memory in MiB, from the task GB (10^9 bytes), rounded up'];
  if (byName)
    notes.push(`no attribute constraint admits exactly the ${nodes.eligible.length} eligible nodes: listed by name`);
  if (nodes.elsewhere > 0) notes.push(`${nodes.elsewhere} eligible nodes of other clusters are not covered`);
  const name = input.task.name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'task';
  let resources = '';
  if (req.cpu) resources += `        cores  = ${wholeCores(req.cpu)}\n`;
  if (req.memoryGb) resources += `        memory = ${gbToMiB(req.memoryGb)}\n`;
  if (count > 0) {
    const vram =
      vramMiB === null
        ? ''
        : constraintBlock(
            { attribute: '${device.attr.memory}', operator: '>=', value: `${vramMiB} MiB`, test: () => true },
            '          ',
          );
    resources += `\n        device ${hclString(device)} {\n          count = ${count}\n${vram}        }\n`;
  }
  let group = constraints.map((c) => constraintBlock(c, '    ')).join('\n');
  if (req.diskGb) group += `${group ? '\n' : ''}    ephemeral_disk {\n      size = ${gbToMiB(req.diskGb)}\n    }\n`;
  const body =
    `job ${hclString(name)} {\n  type = "batch"\n\n  group ${hclString(name)} {\n${group}${group ? '\n' : ''}` +
    `    task ${hclString(name)} {\n      # driver and config: yours\n` +
    (resources ? `      resources {\n${resources}      }\n` : '') +
    `    }\n  }\n}\n`;
  const unexpressed = nomadUnexpressed(input, requirementConstraints(input).unmapped);
  const what = nodes.pinned
    ? `Placement Explorer: task ${named(input.task.name)} pinned to Nomad node ${named(nodeName(nodes.pinned))}`
    : `Placement Explorer: task ${named(input.task.name)} on any of ${nodes.eligible.length} eligible Nomad nodes of ${nodes.universe.length}`;
  return { format: 'nomad', language: 'hcl', text: header(what, notes, unexpressed) + body, unexpressed };
}
