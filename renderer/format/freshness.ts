import type { TargetFreshness } from '../../shared/api/contract';
import { formatAge } from './age';

/** Discovered (this machine) or probed (an SSH host): the words a target's freshness is told in. */
function words(type: string) {
  return type === 'local'
    ? { done: 'discovered', noun: 'discovery', running: 'discovering…' }
    : { done: 'probed', noun: 'probe', running: 'probing…' };
}

/**
 * A target's freshness for people, `elapsedMs` after it was answered (so ages keep ticking):
 * `probed 2 min ago`, `probe failed: timed out after 10 s connecting to 10.0.0.5:22 (2 min ago);
 * using the capabilities written in the file`, `probing…; using the capabilities written in the file`,
 * `as written`. `short` leaves out the reason and what is used (a matrix row; the full text is its title).
 */
export function freshnessText(type: string, f: TargetFreshness, elapsedMs = 0, short = false): string {
  const w = words(type);
  const age = (ms: number | null | undefined) => formatAge((ms ?? 0) + elapsedMs);
  switch (f.state) {
    case 'discovered':
      return `${w.done} ${age(f.ageMs)}`;
    case 'probing':
      return short ? w.running : `${w.running}; using the capabilities written in the file until it answers`;
    case 'probe-failed': {
      if (short) return `${w.noun} failed ${age(f.ageMs)}`;
      const using =
        f.lastGoodAgeMs == null
          ? 'the capabilities written in the file'
          : `the capabilities ${w.done} ${age(f.lastGoodAgeMs)}`;
      return `${w.noun} failed: ${f.reason ?? 'no reason given'} (${age(f.ageMs)}); using ${using}`;
    }
    default:
      return 'as written';
  }
}
