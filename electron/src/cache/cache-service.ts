import {
  changeFeedSchema,
  type CategoryTree,
  type DesktopCacheStatus,
  type Information,
  type ScriptList,
  type SearchQuery,
  type SearchResponse,
} from '@receptivo/shared';
import type { CacheStore } from './cache-store';

export interface CacheSession {
  serverUrl: string;
  token: string;
}

/** What the cache answers; the same in the worker and, through the message protocol, in main. */
export interface CacheApi {
  /** Signed in: sync now, then every `intervalMs`; called again, syncs again at once. Null: stop. */
  setSession(session: CacheSession | null): Promise<void>;
  /** Syncs now (asked during a sync: once more right after it) and answers the status after. */
  syncNow(): Promise<DesktopCacheStatus>;
  status(): Promise<DesktopCacheStatus>;
  search(query: SearchQuery): Promise<SearchResponse>;
  categories(): Promise<CategoryTree>;
  information(id: string): Promise<Information | null>;
  scripts(): Promise<ScriptList>;
}

export interface CacheServiceOptions {
  store: CacheStore;
  fetch: typeof fetch;
  /** Change feed page size. */
  pageSize?: number;
  intervalMs?: number;
  /** Give up on a page after this long (a hung connection must not stop the next syncs). */
  requestTimeoutMs?: number;
  now?: () => Date;
}

/** A sync that failed, with what the attendant is told (pt-BR). */
export class CacheSyncError extends Error {
  override readonly name = 'CacheSyncError';
}

/**
 * Pulls the change feed page by page from the version the store reached. Each page is written
 * with its version in one transaction, so a sync cut anywhere resumes from the last written page.
 * Stops without writing once `signal` is aborted (logout, another server).
 */
export async function syncCache(
  store: CacheStore,
  session: CacheSession,
  { fetch, pageSize = 500, requestTimeoutMs = 30_000, now = () => new Date(), signal }: Omit<CacheServiceOptions, 'store' | 'intervalMs'> & {
    signal: AbortSignal;
  },
): Promise<void> {
  const base = session.serverUrl.replace(/\/+$/, '');
  for (;;) {
    const since = store.version();
    let response: Response;
    try {
      response = await fetch(`${base}/api/knowledge/changes?since=${since}&limit=${pageSize}`, {
        headers: { Authorization: `Bearer ${session.token}` },
        signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]),
      });
    } catch (error) {
      if (signal.aborted) return;
      throw new CacheSyncError('Servidor indisponível: a base local mostra o que foi sincronizado por último.', { cause: error });
    }
    if (response.status === 401) throw new CacheSyncError('Sessão expirada: entre novamente para atualizar a base local.');
    if (!response.ok) throw new CacheSyncError(`O servidor recusou a atualização da base local (HTTP ${response.status}).`);
    const page = changeFeedSchema.safeParse(await response.json().catch(() => null));
    if (!page.success || (page.data.hasMore && page.data.version <= since)) {
      throw new CacheSyncError('O servidor respondeu com dados inválidos ao atualizar a base local.');
    }
    if (signal.aborted) return;
    store.applyPage(page.data, now());
    if (!page.data.hasMore) return;
  }
}

/**
 * The cache and its sync loop: synced when a session is set, then every `intervalMs` while
 * signed in; queries answer from the store whether the server is reachable or not.
 */
export function createCacheService(options: CacheServiceOptions): CacheApi & { close(): void } {
  const { store, intervalMs = 30_000 } = options;
  let session: CacheSession | null = null;
  let timer: NodeJS.Timeout | undefined;
  let abort = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  let error: string | null = null;

  const status = (): DesktopCacheStatus => ({
    version: store.version(),
    lastSyncAt: store.lastSyncAt(),
    informations: store.informationCount(),
    syncing: running !== null,
    error,
  });

  async function syncWhileAsked(): Promise<void> {
    do {
      again = false;
      if (!session) return;
      const { signal } = abort;
      try {
        await syncCache(store, session, { ...options, signal });
        if (!signal.aborted) error = null;
      } catch (failure) {
        if (signal.aborted) continue;
        error = failure instanceof CacheSyncError ? failure.message : 'Falha ao atualizar a base local.';
        if (!(failure instanceof CacheSyncError)) console.error(failure);
      }
    } while (again);
  }

  function syncNow(): Promise<void> {
    // A request during a sync runs one more right after it, so nothing asked for is missed.
    if (running) {
      again = true;
      return running;
    }
    running = syncWhileAsked().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    async setSession(next) {
      abort.abort();
      abort = new AbortController();
      clearInterval(timer);
      session = next;
      if (!next) return;
      const origin = new URL(next.serverUrl).origin;
      if (store.server() !== origin) store.reset(origin);
      timer = setInterval(() => void syncNow(), intervalMs);
      void syncNow();
    },
    syncNow: () => syncNow().then(status),
    status: async () => status(),
    search: async (query) => store.search(query),
    categories: async () => store.categories(),
    information: async (id) => store.information(id),
    scripts: async () => store.scripts(),
    close() {
      abort.abort();
      clearInterval(timer);
      store.close();
    },
  };
}
