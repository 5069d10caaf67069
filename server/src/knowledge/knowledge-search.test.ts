import { DataSource } from 'typeorm';
import { type SearchResult, searchResponseSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';

/** Busca geral over the demo knowledge base, as an attendant types it. */
describe('Busca geral ranking', () => {
  let server: TestApp;
  let attendant: { Authorization: string };

  beforeAll(async () => {
    server = await startTestApp();
    attendant = { Authorization: `Bearer ${await server.login('attendant')}` };
  });
  afterAll(() => server.close());

  const search = async (q: string): Promise<SearchResult[]> =>
    searchResponseSchema.parse((await server.http.get(`/api/search?${new URLSearchParams({ q })}`).set(attendant).expect(200)).body).items;
  const titles = (items: SearchResult[]) => items.map((item) => item.title);

  it('"lampada queimada" finds Lâmpada apagada first though only one word is in its title', async () => {
    const items = await search('lampada queimada');
    expect(titles(items.slice(0, 2)).sort()).toEqual(['Lâmpada apagada', 'Lâmpada apagada em via pública']);
    expect(items.find((item) => item.title === 'Lâmpada apagada')).toMatchObject({ kind: 'requestType', context: 'Iluminação pública' });
  });

  it('"boca de lobo" returns the request type at the top, with its category and a highlighted snippet', async () => {
    const items = await search('boca de lobo');
    const type = items.findIndex((item) => item.kind === 'requestType' && item.title === 'Limpeza de boca de lobo');
    expect(type).toBeGreaterThanOrEqual(0);
    expect(type).toBeLessThan(2);
    expect(items[type]).toMatchObject({ context: 'Zeladoria urbana' });
    expect(items[type].snippet).toMatch(/<mark>[Bb]oca<\/mark> de <mark>lobo<\/mark>/);
    expect(titles(items.slice(0, 2))).toContain('Boca de lobo entupida e alagamentos');
  });

  it('"poda" ranks the poda items first and leaves out what only says "pode" (IPTU, Cartão SUS)', async () => {
    const items = await search('poda');
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items.slice(0, 3)) expect(item.title).toMatch(/poda/i);
    expect(titles(items).filter((title) => /IPTU|Cartão SUS/.test(title))).toEqual([]);
  });

  it('matches a prefix: "lamp" finds lâmpada, "semaf" finds the semáforo request type', async () => {
    expect(titles(await search('lamp'))).toEqual(expect.arrayContaining(['Lâmpada apagada', 'Lâmpada apagada em via pública']));
    expect(titles(await search('semaf'))).toContain('Semáforo com defeito');
  });

  it('forgives a typo: "lampda" finds lâmpada', async () => {
    const items = await search('lampda');
    expect(titles(items)).toEqual(expect.arrayContaining(['Lâmpada apagada', 'Lâmpada apagada em via pública']));
  });

  it('forgives a typo of a title as the administrators leave it: created, renamed, deleted', async () => {
    const admin = { Authorization: `Bearer ${await server.login('supervisor')}` };
    const [{ id: categoryId }] = await server.app.get(DataSource).query("SELECT id FROM categories WHERE name = 'Iluminação pública'");
    const created = (
      await server.http
        .post('/api/knowledge/informations')
        .set(admin)
        .send({ categoryId, title: 'Marquises em risco', body: '<p>Vistoria da Defesa Civil.</p>', proposedSolution: '<p>Registre.</p>' })
        .expect(201)
    ).body;
    expect(titles(await search('marqises'))).toContain('Marquises em risco');

    await server.http.patch(`/api/knowledge/informations/${created.id}`).set(admin).send({ title: 'Pergolados em risco' }).expect(200);
    expect(titles(await search('pergoldos'))).toContain('Pergolados em risco');
    expect(await search('marqises')).toEqual([]);

    await server.http.delete(`/api/knowledge/informations/${created.id}`).set(admin).expect(204);
    expect(await search('pergoldos')).toEqual([]);
    const known = await server.app.get(DataSource).query("SELECT word FROM search_words WHERE word IN ('marquises', 'pergolados')");
    expect(known).toEqual([]);
  });

  it('keeps a word shared by two titles until neither has it', async () => {
    const admin = { Authorization: `Bearer ${await server.login('supervisor')}` };
    const dataSource = server.app.get(DataSource);
    const [{ id: categoryId }] = await dataSource.query("SELECT id FROM categories WHERE name = 'Iluminação pública'");
    const create = async (title: string) =>
      (
        await server.http
          .post('/api/knowledge/informations')
          .set(admin)
          .send({ categoryId, title, body: '<p>Licença de ocupação.</p>', proposedSolution: '<p>Registre.</p>' })
          .expect(201)
      ).body.id as string;
    const uses = async () => (await dataSource.query("SELECT uses FROM search_words WHERE word = 'quiosques'"))[0]?.uses;
    const beach = await create('Quiosques de praia');
    const fair = await create('Quiosques de feira');
    expect(await uses()).toBe(2);

    await server.http.delete(`/api/knowledge/informations/${beach}`).set(admin).expect(204);
    expect(await uses()).toBe(1);
    expect(titles(await search('quiosqes'))).toEqual(['Quiosques de feira']);

    await server.http.delete(`/api/knowledge/informations/${fair}`).set(admin).expect(204);
    expect(await uses()).toBeUndefined();
    expect(await search('quiosqes')).toEqual([]);
  });

  it('survives its speed migration undone and redone: same results, and no version bumped for the desktop caches to sync again', async () => {
    const dataSource = server.app.get(DataSource);
    const versions = () => dataSource.query('SELECT id, version FROM informations UNION ALL SELECT id, version FROM request_types ORDER BY id');
    const before = { versions: await versions(), lampda: await search('lampda') };
    // Undone with the migrations that came after it, then all run again.
    while ((await dataSource.query("SELECT 1 FROM migrations WHERE name = 'KnowledgeSearchSpeed1765872000000'")).length > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await versions()).toEqual(before.versions);
    expect(await search('lampda')).toEqual(before.lampda);
  });

  it('finds nothing for words the base does not hold, and nothing for stop words alone', async () => {
    expect(await search('xyzwq')).toEqual([]);
    expect(await search('de da')).toEqual([]);
  });

  it('leaves out request types of a deactivated organ', async () => {
    const dataSource = server.app.get(DataSource);
    await dataSource.query("UPDATE organs SET active = false WHERE acronym = 'SIURB'");
    try {
      expect((await search('boca de lobo')).filter((item) => item.kind === 'requestType')).toEqual([]);
    } finally {
      await dataSource.query("UPDATE organs SET active = true WHERE acronym = 'SIURB'");
    }
  });

  it('searches through the indexes: full text and trigram', async () => {
    const dataSource = server.app.get(DataSource);
    // Tiny demo tables are read whole; the plan with sequential scans off shows the indexes serve each condition.
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT id FROM request_types
          WHERE word_vector @@ to_tsquery('pt_words_unaccent', 'boca:*') OR search_vector @@ to_tsquery('pt_unaccent', 'boca')
             OR search_fold('boca') <% search_name`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/request_types_words/);
    expect(plan).toMatch(/request_types_search/);
    expect(plan).toMatch(/request_types_name_trigrams/);
  });
});
