import { useEffect, useState } from 'react';
import { ApiError, describeError, type ApiClient } from '../api/client';
import { useApi } from '../auth/SessionProvider';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'failed'; message: string; retry: boolean }
  | { state: 'ready'; data: T };

/**
 * Loads one thing from the API when the component mounts and again whenever `key` changes;
 * answers arriving after an unmount or a newer key are dropped. `reload` asks again.
 */
export function useLoad<T>(load: (api: ApiClient) => Promise<T>, key = ''): [Load<T>, () => void] {
  const api = useApi();
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load(api).then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: unknown) => {
        if (!current) return;
        // Asking again only helps when the server was unreachable or failed, not when it refused.
        const retry = !(error instanceof ApiError) || error.statusCode >= 500;
        setResult({ state: 'failed', message: describeError(error), retry });
      },
    );
    return () => {
      current = false;
    };
    // `key` names what `load` fetches, so callers may pass a new closure on every render.
  }, [api, key, attempt]);

  return [result, () => setAttempt((count) => count + 1)];
}
