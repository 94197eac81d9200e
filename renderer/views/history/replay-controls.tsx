import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import { useHistoryStore } from './history-store';

/** Play speeds: how long each entry stays on screen. */
export const SPEEDS = [
  { label: '0.5× (4 s per entry)', ms: 4000 },
  { label: '1× (2 s per entry)', ms: 2000 },
  { label: '2× (1 s per entry)', ms: 1000 },
  { label: '4× (0.5 s per entry)', ms: 500 },
] as const;

/**
 * Steps through the history in time order, as the timeline reads (older on the left): ◀ Older goes
 * to the older entry, Newer ▶ to the newer one;
 * Play moves forward in time at the chosen speed (from the oldest when nothing is selected or the
 * newest is) and stops at the newest. Each step waits for its replay before the next one is timed.
 */
export function ReplayControls() {
  const client = useClient();
  const selected = useHistoryStore((s) => s.selected);
  const total = useHistoryStore((s) => s.total);
  const selectedId = useHistoryStore((s) => s.selectedId);
  const replayLoading = useHistoryStore((s) => (s.selectedId ? (s.replays[s.selectedId]?.loading ?? true) : false));
  const select = useHistoryStore((s) => s.select);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);

  useEffect(() => {
    if (!playing || selected === null || selectedId === null || replayLoading) return;
    if (selected === 0) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => void select(client, selected - 1), SPEEDS[speed]!.ms);
    return () => clearTimeout(timer);
  }, [playing, selected, selectedId, replayLoading, speed, client, select]);

  function play() {
    if (selected === null || selected === 0) void select(client, total - 1);
    setPlaying(true);
  }

  const none = total === 0;
  return (
    <div className="toolbar hist-controls" role="group" aria-label="Replay controls">
      <button
        type="button"
        onClick={() => void select(client, selected === null ? 0 : selected + 1)}
        disabled={none || (selected !== null && selected >= total - 1)}
        aria-label="Older entry"
      >
        ◀ Older
      </button>
      {playing ? (
        <button type="button" className="primary" onClick={() => setPlaying(false)} aria-label="Pause">
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" className="primary" onClick={play} disabled={none} aria-label="Play">
          ▶ Play
        </button>
      )}
      <button
        type="button"
        onClick={() => void select(client, selected === null ? 0 : selected - 1)}
        disabled={none || selected === 0}
        aria-label="Newer entry"
      >
        Newer ▶
      </button>
      <label htmlFor="hist-speed">Speed</label>
      <select id="hist-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s, i) => (
          <option key={s.ms} value={i}>
            {s.label}
          </option>
        ))}
      </select>
      <span className="muted hist-position" role="status">
        {playing
          ? 'Playing'
          : selected === null
            ? 'Select an entry to replay it'
            : `Entry ${total - selected} of ${total} (oldest first)`}
      </span>
    </div>
  );
}
