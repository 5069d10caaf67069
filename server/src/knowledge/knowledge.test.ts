import { DataSource } from 'typeorm';
import { changeFeedSchema, currentNoticesSchema, searchResponseSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';

const HOUR = 3_600_000;

describe('knowledge base', () => {
  let server: TestApp;
  let admin: { Authorization: string };
  let attendant: { Authorization: string };
  let categoryId: string;
  let organId: string;

  const lampSchema = {
    type: 'object',
    required: ['numeroPoste'],
    properties: { numeroPoste: { type: 'string', title: 'Número do poste' } },
  };

  beforeAll(async () => {
    server = await startTestApp();
    admin = { Authorization: `Bearer ${await server.login('supervisor')}` };
    attendant = { Authorization: `Bearer ${await server.login('attendant')}` };
    categoryId = (await server.http.post('/api/knowledge/categories').set(admin).send({ name: 'Xenônio Testes' }).expect(201)).body.id;
    organId = (await server.http.post('/api/knowledge/organs').set(admin).send({ name: 'Órgão Zetta', acronym: 'OZ' }).expect(201)).body.id;
  });
  afterAll(() => server.close());

  describe('administration', () => {
    it('sanitizes rich text: a script tag never reaches the attendant', async () => {
      const created = await server.http
        .post('/api/knowledge/informations')
        .set(admin)
        .send({
          categoryId,
          title: 'Quiosque zetaforme',
          body: '<p>Horário <strong>8h</strong><script>alert(1)</script><img src=x onerror=alert(1)></p>',
          proposedSolution: '<p onclick="x()">Dirija-se ao quiosque.</p>',
          keywords: ['Quiosque', 'quiosque', 'horário'],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        body: '<p>Horário <strong>8h</strong></p>',
        proposedSolution: '<p>Dirija-se ao quiosque.</p>',
        keywords: ['quiosque', 'horário'],
        active: true,
      });
      const read = await server.http.get(`/api/informations/${created.body.id}`).set(attendant).expect(200);
      expect(read.body.body).not.toMatch(/script|onerror/);
    });

    it('refuses a text that is empty once sanitized', async () => {
      const response = await server.http
        .post('/api/knowledge/informations')
        .set(admin)
        .send({ categoryId, title: 'Vazio', body: '<script>alert(1)</script>', proposedSolution: '<p>ok</p>' })
        .expect(400);
      expect(response.body.fields).toEqual({ body: 'Informe o texto.' });
    });

    it('refuses a broken form schema with a clear error and saves nothing', async () => {
      const count = async () => (await server.app.get(DataSource).query('SELECT count(*)::int AS n FROM request_types'))[0].n;
      const before = await count();
      const response = await server.http
        .post('/api/knowledge/request-types')
        .set(admin)
        .send({
          categoryId,
          organId,
          name: 'Tipo quebrado',
          formSchema: { type: 'object', properties: { poste: { type: 'strnig', title: 'Poste' } } },
          operatorGuidance: '<p>Pergunte o número.</p>',
          slaHours: 72,
        })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.fields.formSchema).toMatch(/^Esquema inválido: o campo "poste" tem tipo "strnig"/);
      expect(await count()).toBe(before);

      const validate = await server.http
        .post('/api/knowledge/form-schema/validate')
        .set(admin)
        .send({ formSchema: { type: 'object', properties: { a: { type: 'string', title: 'A', minLength: -1 } } } })
        .expect(400);
      expect(validate.body.message).toMatch(/^Esquema inválido/);
      await server.http.post('/api/knowledge/form-schema/validate').set(admin).send({ formSchema: lampSchema }).expect(200, { valid: true });
    });

    it('creates a request type with its organ, window and grouping, and shows it in the category browser', async () => {
      const created = await server.http
        .post('/api/knowledge/request-types')
        .set(admin)
        .send({
          categoryId,
          organId,
          name: 'Lâmpada zetaforme',
          formSchema: lampSchema,
          operatorGuidance: '<p>Pergunte o número do poste.</p>',
          slaHours: 72,
          restartWindowHours: 48,
          groupByAddress: true,
          addressRequired: true,
        })
        .expect(201);
      expect(created.body).toMatchObject({ organName: 'Órgão Zetta', restartWindowHours: 48, groupByAddress: true, position: 0 });

      const tree = await server.http.get('/api/categories').set(attendant).expect(200);
      const category = tree.body.items.find((item: { id: string }) => item.id === categoryId);
      expect(category.requestTypes.map((type: { name: string }) => type.name)).toEqual(['Lâmpada zetaforme']);
      expect(category.informations.map((information: { title: string }) => information.title)).toEqual(['Quiosque zetaforme']);
      expect(tree.body.items.length).toBeGreaterThanOrEqual(9);
    });

    it('names the request types an information leads to, in order; the change feed resends it; an unknown type is refused', async () => {
      const [first] = (await server.http.get(`/api/knowledge/request-types?categoryId=${categoryId}`).set(admin).expect(200)).body.items;
      const created = (
        await server.http
          .post('/api/knowledge/informations')
          .set(admin)
          .send({ categoryId, title: 'Zetaforme ligada', body: '<p>b</p>', proposedSolution: '<p>s</p>', requestTypeIds: [first.id] })
          .expect(201)
      ).body;
      expect(created.requestTypeIds).toEqual([first.id]);
      const since = changeFeedSchema.parse((await server.http.get('/api/knowledge/changes?since=0&limit=1000').set(attendant).expect(200)).body);

      const second = (
        await server.http
          .post('/api/knowledge/request-types')
          .set(admin)
          .send({ categoryId, organId, name: 'Outro zetaforme', formSchema: lampSchema, operatorGuidance: '<p>x</p>', slaHours: 4 })
          .expect(201)
      ).body;
      await server.http.patch(`/api/knowledge/informations/${created.id}`).set(admin).send({ requestTypeIds: [second.id, first.id] }).expect(200);
      const read = await server.http.get(`/api/informations/${created.id}`).set(attendant).expect(200);
      expect(read.body.requestTypeIds).toEqual([second.id, first.id]);
      const feed = changeFeedSchema.parse((await server.http.get(`/api/knowledge/changes?since=${since.version}`).set(attendant).expect(200)).body);
      expect(feed.items.find((change) => change.id === created.id)?.data).toMatchObject({ requestTypeIds: [second.id, first.id] });

      const refused = await server.http
        .patch(`/api/knowledge/informations/${created.id}`)
        .set(admin)
        .send({ requestTypeIds: ['00000000-0000-4000-8000-000000000000'] })
        .expect(400);
      expect(refused.body.fields).toEqual({ requestTypeIds: 'Tipo de solicitação não encontrado.' });
      expect((await server.http.get(`/api/informations/${created.id}`).set(attendant).expect(200)).body.requestTypeIds).toEqual([second.id, first.id]);
      await server.http.delete(`/api/knowledge/informations/${created.id}`).set(admin).expect(204);
    });

    it('refuses a restart window other than 24, 48 or 72 hours and an unknown organ', async () => {
      const base = { categoryId, name: 'X', formSchema: lampSchema, operatorGuidance: '<p>x</p>', slaHours: 4 };
      const window = await server.http.post('/api/knowledge/request-types').set(admin).send({ ...base, organId, restartWindowHours: 36 }).expect(400);
      expect(window.body.fields.restartWindowHours).toMatch(/24, 48 ou 72/);
      const organ = await server.http
        .post('/api/knowledge/request-types')
        .set(admin)
        .send({ ...base, organId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(organ.body.fields).toEqual({ organId: 'Órgão não encontrado.' });
    });

    it('orders a category’s informations, refusing a partial list', async () => {
      const second = (
        await server.http
          .post('/api/knowledge/informations')
          .set(admin)
          .send({ categoryId, title: 'Segunda zetaforme', body: '<p>b</p>', proposedSolution: '<p>s</p>' })
          .expect(201)
      ).body;
      expect(second.position).toBe(1);
      const listed = await server.http.get(`/api/knowledge/informations?categoryId=${categoryId}`).set(admin).expect(200);
      const ids = listed.body.items.map((item: { id: string }) => item.id);
      await server.http.post('/api/knowledge/informations/order').set(admin).send({ ids: [...ids].reverse() }).expect(204);
      const after = await server.http.get(`/api/knowledge/informations?categoryId=${categoryId}`).set(admin).expect(200);
      expect(after.body.items.map((item: { id: string }) => item.id)).toEqual([...ids].reverse());
      await server.http.post('/api/knowledge/informations/order').set(admin).send({ ids: [ids[0]] }).expect(400);
    });

    it('refuses deleting an organ with request types, suggesting deactivation; deactivation hides its types', async () => {
      const refused = await server.http.delete(`/api/knowledge/organs/${organId}`).set(admin).expect(409);
      expect(refused.body.message).toBe('Há tipos de solicitação deste órgão: desative-o em vez de excluir.');
      await server.http.patch(`/api/knowledge/organs/${organId}`).set(admin).send({ active: false }).expect(200);
      const tree = await server.http.get('/api/categories').set(attendant).expect(200);
      expect(tree.body.items.find((item: { id: string }) => item.id === categoryId).requestTypes).toEqual([]);
      await server.http.patch(`/api/knowledge/organs/${organId}`).set(admin).send({ active: true }).expect(200);
    });

    it('keeps administration to admins and supervisors', async () => {
      await server.http.post('/api/knowledge/categories').set(attendant).send({ name: 'Não pode' }).expect(403);
      await server.http.get('/api/knowledge/organs').set(attendant).expect(403);
      await server.http.get('/api/knowledge/organs').set({ Authorization: `Bearer ${await server.login('admin')}` }).expect(200);
    });
  });

  describe('notices', () => {
    it('shows only active notices valid now, per board; refuses an end before the start', async () => {
      const now = Date.now();
      const make = (title: string, kind: string, from: number, until: number | null, active = true) =>
        server.http
          .post('/api/knowledge/notices')
          .set(admin)
          .send({ kind, title, body: '<p>x</p>', validFrom: new Date(from).toISOString(), validUntil: until && new Date(until).toISOString(), active })
          .expect(201);
      await make('Zeta agora', 'incident', now - HOUR, now + HOUR);
      await make('Zeta sem fim', 'event', now - HOUR, null);
      await make('Zeta expirado', 'incident', now - 3 * HOUR, now - HOUR);
      await make('Zeta futuro', 'notice', now + HOUR, null);
      const inactive = (await make('Zeta inativo', 'notice', now - HOUR, null, false)).body;

      const current = currentNoticesSchema.parse((await server.http.get('/api/notices/current').set(attendant).expect(200)).body);
      const titles = [...current.notice, ...current.incident, ...current.event].map((notice) => notice.title).filter((title) => title.startsWith('Zeta'));
      expect(titles.sort()).toEqual(['Zeta agora', 'Zeta sem fim']);
      expect(current.incident.map((notice) => notice.title)).toContain('Zeta agora');

      const wrong = await server.http
        .patch(`/api/knowledge/notices/${inactive.id}`)
        .set(admin)
        .send({ validUntil: new Date(now - 2 * HOUR).toISOString() })
        .expect(400);
      expect(wrong.body.fields).toEqual({ validUntil: 'O fim da validade deve ser depois do início.' });
    });

    it('the demo board shows current notices but not the expired or future ones', async () => {
      const current = currentNoticesSchema.parse((await server.http.get('/api/notices/current').set(attendant).expect(200)).body);
      for (const board of [current.notice, current.incident, current.event]) expect(board.length).toBeGreaterThan(0);
      const all = (await server.http.get('/api/knowledge/notices').set(admin).expect(200)).body.items as { id: string; validFrom: string; validUntil: string | null }[];
      const shown = new Set([...current.notice, ...current.incident, ...current.event].map((notice) => notice.id));
      const now = Date.now();
      for (const notice of all) {
        const valid = Date.parse(notice.validFrom) <= now && (notice.validUntil === null || Date.parse(notice.validUntil) > now);
        if (!valid) expect(shown.has(notice.id)).toBe(false);
      }
    });
  });

  describe('search', () => {
    let rankedIds: { title: string; body: string };
    beforeAll(async () => {
      const post = (title: string, body: string, keywords: string[] = [], proposedSolution = '<p>Ver portal.</p>') =>
        server.http.post('/api/knowledge/informations').set(admin).send({ categoryId, title, body, proposedSolution, keywords }).expect(201);
      const inTitle = (await post('Quorumbá no título', '<p>Texto qualquer sobre outra coisa.</p>')).body.id;
      const inBody = (await post('Assunto diverso', '<p>Aqui o quorumbá aparece só no corpo do texto.</p>')).body.id;
      await post('Iluminação da praça Quorumbá', '<p>Troca de lâmpadas queimadas em praças.</p>', ['luminária']);
      rankedIds = { title: inTitle, body: inBody };
    });

    const search = async (query: string) => searchResponseSchema.parse((await server.http.get(`/api/search?${query}`).set(attendant).expect(200)).body).items;

    it('ranks a match in the title above a match in the body', async () => {
      const ids = (await search('q=quorumba')).map((item) => item.id);
      expect(ids.indexOf(rankedIds.title)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(rankedIds.title)).toBeLessThan(ids.indexOf(rankedIds.body));
    });

    it('ignores accents and matches stems: iluminacao → Iluminação, lampadas → lâmpada', async () => {
      expect((await search('q=iluminacao%20quorumba')).map((item) => item.title)).toContain('Iluminação da praça Quorumbá');
      expect((await search('q=LAMPADA%20quorumba')).map((item) => item.title)).toContain('Iluminação da praça Quorumbá');
      expect((await search('q=ilumin%20quorumb')).map((item) => item.title)).toContain('Iluminação da praça Quorumbá');
    });

    it('highlights the matched words in the snippet and names the category', async () => {
      const inBody = (await search('q=quorumba%20corpo')).find((item) => item.id === rankedIds.body);
      expect(inBody?.snippet).toMatch(/<mark>quorumbá<\/mark>.*<mark>corpo<\/mark>/);
      expect(inBody).toMatchObject({ kind: 'information', context: 'Xenônio Testes' });
    });

    it('searches registered keywords by palavra-chave, with stems and without accents', async () => {
      const byKeyword = await search('keyword=luminarias');
      expect(byKeyword.map((item) => item.title)).toEqual(['Iluminação da praça Quorumbá']);
      expect(byKeyword[0].snippet).toContain('<mark>luminária</mark>');
      expect(await search('keyword=quorumba')).toEqual([]);
    });

    it('finds the demo knowledge: iluminacao and lampadas', async () => {
      expect((await search('q=iluminacao')).length).toBeGreaterThan(0);
      expect((await search('q=lampadas')).some((item) => /lâmpada/i.test(item.title + item.snippet))).toBe(true);
    });

    it('treats operators and quotes as plain words, and asks for a query', async () => {
      const ids = (await search(`q=${encodeURIComponent("quorumba & !(:* ' |")}`)).map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining([rankedIds.title, rankedIds.body]));
      const response = await server.http.get('/api/search').set(attendant).expect(400);
      expect(response.body.message).toBe('Informe o texto da busca ou a palavra-chave.');
    });
  });

  describe('change feed', () => {
    it('lists create, update, deactivate and delete once each, in order, in pages', async () => {
      const start = changeFeedSchema.parse((await server.http.get('/api/knowledge/changes?since=0&limit=1000').set(attendant).expect(200)).body);
      let since = start.version;
      while ((await server.http.get(`/api/knowledge/changes?since=${since}`).set(attendant)).body.hasMore) {
        since = (await server.http.get(`/api/knowledge/changes?since=${since}`).set(attendant)).body.version;
      }

      const topic = (await server.http.post('/api/knowledge/script-topics').set(admin).send({ title: 'Tópico feed', content: '<p>a</p>' }).expect(201)).body;
      await server.http.patch(`/api/knowledge/script-topics/${topic.id}`).set(admin).send({ title: 'Tópico feed editado' }).expect(200);
      const organ = (await server.http.post('/api/knowledge/organs').set(admin).send({ name: 'Órgão feed' }).expect(201)).body;
      await server.http.patch(`/api/knowledge/organs/${organ.id}`).set(admin).send({ active: false }).expect(200);
      await server.http.delete(`/api/knowledge/script-topics/${topic.id}`).set(admin).expect(204);

      const first = changeFeedSchema.parse((await server.http.get(`/api/knowledge/changes?since=${since}&limit=1`).set(attendant).expect(200)).body);
      expect(first.hasMore).toBe(true);
      const rest = changeFeedSchema.parse((await server.http.get(`/api/knowledge/changes?since=${first.version}&limit=10`).set(attendant).expect(200)).body);
      expect(rest.hasMore).toBe(false);
      const changes = [...first.items, ...rest.items];
      expect(changes.map((change) => [change.entity, change.id === topic.id ? 'topic' : 'organ', change.deleted])).toEqual([
        ['organ', 'organ', false],
        ['scriptTopic', 'topic', true],
      ]);
      expect(changes.find((change) => change.entity === 'organ')?.data).toMatchObject({ name: 'Órgão feed', active: false });
      const versions = changes.map((change) => change.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(changes.map((change) => `${change.entity}:${change.id}`)).size).toBe(changes.length);

      const nothing = changeFeedSchema.parse((await server.http.get(`/api/knowledge/changes?since=${rest.version}`).set(attendant).expect(200)).body);
      expect(nothing).toEqual({ items: [], version: rest.version, hasMore: false });
    });

    it('gives the whole base from version 0, every item once', async () => {
      const feed = changeFeedSchema.parse((await server.http.get('/api/knowledge/changes?since=0&limit=1000').set(attendant).expect(200)).body);
      const informations = feed.items.filter((change) => change.entity === 'information' && !change.deleted);
      expect(informations.length).toBeGreaterThanOrEqual(30);
      expect(new Set(feed.items.map((change) => `${change.entity}:${change.id}`)).size).toBe(feed.items.length);
    });
  });
});
