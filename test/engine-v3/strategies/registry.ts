import { auto } from './auto.js';
import { cloudFirst } from './cloud-first.js';
import { costOptimized } from './cost-optimized.js';
import { localFirst } from './local-first.js';
import { performance } from './performance.js';
import type { Strategy } from './strategy.js';

/** Every strategy, in the order `compare` shows them. A new strategy is one module and one line here. */
export const STRATEGIES = [auto, localFirst, cloudFirst, costOptimized, performance] as const;

export type StrategyName = (typeof STRATEGIES)[number]['name'];

export const STRATEGY_NAMES = STRATEGIES.map((s) => s.name) as [StrategyName, ...StrategyName[]];

const byName = new Map<string, Strategy>(STRATEGIES.map((s) => [s.name, s]));

/** The strategy of that name, or undefined: an unknown name is the caller's usage error, never a silent switch. */
export function getStrategy(name: string): Strategy | undefined {
  return byName.get(name);
}
