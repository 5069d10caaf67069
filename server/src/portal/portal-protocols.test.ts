import { randomBytes } from 'node:crypto';
import { apiErrorSchema, portalProtocolsSchema, portalRequestSchema, requestSchema } from '@receptivo/shared';
import { citizenSignedInByMail } from '../testing/portal-citizen';
import { type RequestDesk, controlClock, requestDesk } from '../testing/request-fixtures';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';

const LAMP = 'Lâmpada apagada';
const LIGHTING = 'Departamento de Iluminação Pública';

describe('Meus protocolos on the self-service portal', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let desk: RequestDesk;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    server = await startTestApp({ SMTP_URL: smtp.url });
    desk = await requestDesk(server);
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  const citizen = (name: string, document: string, email: string) => citizenSignedInByMail(server, smtp, desk.attendant, { name, document, email });

  it("shows the citizen's attendances and requests, each request's progress and the organ's response, and nothing of anyone else", async () => {
    const helena = await citizen('Helena Brandão', '068.443.616-70', 'helena.portal@example.com');
    const attendance = await desk.startAttendance({ customerId: helena.id });
    const first = await desk.register(LAMP, { attendanceId: attendance.id, street: 'Rua Harmonia', number: '77' });
    // Someone else's request at the same address and of the same type joins Helena's group.
    const neighbour = await desk.register(LAMP, { street: 'Rua Harmonia', number: '77' });
    expect(neighbour.groupOf?.protocol).toBe(first.protocol);

    // A temporary password opens nothing but the session and its change.
    const waiting = await server.http.get('/api/portal/protocols').set(helena.temporary).expect(403);
    expect(apiErrorSchema.parse(waiting.body)).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: 'Escolha uma nova senha para continuar.' });
    const session = await helena.choosePassword();

    const protocols = portalProtocolsSchema.parse((await server.http.get('/api/portal/protocols').set(session).expect(200)).body);
    expect(protocols.attendances).toEqual([expect.objectContaining({ protocol: attendance.protocol, channel: 'phone', status: 'open', requestTypeNames: [LAMP] })]);
    expect(protocols.requests).toEqual([
      expect.objectContaining({ id: first.id, protocol: first.protocol, typeName: LAMP, organName: LIGHTING, status: 'open', overdue: false, groupFirstProtocol: null }),
    ]);

    // The back office answers; the citizen reads the response and the timeline, never a staff member's name.
    const lighting = await desk.backoffice(LIGHTING);
    await server.http.post(`/api/requests/${first.id}/status`).set(lighting).send({ status: 'finished', response: 'Lâmpada trocada no dia 3.' }).expect(200);
    const detail = portalRequestSchema.parse((await server.http.get(`/api/portal/requests/${first.id}`).set(session).expect(200)).body);
    expect(detail).toMatchObject({ protocol: first.protocol, status: 'finished', response: 'Lâmpada trocada no dia 3.', address: expect.objectContaining({ street: 'Rua Harmonia', number: '77' }) });
    expect(detail.finishedAt).not.toBeNull();
    expect(detail.timeline.map((event) => event.kind)).toEqual(['registered', 'status_changed', 'responded']);
    expect(detail.allowedActions).toEqual(['restart']);
    const text = JSON.stringify(detail);
    for (const staffName of ['Ana Atendente', 'Retaguarda']) expect(text).not.toContain(staffName);

    // Another citizen reaches none of it: not by id, not in the list, not by guessing.
    const otavio = await (await citizen('Otávio Reis', '177.104.780-18', 'otavio.portal@example.com')).choosePassword();
    for (const path of [`/api/portal/requests/${first.id}`, `/api/portal/requests/${neighbour.id}`, '/api/portal/requests/00000000-0000-4000-8000-000000000000', '/api/portal/requests/123']) {
      const refused = await server.http.get(path).set(otavio).expect(404);
      expect(apiErrorSchema.parse(refused.body).code).toBe('NOT_FOUND');
    }
    expect(portalProtocolsSchema.parse((await server.http.get('/api/portal/protocols').set(otavio).expect(200)).body)).toEqual({ attendances: [], requests: [] });
    // Nor Helena the neighbour's request of her group.
    await server.http.get(`/api/portal/requests/${neighbour.id}`).set(session).expect(404);
  });

  it('lets the citizen reiterate with a PDF, complain after the deadline, cancel and restart, by the desk\'s rules, each marked as done on the portal', async () => {
    const clock = controlClock(server);
    try {
      const registered = await citizen('Iara Souza', '723.838.102-82', 'iara.portal@example.com');
      const iara = await registered.choosePassword();
      const iaraId = registered.id;
      const lamp = await desk.register(LAMP, { customerId: iaraId, street: 'Rua Augusta', number: '1508' });

      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), randomBytes(2048)]);
      const reiterated = portalRequestSchema.parse(
        (
          await server.http
            .post(`/api/portal/requests/${lamp.id}/reiterate`)
            .set(iara)
            .field('description', 'A lâmpada continua apagada e a rua está escura.')
            .attach('files', pdf, 'foto-da-rua.pdf')
            .expect(200)
        ).body,
      );
      expect(reiterated.timeline.at(-1)).toMatchObject({ kind: 'reiterated', description: 'A lâmpada continua apagada e a rua está escura.', viaPortal: true });
      // The desk sees the same entry, with the file, as the citizen's through the portal.
      const atDesk = requestSchema.parse((await server.http.get(`/api/requests/${lamp.id}`).set(desk.attendant).expect(200)).body);
      expect(atDesk.timeline.at(-1)).toMatchObject({ kind: 'reiterated', actor: null, viaPortal: true, attachments: [expect.objectContaining({ fileName: 'foto-da-rua.pdf', contentType: 'application/pdf' })] });

      // A complaint before the deadline is refused with the rule, and writes nothing.
      const early = await server.http.post(`/api/portal/requests/${lamp.id}/complaint`).set(iara).send({ description: 'Já passou do prazo.' }).expect(422);
      expect(apiErrorSchema.parse(early.body).code).toBe('BUSINESS_RULE');
      clock.advanceHours(73);
      const complained = portalRequestSchema.parse(
        (await server.http.post(`/api/portal/requests/${lamp.id}/complaint`).set(iara).send({ description: 'Já passou do prazo.' }).expect(200)).body,
      );
      expect(complained.timeline.map((event) => event.kind)).toEqual(['registered', 'reiterated', 'complaint']);
      expect(complained.overdue).toBe(true);

      const cancelled = portalRequestSchema.parse(
        (await server.http.post(`/api/portal/requests/${lamp.id}/cancel`).set(iara).send({ reason: 'Resolvido pelos vizinhos.' }).expect(200)).body,
      );
      expect(cancelled).toMatchObject({ status: 'cancelled', allowedActions: [] });
      expect(cancelled.timeline.at(-1)).toMatchObject({ kind: 'cancelled', viaPortal: true });

      // Finished by the organ: the citizen restarts it within the type's window, with a new deadline.
      const other = await desk.register(LAMP, { customerId: iaraId, street: 'Rua Augusta', number: '1600' });
      await server.http.post(`/api/requests/${other.id}/status`).set(await desk.backoffice(LIGHTING)).send({ status: 'finished', response: 'Trocada.' }).expect(200);
      const restarted = portalRequestSchema.parse(
        (await server.http.post(`/api/portal/requests/${other.id}/restart`).set(iara).send({ reason: 'Apagou de novo.' }).expect(200)).body,
      );
      expect(restarted).toMatchObject({ status: 'open', response: null });
      expect(Date.parse(restarted.deadline)).toBeGreaterThan(clock.now().getTime() + 71 * 3_600_000);

      // Someone else's request: refused as missing, and nothing is written to it.
      const stranger = await desk.register(LAMP, { street: 'Rua Augusta', number: '1700' });
      for (const [action, body] of [['reiterate', { description: 'Intrusão.' }], ['complaint', { description: 'Intrusão.' }], ['cancel', { reason: 'Intrusão.' }], ['restart', { reason: 'Intrusão.' }]] as const) {
        await server.http.post(`/api/portal/requests/${stranger.id}/${action}`).set(iara).send(body).expect(404);
      }
      const untouched = requestSchema.parse((await server.http.get(`/api/requests/${stranger.id}`).set(desk.attendant).expect(200)).body);
      expect(untouched.timeline.map((event) => event.kind)).toEqual(['registered']);
    } finally {
      clock.reset();
    }
  });
});
