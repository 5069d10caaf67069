import { parse as parseDisposition } from 'content-disposition';
import { DataSource } from 'typeorm';
import { type Attendance, type Request, attendanceSearchResultSchema, customerHistorySchema, formatProtocol } from '@receptivo/shared';
import { type Auth, type RequestDesk, binary, controlClock, pdfText, requestDesk } from '../testing/request-fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';

const LAMP = 'Lâmpada apagada';
const BULKY = 'Retirada de objetos volumosos (Cata-Bagulho)';
const POTHOLE = 'Buraco na via';
const LIGHTING = 'Departamento de Iluminação Pública';
const CLEANING = 'Autoridade Municipal de Limpeza Urbana';

const dayInBrazil = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date(iso));

describe('attendance search, customer history and printing', () => {
  let server: TestApp;
  let desk: RequestDesk;
  let clock: ReturnType<typeof controlClock>;
  let lighting: Auth;
  let cleaning: Auth;
  const customers = { carlos: '', fernanda: '', beatriz: '' };
  let informations: Map<string, string>;

  // A1 three days ago by phone (Carlos): a lamp, open.
  // A2 two days ago walk-in (Fernanda): bulky items, in progress; the "coleta" information.
  // A3 now by phone (no customer): a lamp, finished, and a pothole, open.
  // A4 now by e-mail (Beatriz): no request; the "vacinação" information.
  // A5 at 23:30 of 2026-01-09 in Brasília (02:30 UTC of the 10th) by chat: nothing registered.
  const a: Record<'1' | '2' | '3' | '4' | '5', Attendance> = {} as never;
  const r: Record<'lamp1' | 'bulky2' | 'lamp3' | 'pothole3', Request> = {} as never;

  beforeAll(async () => {
    server = await startTestApp();
    desk = await requestDesk(server);
    clock = controlClock(server);
    lighting = await desk.backoffice(LIGHTING);
    cleaning = await desk.backoffice(CLEANING);
    for (const [name, phone] of [['carlos', '11955554444'], ['fernanda', '11912345678'], ['beatriz', '41988887777']] as const) {
      customers[name] = (await server.http.get(`/api/customers?phone=${phone}`).set(desk.attendant).expect(200)).body.items[0].id;
    }
    const tree = (await server.http.get('/api/categories').set(desk.attendant).expect(200)).body.items as { informations: { id: string; title: string }[] }[];
    informations = new Map(tree.flatMap((category) => category.informations.map((information) => [information.title, information.id] as const)));
    const registerInformation = (attendance: Attendance, title: string) =>
      server.http.post(`/api/attendances/${attendance.id}/informations`).set(desk.attendant).send({ informationId: informations.get(title) }).expect(201);

    clock.advanceHours(-72);
    a[1] = await desk.startAttendance({ channel: 'phone', customerId: customers.carlos });
    r.lamp1 = await desk.register(LAMP, { attendanceId: a[1].id });

    clock.reset();
    clock.advanceHours(-48);
    a[2] = await desk.startAttendance({ channel: 'walk_in', customerId: customers.fernanda });
    r.bulky2 = await desk.register(BULKY, { attendanceId: a[2].id });
    await server.http.post(`/api/requests/${r.bulky2.id}/status`).set(cleaning).send({ status: 'in_progress' }).expect(200);
    await registerInformation(a[2], 'Coleta domiciliar e coleta seletiva: dias e horários');

    clock.reset();
    a[3] = await desk.startAttendance({ channel: 'phone' });
    r.lamp3 = await desk.register(LAMP, { attendanceId: a[3].id });
    r.pothole3 = await desk.register(POTHOLE, { attendanceId: a[3].id });
    await server.http.post(`/api/requests/${r.lamp3.id}/status`).set(lighting).send({ status: 'finished', response: 'Trocada.' }).expect(200);

    a[4] = await desk.startAttendance({ channel: 'email', customerId: customers.beatriz });
    await registerInformation(a[4], 'Vacinação nas UBS: documentos e horários');

    clock.setTo(new Date('2026-01-10T02:30:00Z'));
    a[5] = await desk.startAttendance({ channel: 'chat' });
    clock.reset();
  });
  afterAll(() => server.close());

  const search = async (query: string, auth: Auth = desk.attendant) =>
    attendanceSearchResultSchema.parse((await server.http.get(`/api/attendances?pageSize=100&${query}`).set(auth).expect(200)).body);
  /** Which of A1…A5 a search finds, newest first, with the requests each lists. */
  const found = async (query: string, auth?: Auth) => {
    const names = new Map(Object.entries(a).map(([name, attendance]) => [attendance.id, `A${name}`]));
    const requests = new Map(Object.entries(r).map(([name, request]) => [request.id, name]));
    const result = await search(query, auth);
    return result.items.map((item) => `${names.get(item.id) ?? item.protocol}[${item.requests.map((request) => requests.get(request.id)).join(',')}]`);
  };

  describe('Atendimentos', () => {
    it('lists every attendance newest first, with its requests and counts', async () => {
      expect(await found('')).toEqual(['A4[]', 'A3[lamp3,pothole3]', 'A2[bulky2]', 'A1[lamp1]', 'A5[]']);
      const [a4, a3] = (await search('')).items;
      expect(a4).toMatchObject({ protocol: a[4].protocol, channel: 'email', customerName: 'Beatriz Lima', attendantName: 'Ana Atendente', requestCount: 0, informationCount: 1 });
      expect(a3).toMatchObject({ customerName: null, requestCount: 2, informationCount: 0, status: 'open' });
      expect(a3.requests.map((request) => request.status)).toEqual(['finished', 'open']);
    });

    it('filters by organ and status on the same request, listing only the requests that pass', async () => {
      expect(await found(`organId=${desk.organId(LIGHTING)}`)).toEqual(['A3[lamp3]', 'A1[lamp1]']);
      expect(await found('status=open')).toEqual(['A3[pothole3]', 'A1[lamp1]']);
      expect(await found(`organId=${desk.organId(LIGHTING)}&status=open`)).toEqual(['A1[lamp1]']);
      expect(await found(`organId=${desk.organId(LIGHTING)}&status=finished`)).toEqual(['A3[lamp3]']);
      expect(await found(`organId=${desk.organId(CLEANING)}&status=finished`)).toEqual([]);
      expect(await found('status=in_progress')).toEqual(['A2[bulky2]']);
    });

    it('filters by channel and by Brasília days of the start, combined with the rest', async () => {
      const today = dayInBrazil(a[3].startedAt);
      const twoDaysAgo = dayInBrazil(a[2].startedAt);
      const threeDaysAgo = dayInBrazil(a[1].startedAt);
      expect(await found('channel=phone')).toEqual(['A3[lamp3,pothole3]', 'A1[lamp1]']);
      expect(await found(`from=${twoDaysAgo}&to=${twoDaysAgo}`)).toEqual(['A2[bulky2]']);
      expect(await found(`from=${twoDaysAgo}`)).toEqual(['A4[]', 'A3[lamp3,pothole3]', 'A2[bulky2]']);
      expect(await found(`to=${threeDaysAgo}`)).toEqual(['A1[lamp1]', 'A5[]']);
      expect(await found(`channel=phone&from=${today}`)).toEqual(['A3[lamp3,pothole3]']);
      expect(await found(`channel=phone&status=open&to=${threeDaysAgo}`)).toEqual(['A1[lamp1]']);
      expect(await found('from=2026-01-09&to=2026-01-09')).toEqual(['A5[]']);
      expect(await found('from=2026-01-10&to=2026-01-10')).toEqual([]);
      const backwards = await server.http.get('/api/attendances?from=2026-02-01&to=2026-01-01').set(desk.attendant).expect(400);
      expect(backwards.body.fields).toEqual({ to: 'A data final é anterior à inicial.' });
    });

    it('finds attendance and request protocols with or without separators', async () => {
      for (const typed of [a[2].protocol, formatProtocol(a[2].protocol)]) expect(await found(`q=${encodeURIComponent(typed)}`)).toEqual(['A2[bulky2]']);
      for (const typed of [r.pothole3.protocol, formatProtocol(r.pothole3.protocol)]) {
        expect(await found(`q=${encodeURIComponent(typed)}`)).toEqual(['A3[lamp3,pothole3]']);
      }
      expect(await found(`q=${encodeURIComponent(r.pothole3.protocol)}&status=finished`)).toEqual(['A3[lamp3]']);
      expect(await found(`q=${encodeURIComponent(r.pothole3.protocol)}&channel=email`)).toEqual([]);
    });

    it('finds keywords in request types, organs, informations and customer names, ignoring accents and case', async () => {
      expect(await found('q=lampada')).toEqual(['A3[lamp3,pothole3]', 'A1[lamp1]']);
      expect(await found(`q=${encodeURIComponent('ILUMINAÇÃO')}`)).toEqual(['A3[lamp3,pothole3]', 'A1[lamp1]']);
      expect(await found('q=buraco')).toEqual(['A3[lamp3,pothole3]']);
      expect(await found('q=vacinacao')).toEqual(['A4[]']);
      expect(await found(`q=${encodeURIComponent('reciclável')}`)).toEqual(['A2[bulky2]']);
      expect(await found('q=horarios')).toEqual(['A4[]', 'A2[bulky2]']);
      expect(await found('q=FERNANDA')).toEqual(['A2[bulky2]']);
      expect(await found(`q=${encodeURIComponent('lâmpada carlos')}`)).toEqual(['A1[lamp1]']);
      expect(await found('q=lampada&status=finished')).toEqual(['A3[lamp3]']);
      expect(await found('q=xyzzy')).toEqual([]);
    });

    it('finds by the customer’s CPF typed with or without punctuation', async () => {
      for (const typed of ['529.982.247-25', '52998224725', ' 529 982 247 25 ']) expect(await found(`q=${encodeURIComponent(typed)}`)).toEqual(['A1[lamp1]']);
      expect(await found(`q=${encodeURIComponent('714.287.938-60')}`)).toEqual(['A2[bulky2]']);
      expect(await found(`q=${encodeURIComponent('529.982.247-25')}&channel=walk_in`)).toEqual([]);
      // A valid CPF nobody has finds nothing, rather than every attendance with those digits somewhere.
      expect(await found(`q=${encodeURIComponent('111.444.777-35')}`)).toEqual([]);
    });

    it('finds by phone in any Brazilian form: the customer’s numbers and the number that called', async () => {
      for (const typed of ['(11) 95555-4444', '11955554444', '+55 11 95555-4444', '011 95555 4444', '95555-4444']) {
        expect(await found(`q=${encodeURIComponent(typed)}`)).toEqual(['A1[lamp1]']);
      }
      // A3 came in by a call from a number no customer has (what the CTI start records).
      await server.app.get(DataSource).query(`UPDATE attendances SET caller_number = '011933332222', caller_e164 = '+5511933332222' WHERE id = $1`, [a[3].id]);
      expect(await found(`q=${encodeURIComponent('(11) 93333-2222')}`)).toEqual(['A3[lamp3,pothole3]']);
      expect(await found(`q=${encodeURIComponent('(41) 98888-7777')}&status=open`)).toEqual([]);
      expect(await found(`q=${encodeURIComponent('(41) 98888-7777')}`)).toEqual(['A4[]']);
      // The back office sees A3 (its lamp) but may not read the number that called.
      expect(await found(`q=${encodeURIComponent('(11) 93333-2222')}`, lighting)).toEqual([]);
      expect(await found(`q=${encodeURIComponent('(11) 95555-4444')}`, lighting)).toEqual(['A1[lamp1]']);
      expect(await found(`q=${encodeURIComponent('529.982.247-25')}`, lighting)).toEqual(['A1[lamp1]']);
      expect(await found(`q=${encodeURIComponent('529.982.247-25')}`, cleaning)).toEqual([]);
    });

    it('finds by CPF and phone with indexes, never scanning every attendance', async () => {
      const database = server.app.get(DataSource);
      const plans: string[] = [];
      const capture = database.query.bind(database);
      // One connection of its own, so the setting holds for the EXPLAIN and for nothing else.
      const explainer = database.createQueryRunner();
      await explainer.query('SET enable_seqscan = off');
      const spy = jest.spyOn(database, 'query').mockImplementation(async (sql: string, parameters?: unknown[]) => {
        if (sql.includes('count(*)::int AS total FROM attendances')) {
          const plan = (await explainer.query(`EXPLAIN ${sql}`, parameters)) as { 'QUERY PLAN': string }[];
          plans.push(plan.map((line) => line['QUERY PLAN']).join('\n'));
        }
        return capture(sql, parameters);
      });
      try {
        await search(`q=${encodeURIComponent('529.982.247-25')}`);
        await search(`q=${encodeURIComponent('(11) 95555-4444')}`);
      } finally {
        spy.mockRestore();
        await explainer.query('RESET enable_seqscan');
        await explainer.release();
      }
      // With sequential scans off, a plan still shows one only where no index can answer.
      const [byDocument, byPhone] = plans;
      expect(byDocument).toMatch(/customers_document_prefix on customers[\s\S]*attendances_customer on attendances/);
      expect(byPhone).toMatch(/customer_phones_e164[\s\S]*attendances_customer on attendances[\s\S]*attendances_caller_e164 on attendances/);
      for (const plan of plans) expect(plan).not.toMatch(/Seq Scan/);
    });

    it('pages with the total of matches', async () => {
      const first = attendanceSearchResultSchema.parse((await server.http.get('/api/attendances?pageSize=2').set(desk.attendant).expect(200)).body);
      const second = attendanceSearchResultSchema.parse((await server.http.get('/api/attendances?pageSize=2&page=2').set(desk.attendant).expect(200)).body);
      expect(first.total).toBe(5);
      expect(second.total).toBe(5);
      expect([...first.items, ...second.items].map((item) => item.id)).toEqual([a[4].id, a[3].id, a[2].id, a[1].id]);
    });

    it('shows the back office only attendances with its organ’s requests, and only those requests', async () => {
      expect(await found('', lighting)).toEqual(['A3[lamp3]', 'A1[lamp1]']);
      expect(await found('status=open', lighting)).toEqual(['A1[lamp1]']);
      expect(await found(`organId=${desk.organId(CLEANING)}`, lighting)).toEqual([]);
      expect(await found('', cleaning)).toEqual(['A2[bulky2]']);
      const seeded = { Authorization: `Bearer ${await server.login('backoffice')}` };
      expect(await found('', seeded)).toEqual([]);
      await server.http.get(`/api/attendances/${a[3].id}`).set(lighting).expect(200);
      const other = await server.http.get(`/api/attendances/${a[2].id}`).set(lighting).expect(403);
      expect(other.body.message).toBe('Este atendimento não tem solicitações do seu órgão.');
    });
  });

  describe('customer history', () => {
    it('lists the customer’s attendances and requests, newest first, with counts', async () => {
      clock.advanceHours(1);
      const later = await desk.startAttendance({ customerId: customers.carlos });
      const lamp = await desk.register(LAMP, { attendanceId: later.id });
      const pothole = await desk.register(POTHOLE, { attendanceId: later.id });
      await server.http
        .post(`/api/attendances/${later.id}/informations`)
        .set(desk.attendant)
        .send({ informationId: informations.get('Lâmpada apagada em via pública') })
        .expect(201);
      clock.reset();

      const history = customerHistorySchema.parse((await server.http.get(`/api/customers/${customers.carlos}/history`).set(desk.attendant).expect(200)).body);
      expect(history.attendances.map((item) => [item.id, item.requestCount, item.informationCount])).toEqual([
        [later.id, 2, 1],
        [a[1].id, 1, 0],
      ]);
      expect(history.attendances[0]).toMatchObject({ protocol: later.protocol, channel: 'phone', status: 'open', attendantName: 'Ana Atendente' });
      expect(history.requests.map((request) => request.id)).toEqual([pothole.id, lamp.id, r.lamp1.id]);
      expect(history.attendances[0]).toMatchObject({
        informationTitles: ['Lâmpada apagada em via pública'],
        requestTypeNames: ['Lâmpada apagada', 'Buraco na via'],
      });
      expect(history.attendances[1]).toMatchObject({ informationTitles: [], requestTypeNames: ['Lâmpada apagada'] });
      // The lamp of three days ago is past its deadline; the two just registered are not.
      expect(history.requests.map((request) => [request.id, request.overdue])).toEqual([
        [pothole.id, false],
        [lamp.id, false],
        [r.lamp1.id, true],
      ]);

      // A year on, every one of them is still open: all past their deadlines.
      clock.advanceHours(24 * 365);
      const yearOn = customerHistorySchema.parse((await server.http.get(`/api/customers/${customers.carlos}/history`).set(desk.attendant).expect(200)).body);
      clock.reset();
      expect(yearOn.requests.map((request) => [request.status, request.overdue])).toEqual([
        ['open', true],
        ['open', true],
        ['open', true],
      ]);

      const empty = customerHistorySchema.parse(
        (await server.http.get(`/api/customers/${customers.fernanda}/history`).set(desk.attendant).expect(200)).body,
      );
      expect(empty.attendances.map((item) => item.id)).toEqual([a[2].id]);
      await server.http.get('/api/customers/00000000-0000-4000-8000-000000000000/history').set(desk.attendant).expect(404);
      await server.http.get(`/api/customers/${customers.carlos}/history`).set(lighting).expect(403);
    });
  });

  describe('printing', () => {
    it('prints an attendance with its protocol, customer and requests', async () => {
      const response = await server.http.get(`/api/attendances/${a[3].id}/pdf`).set(desk.attendant).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(parseDisposition(response.headers['content-disposition'])).toEqual({
        type: 'attachment',
        parameters: { filename: `atendimento-${formatProtocol(a[3].protocol)}.pdf` },
      });
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toContain(`Atendimento ${formatProtocol(a[3].protocol)}`);
      expect(text).toContain(`${formatProtocol(r.lamp3.protocol)} — Lâmpada apagada`);
      expect(text).toContain(`${formatProtocol(r.pothole3.protocol)} — Buraco na via`);
      expect(text).toContain('Finalizada');
      expect(text).toContain('Ana Atendente');

      const withInformation = await pdfText((await server.http.get(`/api/attendances/${a[4].id}/pdf`).set(desk.attendant).buffer(true).parse(binary).expect(200)).body);
      expect(withInformation).toContain('Beatriz Lima');
      expect(withInformation).toContain('Vacinação nas UBS: documentos e horários');

      await server.http.get(`/api/attendances/${a[3].id}/pdf`).set(lighting).expect(200);
      await server.http.get(`/api/attendances/${a[2].id}/pdf`).set(lighting).expect(403);
    });
  });
});
