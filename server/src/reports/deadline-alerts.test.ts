import { type DeadlineAlerts, deadlineAlertsSchema } from '@receptivo/shared';
import { Clock } from '../common/clock';
import { ConfigurationError, readEnvironment } from '../config/environment';
import { type TestApp, startTestApp } from '../testing/test-app';
import { type Auth, type RequestDesk, requestDesk, validForm } from '../testing/request-fixtures';

const TRAFFIC_LIGHT = 'Semáforo com defeito'; // 4 h SLA: due soon in its last 48 min (20%)
const LAMP = 'Lâmpada apagada'; // 72 h SLA: 20% is 14.4 h, so SUPERVISION_ALERT_HOURS=12 decides
const PRUNING = 'Poda de árvore'; // 720 h SLA: SUPERVISION_ALERT_HOURS=12 decides
const IPTU = 'Segunda via de IPTU';
const LIGHTING = 'Departamento de Iluminação Pública';
const TRAFFIC = 'Secretaria Municipal de Mobilidade e Trânsito';
const SUBPREFECTURES = 'Secretaria Municipal das Subprefeituras';

const HOUR = 3_600_000;
const NOW = new Date('2026-05-10T15:00:00.000Z');

/**
 * Requests registered through the API with the server's clock held at chosen instants before
 * NOW, so each deadline lands where the test needs it (hours from NOW):
 *
 * S1 +0.5 (due soon), S2 +2 (out: more than 20% of 4 h), S3 −1 (overdue),
 * L1 +10 (due soon), L2 +14 (out: more than 12 h), L3 −8 (overdue, in progress), L4 −3 (finished: out),
 * P1 +11 (due soon), P2 +20 (out), I1 −6 (cancelled: out).
 */
