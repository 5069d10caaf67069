import type { CacheApi } from './cache-service';

type Method = keyof CacheApi;

/** Main → worker: one call of the cache API. */
export type CacheCall = { [M in Method]: { id: number; method: M; args: Parameters<CacheApi[M]> } }[Method];
/** Worker → main: its answer (errors cross as their message; Error objects do not clone whole). */
export type CacheAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** What both ends of the channel need: a worker_threads Worker, its parentPort, or a MessagePort. */
export interface CachePort {
  postMessage(message: unknown): void;
  // `any`: each end knows what it receives (CacheCall or CacheAnswer); Node types it as any too.
  on(event: 'message', listener: (message: any) => void): unknown;
}

/** Worker side: answers each call on `port` from `api`. */
export function serveCache(port: CachePort, api: CacheApi): void {
  port.on('message', (call: CacheCall) => {
    const method = api[call.method] as (...args: unknown[]) => Promise<unknown>;
    method(...call.args).then(
      (value) => port.postMessage({ id: call.id, ok: true, value } satisfies CacheAnswer),
      (error: unknown) =>
        port.postMessage({ id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies CacheAnswer),
    );
  });
}

/** Main side: the cache API over `port`. `fail` rejects every pending call (the worker died). */
export function connectCache(port: CachePort): CacheApi & { fail(error: Error): void } {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let failure: Error | null = null;

  port.on('message', (answer: CacheAnswer) => {
    const call = pending.get(answer.id);
    if (!call) return;
    pending.delete(answer.id);
    if (answer.ok) call.resolve(answer.value);
    else call.reject(new Error(answer.message));
  });

  function call<M extends Method>(method: M, ...args: Parameters<CacheApi[M]>): ReturnType<CacheApi[M]> {
    return new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ id, method, args } as CacheCall);
    }) as ReturnType<CacheApi[M]>;
  }

  return {
    setSession: (session) => call('setSession', session),
    syncNow: () => call('syncNow'),
    status: () => call('status'),
    search: (query) => call('search', query),
    categories: () => call('categories'),
    information: (id) => call('information', id),
    scripts: () => call('scripts'),
    fail(error) {
      failure = error;
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
    },
  };
}
