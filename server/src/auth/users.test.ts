import { issuedPasswordSchema, userListSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';

describe('user administration', () => {
  let server: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    server = await startTestApp();
    admin = { Authorization: `Bearer ${await server.login('admin')}` };
  });
  afterAll(() => server.close());

  it('lists the seeded users, one per role, with no password material', async () => {
    const response = await server.http.get('/api/users').set(admin).expect(200);
    const list = userListSchema.parse(response.body);
    expect(list.items.map((user) => user.role).sort()).toEqual(['admin', 'attendant', 'backoffice', 'supervisor']);
    expect(JSON.stringify(response.body)).not.toMatch(/argon2|password/i);
  });

  it('creates an attendant whose generated password signs in', async () => {
    const response = await server.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'Joana.Lima', name: 'Joana Lima', role: 'attendant', extension: '1002' })
      .expect(201);
    const issued = issuedPasswordSchema.parse(response.body);
    expect(issued.user).toMatchObject({ username: 'joana.lima', extension: '1002', active: true });
    expect(issued.password).toHaveLength(14);
    const login = await server.http.post('/api/auth/login').send({ username: 'joana.lima', password: issued.password }).expect(200);
    expect(login.body.user.extension).toBe('1002');
  });

  it('refuses a taken username and an extension held by another active user', async () => {
    const username = await server.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'atendente', name: 'Outra Pessoa', role: 'attendant' })
      .expect(409);
    expect(username.body).toMatchObject({ code: 'CONFLICT', message: 'Este nome de usuário já existe.' });

    const extension = await server.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'carlos', name: 'Carlos Souza', role: 'attendant', extension: '1001' })
      .expect(409);
    expect(extension.body).toMatchObject({ code: 'CONFLICT', message: 'Este ramal já pertence a outro usuário ativo.' });
    expect(extension.body.fields).toEqual({ extension: 'Ramal em uso por outro usuário ativo.' });

    const list = userListSchema.parse((await server.http.get('/api/users').set(admin)).body);
    expect(list.items.find((user) => user.username === 'carlos')).toBeUndefined();
  });

  it('names each invalid field of a new user', async () => {
    const response = await server.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'a', name: '', role: 'chefe', extension: '12a' })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(response.body.fields).sort()).toEqual(['extension', 'name', 'role', 'username']);
    expect(response.body.fields.extension).toBe('O ramal deve ter de 2 a 8 dígitos.');
  });

  it('deactivating a user ends their session and refuses their login; the extension is then free', async () => {
    const created = (
      await server.http.post('/api/users').set(admin).send({ username: 'paulo', name: 'Paulo Reis', role: 'attendant', extension: '1010' })
    ).body;
    const token = (await server.http.post('/api/auth/login').send({ username: 'paulo', password: created.password })).body.token;

    const patched = await server.http.patch(`/api/users/${created.user.id}`).set(admin).send({ active: false }).expect(200);
    expect(patched.body.active).toBe(false);
    const session = await server.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(session.body.code).toBe('TOKEN_INVALID');
    const login = await server.http.post('/api/auth/login').send({ username: 'paulo', password: created.password }).expect(403);
    expect(login.body).toMatchObject({ code: 'USER_DISABLED', message: 'Usuário desativado. Procure o administrador.' });

    await server.http.post('/api/users').set(admin).send({ username: 'rita', name: 'Rita Melo', role: 'attendant', extension: '1010' }).expect(201);
  });

  it('changes a user extension and name', async () => {
    const created = (await server.http.post('/api/users').set(admin).send({ username: 'bia', name: 'Bia', role: 'attendant' })).body;
    expect(created.user.extension).toBeNull();
    const patched = await server.http
      .patch(`/api/users/${created.user.id}`)
      .set(admin)
      .send({ name: 'Beatriz Lima', extension: '1020' })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'Beatriz Lima', extension: '1020', role: 'attendant' });
  });

  it('resets a password: the new one works, the old one and old sessions do not', async () => {
    const { username, password } = server.credentials.attendant;
    const oldToken = await server.login('attendant');
    const list = userListSchema.parse((await server.http.get('/api/users').set(admin)).body);
    const attendant = list.items.find((user) => user.username === username)!;

    const reset = issuedPasswordSchema.parse(
      (await server.http.post(`/api/users/${attendant.id}/reset-password`).set(admin).expect(201)).body,
    );
    expect(reset.password).not.toBe(password);
    await server.http.get('/api/auth/me').set('Authorization', `Bearer ${oldToken}`).expect(401);
    await server.http.post('/api/auth/login').send({ username, password }).expect(401);
    await server.http.post('/api/auth/login').send({ username, password: reset.password }).expect(200);
  });

  it('does not let an admin deactivate or demote themselves', async () => {
    const me = (await server.http.get('/api/auth/me').set(admin)).body;
    const response = await server.http.patch(`/api/users/${me.id}`).set(admin).send({ active: false }).expect(400);
    expect(response.body.message).toBe('Você não pode desativar nem mudar o perfil do próprio usuário.');
    await server.http.patch(`/api/users/${me.id}`).set(admin).send({ role: 'attendant' }).expect(400);
  });

  it('answers 404 for an unknown or malformed user id', async () => {
    const unknown = await server.http.post('/api/users/7b0d2c1e-9a7e-4c1a-8f57-3f1c2b9d4e10/reset-password').set(admin).expect(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: 'Usuário não encontrado.' });
    await server.http.patch('/api/users/not-an-id').set(admin).send({ name: 'Fulano de Tal' }).expect(404);
  });
});