describe('deadline alerts', () => {
  let server: TestApp;
  let desk: RequestDesk;
  let supervisor: Auth;
  let instant = NOW;
  const ids: Record<string, string> = {};
  const protocols: Record<string, string> = {};

  const alerts = async (): Promise<DeadlineAlerts> =>
    deadlineAlertsSchema.parse((await server.http.get('/api/reports/deadline-alerts').set(supervisor).expect(200)).body);
  /** Each organ as [name, overdue, dueSoon, [request, hours left]…]. */
  const summary = (list: DeadlineAlerts) =>
    list.organs.map((organ) => [
      organ.organName,
      organ.overdue,
      organ.dueSoon,
      organ.items.map((item) => [Object.keys(ids).find((key) => ids[key] === item.id), item.secondsLeft / 3600, item.overdue]),
    ]);

  beforeAll(async () => {
    server = await startTestApp({ SUPERVISION_ALERT_HOURS: '12' });
    desk = await requestDesk(server);
    supervisor = { Authorization: `Bearer ${await server.login('supervisor')}` };
    jest.spyOn(server.app.get(Clock), 'now').mockImplementation(() => new Date(instant));
    const { id: carlos } = (await server.http.get('/api/customers?phone=11955554444').set(desk.attendant).expect(200)).body.items[0];

    const register = async (key: string, type: string, deadlineFromNow: number, customerId?: string) => {
      instant = new Date(NOW.getTime() + (deadlineFromNow - desk.type(type).slaHours) * HOUR);
      const request = await desk.register(type, { customerId });
      ids[key] = request.id;
      protocols[key] = request.protocol;
    };
    await register('S1', TRAFFIC_LIGHT, 0.5, carlos);
    await register('S2', TRAFFIC_LIGHT, 2);
    await register('S3', TRAFFIC_LIGHT, -1);
    await register('L1', LAMP, 10);
    await register('L2', LAMP, 14);
    await register('L3', LAMP, -8);
    await register('L4', LAMP, -3);
    await register('P1', PRUNING, 11);
    await register('P2', PRUNING, 20);

    const iptu = desk.type(IPTU);
    instant = new Date(NOW.getTime() - 30 * HOUR);
    const attendance = await desk.startAttendance();
    const cancelled = await server.http
      .post(`/api/attendances/${attendance.id}/requests`)
      .set(desk.attendant)
      .send({ requestTypeId: iptu.id, form: { ...validForm(iptu.formSchema), emailEnvio: 'contribuinte@example.com' } })
      .expect(201);
    ids.I1 = cancelled.body.id;
    await server.http.post(`/api/requests/${ids.I1}/cancel`).set(desk.attendant).send({}).expect(200);

    const lighting = await desk.backoffice(LIGHTING);
    instant = new Date(NOW.getTime() - 4 * HOUR);
    await server.http.post(`/api/requests/${ids.L3}/status`).set(lighting).send({ status: 'in_progress' }).expect(200);
    await server.http.post(`/api/requests/${ids.L4}/status`).set(lighting).send({ status: 'finished', response: 'Trocada.' }).expect(200);
    instant = NOW;
  });
  afterAll(() => server.close());

  it('lists overdue and nearly due open requests by organ, the most urgent first', async () => {
    const list = await alerts();
    expect(list).toMatchObject({ generatedAt: NOW.toISOString(), alertHours: 12, overdue: 2, dueSoon: 3 });
    expect(summary(list)).toEqual([
      [LIGHTING, 1, 1, [['L3', -8, true], ['L1', 10, false]]],
      [TRAFFIC, 1, 1, [['S3', -1, true], ['S1', 0.5, false]]],
      [SUBPREFECTURES, 0, 1, [['P1', 11, false]]],
    ]);
    const s1 = list.organs[1].items[1];
    expect(s1).toEqual({
      id: ids.S1,
      protocol: protocols.S1,
      status: 'open',
      typeName: TRAFFIC_LIGHT,
      customerName: 'Carlos Souza',
      createdAt: new Date(NOW.getTime() - 3.5 * HOUR).toISOString(),
      deadline: new Date(NOW.getTime() + 0.5 * HOUR).toISOString(),
      slaHours: 4,
      secondsLeft: 1800,
      overdue: false,
    });
    expect(list.organs[0].items[0]).toMatchObject({ status: 'in_progress', customerName: null });
  });

  it('follows the clock: three hours later more requests are overdue or inside their window', async () => {
    instant = new Date(NOW.getTime() + 3 * HOUR);
    try {
      const list = await alerts();
      expect(list).toMatchObject({ overdue: 4, dueSoon: 3 });
      expect(summary(list)).toEqual([
        [LIGHTING, 1, 2, [['L3', -11, true], ['L1', 7, false], ['L2', 11, false]]],
        [TRAFFIC, 3, 0, [['S3', -4, true], ['S1', -2.5, true], ['S2', -1, true]]],
        [SUBPREFECTURES, 0, 1, [['P1', 8, false]]],
      ]);
    } finally {
      instant = NOW;
    }
  });

  it('is for supervisors and admins', async () => {
    await server.http.get('/api/reports/deadline-alerts').set(desk.admin).expect(200);
    await server.http.get('/api/reports/deadline-alerts').set(desk.attendant).expect(403);
  });

  it('reads SUPERVISION_ALERT_HOURS as whole hours, 24 by default', () => {
    expect(readEnvironment({}).SUPERVISION_ALERT_HOURS).toBe(24);
    expect(readEnvironment({ SUPERVISION_ALERT_HOURS: '48' }).SUPERVISION_ALERT_HOURS).toBe(48);
    const problems = (value: string) => {
      try {
        readEnvironment({ SUPERVISION_ALERT_HOURS: value });
      } catch (error) {
        return (error as ConfigurationError).problems;
      }
      throw new Error(`SUPERVISION_ALERT_HOURS=${value} was accepted`);
    };
    expect(problems('um dia')).toEqual([{ variable: 'SUPERVISION_ALERT_HOURS', message: 'deve ser um número de horas' }]);
    expect(problems('1.5')).toEqual([{ variable: 'SUPERVISION_ALERT_HOURS', message: 'deve ser um número inteiro de horas' }]);
    expect(problems('0')).toEqual([{ variable: 'SUPERVISION_ALERT_HOURS', message: 'deve estar entre 1 e 720 horas' }]);
  });
});
