import { DataSource } from 'typeorm';
import { type KnowledgeGap, apiErrorSchema, attendanceSchema, categoryTreeSchema, formatProtocol, knowledgeGapsSchema, searchResponseSchema } from '@receptivo/shared';
import { type Auth, type RequestDesk, bearer, controlClock, requestDesk } from '../testing/request-fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';
import { KnowledgeSearchLog } from './knowledge-search-log';

const brasiliaDay = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(instant);

/** Knowledge gaps (issue 20): searches of the desk and the portal through the API, the gaps as the administration reads them. */
describe('knowledge gaps', () => {
  let server: TestApp;
  let desk: RequestDesk;
  let supervisor: Auth;
  let informationId: string;
  const today = brasiliaDay(new Date());

  beforeAll(async () => {
    server = await startTestApp();
    desk = await requestDesk(server);
    supervisor = bearer(await server.login('supervisor'));
    const tree = categoryTreeSchema.parse((await server.http.get('/api/categories').set(desk.attendant).expect(200)).body);
    informationId = tree.items.find((category) => category.name === 'Iluminação pública')!.informations[0].id;
  });
  afterAll(() => server.close());

  const database = () => server.app.get(DataSource);
  /** The searches' writes follow their answers: wait for those under way. */
  const written = () => server.app.get(KnowledgeSearchLog).flushed();

  async function search(query: Record<string, string>, auth: Auth = desk.attendant): Promise<number> {
    const response = await server.http.get(`/api/search?${new URLSearchParams(query)}`).set(auth).expect(200);
    return searchResponseSchema.parse(response.body).items.length;
  }

  async function gaps(query: Record<string, string> = {}, auth: Auth = supervisor): Promise<KnowledgeGap[]> {
    const response = await server.http.get(`/api/knowledge/gaps?${new URLSearchParams({ from: today, to: today, ...query })}`).set(auth).expect(200);
    return knowledgeGapsSchema.parse(response.body).items;
  }
  const gapOf = async (term: string, query: Record<string, string> = {}) => (await gaps(query)).find((gap) => gap.term === term);

  const startAttendance = async () =>
    attendanceSchema.parse((await server.http.post('/api/attendances').set(desk.attendant).send({ channel: 'phone' }).expect(201)).body);
  const finish = (id: string) => server.http.post(`/api/attendances/${id}/finish`).set(desk.attendant).send({ sendScript: false }).expect(200);

  it('counts searches that found nothing under one normalized term, Busca geral and Palavra-chave', async () => {
    expect(await search({ q: 'Zabumba  Xilofônica?' })).toBe(0);
    expect(await search({ q: 'zabumba xilofonica' })).toBe(0);
    expect(await search({ keyword: 'ZABUMBA xilofônica' })).toBe(0);
    await written();

    expect(await gapOf('zabumba xilofonica')).toEqual({
      term: 'zabumba xilofonica',
      searches: 3,
      noResults: 3,
      noInformationRegistered: 0,
      lastSearchedAt: expect.any(String),
      sampleKind: 'general',
    });
    const [row] = await database().query("SELECT user_id, attendance_id, source FROM knowledge_searches WHERE term = 'zabumba xilofonica' AND kind = 'keyword'");
    expect(row).toEqual({ user_id: expect.any(String), attendance_id: null, source: 'desk' });
  });

  it('counts a search whose attendance was finished with nothing registered after it, not one followed by an information or a request', async () => {
    const informed = await startAttendance();
    expect(await search({ q: 'iluminação pública' })).toBeGreaterThan(0);
    // Registered before the search is written: the search keeps the time it was answered.
    await server.http.post(`/api/attendances/${informed.id}/informations`).set(desk.attendant).send({ informationId }).expect(201);
    // Searched after the only information of the attendance was registered: a gap once it is finished.
    expect(await search({ q: 'semáforo' })).toBeGreaterThan(0);
    await written();

    const unanswered = await startAttendance();
    expect(await search({ keyword: 'lâmpada' })).toBeGreaterThan(0);
    await written();
    // The desk does not say which attendance it searched in: the server takes the one the user holds open.
    const rows = await database().query("SELECT attendance_id FROM knowledge_searches WHERE term IN ('iluminacao publica', 'lampada') ORDER BY searched_at");
    expect(rows).toEqual([{ attendance_id: informed.id }, { attendance_id: unanswered.id }]);

    // While open, nothing is decided yet.
    expect(await gapOf('lampada')).toBeUndefined();
    await finish(unanswered.id);
    await finish(informed.id);
    expect(await gapOf('lampada')).toMatchObject({ searches: 1, noResults: 0, noInformationRegistered: 1, sampleKind: 'keyword' });
    expect(await gapOf('semaforo')).toMatchObject({ searches: 1, noResults: 0, noInformationRegistered: 1 });
    expect(await gapOf('iluminacao publica')).toBeUndefined();

    const requested = await startAttendance();
    expect(await search({ q: 'lâmpada apagada' })).toBeGreaterThan(0);
    await written();
    await desk.register('Lâmpada apagada', { attendanceId: requested.id });
    await finish(requested.id);
    expect(await gapOf('lampada apagada')).toBeUndefined();
  });

  it('never stores a protocol, CPF, CNPJ, phone or e-mail searched for, nor a term under 3 letters', async () => {
    const attendance = await startAttendance();
    const before = await database().query('SELECT term FROM knowledge_searches');
    const lookups = [
      formatProtocol(attendance.protocol),
      attendance.protocol,
      '529.982.247-25',
      '52998224725',
      // Mistyped: still a number looked up, and still almost someone's CPF.
      '529.982.247-26',
      '11.222.333/0001-81',
      '(11) 98765-4321',
      '+55 11 98765-4321',
      '2º via do IPTU do 529.982.247-25',
      'segunda via para maria.souza@example.com',
      'ab',
    ];
    for (const q of lookups) await search({ q });
    await search({ keyword: '98765-4321' });
    await written();

    expect(await database().query('SELECT term FROM knowledge_searches')).toEqual(before);
    await finish(attendance.id);
  });

  it('counts the portal searches apart: source portal, anonymous', async () => {
    const found = await server.http.get(`/api/portal/knowledge?${new URLSearchParams({ q: 'Tamborim Marciano' })}`).expect(200);
    expect(found.body.items).toEqual([]);
    await server.http.get(`/api/portal/knowledge?${new URLSearchParams({ q: '(11) 98765-4321' })}`).expect(200);
    await written();

    expect(await database().query("SELECT source, user_id, attendance_id FROM knowledge_searches WHERE term = 'tamborim marciano'")).toEqual([
      { source: 'portal', user_id: null, attendance_id: null },
    ]);
    expect(await database().query("SELECT term FROM knowledge_searches WHERE term LIKE '%98765%'")).toEqual([]);
    expect(await gapOf('tamborim marciano')).toMatchObject({ searches: 1, noResults: 1 });
    expect(await gapOf('tamborim marciano', { source: 'portal' })).toMatchObject({ searches: 1 });
    expect(await gapOf('tamborim marciano', { source: 'desk' })).toBeUndefined();
    expect(await gapOf('zabumba xilofonica', { source: 'portal' })).toBeUndefined();
  });

  it('records at most 60 portal searches an hour from one address, and answers every search', async () => {
    for (let time = 0; time < 65; time++) {
      const answer = await server.http.get(`/api/portal/knowledge?${new URLSearchParams({ q: 'berimbau sideral' })}`).expect(200);
      expect(answer.body.items).toEqual([]);
    }
    await written();
    expect(await database().query("SELECT count(*)::int AS recorded FROM knowledge_searches WHERE source = 'portal'")).toEqual([{ recorded: 60 }]);
    expect(await gapOf('berimbau sideral', { source: 'portal' })).toMatchObject({ noResults: expect.any(Number) });
  });

  it('lists the terms of a period of Brasília days, the most gaps first, as many as asked', async () => {
    for (let time = 0; time < 4; time++) expect(await search({ q: 'pandeiro lunar' })).toBe(0);
    await written();
    const top = await gaps({ limit: '1', source: 'desk' });
    expect(top.map((gap) => gap.term)).toEqual(['pandeiro lunar']);

    // 02:30 UTC on 3 March is 23:30 of 2 March in Brasília.
    await database().query("UPDATE knowledge_searches SET searched_at = '2026-03-03T02:30:00Z' WHERE term = 'pandeiro lunar'");
    expect(await gapOf('pandeiro lunar', { from: '2026-03-02', to: '2026-03-02' })).toMatchObject({
      searches: 4,
      lastSearchedAt: '2026-03-03T02:30:00.000Z',
    });
    expect(await gapOf('pandeiro lunar', { from: '2026-03-03', to: '2026-03-31' })).toBeUndefined();
    expect(await gapOf('pandeiro lunar')).toBeUndefined();
  });

  it('refuses a period it cannot read, in Portuguese, beside the field', async () => {
    const refused = async (query: Record<string, string>) =>
      apiErrorSchema.parse((await server.http.get(`/api/knowledge/gaps?${new URLSearchParams(query)}`).set(supervisor).expect(400)).body).fields;
    expect(await refused({ to: today })).toEqual({ from: 'Informe a data inicial.' });
    expect(await refused({ from: '2026-03-03', to: '2026-03-02' })).toEqual({ to: 'A data final é anterior à inicial.' });
    expect(await refused({ from: '2026-03-02', to: '2026-03-02', source: 'telefone' })).toEqual({ source: 'Origem inválida: Receptivo ou Autoatendimento.' });
    expect(await refused({ from: '2026-03-02', to: '2026-03-02', limit: '500' })).toEqual({ limit: 'No máximo 200 termos.' });
  });

  it('is for supervisors and admins: attendants and the back office are refused, anonymous callers asked to sign in', async () => {
    const query = `from=${today}&to=${today}`;
    await server.http.get(`/api/knowledge/gaps?${query}`).set(bearer(await server.login('admin'))).expect(200);
    const refusal = await server.http.get(`/api/knowledge/gaps?${query}`).set(desk.attendant).expect(403);
    expect(apiErrorSchema.parse(refusal.body).code).toBe('FORBIDDEN');
    await server.http.get(`/api/knowledge/gaps?${query}`).set(bearer(await server.login('backoffice'))).expect(403);
    await server.http.get(`/api/knowledge/gaps?${query}`).expect(401);
  });

  it('forgets searches after 180 days, checked at most once an hour as searches come', async () => {
    const clock = controlClock(server);
    try {
      await search({ q: 'cuica antiga' });
      await search({ q: 'cuica recente' });
      await written();
      await database().query("UPDATE knowledge_searches SET searched_at = now() - interval '181 days' WHERE term = 'cuica antiga'");
      await database().query("UPDATE knowledge_searches SET searched_at = now() - interval '179 days' WHERE term = 'cuica recente'");
      const terms = async () => (await database().query("SELECT term FROM knowledge_searches WHERE term LIKE 'cuica%' ORDER BY term")).map((row: { term: string }) => row.term);

      // The last cleanup was at this server's first search, less than an hour ago.
      await search({ q: 'cuica nova' });
      await written();
      expect(await terms()).toEqual(['cuica antiga', 'cuica nova', 'cuica recente']);

      clock.advanceHours(1.5);
      await search({ q: 'cuica nova' });
      await written();
      expect(await terms()).toEqual(['cuica nova', 'cuica nova', 'cuica recente']);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
