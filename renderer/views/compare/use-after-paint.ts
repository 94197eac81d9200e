import { useEffect, useState } from 'react';

/**
 * The value once the frame that shows its change has been painted: what can follow the ranking a
 * moment later (the charts, the relaxations, the scheduler's text) does not hold up its repaint,
 * and skips the states that fast typing runs past. The first value is shown at once.
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    // A task queued from an animation frame runs once that frame is painted.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(value));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}
