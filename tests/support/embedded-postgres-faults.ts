import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** Line 1 of postmaster.pid: the running postmaster of the server's embedded PostgreSQL under DATA_DIR. */
export function embeddedPostmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** The embedded cluster's `receptivo` database, as the server reaches it (port from postmaster.pid, password from DATA_DIR). */
export function embeddedDatabaseUrl(dataDir: string): string {
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3];
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/receptivo`;
}

/** kill -9 of the embedded postmaster, as a crash or the OOM killer would; answers its pid. */
export function killEmbeddedPostmaster(dataDir: string): number {
  const pid = embeddedPostmasterPid(dataDir);
  process.kill(pid, 'SIGKILL');
  return pid;
}

export interface FrozenBackend {
  pid: number;
  /** SIGCONT: the backend finds its postmaster gone and exits, releasing the shared memory. */
  thaw(): Promise<void>;
}

/**
 * Opens a connection and SIGSTOPs its backend. Once the postmaster is killed, that orphaned backend
 * keeps the old shared memory attached, so PostgreSQL refuses to start again ("pre-existing shared
 * memory block … is still in use") until it is thawed: an outage that lasts as long as the test needs.
 */
export async function freezeBackend(url: string): Promise<FrozenBackend> {
  const client = new Client({ connectionString: url });
  // The connection dies with its backend: expected, not a failure of the test.
  client.on('error', () => undefined);
  await client.connect();
  const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  process.kill(pid, 'SIGSTOP');
  return {
    pid,
    async thaw() {
      process.kill(pid, 'SIGCONT');
      await client.end().catch(() => undefined);
    },
  };
}
