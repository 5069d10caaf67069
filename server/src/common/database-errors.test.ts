import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';
import { freePort } from './free-port';

/** Each error here is produced by a real PostgreSQL or a real socket, as the server would meet it. */
describe('isDatabaseUnavailable', () => {
  const url = process.env.TEST_DATABASE_URL!;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(() => admin.end());

  const failure = async (work: () => Promise<unknown>): Promise<unknown> => work().then(() => new Error('it did not fail'), (error: unknown) => error);

  /** Runs pg_sleep on a connection of its own and terminates its backend meanwhile, as a restart would. */
  async function terminatedWhileRunning(run: (sql: string) => Promise<unknown>, backendPid: () => Promise<number>): Promise<unknown> {
    const pid = await backendPid();
    const running = failure(() => run('SELECT pg_sleep(30)'));
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    return running;
  }

  it('says yes when nothing listens (ECONNREFUSED)', async () => {
    const closed = new URL(url);
    closed.port = String(await freePort());
    const client = new Client({ connectionString: closed.toString() });
    const error = await failure(() => client.connect());
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('says yes for a query cut by a server shutdown (57P01), raw from pg and wrapped in TypeORM’s QueryFailedError', async () => {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    const raw = await terminatedWhileRunning(
      (sql) => client.query(sql),
      async () => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid,
    );
    expect(raw).toMatchObject({ code: '57P01' });
    expect(isDatabaseUnavailable(raw)).toBe(true);
    // The same connection afterwards: pg refuses it without a code.
    const after = await failure(() => client.query('SELECT 1'));
    expect(String(after)).toMatch(/not queryable|Connection terminated/);
    expect(isDatabaseUnavailable(after)).toBe(true);

    const dataSource = await new DataSource({ type: 'postgres', url, extra: { max: 1 } }).initialize();
    try {
      const wrapped = await terminatedWhileRunning(
        (sql) => dataSource.query(sql),
        async () => (await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0].pid,
      );
      expect(wrapped).toBeInstanceOf(QueryFailedError);
      expect(isDatabaseUnavailable(wrapped)).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });

  it('says yes when the pool cannot hand out a connection in time', async () => {
    // The limit covers the first connection too: 50 ms was missed by a loaded CI machine before any wait began.
    const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 1_000 });
    const held = await pool.connect();
    try {
      const error = await failure(() => pool.connect());
      expect(String(error)).toContain('timeout exceeded when trying to connect');
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('says yes when the server refuses more connections (53300)', async () => {
    const role = `full_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'x' CONNECTION LIMIT 0`);
    try {
      const limited = new URL(url);
      limited.username = role;
      limited.password = 'x';
      const error = await failure(() => new Client({ connectionString: limited.toString() }).connect());
      expect(error).toMatchObject({ code: '53300' });
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await admin.query(`DROP ROLE ${role}`);
    }
  });

  it('says no to what the database refused on purpose, and to anything that is not an error of the database', async () => {
    const table = `t_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE TEMPORARY TABLE ${table} (id int PRIMARY KEY)`);
    await admin.query(`INSERT INTO ${table} VALUES (1)`);
    const duplicate = await failure(() => admin.query(`INSERT INTO ${table} VALUES (1)`));
    expect(duplicate).toMatchObject({ code: '23505' });
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    const syntax = await failure(() => admin.query('SELEC 1'));
    expect(isDatabaseUnavailable(syntax)).toBe(false);

    for (const other of [new Error('boom'), undefined, null, 'ECONNREFUSED', { code: 'ENOENT' }]) expect(isDatabaseUnavailable(other)).toBe(false);
  });
});
