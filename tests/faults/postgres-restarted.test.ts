import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpf } from 'cpf-cnpj-validator';
import { readCredentials } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { type DebianPostgres, startDebianPostgres } from '../support/debian-postgres';
import { type ServerApi, expectDatabaseUnavailable, serverApi } from '../support/server-api';
import { type ServerProcess, startServer } from '../support/server-process';

/** DATABASE_URL on a PostgreSQL server of its own (Debian's 15), restarted under the running server. */
describe('the PostgreSQL of DATABASE_URL restarted under the running server', () => {
  let postgres: DebianPostgres;
  let dataDir: string;
  let server: ServerProcess;
  let api: ServerApi;
  let attendant: { username: string; password: string };
  let token: string;

  beforeAll(async () => {
    postgres = await startDebianPostgres();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-fault-data-'));
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: postgres.url });
    api = serverApi(server.url);
    attendant = (await readCredentials(dataDir)).attendant;
    token = await api.signIn(attendant);
  });

  afterAll(async () => {
    await server?.stop();
    await postgres?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('pg_ctl stop -m fast: health down and 503 DATABASE_UNAVAILABLE (never 500); started again, the server recovers by itself', async () => {
    const before = await api.post('/api/customers', token, { type: 'person', name: 'Antes da Parada', document: cpf.generate() });
    expect(before.status).toBe(201);

    await postgres.stop('fast');
    const stoppedAt = Date.now();
    const health = await api.health();
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: 'down' });
    const duringStop = { type: 'person', name: 'Durante a Parada', document: cpf.generate(), email: 'parada@example.com' };
    expectDatabaseUnavailable(await api.post('/api/customers', token, duringStop));
    expectDatabaseUnavailable(await api.get(`/api/customers/${before.body.id as string}`, token));
    expectDatabaseUnavailable(await api.post('/api/auth/login', undefined, attendant));

    await postgres.start();
    const startedAt = Date.now();
    await until(async () => (await api.health()).status === 200, 'health back', 10_000);
    console.log(
      `PostgreSQL 15 restarted (pg_ctl stop -m fast, then start): healthy ${Date.now() - startedAt} ms after it accepted connections (${Date.now() - stoppedAt} ms after the stop)`,
    );
    await until(() => server.output().includes('database answers again'), 'the recovery logged', 5_000);

    expect((await api.get(`/api/customers/${before.body.id as string}`, token)).body).toMatchObject({ name: 'Antes da Parada' });
    const after = await api.post('/api/customers', token, duringStop);
    expect(after.status).toBe(201);
    expect((await api.post(`/api/customers/${after.body.id as string}/portal-account`, token)).status).toBe(201);
    const mailFolder = join(dataDir, 'mail');
    await until(() => existsSync(mailFolder) && readdirSync(mailFolder).some((file) => file.endsWith('.eml')), 'the portal password mail sent', 15_000);
  });
});
