import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../common/database-errors';
import { createTestDatabase } from '../testing/test-database';
import { PreparedStatements } from './prepared-statements';

/** Against the test PostgreSQL, through a pool of one connection so the test sees what it holds. */
describe('PreparedStatements', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const failures: unknown[] = [];

  const preparedNames = async () =>
    (await dataSource.query<{ name: string }[]>('SELECT name FROM pg_prepared_statements ORDER BY name')).map((row) => row.name);
  const backendPid = async () => (await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0].pid;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } }).initialize();
    await dataSource.query(`CREATE TABLE phones (e164 text PRIMARY KEY, owner text NOT NULL)`);
    await dataSource.query(`INSERT INTO phones VALUES ('+5511987654321', 'Maria'), ('+5521912345678', 'José')`);
    const logger = dataSource.logger;
    jest.spyOn(logger, 'logQueryError').mockImplementation((error) => void failures.push(error));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('plans a shape once on the connection and answers each call with its own values', async () => {
    const statements = new PreparedStatements(dataSource, 'lookup', 2);
    const byPhone = 'SELECT owner FROM phones WHERE e164 = $1';
    expect(await statements.query(byPhone, ['+5511987654321'])).toEqual([{ owner: 'Maria' }]);
    expect(await statements.query(byPhone, ['+5521912345678'])).toEqual([{ owner: 'José' }]);
    expect(await statements.query(byPhone, ['+5500000000000'])).toEqual([]);
    expect(await preparedNames()).toEqual(['lookup_0']);
  });

  it("runs inside a transaction on the transaction's connection: it sees what the transaction wrote, and nothing stays after the rollback", async () => {
    const statements = new PreparedStatements(dataSource, 'in_transaction', 2);
    const byOwner = 'SELECT e164 FROM phones WHERE owner = $1';
    let seen: unknown;
    const rolledBack = await dataSource
      .transaction(async (manager) => {
        await manager.query(`INSERT INTO phones VALUES ('+5531999990000', 'Ana')`);
        // The pool has one connection, held by the transaction: a statement from the pool would wait for ever.
        seen = await statements.query(byOwner, ['Ana'], manager);
        throw new Error('rolled back on purpose');
      })
      .catch((error: Error) => error.message);
    expect(rolledBack).toBe('rolled back on purpose');
    expect(seen).toEqual([{ e164: '+5531999990000' }]);
    expect(await statements.query(byOwner, ['Ana'])).toEqual([]);
  });

  it('runs shapes past its bound unnamed, so a stream of new texts cannot pile up on the connections', async () => {
    const statements = new PreparedStatements(dataSource, 'bounded', 1);
    expect(await statements.query('SELECT owner FROM phones WHERE e164 = $1', ['+5511987654321'])).toEqual([{ owner: 'Maria' }]);
    expect(await statements.query('SELECT e164 FROM phones WHERE owner = $1', ['José'])).toEqual([{ e164: '+5521912345678' }]);
    expect((await preparedNames()).filter((name) => name.startsWith('bounded'))).toEqual(['bounded_0']);
  });

  it('throws a refused statement as TypeORM would, logged, and keeps the connection', async () => {
    const statements = new PreparedStatements(dataSource, 'refused', 2);
    const pid = await backendPid();
    failures.length = 0;
    const error = await statements.query('SELECT owner FROM phones WHERE length(e164) = $1::int', ['catorze']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError).message).toMatch(/invalid input syntax for type integer/);
    expect(failures).toHaveLength(1);
    expect(await backendPid()).toBe(pid);
  });

  it('leaves a connection the database ended mid-statement and prepares the shape again on the next one', async () => {
    const statements = new PreparedStatements(dataSource, 'reborn', 2);
    const byOwner = 'SELECT e164 FROM phones WHERE owner = $1 AND pg_sleep($2) IS NOT NULL';
    expect(await statements.query(byOwner, ['Maria', 0])).toEqual([{ e164: '+5511987654321' }]);
    const pid = await backendPid();
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    const running = statements.query(byOwner, ['Maria', 30]).catch((caught: unknown) => caught);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();

    const error = await running;
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await statements.query(byOwner, ['José', 0])).toEqual([{ e164: '+5521912345678' }]);
    expect(await backendPid()).not.toBe(pid);
    expect(await preparedNames()).toEqual(['reborn_0']);
  });
});
