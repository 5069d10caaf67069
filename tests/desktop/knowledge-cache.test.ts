import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CategoryTree, DesktopCacheStatus, Information, SearchResponse } from '@receptivo/shared';
import { createCacheService, type CacheApi } from '../../electron/src/cache/cache-service';
import { openCacheStore } from '../../electron/src/cache/cache-store';
import { startCacheWorker } from '../../electron/src/cache/start-cache-worker';
import { readCredentials } from '../../server/src/testing/test-app';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { ROOT, type ServerProcess, startServer } from '../support/server-process';

// The worker runs as Electron runs it: the built file (npm test builds before jest).
const WORKER = join(ROOT, 'electron', 'dist', 'cache', 'cache-worker.js');

/**
 * The desktop's knowledge cache against the built server on a real PostgreSQL: the change feed
 * synced into a SQLite file, answered offline as the server answers online.
 */
describe('desktop knowledge cache, synced from the real server', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let cacheDir: string;
  let server: ServerProcess;
  let attendant: string;
  let admin: string;
  const services: { close(): void }[] = [];

  async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
    });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async function login(credentials: { username: string; password: string }): Promise<string> {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    return ((await response.json()) as { token: string }).token;
  }

  /** A cache service on `file` whose requests are recorded (the page `since` of each). */
  function inProcessCache(file: string, fetchPage: typeof fetch = fetch, pageSize = 500) {
    const requests: number[] = [];
    const service = createCacheService({
      store: openCacheStore(file),
      pageSize,
      fetch: (input, init) => {
        requests.push(Number(new URL(String(input)).searchParams.get('since')));
        return fetchPage(input, init);
      },
    });
    services.push(service);
    return { service, requests };
  }

  async function syncedAfterSignIn(cache: CacheApi): Promise<DesktopCacheStatus> {
    await cache.setSession({ serverUrl: server.url, token: attendant });
    return cache.syncNow();
  }

  /**
   * The cache file's rows and its full-text index agree (FTS5's own check). The one index holds
   * informations (positive rowids) and request types (negative ones): the informations are counted.
   */
  function checkIntegrity(file: string): { rows: number; ids: number; indexed: number } {
    const db = new Database(file, { readonly: false });
    try {
      db.exec("INSERT INTO knowledge_fts (knowledge_fts, rank) VALUES ('integrity-check', 1)");
      return db
        .prepare<[], { rows: number; ids: number; indexed: number }>(
          'SELECT count(*) AS rows, count(DISTINCT id) AS ids, (SELECT count(*) FROM knowledge_fts WHERE rowid > 0) AS indexed FROM informations',
        )
        .get()!;
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-desktop-'));
    cacheDir = await mkdtemp(join(tmpdir(), 'receptivo-desktop-cache-'));
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.url });
    const credentials = await readCredentials(dataDir);
    [attendant, admin] = await Promise.all([login(credentials.attendant), login(credentials.admin)]);
  });
  afterAll(async () => {
    for (const service of services) service.close();
    await server?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('syncs from empty in a worker thread and answers categories, informations and scripts as the server', async () => {
    const worker = startCacheWorker(join(cacheDir, 'cache.sqlite'), WORKER);
    try {
      const status = await syncedAfterSignIn(worker);
      const tree = await api<CategoryTree>('/api/categories', attendant);
      const informations = tree.items.flatMap((category) => category.informations);
      expect(informations.length).toBeGreaterThan(20);
      expect(status).toEqual({ version: expect.any(Number), lastSyncAt: expect.any(String), informations: informations.length, syncing: false, error: null });
      expect(status.version).toBeGreaterThan(0);

      await expect(worker.categories()).resolves.toEqual(tree);
      await expect(worker.scripts()).resolves.toEqual(await api('/api/scripts', attendant));
      for (const { id } of informations.slice(0, 8)) {
        await expect(worker.information(id)).resolves.toEqual(await api(`/api/informations/${id}`, attendant));
      }
    } finally {
      await worker.close();
    }
    expect(checkIntegrity(join(cacheDir, 'cache.sqlite'))).toMatchObject({ indexed: (await api<CategoryTree>('/api/categories', attendant)).items.flatMap((category) => category.informations).length });
  });

  it('applies edits, deactivations and deletions made in the administration, from the version it reached', async () => {
    const file = join(cacheDir, 'cache.sqlite');
    const { service: cache, requests } = inProcessCache(file);
    const before = (await cache.status()).version;
    const tree = await api<CategoryTree>('/api/categories', attendant);
    // Tributos: the offline searches below are about other categories.
    const [edited, deactivated, deleted] = tree.items.find((category) => category.name === 'Tributos e IPTU')!.informations;

    await api(`/api/knowledge/informations/${edited.id}`, admin, { method: 'PATCH', body: JSON.stringify({ title: 'Segunda via do carnê pela internet' }) });
    await api(`/api/knowledge/informations/${deactivated.id}`, admin, { method: 'PATCH', body: JSON.stringify({ active: false }) });
    await api(`/api/knowledge/informations/${deleted.id}`, admin, { method: 'DELETE' });
    const searchBefore = await cache.search({ q: deactivated.title, limit: 20 });
    expect(searchBefore.items.map((item) => item.id)).toContain(deactivated.id);

    const status = await syncedAfterSignIn(cache);
    expect(requests[0]).toBe(before);
    expect(status.version).toBeGreaterThan(before);
    expect(status.informations).toBe(tree.items.flatMap((category) => category.informations).length - 2);

    const titles = (response: SearchResponse) => response.items.map((item) => item.title);
    // Any word may match; the one with both comes first.
    expect(titles(await cache.search({ q: 'carne internet', limit: 20 }))[0]).toBe('Segunda via do carnê pela internet');
    expect((await cache.search({ q: deactivated.title, limit: 20 })).items.map((item) => item.id)).not.toContain(deactivated.id);
    await expect(cache.information(deactivated.id)).resolves.toMatchObject({ id: deactivated.id, active: false });
    await expect(cache.information(deleted.id)).resolves.toBeNull();
    await expect(cache.categories()).resolves.toEqual(await api('/api/categories', attendant));
  });

  it('resumes an interrupted sync from the last page written, with nothing duplicated', async () => {
    const file = join(cacheDir, 'interrupted.sqlite');
    let pagesLeft = 1;
    const flaky: typeof fetch = async (input, init) => {
      if (pagesLeft-- <= 0) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const first = inProcessCache(file, flaky, 10);
    const interrupted = await syncedAfterSignIn(first.service);
    expect(interrupted.error).toBe('Servidor indisponível: a base local mostra o que foi sincronizado por último.');
    expect(interrupted.version).toBeGreaterThan(0);
    first.service.close();

    // The app restarted: the same file, the server reachable again.
    const second = inProcessCache(file, fetch, 10);
    const resumed = await syncedAfterSignIn(second.service);
    expect(second.requests[0]).toBe(interrupted.version);
    expect(resumed).toMatchObject({ error: null, version: (await second.service.status()).version });
    await expect(second.service.categories()).resolves.toEqual(await api('/api/categories', attendant));

    const { items } = await api<{ items: Information[] }>('/api/knowledge/informations', admin);
    const visible = (await api<CategoryTree>('/api/categories', attendant)).items.flatMap((category) => category.informations);
    expect(checkIntegrity(file)).toEqual({ rows: items.length, ids: items.length, indexed: visible.length });
  });

  describe('offline, in Portuguese', () => {
    let cache: CacheApi;
    beforeAll(async () => {
      cache = inProcessCache(join(cacheDir, 'cache.sqlite')).service;
      await syncedAfterSignIn(cache);
      await cache.setSession(null);
      await server.stop();
    });
    const search = async (query: { q?: string; keyword?: string }) => (await cache.search({ limit: 20, ...query })).items;

    it.each(['iluminacao', 'ILUMINAÇÃO', 'Iluminação', 'ilumin'])('finds the public lighting informations for %j', async (q) => {
      const items = await search({ q });
      expect(items.length).toBeGreaterThanOrEqual(3);
      expect(items.slice(0, 3).every((item) => item.context === 'Iluminação pública')).toBe(true);
      expect(items.map((item) => item.title)).toContain('Iluminação acesa durante o dia ou piscando');
    });

    it('answers items shaped as the server search, the words found marked', async () => {
      const [item] = await search({ q: 'semaforo piscando' });
      expect(item).toEqual({
        kind: 'information',
        id: expect.any(String),
        title: 'Semáforo apagado, piscando ou com defeito',
        context: 'Trânsito e transporte',
        score: expect.any(Number),
        snippet: expect.stringMatching(/<mark>[Ss]emáforo/),
      });
    });

    it('searches by keyword, singular or plural', async () => {
      for (const keyword of ['lâmpada', 'lampadas', 'LAMPADA']) {
        const items = await search({ keyword });
        expect(items.map((item) => item.title)).toEqual(expect.arrayContaining(['Iluminação acesa durante o dia ou piscando']));
        expect(items[0].snippet).toMatch(/<mark>lâmpada<\/mark>/);
      }
      expect((await search({ keyword: 'cata-bagulho' })).map((item) => item.title)).toEqual(['Cata-Bagulho: retirada de objetos volumosos']);
      expect((await search({ keyword: 'ecopontos e caçambas' })).map((item) => item.title)).toEqual(['Descarte de entulho e Ecopontos']);
      // Words of the texts are not keywords.
      expect((await search({ q: 'terreno baldio' })).map((item) => item.title)).toContain('Descarte de entulho e Ecopontos');
      expect((await search({ keyword: 'terreno baldio' })).map((item) => item.title)).toEqual(['Terreno baldio com mato alto ou lixo']);
    });

    it('takes any word, the items with more of them first, and finds nothing for nonsense', async () => {
      expect((await search({ q: 'entulho ecoponto' }))[0].title).toBe('Descarte de entulho e Ecopontos');
      expect((await search({ q: 'entulho semaforo xyzzy' })).map((item) => item.title)).toEqual(
        expect.arrayContaining(['Descarte de entulho e Ecopontos', 'Semáforo apagado, piscando ou com defeito']),
      );
      expect(await search({ q: 'xyzzy plugh' })).toEqual([]);
    });
  });
});
