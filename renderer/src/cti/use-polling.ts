import { useEffect, useState } from 'react';
import { describeError, type ApiClient } from '../api/client';
import { useApi } from '../auth/SessionProvider';

export interface Polled<T> {
  /** The last answer; kept while a newer one is fetched or after a failure, so the page does not flicker. */
  data: T | null;
  error: string | null;
}

/**
 * Asks now and then `intervalMs` after each answer (never two requests at once), skipping the
 * rounds while the window is hidden; a new `key` starts over.
 */
export function usePolling<T>(load: (api: ApiClient) => Promise<T>, intervalMs: number, key = ''): Polled<T> {
  const api = useApi();
  const [result, setResult] = useState<Polled<T>>({ data: null, error: null });

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      if (active) timer = setTimeout(round, intervalMs);
    };
    async function round() {
      if (document.hidden) return next();
      try {
        const data = await load(api);
        if (active) setResult({ data, error: null });
      } catch (error) {
        if (active) setResult((previous) => ({ ...previous, error: describeError(error) }));
      }
      next();
    }
    void round();
    return () => {
      active = false;
      clearTimeout(timer);
    };
    // `key` names what `load` fetches, so callers may pass a new closure on every render.
  }, [api, key, intervalMs]);

  return result;
}
