import { FakeKnowledgeServer } from '../testing/knowledge-feed';
import { createCacheService, syncCache } from './cache-service';
import { openCacheStore, type CacheStore } from './cache-store';

const SERVER = 'http://10.0.0.5:3000';
const session = { serverUrl: SERVER, token: 'token-1' };

describe('cache sync', () => {
  let server: FakeKnowledgeServer;
  let store: CacheStore;
  let services: { close(): void }[];
  let category: { id: string };

  beforeEach(() => {
    server = new FakeKnowledgeServer();
    store = openCacheStore(':memory:');
    services = [];
    category = server.category();
    for (let index = 0; index < 7; index++) server.information(category.id, { title: `Informação ${index}`, position: index });
  });
  afterEach(() => {
    for (const service of services) service.close();
    jest.useRealTimers();
  });

  function service(fetch: typeof globalThis.fetch, options: { intervalMs?: number } = {}) {
    const created = createCacheService({ store, fetch, pageSize: 3, ...options });
    services.push(created);
    return created;
  }

  it('syncs page by page on sign-in, each page from the version the previous one reached', async () => {
    const cache = service(server.fetch());
    await cache.setSession(session);
    while ((await cache.status()).syncing) await new Promise((resolve) => setImmediate(resolve));

    expect(await cache.status()).toEqual({ version: 8, lastSyncAt: expect.any(String), informations: 7, syncing: false, error: null });
    expect(server.requests).toEqual([
      '/api/knowledge/changes?since=0&limit=3',
      '/api/knowledge/changes?since=3&limit=3',
      '/api/knowledge/changes?since=6&limit=3',
    ]);
    expect(store.server()).toBe(SERVER);
  });

  it('resumes an interrupted sync from the last page written, without duplicates', async () => {
    let pagesBeforeFailure = 1;
    const working = server.fetch();
    const cache = service(async (input, init) => {
      if (pagesBeforeFailure-- <= 0) throw new TypeError('fetch failed');
      return working(input, init);
    });
    await cache.setSession(session);
    const interrupted = await cache.syncNow();
    expect(interrupted).toMatchObject({
      version: 3,
      informations: 2,
      error: 'Servidor indisponível: a base local mostra o que foi sincronizado por último.',
    });

    pagesBeforeFailure = Infinity;
    server.requests.length = 0;
    const resumed = await cache.syncNow();
    expect(server.requests[0]).toBe('/api/knowledge/changes?since=3&limit=3');
    expect(resumed).toMatchObject({ version: 8, informations: 7, error: null });
    expect(store.categories().items[0].informations.map((information) => information.title)).toEqual(
      Array.from({ length: 7 }, (_, index) => `Informação ${index}`),
    );
  });

  it.each([
    ['an expired session', async () => Response.json({}, { status: 401 }), 'Sessão expirada: entre novamente para atualizar a base local.'],
    ['a server error', async () => Response.json({}, { status: 503 }), 'O servidor recusou a atualização da base local (HTTP 503).'],
    ['a body that is not JSON', async () => new Response('<html>proxy</html>'), 'O servidor respondeu com dados inválidos ao atualizar a base local.'],
    ['a body of another shape', async () => Response.json({ items: 'x' }), 'O servidor respondeu com dados inválidos ao atualizar a base local.'],
    [
      'a page that claims more without moving on',
      async () => Response.json({ items: [], version: 0, hasMore: true }),
      'O servidor respondeu com dados inválidos ao atualizar a base local.',
    ],
  ])('tells the attendant about %s and keeps the cache', async (_case, fetch, message) => {
    const cache = service(fetch);
    await cache.setSession(session);
    await expect(cache.syncNow()).resolves.toMatchObject({ version: 0, error: message, syncing: false });
  });

  it('empties the cache when the session is of another server', async () => {
    const cache = service(server.fetch());
    await cache.setSession(session);
    await cache.syncNow();

    const other = new FakeKnowledgeServer();
    other.information(other.category().id, { title: 'Do outro servidor' });
    const otherCache = service(other.fetch());
    await otherCache.setSession({ serverUrl: 'https://receptivo.example', token: 'token-1' });
    await expect(otherCache.syncNow()).resolves.toMatchObject({ version: 2, informations: 1 });
    expect(store.server()).toBe('https://receptivo.example');
  });

  it('syncs again every interval while signed in, and stops on logout', async () => {
    jest.useFakeTimers();
    const cache = service(server.fetch(), { intervalMs: 30_000 });
    await cache.setSession(session);
    await cache.syncNow();
    server.requests.length = 0;

    await jest.advanceTimersByTimeAsync(30_000);
    expect(server.requests).toEqual(['/api/knowledge/changes?since=8&limit=3']);
    server.information(category.id, { title: 'Nova' });
    await jest.advanceTimersByTimeAsync(30_000);
    expect(store.informationCount()).toBe(8);

    await cache.setSession(null);
    server.requests.length = 0;
    await jest.advanceTimersByTimeAsync(120_000);
    expect(server.requests).toEqual([]);
    // Offline, the cache still answers.
    await expect(cache.search({ q: 'nova', limit: 20 })).resolves.toMatchObject({ items: [{ title: 'Nova' }] });
  });

  it('syncs again right after the sync under way when asked meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const working = server.fetch();
    const cache = service(async (input, init) => {
      await gate;
      return working(input, init);
    });
    await cache.setSession(session);
    expect(await cache.status()).toMatchObject({ syncing: true });
    const asked = cache.syncNow();
    release();
    await expect(asked).resolves.toMatchObject({ informations: 7, syncing: false });
    expect(server.requests.map((request) => new URL(request, SERVER).searchParams.get('since'))).toEqual(['0', '3', '6', '8']);
  });

  it('writes nothing from a sync cut by logout', async () => {
    let answer!: () => void;
    const working = server.fetch();
    const cache = service(async (input, init) => {
      await new Promise<void>((resolve) => (answer = resolve));
      return working(input, init);
    });
    await cache.setSession(session);
    await cache.setSession(null);
    answer();
    await expect(cache.syncNow()).resolves.toMatchObject({ version: 0, error: null });
  });

  it('sends the session token to the server of the session', async () => {
    const seen: string[] = [];
    const working = server.fetch();
    const controller = new AbortController();
    await syncCache(store, { serverUrl: `${SERVER}/`, token: 'token-1' }, {
      fetch: async (input, init) => {
        seen.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
        return working(input, init);
      },
      pageSize: 500,
      signal: controller.signal,
    });
    expect(seen).toEqual([`${SERVER}/api/knowledge/changes?since=0&limit=500 Bearer token-1`]);
  });
});
