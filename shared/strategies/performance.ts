import { totalVram } from './measures.js';
import type { Strategy } from './strategy.js';

function share(have: number | undefined, most: number): number {
  return most > 0 ? (have ?? 0) / most : 0;
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
    if (requirements.gpu === undefined) return { value: resources };
    return { value: 0.8 * share(totalVram(candidate, requirements), context.most.vramGb) + 0.2 * resources };
  },
};
