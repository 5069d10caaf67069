import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CREDENTIALS_FILE } from '../../auth/users.seeder';
import { type TestApp, startTestApp } from '../../testing/test-app';
import { SeedRunner } from './seed-runner';

describe('demo data seeding', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('seeds one user per role on a new database and records the run', async () => {
    const dataSource = server.app.get(DataSource);
    const roles = await dataSource.query('SELECT role, count(*)::int AS n FROM users GROUP BY role ORDER BY role');
    expect(roles).toEqual([
      { role: 'admin', n: 1 },
      { role: 'attendant', n: 1 },
      { role: 'backoffice', n: 1 },
      { role: 'supervisor', n: 1 },
    ]);
    const runs = await dataSource.query('SELECT name FROM seed_runs ORDER BY ran_at, name');
    expect(runs).toEqual([{ name: 'initial-users' }, { name: 'demo-customers' }, { name: 'demo-knowledge' }, { name: 'backoffice-organ' }]);
  });

  it('binds the seeded back-office user to the first demo organ, also on a database seeded before organs were bound', async () => {
    const dataSource = server.app.get(DataSource);
    const organOfBackoffice = () =>
      dataSource.query("SELECT o.name FROM users u JOIN organs o ON o.id = u.organ_id WHERE u.username = 'retaguarda'");
    expect(await organOfBackoffice()).toEqual([{ name: 'Secretaria Municipal de Infraestrutura Urbana e Obras' }]);
    await dataSource.query("UPDATE users SET organ_id = NULL WHERE username = 'retaguarda'");
    await dataSource.query("DELETE FROM seed_runs WHERE name = 'backoffice-organ'");
    expect(await server.app.get(SeedRunner).run()).toEqual(['backoffice-organ']);
    expect(await organOfBackoffice()).toEqual([{ name: 'Secretaria Municipal de Infraestrutura Urbana e Obras' }]);
  });

  it('writes role, username and password per line, readable only by the owner', async () => {
    const file = join(server.dataDir, CREDENTIALS_FILE);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'admin admin',
      'supervisor supervisor',
      'attendant atendente',
      'backoffice retaguarda',
    ]);
    const { stat } = await import('node:fs/promises');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('seeds nothing twice, even when two runs race', async () => {
    const runner = server.app.get(SeedRunner);
    const before = await readFile(join(server.dataDir, CREDENTIALS_FILE), 'utf8');
    expect(await Promise.all([runner.run(), runner.run()])).toEqual([[], []]);
    const count = await server.app.get(DataSource).query('SELECT count(*)::int AS n FROM users');
    expect(count).toEqual([{ n: 4 }]);
    expect(await readFile(join(server.dataDir, CREDENTIALS_FILE), 'utf8')).toBe(before);
  });
});
