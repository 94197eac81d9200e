export * from './schema/index.js';
export * from './engine/place.js';
export type { PlacementEvent, PlacementListener } from './engine/events.js';
export { STRATEGIES, STRATEGY_NAMES, getStrategy, type StrategyName } from './strategies/registry.js';
export type { Strategy, StrategyContext, StrategyScore, Candidate } from './strategies/strategy.js';
