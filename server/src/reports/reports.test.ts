import { type Channel, type Report, categoryTreeSchema, reportSchema } from '@receptivo/shared';
import { AttendancesService } from '../attendances/attendances.service';
import { CallStarts } from '../attendances/call-starts';
import { Clock } from '../common/clock';
import { type TestApp, startTestApp } from '../testing/test-app';
import { type Auth, type RequestDesk, requestDesk, validForm } from '../testing/request-fixtures';

const LAMP = 'Lâmpada apagada';
const RUBBLE = 'Remoção de entulho';
const TRAFFIC_LIGHT = 'Semáforo com defeito';
const IPTU = 'Segunda via de IPTU';
const LIGHTING = 'Departamento de Iluminação Pública';
const CLEANING = 'Autoridade Municipal de Limpeza Urbana';
const TRAFFIC = 'Secretaria Municipal de Mobilidade e Trânsito';
const FINANCE = 'Secretaria Municipal da Fazenda';

/** Brasília is UTC−3 all year since 2019: "2026-03-02 23:30" there is 02:30Z on the 3rd. */
const brasilia = (local: string) => new Date(`${local.replace(' ', 'T')}:00-03:00`);

/**
 * A deterministic set, made through the API (attendances, informations, requests, back-office
 * status changes, cancel) and the CTI service (calls with talk time) with the server's clock held
 * at chosen instants; nothing is written by SQL. Period 2026-03-02 … 2026-03-04:
 *
 * | attendance | channel  | started (Brasília) | finished | talk | registered |
 * | A0         | phone    | 03-01 23:59        | —        |      | lamp (outside the period) |
 * | A1         | phone    | 03-02 09:00        | +300 s   |      | R1 lamp, R2 rubble |
 * | A2         | phone/CTI| 03-02 10:00        | +360 s   | 240  | R3 lamp + a lighting information |
 * | A3         | walk_in  | 03-02 23:30        | +600 s   |      | an IPTU information only |
 * | A4         | email    | 03-03 08:00        | +120 s   |      | R4 traffic light |
 * | A5         | phone/CTI| 03-03 14:00        | +600 s   | 500  | nothing |
 * | A6         | chat     | 03-03 15:00        | open     |      | R5 IPTU |
 * | A7         | web      | 03-05 00:00        | +60 s    |      | nothing (outside) |
 * | January    | web      | 01-31 23:30        | +60 s    |      | nothing (outside) |
 *
 * Requests, as of the report's "now" 03-06 12:00: R1 finished before its deadline (met), R2 open
 * before it (pending), R3 in progress past it (overdue), R4 finished after it (late), R5 cancelled.
 */
