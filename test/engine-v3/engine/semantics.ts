/**
 * The version of the engine's semantics that history records carry, so that a replay knows what to
 * expect. 1: before results said what they could not check; 2 (issue 12): `warnings`, unknown
 * capabilities marked `unknown` with their own words and suggestions, an unstated runtime limit no
 * longer listed as met, and a failure the mode made reported as ModeRestricted.
 */
export const ENGINE_SEMANTICS = 3;
// 3 (issue 13): a task may state an `estimate`; with one, cost and runtime are estimated, the
// strategies weigh time and cost to result, and scores carry estimatedMinutes and estimate. A task
// without one is placed exactly as under 2, so records of 2 replay unchanged.
