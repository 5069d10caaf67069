import { JwtService } from '@nestjs/jwt';
import { apiErrorSchema, loginResponseSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';
import { until } from '../testing/until';

describe('sign-in and sessions', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('signs a seeded attendant in and returns a token, its expiry and the user with the extension', async () => {
    const response = await server.http.post('/api/auth/login').send(server.credentials.attendant).expect(200);
    const body = loginResponseSchema.parse(response.body);
    expect(body.user).toMatchObject({ name: 'Ana Atendente', role: 'attendant', extension: '1001' });
    const hoursLeft = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(11.9);
    expect(hoursLeft).toBeLessThanOrEqual(12);

    const me = await server.http.get('/api/auth/me').set('Authorization', `Bearer ${body.token}`).expect(200);
    expect(me.body).toEqual(body.user);
  });

  it('accepts the username in any case and with spaces around it', async () => {
    const { username, password } = server.credentials.supervisor;
    await server.http.post('/api/auth/login').send({ username: `  ${username.toUpperCase()} `, password }).expect(200);
  });

  it('refuses a wrong password and an unknown user with the same pt-BR message', async () => {
    const wrong = await server.http
      .post('/api/auth/login')
      .send({ username: 'atendente', password: 'not-the-password' })
      .expect(401);
    const unknown = await server.http.post('/api/auth/login').send({ username: 'ninguem', password: 'whatever' }).expect(401);
    for (const response of [wrong, unknown]) {
      expect(apiErrorSchema.parse(response.body)).toMatchObject({
        statusCode: 401,
        code: 'INVALID_CREDENTIALS',
        message: 'Usuário ou senha inválidos.',
      });
    }
  });

  it('names the missing fields of an empty login', async () => {
    const response = await server.http.post('/api/auth/login').send({}).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(response.body.fields).sort()).toEqual(['password', 'username']);
  });

  it('tells a missing, a forged and an expired token apart', async () => {
    const missing = await server.http.get('/api/auth/me').expect(401);
    expect(missing.body.code).toBe('TOKEN_MISSING');

    const forged = await server.http.get('/api/auth/me').set('Authorization', 'Bearer abc.def.ghi').expect(401);
    expect(forged.body.code).toBe('TOKEN_INVALID');

    const token = await server.login('attendant');
    const claims = server.app.get(JwtService).decode(token);
    const expired = server.app.get(JwtService).sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 });
    const response = await server.http.get('/api/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(response.body).toMatchObject({ code: 'TOKEN_EXPIRED', message: 'Sua sessão expirou. Entre novamente.' });
  });

  it('refuses a token it accepted once it expires, and a copy with another signature at any time', async () => {
    const jwt = server.app.get(JwtService);
    const claims = jwt.decode(await server.login('attendant'));
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = jwt.sign({ ...claims, exp });
    await server.http.get('/api/auth/me').set('Authorization', `Bearer ${shortLived}`).expect(200);

    const signatureCharacter = shortLived.at(-10) === 'A' ? 'B' : 'A';
    const tampered = `${shortLived.slice(0, -10)}${signatureCharacter}${shortLived.slice(-9)}`;
    const refused = await server.http.get('/api/auth/me').set('Authorization', `Bearer ${tampered}`).expect(401);
    expect(refused.body.code).toBe('TOKEN_INVALID');
    await server.http.get('/api/auth/me').set('Authorization', `Bearer ${shortLived}`).expect(200);

    await until(() => Date.now() >= exp * 1000, 'the token to expire', 5_000);
    const expired = await server.http.get('/api/auth/me').set('Authorization', `Bearer ${shortLived}`).expect(401);
    expect(expired.body).toMatchObject({ code: 'TOKEN_EXPIRED', message: 'Sua sessão expirou. Entre novamente.' });
  });

  it('lets each role reach only its routes', async () => {
    const attendant = await server.login('attendant');
    const forbidden = await server.http.get('/api/users').set('Authorization', `Bearer ${attendant}`).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', message: 'Você não tem permissão para esta ação.' });
    for (const role of ['supervisor', 'backoffice'] as const) {
      await server.http.get('/api/users').set('Authorization', `Bearer ${await server.login(role)}`).expect(403);
    }
    await server.http.get('/api/users').set('Authorization', `Bearer ${await server.login('admin')}`).expect(200);
  });

  it('changes the own password, ending the old session', async () => {
    const { username, password } = server.credentials.backoffice;
    const token = await server.login('backoffice');
    const auth = { Authorization: `Bearer ${token}` };
    const same = await server.http.post('/api/auth/change-password').set(auth).send({ currentPassword: 'nope', newPassword: 'a-new-long-password' });
    expect(same.status).toBe(400);
    expect(same.body.fields).toEqual({ currentPassword: 'A senha atual não confere.' });

    await server.http.post('/api/auth/change-password').set(auth).send({ currentPassword: password, newPassword: 'a-new-long-password' }).expect(204);
    await server.http.get('/api/auth/me').set(auth).expect(401);
    await server.http.post('/api/auth/login').send({ username, password }).expect(401);
    await server.http.post('/api/auth/login').send({ username, password: 'a-new-long-password' }).expect(200);
  });
});
