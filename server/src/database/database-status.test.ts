import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiErrorSchema } from '@receptivo/shared';
import { type DatabaseRelay, startDatabaseRelay } from '../testing/database-relay';
import { type TestApp, bootTestApp } from '../testing/test-app';
import { createTestDatabase } from '../testing/test-database';
import { until } from '../testing/until';
import { DataSource } from 'typeorm';
import { DatabaseStatus } from './database-status';

const unavailable = {
  statusCode: 503,
  code: 'DATABASE_UNAVAILABLE',
  message: 'O banco de dados está indisponível no momento. Tente novamente em instantes.',
};

/** The server's database reached through a relay that the test cuts and restores: an outage of this server only. */
describe('database outages seen by the server', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let relay: DatabaseRelay;
  let dataDir: string;
  let server: TestApp;
  let status: DatabaseStatus;
  let token: string;
  const changes: boolean[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    relay = await startDatabaseRelay(database.url);
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-test-data-'));
    server = await bootTestApp(relay.url, dataDir);
    status = server.app.get(DatabaseStatus);
    status.changes$.subscribe((up) => changes.push(up));
    token = await server.login('attendant');
  });
  afterAll(async () => {
    await relay.restore();
    await server.close();
    await relay.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a broken pooled connection marks the database down by itself; requests answer 503 DATABASE_UNAVAILABLE, the token check included; it comes back alone', async () => {
    expect(status.isUp).toBe(true);
    await expect(status.whenUp()).resolves.toBeUndefined();

    await relay.cut();
    // The idle connections left by the login break: the pool says so before any request fails.
    await until(() => !status.isUp, 'the database marked down');
    expect(changes).toEqual([false]);
    let cameBack = false;
    const back = status.whenUp().then(() => (cameBack = true));

    const me = await server.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect({ status: me.status, body: apiErrorSchema.parse(me.body) }).toEqual({ status: 503, body: expect.objectContaining(unavailable) });
    const login = await server.http.post('/api/auth/login').send(server.credentials.attendant);
    expect(login.body).toMatchObject(unavailable);
    expect((await server.http.get('/api/health')).body).toMatchObject({ status: 'degraded', database: 'down' });
    expect(cameBack).toBe(false);

    await relay.restore();
    await back;
    expect(status.isUp).toBe(true);
    expect(changes).toEqual([false, true]);
    await server.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await server.http.get('/api/health').expect(200);
  });

  it('a database that accepts connections and never answers fails the request after the connect timeout, not never', async () => {
    relay.stall();
    const started = Date.now();
    const response = await server.http.post('/api/auth/login').send(server.credentials.attendant);
    expect(response.body).toMatchObject(unavailable);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(status.isUp).toBe(false);

    await relay.restore();
    await status.whenUp();
    await server.http.post('/api/auth/login').send(server.credentials.attendant).expect(200);
  }, 20_000);

  it('a refusal of the database is no outage: a duplicate user is a 409 and the database stays up', async () => {
    const admin = await server.login('admin');
    const user = { username: 'duplicado', name: 'Usuário Duplicado', role: 'attendant' };
    await server.http.post('/api/users').set('Authorization', `Bearer ${admin}`).send(user).expect(201);
    const again = await server.http.post('/api/users').set('Authorization', `Bearer ${admin}`).send(user);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    expect(status.isUp).toBe(true);
    expect(changes).toEqual([false, true, false, true]);
  });

  it('work that needs the database waits through an outage and is done once, when it is back; a refusal is thrown', async () => {
    const dataSource = server.app.get(DataSource);
    await relay.cut();
    let tries = 0;
    const written = status.throughOutages(async () => {
      tries += 1;
      return dataSource.query<{ answer: number }[]>('SELECT 42 AS answer');
    });
    await until(() => !status.isUp, 'the outage noticed');
    await relay.restore();
    await expect(written).resolves.toEqual([{ answer: 42 }]);
    expect(tries).toBeGreaterThanOrEqual(2);
    await expect(status.throughOutages(() => dataSource.query('SELECT * FROM no_such_table'))).rejects.toThrow(/no_such_table/);
  });
});
