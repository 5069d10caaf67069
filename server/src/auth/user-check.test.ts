import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { issuedPasswordSchema, sessionUserSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';
import { USER_CHECK_LIMITS } from './user-check-cache';

/**
 * The per-request user check is served from memory (issue 17), so each case first makes a request
 * that leaves the user's check there: without the change forgetting it, the next request would be
 * answered from the copy.
 */
describe('the per-request user check, kept in memory', () => {
  let server: TestApp;
  let clockDir: string;
  let admin: { Authorization: string };
  let sequence = 0;

  beforeAll(async () => {
    clockDir = await mkdtemp(join(tmpdir(), 'receptivo-clock-'));
    server = await startTestApp({ TEST_CLOCK_FILE: join(clockDir, 'offset') });
    admin = { Authorization: `Bearer ${await server.login('admin')}` };
  });
  afterAll(async () => {
    await server.close();
    await rm(clockDir, { recursive: true, force: true });
  });

  /** A new attendant signed in, whose check is already in memory. */
  async function signedInAttendant() {
    sequence += 1;
    const username = `check${sequence}`;
    const created = issuedPasswordSchema.parse(
      (await server.http.post('/api/users').set(admin).send({ username, name: `Atendente ${sequence}`, role: 'attendant', extension: `20${sequence}` }).expect(201)).body,
    );
    const token = (await server.http.post('/api/auth/login').send({ username, password: created.password }).expect(200)).body.token as string;
    const auth = { Authorization: `Bearer ${token}` };
    await server.http.get('/api/auth/me').set(auth).expect(200);
    return { id: created.user.id, username, password: created.password, auth };
  }

  const me = async (auth: { Authorization: string }) => sessionUserSchema.parse((await server.http.get('/api/auth/me').set(auth).expect(200)).body);

  it('answers from memory: a change made behind the server (SQL) shows only after the copy’s maximum age', async () => {
    const user = await signedInAttendant();
    await server.app.get(DataSource).query('UPDATE users SET name = $2 WHERE id = $1', [user.id, 'Nome Trocado no Banco']);
    expect((await me(user.auth)).name).toBe(`Atendente ${sequence}`);

    await writeFile(join(clockDir, 'offset'), String(USER_CHECK_LIMITS.maxAgeMs));
    expect((await me(user.auth)).name).toBe('Nome Trocado no Banco');
  });

  it('refuses a deactivated user at the very next request', async () => {
    const user = await signedInAttendant();
    await server.http.patch(`/api/users/${user.id}`).set(admin).send({ active: false }).expect(200);
    const refused = await server.http.get('/api/auth/me').set(user.auth).expect(401);
    expect(refused.body).toMatchObject({ code: 'TOKEN_INVALID', message: 'Sua sessão foi encerrada. Entre novamente.' });
  });

  it('refuses the old token at once after the admin resets the password; the new sign-in works', async () => {
    const user = await signedInAttendant();
    const reset = issuedPasswordSchema.parse((await server.http.post(`/api/users/${user.id}/reset-password`).set(admin).expect(201)).body);
    await server.http.get('/api/auth/me').set(user.auth).expect(401);
    const token = (await server.http.post('/api/auth/login').send({ username: user.username, password: reset.password }).expect(200)).body.token;
    expect((await me({ Authorization: `Bearer ${token}` })).id).toBe(user.id);
  });

  it('ends the other sessions at once when the user changes the own password', async () => {
    const user = await signedInAttendant();
    const other = { Authorization: `Bearer ${(await server.http.post('/api/auth/login').send({ username: user.username, password: user.password })).body.token}` };
    await me(other);
    await server.http.post('/api/auth/change-password').set(user.auth).send({ currentPassword: user.password, newPassword: 'uma-senha-nova-longa' }).expect(204);
    await server.http.get('/api/auth/me').set(other).expect(401);
    await server.http.get('/api/auth/me').set(user.auth).expect(401);
  });

  it('applies a role change at once: the old session ends, the new one has the new role’s routes', async () => {
    const user = await signedInAttendant();
    await server.http.get('/api/reports/deadline-alerts').set(user.auth).expect(403);
    await server.http.patch(`/api/users/${user.id}`).set(admin).send({ role: 'supervisor', extension: null }).expect(200);
    await server.http.get('/api/auth/me').set(user.auth).expect(401);

    const token = (await server.http.post('/api/auth/login').send({ username: user.username, password: user.password }).expect(200)).body.token;
    const supervisor = { Authorization: `Bearer ${token}` };
    expect(await me(supervisor)).toMatchObject({ role: 'supervisor', extension: null });
    await server.http.get('/api/reports/deadline-alerts').set(supervisor).expect(200);
  });

  it('shows a new extension, and a back-office user’s new organ, at the next request without ending the session', async () => {
    const user = await signedInAttendant();
    await server.http.patch(`/api/users/${user.id}`).set(admin).send({ extension: '2999' }).expect(200);
    expect((await me(user.auth)).extension).toBe('2999');

    const organs = await Promise.all(
      ['Órgão Alfa', 'Órgão Beta'].map(async (name, index) => (await server.http.post('/api/knowledge/organs').set(admin).send({ name, acronym: `O${index}` }).expect(201)).body.id as string),
    );
    sequence += 1;
    const created = issuedPasswordSchema.parse(
      (await server.http.post('/api/users').set(admin).send({ username: `retaguarda${sequence}`, name: 'Rita Retaguarda', role: 'backoffice', organId: organs[0] }).expect(201)).body,
    );
    const token = (await server.http.post('/api/auth/login').send({ username: created.user.username, password: created.password })).body.token;
    const backoffice = { Authorization: `Bearer ${token}` };
    expect((await me(backoffice)).organ).toEqual({ id: organs[0], name: 'Órgão Alfa' });
    await server.http.patch(`/api/users/${created.user.id}`).set(admin).send({ organId: organs[1] }).expect(200);
    expect((await me(backoffice)).organ).toEqual({ id: organs[1], name: 'Órgão Beta' });
  });
});
