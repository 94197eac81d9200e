export * from './aliases.js';
export * from './capabilities.js';
export * from './history.js';
export * from './primitives.js';
export * from './requirements.js';
export * from './result.js';
export * from './targets.js';
export * from './task.js';
