import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FakeKnowledgeServer } from '../testing/knowledge-feed';
import { openCacheStore, type CacheStore } from './cache-store';

const syncedAt = new Date('2026-11-28T10:00:00.000Z');

describe('cache store', () => {
  let dir: string;
  let store: CacheStore;
  let server: FakeKnowledgeServer;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'receptivo-cache-'));
    store = openCacheStore(path.join(dir, 'cache.sqlite'));
    server = new FakeKnowledgeServer();
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const syncAll = () => {
    for (let page = server.changes(store.version(), 1000); ; page = server.changes(store.version(), 1000)) {
      store.applyPage(page, syncedAt);
      if (!page.hasMore) break;
    }
  };

  it('starts empty at version 0', () => {
    expect(store.version()).toBe(0);
    expect(store.server()).toBeNull();
    expect(store.lastSyncAt()).toBeNull();
    expect(store.informationCount()).toBe(0);
    expect(store.categories()).toEqual({ items: [] });
    expect(store.scripts()).toEqual({ topics: [] });
    expect(store.search({ q: 'lampada', limit: 20 })).toEqual({ items: [] });
  });

  it('answers categories, informations and scripts as the server does, active ones in order', () => {
    const organ = server.organ();
    const second = server.category({ name: 'Limpeza urbana', position: 1 });
    const first = server.category({ position: 0 });
    server.category({ name: 'Antiga', position: 2, active: false });
    const lamp = server.information(first.id, { position: 1 });
    const night = server.information(first.id, { title: 'Iluminação acesa de dia', keywords: ['iluminação'], position: 0 });
    const hidden = server.information(first.id, { title: 'Retirada', position: 2, active: false });
    const type = server.requestType(first.id, organ);
    server.requestType(second.id, server.organ({ name: 'Órgão extinto', active: false }));
    const closing = server.scriptTopic({ title: 'Encerramento', position: 1 });
    const opening = server.scriptTopic({ position: 0 });
    server.scriptTopic({ title: 'Antigo', position: 2, active: false });
    syncAll();

    expect(store.categories()).toEqual({
      items: [
        {
          ...first,
          informations: [night, lamp].map(({ id, title, keywords }) => ({ id, title, keywords })),
          requestTypes: [
            {
              id: type.id,
              name: type.name,
              organName: organ.name,
              formSchema: type.formSchema,
              operatorGuidance: type.operatorGuidance,
              slaHours: 72,
              restartWindowHours: 48,
              groupByAddress: true,
              addressRequired: true,
            },
          ],
        },
        { ...second, informations: [], requestTypes: [] },
      ],
    });
    expect(store.information(lamp.id)).toEqual(lamp);
    // An old attendance may show an information since withdrawn.
    expect(store.information(hidden.id)).toEqual(hidden);
    expect(store.information('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(store.scripts()).toEqual({ topics: [opening, closing] });
    expect(store.informationCount()).toBe(2);
    expect(store.version()).toBe(server.changes(0, 1000).version);
    expect(store.lastSyncAt()).toBe(syncedAt.toISOString());
  });

  it('shows an organ renamed after its request types with its current name', () => {
    const organ = server.organ();
    const category = server.category();
    server.requestType(category.id, organ);
    syncAll();
    server.update('organ', organ, { name: 'Secretaria de Infraestrutura' });
    syncAll();
    expect(store.categories().items[0].requestTypes[0].organName).toBe('Secretaria de Infraestrutura');
  });

  it('applies updates, deactivations and deletions, in search too', () => {
    const category = server.category();
    const lamp = server.information(category.id);
    const pole = server.information(category.id, { title: 'Poste caído', keywords: ['poste', 'fiação'] });
    syncAll();
    expect(store.search({ q: 'poste', limit: 20 }).items.map((item) => item.id).sort()).toEqual([lamp.id, pole.id].sort());

    server.update('information', lamp, { title: 'Troca de lâmpada queimada', body: '<p>Anote a rua.</p>', keywords: ['troca'] });
    server.update('information', pole, { active: false });
    syncAll();
    expect(store.search({ q: 'poste', limit: 20 }).items).toEqual([]);
    expect(store.search({ q: 'queimada', limit: 20 }).items.map((item) => item.title)).toEqual(['Troca de lâmpada queimada']);
    expect(store.information(pole.id)?.active).toBe(false);

    server.remove('information', lamp.id);
    syncAll();
    expect(store.information(lamp.id)).toBeNull();
    expect(store.search({ q: 'queimada', limit: 20 }).items).toEqual([]);
    // The index follows the rows: nothing left behind for a deleted or changed row.
    expect(store.search({ q: 'lampada', limit: 20 }).items).toEqual([]);
  });

  it('hides the informations of a deactivated category from search, and shows them again', () => {
    const category = server.category();
    server.information(category.id);
    syncAll();
    server.update('category', category, { active: false });
    syncAll();
    expect(store.search({ q: 'lampada', limit: 20 }).items).toEqual([]);
    expect(store.categories()).toEqual({ items: [] });

    server.update('category', category, { active: true, name: 'Iluminação' });
    syncAll();
    expect(store.search({ q: 'lampada', limit: 20 }).items).toMatchObject([{ context: 'Iluminação' }]);
    server.remove('category', category.id);
    syncAll();
    expect(store.search({ q: 'lampada', limit: 20 }).items).toEqual([]);
  });

  it('finds an information that arrived before its category once the category arrives', () => {
    const categoryId = '3b0f7e52-9c1e-4d6a-8f3e-0c2d4a6b8e10';
    server.information(categoryId);
    store.applyPage(server.changes(0, 1), syncedAt);
    expect(store.search({ q: 'lampada', limit: 20 }).items).toEqual([]);
    server.category({ id: categoryId });
    syncAll();
    expect(store.search({ q: 'lampada', limit: 20 }).items).toHaveLength(1);
  });

  describe('search', () => {
    let category: ReturnType<FakeKnowledgeServer['category']>;
    beforeEach(() => {
      category = server.category();
      server.information(category.id, {
        title: 'Iluminação acesa durante o dia',
        body: '<p>Lâmpadas acesas de dia desperdiçam energia: anote o endereço.</p>',
        proposedSolution: '<p>Solicite o reparo do relé fotoelétrico.</p>',
        keywords: ['iluminação', 'desperdício'],
      });
      server.information(category.id, {
        title: 'Semáforo apagado',
        body: '<p>Pergunte o cruzamento. A iluminação da rua não é do semáforo.</p>',
        proposedSolution: '<p>Acione a CET.</p>',
        keywords: ['semáforo', 'farol'],
      });
      syncAll();
    });
    const titles = (query: { q?: string; keyword?: string }) => store.search({ limit: 20, ...query }).items.map((item) => item.title);

    it.each(['iluminacao', 'ILUMINAÇÃO', 'Iluminação', 'ilumin', 'iluminações'])('finds %j without regard to accents, case or plural', (q) => {
      expect(titles({ q })).toContain('Iluminação acesa durante o dia');
    });

    it('ranks a title match above a body match', () => {
      expect(titles({ q: 'iluminacao' })).toEqual(['Iluminação acesa durante o dia', 'Semáforo apagado']);
    });

    it('answers items shaped as the server search, with the matched words marked in the body', () => {
      const [item] = store.search({ q: 'lampadas acesas', limit: 20 }).items;
      expect(item).toEqual({
        kind: 'information',
        id: expect.any(String),
        title: 'Iluminação acesa durante o dia',
        context: 'Iluminação pública',
        score: expect.any(Number),
        snippet: '<mark>Lâmpadas</mark> <mark>acesas</mark> de dia desperdiçam energia: anote o endereço.',
      });
      expect(item.score).toBeGreaterThan(0);
    });

    it('searches the proposed solution too', () => {
      expect(titles({ q: 'rele fotoeletrico' })).toEqual(['Iluminação acesa durante o dia']);
    });

    it('by keyword, matches only the registered keywords', () => {
      expect(titles({ keyword: 'farol' })).toEqual(['Semáforo apagado']);
      expect(titles({ keyword: 'iluminacao' })).toEqual(['Iluminação acesa durante o dia']);
      expect(store.search({ keyword: 'desperdicio', limit: 20 }).items[0].snippet).toBe('iluminação <mark>desperdício</mark>');
      expect(titles({ keyword: 'cruzamento' })).toEqual([]);
    });

    it('takes any word, the item with more of them first (bm25), and honours the limit', () => {
      expect(titles({ q: 'desperdicio farol' }).sort()).toEqual(['Iluminação acesa durante o dia', 'Semáforo apagado']);
      expect(titles({ q: 'cruzamento farol rua' })[0]).toBe('Semáforo apagado');
      expect(titles({ q: 'energia farol' })).toEqual(['Semáforo apagado', 'Iluminação acesa durante o dia']);
      expect(store.search({ q: 'iluminacao', limit: 1 }).items).toHaveLength(1);
    });

    it('finds request types too, ranked with the informations: a name match above a mention in passing', () => {
      const organ = server.organ();
      const drain = server.requestType(category.id, organ, {
        name: 'Limpeza de boca de lobo',
        description: 'Boca de lobo ou bueiro entupido.',
        operatorGuidance: '<p>Pergunte se há alagamento.</p>',
      });
      server.information(category.id, { title: 'Alagamentos', body: '<p>Chuva forte entope a boca de lobo.</p>', keywords: ['chuva'] });
      syncAll();
      const items = store.search({ q: 'boca de lobo', limit: 20 }).items;
      expect(items.map((item) => [item.kind, item.title])).toEqual([
        ['requestType', 'Limpeza de boca de lobo'],
        ['information', 'Alagamentos'],
      ]);
      expect(items[0]).toMatchObject({ id: drain.id, context: 'Iluminação pública' });
      expect(items[0].snippet).toMatch(/<mark>boca<\/mark> de <mark>lobo<\/mark>/i);
      expect(titles({ keyword: 'boca' })).toEqual([]);

      server.update('organ', organ, { active: false });
      syncAll();
      expect(titles({ q: 'boca de lobo' })).toEqual(['Alagamentos']);
      server.update('organ', organ, { active: true });
      server.update('requestType', drain, { name: 'Desentupimento de bueiro', description: null });
      syncAll();
      expect(titles({ q: 'bueiro' })).toEqual(['Desentupimento de bueiro']);
      expect(titles({ q: 'lobo' })).toEqual(['Alagamentos']);
      server.remove('requestType', drain.id);
      syncAll();
      expect(titles({ q: 'bueiro' })).toEqual([]);
    });

    it('finds nothing for a query of operators or stop words, without an FTS5 syntax error', () => {
      expect(titles({ q: '"*' })).toEqual([]);
      expect(titles({ q: 'de' })).toEqual([]);
      expect(titles({ q: 'a" OR "b' })).toEqual([]);
    });
  });

  it('starts over for another server', () => {
    server.information(server.category().id);
    syncAll();
    store.reset('http://10.0.0.5:3000');
    expect(store.server()).toBe('http://10.0.0.5:3000');
    expect(store.version()).toBe(0);
    expect(store.informationCount()).toBe(0);
    expect(store.search({ q: 'lampada', limit: 20 }).items).toEqual([]);
  });

  it('writes nothing of a page with a row it cannot read', () => {
    const category = server.category();
    syncAll();
    const version = store.version();
    const page = server.changes(0, 10);
    const broken = { ...page, version: version + 5, items: [...page.items, { entity: 'information' as const, id: category.id, version: version + 5, deleted: false, data: { id: category.id } }] };
    server.information(category.id);
    expect(() => store.applyPage(broken, syncedAt)).toThrow();
    expect(store.version()).toBe(version);
  });

  it('keeps what it has when reopened', () => {
    server.information(server.category().id);
    syncAll();
    store.close();
    store = openCacheStore(path.join(dir, 'cache.sqlite'));
    expect(store.informationCount()).toBe(1);
    expect(store.search({ q: 'poste', limit: 20 }).items).toHaveLength(1);
  });

  it('starts over from a file that is not a cache of this version', async () => {
    store.close();
    const file = path.join(dir, 'cache.sqlite');
    await writeFile(file, 'not a database, just bytes that happen to be here '.repeat(100));
    store = openCacheStore(file);
    expect(store.version()).toBe(0);
    store.close();

    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();
    store = openCacheStore(file);
    server.information(server.category().id);
    syncAll();
    expect(store.informationCount()).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['cache.sqlite', 'cache.sqlite-shm', 'cache.sqlite-wal']);
  });
});
