import { useEffect, useState } from 'react';

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** mm:ss; minutes keep counting past 59 (a long call reads 75:02). */
export function formatDuration(seconds: number): string {
  return `${twoDigits(Math.floor(seconds / 60))}:${twoDigits(seconds % 60)}`;
}

/** mm:ss since `startedAt`. */
export function formatElapsed(startedAt: string | number, now: number): string {
  const start = typeof startedAt === 'number' ? startedAt : Date.parse(startedAt);
  // The server's clock may run ahead of the desk's: a negative time would read as nonsense.
  return formatDuration(Math.max(0, Math.floor((now - start) / 1000)));
}

/** The time since `startedAt` (ISO or ms), ticking every second. */
export function useElapsed(startedAt: string | number): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return formatElapsed(startedAt, now);
}
