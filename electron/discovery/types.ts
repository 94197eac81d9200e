import type { Capabilities } from '../../shared/schema/capabilities.js';

/** What one discovery found for one target, and how it went. */
export interface DiscoveryReport {
  targetId: string;
  capabilities: Capabilities;
  /** Things a person should know (a tool that hung, a GPU whose VRAM is unknown); never fatal. */
  warnings: string[];
  /** ISO time the discovery finished. */
  discoveredAt: string;
  durationMs: number;
  /** The tool names looked for, so that a later task needing another tool knows to look again. */
  toolsProbed?: string[];
}

/** A discovery that could not be made at all (an unreachable host, garbage output), in one line. */
export class DiscoveryError extends Error {
  constructor(
    readonly targetId: string,
    message: string,
  ) {
    super(message);
    this.name = 'DiscoveryError';
  }
}
