import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { bootTestApp, type TestApp } from '../testing/test-app';
import { createTestDatabase } from '../testing/test-database';
import { migrations } from './database-options';
import { SeedRunner } from './seeding/seed-runner';

/** Nodes of a cluster started together on an empty database: one migrates and seeds, all start. */
describe('nodes starting at the same moment on one empty database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  const nodes: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // One DATA_DIR: the seeding node writes the initial credentials where the others read them.
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-cluster-start-'));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('all start; every migration and every seed runs once; the initial users exist once and log in on every node', async () => {
    const environment = { JWT_SECRET: 'cluster-test-secret-'.padEnd(40, 'x') };
    // Without the start locks, TypeORM reports failed migrations on the console (TypeOrmModule then
    // retries 3 s later) and pg-boss deadlocks creating the mail queue.
    const consoleLog = jest.spyOn(console, 'log');
    const started = await Promise.allSettled(
      ['a', 'b', 'c'].map((name) => bootTestApp(database.url, dataDir, { ...environment, NODE_NAME: `node-${name}` })),
    );
    for (const result of started) if (result.status === 'fulfilled') nodes.push(result.value);
    const failures = consoleLog.mock.calls.map((call) => call.join(' ')).filter((line) => /failed|error/i.test(line));
    consoleLog.mockRestore();
    expect(started.map((result) => (result.status === 'rejected' ? String((result.reason as Error).stack) : 'started'))).toEqual(['started', 'started', 'started']);
    expect(failures).toEqual([]);

    const db = nodes[0].app.get(DataSource);
    const ranMigrations = await db.query<{ name: string; times: number }[]>('SELECT name, count(*)::int AS times FROM migrations GROUP BY name');
    // Both sorted here: the database's collation and JavaScript's do not order "SearchSpeed" and "Searches" alike.
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(ranMigrations.sort(byName)).toEqual(migrations.map((migration) => ({ name: migration.name, times: 1 })).sort(byName));

    const seeders = nodes[0].app.get(SeedRunner).seeders().map(({ metadata }) => metadata.name);
    expect(seeders.length).toBeGreaterThan(0);
    const seedRuns = await db.query('SELECT name FROM seed_runs ORDER BY name');
    expect(seedRuns.map((row: { name: string }) => row.name)).toEqual([...seeders].sort());

    const users = await db.query('SELECT username, count(*)::int AS times FROM users GROUP BY username HAVING count(*) > 1');
    expect(users).toEqual([]);
    for (const node of nodes) {
      for (const role of ['admin', 'supervisor', 'attendant', 'backoffice'] as const) expect(await node.login(role)).toEqual(expect.any(String));
    }
  });
});
