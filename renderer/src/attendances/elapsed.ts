import { useEffect, useState } from 'react';

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** mm:ss since `startedAt`; minutes keep counting past 59 (a long call reads 75:02). */
export function formatElapsed(startedAt: string, now: number): string {
  // The server's clock may run ahead of the desk's: a negative time would read as nonsense.
  const seconds = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
  return `${twoDigits(Math.floor(seconds / 60))}:${twoDigits(seconds % 60)}`;
}

/** The time since `startedAt`, ticking every second. */
export function useElapsed(startedAt: string): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return formatElapsed(startedAt, now);
}
