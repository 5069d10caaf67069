import { apiErrorSchema, portalProtocolsSchema, portalRequestSchema } from '@receptivo/shared';
import { type RequestDesk, bearer, requestDesk } from '../testing/request-fixtures';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';

const LAMP = 'Lâmpada apagada';
const LIGHTING = 'Departamento de Iluminação Pública';
const passwordIn = (text: string | undefined) => /Senha temporária: (\S+)/.exec(text ?? '')?.[1];

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

  /** A customer registered at the desk, given a portal login; the session after choosing a password. */
  async function citizen(name: string, document: string, email: string) {
    const customer = await server.http
      .post('/api/customers')
      .set(desk.attendant)
      .send({ type: 'person', name, document, email, phones: [{ number: '11 97654-3210' }] })
      .expect(201);
    await server.http.post(`/api/customers/${customer.body.id}/portal-account`).set(desk.attendant).expect(201);
    const temporary = passwordIn((await smtp.waitFor((message) => JSON.stringify(message.to).includes(email))).text)!;
    const first = (await server.http.post('/api/portal/auth/login').send({ login: document, password: temporary }).expect(200)).body;
    return {
      id: customer.body.id as string,
      temporaryToken: first.token as string,
      async choosePassword() {
        const changed = await server.http
          .post('/api/portal/auth/change-password')
          .set(bearer(first.token))
          .send({ currentPassword: temporary, newPassword: 'Ipê amarelo em flor' })
          .expect(200);
        return bearer(changed.body.token);
      },
    };
  }

  it("shows the citizen's attendances and requests, each request's progress and the organ's response, and nothing of anyone else", async () => {
    const helena = await citizen('Helena Brandão', '068.443.616-70', 'helena.portal@example.com');
    const attendance = await desk.startAttendance({ customerId: helena.id });
    const first = await desk.register(LAMP, { attendanceId: attendance.id, street: 'Rua Harmonia', number: '77' });
    // Someone else's request at the same address and of the same type joins Helena's group.
    const neighbour = await desk.register(LAMP, { street: 'Rua Harmonia', number: '77' });
    expect(neighbour.groupOf?.protocol).toBe(first.protocol);

    // A temporary password opens nothing but the session and its change.
    const waiting = await server.http.get('/api/portal/protocols').set(bearer(helena.temporaryToken)).expect(403);
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
});
