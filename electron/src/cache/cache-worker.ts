import { parentPort, workerData } from 'node:worker_threads';
import { serveCache } from './cache-protocol';
import { createCacheService } from './cache-service';
import { openCacheStore } from './cache-store';
import type { CacheWorkerData } from './start-cache-worker';

// The cache's thread: SQLite writes and full-text searches never hold up Electron's main thread.
const { file } = workerData as CacheWorkerData;
serveCache(parentPort!, createCacheService({ store: openCacheStore(file), fetch }));
