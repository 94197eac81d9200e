/** The schedulers a placement can be written for: `place --emit`, the app's "Use this placement", reports. */
export const EMIT_FORMATS = ['kubernetes', 'slurm', 'nomad', 'skypilot'] as const;
export type EmitFormat = (typeof EMIT_FORMATS)[number];