describe('reports', () => {
  let server: TestApp;
  let desk: RequestDesk;
  let supervisor: Auth;
  let instant = new Date();
  const at = (local: string) => {
    instant = brasilia(local);
  };

  const report = async (from: string, to: string, groupBy?: string): Promise<Report> =>
    reportSchema.parse(
      (await server.http.get(`/api/reports?${new URLSearchParams({ from, to, ...(groupBy && { groupBy }) })}`).set(supervisor).expect(200)).body,
    );

  beforeAll(async () => {
    server = await startTestApp();
    desk = await requestDesk(server);
    supervisor = { Authorization: `Bearer ${await server.login('supervisor')}` };
    // Held still, not running on from a point: durations and deadlines come out to the second.
    jest.spyOn(server.app.get(Clock), 'now').mockImplementation(() => new Date(instant));

    const lighting = await desk.backoffice(LIGHTING);
    const traffic = await desk.backoffice(TRAFFIC);
    const tree = categoryTreeSchema.parse((await server.http.get('/api/categories').set(desk.attendant).expect(200)).body);
    const information = (category: string) => tree.items.find((item) => item.name === category)!.informations[0].id;
    const { id: attendantId } = (await server.http.get('/api/auth/me').set(desk.attendant).expect(200)).body;
    const attendances = server.app.get(AttendancesService);

    const start = async (channel: Channel) => (await desk.startAttendance({ channel })).id;
    const call = async (callId: string, talkSeconds: number, hangUp: string) => {
      const attendance = await server.app.get(CallStarts).start(
        { callId, callerNumber: '11987654321', callerE164: '+5511987654321', queue: 'atendimento', waitSeconds: 12, talkSeconds: null, ura: {} },
        attendantId,
      );
      at(hangUp);
      await attendances.recordCallEnd(callId, attendantId, talkSeconds);
      return attendance.attendanceId;
    };
    const finish = (id: string) => server.http.post(`/api/attendances/${id}/finish`).set(desk.attendant).send({}).expect(200);
    const inform = (id: string, category: string) =>
      server.http.post(`/api/attendances/${id}/informations`).set(desk.attendant).send({ informationId: information(category) }).expect(201);
    const status = (id: string, auth: Auth, body: object) => server.http.post(`/api/requests/${id}/status`).set(auth).send(body).expect(200);

    at('2026-01-31 23:30');
    const january = await start('web');
    at('2026-01-31 23:31');
    await finish(january);

    at('2026-03-01 23:59');
    const a0 = await start('phone');
    await desk.register(LAMP, { attendanceId: a0 });
    await finish(a0);

    at('2026-03-02 09:00');
    const a1 = await start('phone');
    at('2026-03-02 09:01');
    const r1 = await desk.register(LAMP, { attendanceId: a1 });
    at('2026-03-02 09:02');
    await desk.register(RUBBLE, { attendanceId: a1 });
    at('2026-03-02 09:05');
    await finish(a1);

    at('2026-03-02 10:00');
    const a2 = await call('1772456400.1', 240, '2026-03-02 10:04');
    at('2026-03-02 10:05');
    const r3 = await desk.register(LAMP, { attendanceId: a2 });
    await inform(a2, 'Iluminação pública');
    at('2026-03-02 10:06');
    await finish(a2);

    at('2026-03-02 23:30');
    const a3 = await start('walk_in');
    await inform(a3, 'Tributos e IPTU');
    at('2026-03-02 23:40');
    await finish(a3);

    at('2026-03-03 08:00');
    const a4 = await start('email');
    at('2026-03-03 08:01');
    const r4 = await desk.register(TRAFFIC_LIGHT, { attendanceId: a4 });
    at('2026-03-03 08:02');
    await finish(a4);

    at('2026-03-03 14:00');
    const a5 = await call('1772557200.7', 500, '2026-03-03 14:09');
    at('2026-03-03 14:10');
    await finish(a5);

    at('2026-03-03 15:00');
    const a6 = await start('chat');
    at('2026-03-03 15:01');
    const iptu = desk.type(IPTU);
    const r5 = (
      await server.http
        .post(`/api/attendances/${a6}/requests`)
        .set(desk.attendant)
        .send({ requestTypeId: iptu.id, form: { ...validForm(iptu.formSchema), emailEnvio: 'contribuinte@example.com' } })
        .expect(201)
    ).body;
    await server.http.post(`/api/requests/${r5.id}/cancel`).set(desk.attendant).send({}).expect(200);

    at('2026-03-05 00:00');
    const a7 = await start('web');
    at('2026-03-05 00:01');
    await finish(a7);

    // R1 (deadline 03-05 09:01) finished on the 4th; R3 (deadline 03-05 10:05) taken up and left
    // in progress; R4 (deadline 03-03 12:01, a 4-hour SLA) finished at 13:00.
    at('2026-03-03 11:00');
    await status(r3.id, lighting, { status: 'in_progress' });
    at('2026-03-03 13:00');
    await status(r4.id, traffic, { status: 'finished', response: 'Semáforo reprogramado.' });
    at('2026-03-04 10:00');
    await status(r1.id, lighting, { status: 'finished', response: 'Lâmpada trocada.' });

    at('2026-03-06 12:00');
  });
  afterAll(() => server.close());

  it('counts attendances per Brasília day and channel, every day of the period listed', async () => {
    const { attendances, generatedAt } = await report('2026-03-02', '2026-03-04');
    expect(generatedAt).toBe(brasilia('2026-03-06 12:00').toISOString());
    expect(attendances.total).toBe(6);
    expect(attendances.byChannel).toEqual({ phone: 3, walk_in: 1, email: 1, chat: 1, web: 0 });
    expect(attendances.perPeriod).toEqual([
      { from: '2026-03-02', to: '2026-03-02', total: 3, byChannel: { phone: 2, walk_in: 1, email: 0, chat: 0, web: 0 } },
      { from: '2026-03-03', to: '2026-03-03', total: 3, byChannel: { phone: 1, walk_in: 0, email: 1, chat: 1, web: 0 } },
      { from: '2026-03-04', to: '2026-03-04', total: 0, byChannel: { phone: 0, walk_in: 0, email: 0, chat: 0, web: 0 } },
    ]);
  });

  it('puts 23:30 in São Paulo on that day, not on the next UTC day', async () => {
    const [second, third, first] = await Promise.all([report('2026-03-02', '2026-03-02'), report('2026-03-03', '2026-03-03'), report('2026-03-01', '2026-03-01')]);
    expect(second.attendances.byChannel).toEqual({ phone: 2, walk_in: 1, email: 0, chat: 0, web: 0 });
    expect(third.attendances.byChannel).toEqual({ phone: 1, walk_in: 0, email: 1, chat: 1, web: 0 });
    // 23:59 of the 1st is 02:59Z on the 2nd, and its request too.
    expect(first.attendances.total).toBe(1);
    expect(first.requests.total).toBe(1);
    expect(second.requests.total).toBe(3);
  });

  it('counts an attendance once per organ and once per category it touched', async () => {
    const { attendances } = await report('2026-03-02', '2026-03-04');
    expect(attendances.byOrgan.map(({ organName, attendances: count }) => [organName, count])).toEqual([
      [LIGHTING, 2],
      [CLEANING, 1],
      [FINANCE, 1],
      [TRAFFIC, 1],
    ]);
    expect(attendances.withoutRequest).toBe(2);
    // A2 registered a lighting request and a lighting information: one count for the category.
    expect(attendances.byCategory.map(({ categoryName, attendances: count }) => [categoryName, count])).toEqual([
      ['Iluminação pública', 2],
      ['Tributos e IPTU', 2],
      ['Limpeza urbana', 1],
      ['Trânsito e transporte', 1],
    ]);
    expect(attendances.withoutRegistration).toBe(1);
  });

  it('counts requests by status and by deadline, overall and per organ', async () => {
    const { requests } = await report('2026-03-02', '2026-03-04');
    expect(requests.total).toBe(5);
    expect(requests.byStatus).toEqual({ open: 1, in_progress: 1, finished: 2, cancelled: 1 });
    expect(requests.byDeadline).toEqual({ met: 1, finished_late: 1, overdue: 1, pending: 1, cancelled: 1 });
    expect(requests.byOrgan.map(({ organId: _id, ...organ }) => organ)).toEqual([
      {
        organName: LIGHTING,
        total: 2,
        byStatus: { open: 0, in_progress: 1, finished: 1, cancelled: 0 },
        byDeadline: { met: 1, finished_late: 0, overdue: 1, pending: 0, cancelled: 0 },
      },
      {
        organName: CLEANING,
        total: 1,
        byStatus: { open: 1, in_progress: 0, finished: 0, cancelled: 0 },
        byDeadline: { met: 0, finished_late: 0, overdue: 0, pending: 1, cancelled: 0 },
      },
      {
        organName: FINANCE,
        total: 1,
        byStatus: { open: 0, in_progress: 0, finished: 0, cancelled: 1 },
        byDeadline: { met: 0, finished_late: 0, overdue: 0, pending: 0, cancelled: 1 },
      },
      {
        organName: TRAFFIC,
        total: 1,
        byStatus: { open: 0, in_progress: 0, finished: 1, cancelled: 0 },
        byDeadline: { met: 0, finished_late: 1, overdue: 0, pending: 0, cancelled: 0 },
      },
    ]);
  });

  it('judges open requests by the clock: pending turns overdue once the deadline passes', async () => {
    at('2026-03-07 09:03'); // R2's 120-hour deadline was 03-07 09:02
    try {
      const { requests } = await report('2026-03-02', '2026-03-04');
      expect(requests.byDeadline).toEqual({ met: 1, finished_late: 1, overdue: 2, pending: 0, cancelled: 1 });
    } finally {
      at('2026-03-06 12:00');
    }
  });

  it('averages handling and talk time per day and over the period, weighing each attendance alike', async () => {
    const { handlingTime } = await report('2026-03-02', '2026-03-04');
    expect(handlingTime.overall).toEqual({ finished: 5, averageSeconds: 396, withCall: 2, averageTalkSeconds: 370 });
    expect(handlingTime.perPeriod).toEqual([
      { from: '2026-03-02', to: '2026-03-02', finished: 3, averageSeconds: 420, withCall: 1, averageTalkSeconds: 240 },
      { from: '2026-03-03', to: '2026-03-03', finished: 2, averageSeconds: 360, withCall: 1, averageTalkSeconds: 500 },
      { from: '2026-03-04', to: '2026-03-04', finished: 0, averageSeconds: null, withCall: 0, averageTalkSeconds: null },
    ]);
  });

  const none = { phone: 0, walk_in: 0, email: 0, chat: 0, web: 0 };

  it('groups by week, Monday to Sunday in Brasília, the weeks at the ends cut to the period', async () => {
    const { groupBy, attendances, handlingTime } = await report('2026-02-25', '2026-03-10', 'week');
    expect(groupBy).toBe('week');
    // A0 started on Sunday 23:59 in São Paulo, already Monday in UTC: it stays in the first week.
    expect(attendances.perPeriod).toEqual([
      { from: '2026-02-25', to: '2026-03-01', total: 1, byChannel: { ...none, phone: 1 } },
      { from: '2026-03-02', to: '2026-03-08', total: 7, byChannel: { phone: 3, walk_in: 1, email: 1, chat: 1, web: 1 } },
      { from: '2026-03-09', to: '2026-03-10', total: 0, byChannel: none },
    ]);
    expect(handlingTime.perPeriod.map(({ from, to, finished, averageSeconds }) => [from, to, finished, averageSeconds])).toEqual([
      ['2026-02-25', '2026-03-01', 1, 0],
      ['2026-03-02', '2026-03-08', 6, 340],
      ['2026-03-09', '2026-03-10', 0, null],
    ]);
  });

  it('groups by calendar month in Brasília, and picks day, week or month by the length when not asked', async () => {
    const { groupBy, attendances, handlingTime } = await report('2026-01-15', '2026-04-10', 'month');
    expect(groupBy).toBe('month');
    // January 31st 23:30 in São Paulo is February 1st in UTC.
    expect(attendances.perPeriod).toEqual([
      { from: '2026-01-15', to: '2026-01-31', total: 1, byChannel: { ...none, web: 1 } },
      { from: '2026-02-01', to: '2026-02-28', total: 0, byChannel: none },
      { from: '2026-03-01', to: '2026-03-31', total: 8, byChannel: { phone: 4, walk_in: 1, email: 1, chat: 1, web: 1 } },
      { from: '2026-04-01', to: '2026-04-10', total: 0, byChannel: none },
    ]);
    expect(handlingTime.perPeriod.map(({ from, finished, averageSeconds, withCall, averageTalkSeconds }) => [from, finished, averageSeconds, withCall, averageTalkSeconds])).toEqual([
      ['2026-01-15', 1, 60, 0, null],
      ['2026-02-01', 0, null, 0, null],
      ['2026-03-01', 7, 291, 2, 370],
      ['2026-04-01', 0, null, 0, null],
    ]);

    const year = await report('2026-01-01', '2026-12-31');
    expect(year.groupBy).toBe('month');
    expect(year.attendances.perPeriod).toHaveLength(12);
    expect(year.attendances.total).toBe(9);
    const quarter = await report('2026-01-01', '2026-03-31');
    expect(quarter.groupBy).toBe('week');
    expect(quarter.attendances.perPeriod).toHaveLength(14);
    expect((await report('2026-03-01', '2026-03-31')).attendances.perPeriod).toHaveLength(31);
  });

  it('exports a table as CSV that Excel in pt-BR opens: BOM, ";", header, dd/mm/aaaa, totals', async () => {
    const byDay = await server.http.get('/api/reports/csv?section=attendances-by-day&from=2026-03-02&to=2026-03-04').set(supervisor).expect(200);
    expect(byDay.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byDay.headers['content-disposition']).toBe('attachment; filename=relatorio-attendances-by-day-2026-03-02-a-2026-03-04.csv');
    expect(byDay.text).toBe(
      '\uFEFFDia;Telefone;Presencial;E-mail;Chat;Web;Total\r\n' +
        '02/03/2026;2;1;0;0;0;3\r\n' +
        '03/03/2026;1;0;1;1;0;3\r\n' +
        '04/03/2026;0;0;0;0;0;0\r\n' +
        'Total;3;1;1;1;0;6\r\n',
    );

    const byOrgan = await server.http.get('/api/reports/csv?section=requests-by-organ&from=2026-03-02&to=2026-03-04').set(supervisor).expect(200);
    expect(byOrgan.text.split('\r\n')).toEqual([
      '\uFEFFÓrgão;Total;Aberta;Em andamento;Finalizada;Cancelada;Finalizada no prazo;Finalizada após o prazo;Em aberto com prazo vencido;Em aberto dentro do prazo;Cumprimento do prazo (%)',
      `${LIGHTING};2;0;1;1;0;1;0;1;0;50,0`,
      `${CLEANING};1;1;0;0;0;0;0;0;1;`,
      `${FINANCE};1;0;0;0;1;0;0;0;0;`,
      `${TRAFFIC};1;0;0;1;0;0;1;0;0;0,0`,
      'Total;5;1;1;2;1;1;1;1;1;33,3',
      '',
    ]);

    const weekly = await server.http.get('/api/reports/csv?section=attendances-by-day&from=2026-02-25&to=2026-03-10&groupBy=week').set(supervisor).expect(200);
    expect(weekly.text.split('\r\n').slice(0, 4)).toEqual([
      '\uFEFFSemana;Telefone;Presencial;E-mail;Chat;Web;Total',
      '25/02 a 01/03/2026;1;0;0;0;0;1',
      '02/03 a 08/03/2026;3;1;1;1;1;7',
      '09/03 a 10/03/2026;0;0;0;0;0;0',
    ]);

    const handling = await server.http.get('/api/reports/csv?section=handling-time-by-day&from=2026-03-02&to=2026-03-04').set(supervisor).expect(200);
    expect(handling.text.split('\r\n')).toEqual([
      '\uFEFFDia;Atendimentos finalizados;Tempo médio de atendimento (s);Com chamada;Tempo médio de conversa (s)',
      '02/03/2026;3;420;1;240',
      '03/03/2026;2;360;1;500',
      '04/03/2026;0;;0;',
      'Período;5;396;2;370',
      '',
    ]);
  });

  it('refuses a period that is missing, malformed, reversed or longer than 366 days, in pt-BR', async () => {
    const refused = async (query: string) => (await server.http.get(`/api/reports${query}`).set(supervisor).expect(400)).body;
    expect(await refused('')).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Informe a data inicial.',
      fields: { from: 'Informe a data inicial.', to: 'Informe a data final.' },
    });
    expect((await refused('?from=2026-13-01&to=03/03/2026')).fields).toEqual({ from: 'Data inicial inválida.', to: 'Data final inválida.' });
    expect((await refused('?from=2026-03-04&to=2026-03-02')).fields).toEqual({ to: 'A data final é anterior à inicial.' });
    expect((await refused('?from=2025-01-01&to=2026-01-02')).fields).toEqual({ to: 'O período pode ter no máximo 366 dias.' });
    await server.http.get('/api/reports?from=2024-01-01&to=2024-12-31').set(supervisor).expect(200);
    await server.http.get('/api/reports?from=2025-01-01&to=2026-01-01').set(supervisor).expect(200);

    expect((await refused('?from=2026-03-02&to=2026-03-04&groupBy=year')).fields).toEqual({ groupBy: 'Escolha o agrupamento: dia, semana ou mês.' });

    const section = await server.http.get('/api/reports/csv?section=tudo&from=2026-03-02&to=2026-03-04').set(supervisor).expect(400);
    expect(section.body.fields).toEqual({ section: 'Escolha a tabela do relatório a exportar.' });
    const reversed = await server.http.get('/api/reports/csv?section=attendances-by-day&from=2026-03-04&to=2026-03-02').set(supervisor).expect(400);
    expect(reversed.body.fields).toEqual({ to: 'A data final é anterior à inicial.' });
  });

  it('is for supervisors and admins only', async () => {
    const admin = desk.admin;
    await server.http.get('/api/reports?from=2026-03-02&to=2026-03-04').set(admin).expect(200);
    const attendant = await server.http.get('/api/reports?from=2026-03-02&to=2026-03-04').set(desk.attendant).expect(403);
    expect(attendant.body.code).toBe('FORBIDDEN');
    await server.http.get('/api/reports/csv?section=attendances-by-day&from=2026-03-02&to=2026-03-04').set(await desk.backoffice(LIGHTING)).expect(403);
    await server.http.get('/api/reports?from=2026-03-02&to=2026-03-04').expect(401);
  });
});
