import { num } from '../engine/format.js';
import { part, totalVram } from './measures.js';
import type { ScorePart, Strategy } from './strategy.js';

function share(have: number | undefined, most: number): number {
  return most > 0 ? (have ?? 0) / most : 0;
}

/** `memory 32 of the most 64 GB → 0.5 × 0.1`: one resource's share of the best candidate's. */
function sharePart(name: string, unit: string, have: number | undefined, most: number, weight: number): ScorePart {
  return part(name, weight, share(have, most), `${num(have ?? 0)} of the most ${num(most)}${unit}`);
}

/**
 * The most of what the task asks for: GPU VRAM first for GPU tasks (80 % of the value), then CPU,
 * memory and disk, each relative to the best candidate.
 */
export const performance: Strategy<'performance'> = {
  name: 'performance',
  description: 'the most of the resources the task asks for, GPU VRAM first for GPU tasks',
  reason: 'CapabilityMatch',
  score(candidate, requirements, context) {
    const caps = candidate.target.capabilities ?? {};
    const parts = [share(caps.cpu, context.most.cpu), share(caps.memoryGb, context.most.memoryGb)];
    if (requirements.diskGb !== undefined) parts.push(share(caps.diskGb, context.most.diskGb));
    const resources = parts.reduce((a, b) => a + b, 0) / parts.length;
    const gpu = requirements.gpu !== undefined;
    const w = (gpu ? 0.2 : 1) / parts.length;
    const named = [
      sharePart('cpu', ' cores', caps.cpu, context.most.cpu, w),
      sharePart('memory', ' GB', caps.memoryGb, context.most.memoryGb, w),
    ];
    if (requirements.diskGb !== undefined) named.push(sharePart('disk', ' GB', caps.diskGb, context.most.diskGb, w));
    if (!gpu) return { value: resources, parts: named };
    const vram = totalVram(candidate, requirements);
    return {
      value: 0.8 * share(vram, context.most.vramGb) + 0.2 * resources,
      parts: [sharePart('GPU VRAM', ' GB', vram, context.most.vramGb, 0.8), ...named],
    };
  },
};
