import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpf } from 'cpf-cnpj-validator';
import { readCredentials } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { embeddedDatabaseUrl, embeddedPostmasterPid, freezeBackend, killEmbeddedPostmaster } from '../support/embedded-postgres-faults';
import { type ServerApi, expectDatabaseUnavailable, serverApi } from '../support/server-api';
import { type ServerProcess, processesMentioning, startServer } from '../support/server-process';

/** `npm start` without DATABASE_URL: the server runs its own PostgreSQL, and must outlive its crashes. */
describe('the embedded PostgreSQL killed under the running server', () => {
  let dataDir: string;
  let server: ServerProcess;
  let api: ServerApi;
  let attendant: { username: string; password: string };
  let token: string;
  let firstCustomerId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-fault-data-'));
    // As root, the embedded PostgreSQL runs as the user `postgres`, who must reach DATA_DIR.
    await chmod(dataDir, 0o755);
    server = await startServer({ DATA_DIR: dataDir });
    api = serverApi(server.url);
    attendant = (await readCredentials(dataDir)).attendant;
    token = await api.signIn(attendant);
    const created = await api.post('/api/customers', token, { type: 'person', name: 'Antes da Queda', document: cpf.generate() });
    expect(created.status).toBe(201);
    firstCustomerId = created.body.id as string;
  });

  afterAll(async () => {
    const code = await server.stop('SIGINT');
    // The server's last words say why, should Ctrl-C ever end it otherwise.
    expect({ code, output: code === 0 ? '' : server.output().slice(-4000) }).toEqual({ code: 0, output: '' });
    // Ctrl-C stops the restarted postmaster too: nothing of the cluster is left running.
    expect(processesMentioning(join(dataDir, 'postgres'))).toEqual([]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('kill -9 of the postmaster: the server says so, starts it again and is healthy within 10 s, data intact', async () => {
    const killed = killEmbeddedPostmaster(dataDir);
    const killedAt = Date.now();
    await until(() => server.output().includes(`embedded PostgreSQL (pid ${killed}) died (SIGKILL): restarting it`), 'the restart logged', 5_000);
    // Until the restart, pooled connections whose backends have not exited yet may still answer.
    await until(async () => server.output().includes('embedded PostgreSQL is back') && (await api.health()).status === 200, 'health back', 10_000);
    const healthyAfterMs = Date.now() - killedAt;
    console.log(`embedded postmaster killed -> healthy again in ${healthyAfterMs} ms`);
    expect(healthyAfterMs).toBeLessThan(10_000);
    expect(embeddedPostmasterPid(dataDir)).not.toBe(killed);

    expect((await api.get(`/api/customers/${firstCustomerId}`, token)).body).toMatchObject({ name: 'Antes da Queda' });
    expect((await api.post('/api/customers', token, { type: 'person', name: 'Depois da Volta', document: cpf.generate() })).status).toBe(201);
  });

  it('while PostgreSQL cannot start again, health says down and every request answers 503 DATABASE_UNAVAILABLE; then all recovers by itself', async () => {
    // An orphaned backend that cannot exit keeps the old shared memory: restarts fail until it is thawed.
    const lateCustomer = { type: 'person', name: 'Durante a Queda', document: cpf.generate(), email: 'queda@example.com' };
    const orphan = await freezeBackend(embeddedDatabaseUrl(dataDir));
    const killed = killEmbeddedPostmaster(dataDir);
    const killedAt = Date.now();
    try {
      await until(async () => (await api.health()).status === 503, 'health 503', 5_000);
      expect((await api.health()).body).toMatchObject({ status: 'degraded', database: 'down' });

      expectDatabaseUnavailable(await api.post('/api/customers', token, lateCustomer));
      expectDatabaseUnavailable(await api.get(`/api/customers/${firstCustomerId}`, token));
      expectDatabaseUnavailable(await api.post('/api/auth/login', undefined, attendant));
      await until(() => /embedded PostgreSQL not started yet \(.*shared memory block.*still in use\)/.test(server.output()), 'the failed restart explained', 5_000);
      expect(server.output()).toContain(`embedded PostgreSQL (pid ${killed}) died (SIGKILL): restarting it`);
    } finally {
      await orphan.thaw();
    }
    const thawedAt = Date.now();
    await until(async () => (await api.health()).status === 200, 'health back', 10_000);
    console.log(
      `embedded postmaster killed with an orphaned backend -> healthy ${Date.now() - thawedAt} ms after the backend let go (${Date.now() - killedAt} ms after the kill)`,
    );
    expect(Date.now() - thawedAt).toBeLessThan(10_000);

    // The refused write did not happen; it goes through now, and so does its mail (pg-boss survived).
    const created = await api.post('/api/customers', token, lateCustomer);
    expect(created.status).toBe(201);
    expect((await api.post(`/api/customers/${created.body.id}/portal-account`, token)).status).toBe(201);
    const mailFolder = join(dataDir, 'mail');
    await until(() => existsSync(mailFolder) && readdirSync(mailFolder).some((file) => file.endsWith('.eml')), 'the portal password mail sent', 15_000);
    expect((await api.get(`/api/customers/${firstCustomerId}`, token)).body).toMatchObject({ name: 'Antes da Queda' });
  });
});
