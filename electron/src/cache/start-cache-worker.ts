import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { connectCache } from './cache-protocol';
import type { CacheApi } from './cache-service';

export interface CacheWorkerData {
  /** The SQLite file of the cache. */
  file: string;
}

/**
 * Starts the cache in a worker thread and answers its API from main. If the worker dies, every
 * call fails with a pt-BR message (the renderer falls back to the server) instead of hanging.
 */
export function startCacheWorker(
  file: string,
  script = path.join(__dirname, 'cache-worker.js'),
): CacheApi & { close(): Promise<void> } {
  const worker = new Worker(script, { workerData: { file } satisfies CacheWorkerData });
  const cache = connectCache(worker);
  const unavailable = new Error('A base local está indisponível.');
  worker.on('error', (error) => {
    console.error(error);
    cache.fail(unavailable);
  });
  worker.on('exit', () => cache.fail(unavailable));
  return {
    ...cache,
    async close() {
      await worker.terminate();
    },
  };
}
