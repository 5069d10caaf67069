import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHED_BATCH, SCHED_OTHER, threadPolicies } from '../../server/src/testing/thread-policies';
import { processesMentioning, runServerToExit, startServer } from '../support/server-process';

/** The real `npm start` path: embedded PostgreSQL under a new DATA_DIR, demo data, credentials. */
describe('server lifecycle on the embedded PostgreSQL', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-e2e-data-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('first start creates the database, says where the credentials are without printing them, all of it private; Ctrl-C leaves nothing behind; a second start keeps the data and seeds nothing twice', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    expect(first.readyAfterMs).toBeLessThan(20_000);
    const credentials = await readFile(join(dataDir, 'initial-credentials.txt'), 'utf8');
    const attendant = credentials.split('\n').find((line) => line.startsWith('attendant '))!.split(' ');
    for (const line of credentials.trim().split('\n')) expect(first.output()).not.toContain(line.split(' ')[2]);
    expect(first.output()).toContain(`Initial users created (admin, supervisor, atendente, retaguarda): their passwords are in ${join(dataDir, 'initial-credentials.txt')}`);
    // Under root the OS user `postgres` runs the embedded PostgreSQL and passes through DATA_DIR to its cluster.
    expect((await stat(dataDir)).mode & 0o777).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
    for (const file of ['initial-credentials.txt', 'jwt-secret', 'postgres-password']) {
      expect({ file, mode: (await stat(join(dataDir, file))).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }

    const health = await fetch(`${first.url}/api/health`).then((response) => response.json());
    expect(health).toEqual({ status: 'ok', database: 'up', cti: 'off', node: `${hostname()}-${first.child.pid}`, role: 'single' });
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: attendant[1], password: attendant[2] }),
    });
    expect(login.status).toBe(200);
    const page = await fetch(`${first.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // V8's and Node's helper threads do not preempt the main thread (helper-threads.ts); libuv's pool,
    // started since (the login's password hash), keeps the main thread's policy. Checked once the
    // server is stopped, so that a failure leaves no server behind.
    const policies = [...threadPolicies(first.child.pid!)];

    expect(processesMentioning(join(dataDir, 'postgres')).length).toBeGreaterThan(0);
    expect(await first.stop('SIGINT')).toBe(0);
    expect(policies.find(([thread]) => thread === first.child.pid)).toEqual([first.child.pid, SCHED_OTHER]);
    expect(policies.filter(([, policy]) => policy === SCHED_BATCH).length).toBeGreaterThanOrEqual(4);
    expect(policies.filter(([thread, policy]) => thread !== first.child.pid && policy === SCHED_OTHER).length).toBeGreaterThan(0);
    expect(first.output()).not.toContain('Helper threads may preempt');
    expect(processesMentioning(join(dataDir, 'postgres'))).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startServer({ DATA_DIR: dataDir });
    try {
      expect(second.readyAfterMs).toBeLessThan(5_000);
      expect(second.output()).not.toContain(attendant[2]);
      expect(second.output()).not.toContain('Initial users');
      expect(await readFile(join(dataDir, 'initial-credentials.txt'), 'utf8')).toBe(credentials);

      const again = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: attendant[1], password: attendant[2] }),
      });
      expect(again.status).toBe(200);
      const { token } = await again.json();
      const adminLine = credentials.split('\n').find((line) => line.startsWith('admin '))!.split(' ');
      const adminToken = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: adminLine[1], password: adminLine[2] }),
      }).then(async (response) => (await response.json()).token);
      const users = await fetch(`${second.url}/api/users`, { headers: { Authorization: `Bearer ${adminToken}` } }).then((response) =>
        response.json(),
      );
      expect(users.total).toBe(4);
      expect(token).toEqual(expect.any(String));
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    expect(processesMentioning(join(dataDir, 'postgres'))).toEqual([]);
  }, 90_000);

  it('a server killed hard leaves PostgreSQL running; the next start takes it over and stops it on exit', async () => {
    const killed = await startServer({ DATA_DIR: dataDir });
    await killed.stop('SIGKILL');
    expect(processesMentioning(join(dataDir, 'postgres')).length).toBeGreaterThan(0);

    const next = await startServer({ DATA_DIR: dataDir });
    expect((await fetch(`${next.url}/api/health`)).status).toBe(200);
    expect(await next.stop('SIGINT')).toBe(0);
    expect(processesMentioning(join(dataDir, 'postgres'))).toEqual([]);
  }, 60_000);

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const { code, output } = await runServerToExit({ DATA_DIR: dataDir, PORT: 'abc', CTI_DEFAULT_AREA_CODE: '1' });
    expect(code).toBe(1);
    expect(output).toContain('PORT: deve ser um número de porta');
    expect(output).toContain('CTI_DEFAULT_AREA_CODE: deve ser um DDD de dois dígitos');
  });
});
