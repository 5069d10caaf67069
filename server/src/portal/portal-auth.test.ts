import { apiErrorSchema, portalCitizenSchema, portalSessionSchema } from '@receptivo/shared';
import { mailedPortalPassword, registerForPortal } from '../testing/portal-citizen';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('self-service portal sign-in', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let desk: { Authorization: string };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    server = await startTestApp({ SMTP_URL: smtp.url });
    desk = bearer(await server.login('attendant'));
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  /** A customer registered at the desk with a portal login; its temporary password as e-mailed. */
  /** A customer registered at the desk with a portal login; its temporary password as e-mailed. */
  async function citizenWithAccess(name: string, document: string, email: string): Promise<{ id: string; temporary: string }> {
    const id = await registerForPortal(server, desk, { name, document, email });
    return { id, temporary: await mailedPortalPassword(smtp, email) };
  }

  it('signs in with the e-mailed temporary password, asks for a new one, and the new one ends the temporary session', async () => {
    const { temporary } = await citizenWithAccess('Helena Brandão', '923.387.380-39', 'helena@example.com');

    const first = portalSessionSchema.parse((await server.http.post('/api/portal/auth/login').send({ login: '923.387.380-39', password: temporary }).expect(200)).body);
    expect(first.citizen).toEqual({ name: 'Helena Brandão', login: '923.387.380-39', mustChangePassword: true });
    const hoursLeft = (Date.parse(first.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(1.9);
    expect(hoursLeft).toBeLessThanOrEqual(2);
    expect(portalCitizenSchema.parse((await server.http.get('/api/portal/auth/me').set(bearer(first.token)).expect(200)).body).mustChangePassword).toBe(true);

    // The temporary password again, a wrong current one, a short one: each refused with its field named.
    const same = await server.http.post('/api/portal/auth/change-password').set(bearer(first.token)).send({ currentPassword: temporary, newPassword: temporary }).expect(400);
    expect(same.body.fields).toHaveProperty('newPassword');
    const wrong = await server.http
      .post('/api/portal/auth/change-password')
      .set(bearer(first.token))
      .send({ currentPassword: 'not-the-password', newPassword: 'Ipê amarelo em flor' })
      .expect(400);
    expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { currentPassword: 'A senha atual não confere.' } });
    const short = await server.http.post('/api/portal/auth/change-password').set(bearer(first.token)).send({ currentPassword: temporary, newPassword: 'curta' }).expect(400);
    expect(short.body.fields.newPassword).toBe('A senha deve ter pelo menos 10 caracteres.');

    const changed = portalSessionSchema.parse(
      (await server.http.post('/api/portal/auth/change-password').set(bearer(first.token)).send({ currentPassword: temporary, newPassword: 'Ipê amarelo em flor' }).expect(200)).body,
    );
    expect(changed.citizen.mustChangePassword).toBe(false);
    await server.http.get('/api/portal/auth/me').set(bearer(changed.token)).expect(200);
    const ended = await server.http.get('/api/portal/auth/me').set(bearer(first.token)).expect(401);
    expect(ended.body.code).toBe('TOKEN_INVALID');

    await server.http.post('/api/portal/auth/login').send({ login: '92338738039', password: temporary }).expect(401);
    // The e-mail the password went to signs in as well as the document, in any case.
    const byEmail = await server.http.post('/api/portal/auth/login').send({ login: ' Helena@Example.com ', password: 'Ipê amarelo em flor' }).expect(200);
    expect(byEmail.body.citizen).toEqual({ name: 'Helena Brandão', login: '923.387.380-39', mustChangePassword: false });
  });

  it('a password resent by the desk signs out the sessions of the old one', async () => {
    const { id, temporary } = await citizenWithAccess('Otávio Reis', '046.087.575-20', 'otavio@example.com');
    const session = (await server.http.post('/api/portal/auth/login').send({ login: '04608757520', password: temporary }).expect(200)).body;
    await server.http.post(`/api/customers/${id}/portal-account/resend-password`).set(desk).expect(200);
    await server.http.get('/api/portal/auth/me').set(bearer(session.token)).expect(401);
    const resent = await mailedPortalPassword(smtp, 'otavio@example.com', 'Nova senha do Autoatendimento');
    await server.http.post('/api/portal/auth/login').send({ login: '046.087.575-20', password: resent }).expect(200);
  });

  it('answers a wrong password and an unknown login alike, and slows a guesser down as the staff login does', async () => {
    await citizenWithAccess('Rui Prado', '493.161.021-89', 'rui@example.com');
    const wrong = await server.http.post('/api/portal/auth/login').send({ login: '493.161.021-89', password: 'chute-1' }).expect(401);
    const unknown = await server.http.post('/api/portal/auth/login').send({ login: '111.444.777-35', password: 'chute-1' }).expect(401);
    const unknownEmail = await server.http.post('/api/portal/auth/login').send({ login: 'ninguem@example.com', password: 'chute-1' }).expect(401);
    for (const response of [wrong, unknown, unknownEmail]) {
      expect(apiErrorSchema.parse(response.body)).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'CPF/CNPJ, e-mail ou senha inválidos.' });
    }
    const empty = await server.http.post('/api/portal/auth/login').send({}).expect(400);
    expect(Object.keys(empty.body.fields).sort()).toEqual(['login', 'password']);

    // Five failures in a row cost nothing (typos); the next try waits, whatever punctuation the CPF has.
    for (let attempt = 2; attempt <= 5; attempt++) await server.http.post('/api/portal/auth/login').send({ login: '49316102189', password: `chute-${attempt}` }).expect(401);
    const waited = await server.http.post('/api/portal/auth/login').send({ login: '493 161 021 89', password: 'chute-6' });
    expect(waited.status).toBe(429);
    expect(apiErrorSchema.parse(waited.body).code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(waited.headers['retry-after'])).toBeGreaterThan(0);
    // The staff's accounts are counted apart.
    await server.http.post('/api/auth/login').send(server.credentials.attendant).expect(200);
  });

  it('keeps citizens and staff apart: neither token opens the other side', async () => {
    const { temporary } = await citizenWithAccess('Iara Souza', '723.838.102-82', 'iara@example.com');
    const citizen = (await server.http.post('/api/portal/auth/login').send({ login: '72383810282', password: temporary }).expect(200)).body.token;
    for (const path of ['/api/auth/me', '/api/customers?document=72383810282', '/api/categories']) {
      const response = await server.http.get(path).set(bearer(citizen)).expect(401);
      expect(response.body).toMatchObject({ code: 'TOKEN_INVALID', message: 'Sessão inválida. Entre novamente.' });
    }
    for (const role of ['attendant', 'admin'] as const) {
      const response = await server.http.get('/api/portal/auth/me').set(bearer(await server.login(role))).expect(401);
      expect(response.body).toMatchObject({ code: 'TOKEN_INVALID', message: 'Sessão inválida. Entre novamente.' });
    }
    await server.http.get('/api/portal/auth/me').expect(401);
  });
});
