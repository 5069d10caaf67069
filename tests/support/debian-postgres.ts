import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../../server/src/common/free-port';
import { isRunning } from '../../server/src/database/postmaster';

const BIN = '/usr/lib/postgresql/15/bin';
const DATABASE = 'receptivo';
const run = promisify(execFile);

/** A PostgreSQL 15 cluster of Debian's `postgresql` package, on 127.0.0.1 only, that a test may stop, start or kill. */
export interface DebianPostgres {
  /** The `receptivo` database, for DATABASE_URL. */
  url: string;
  port: number;
  /** `pg_ctl stop -m <mode>`, waiting until it is down. */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): Promise<void>;
  /** SIGKILLs the postmaster; answers its pid. */
  kill(): number;
  /** Stops the cluster if it runs and deletes its folder. */
  remove(): Promise<void>;
}

function requireBinaries(): void {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(BIN, tool))) {
      throw new Error(`Debian's PostgreSQL 15 is not installed (${join(BIN, tool)} is missing): apt-get install postgresql (.ci/run does)`);
    }
  }
}

/** PostgreSQL refuses to run as root: as root, its tools run as the OS user `postgres` (created by the package). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** initdb in a temporary folder, listening on a free port of 127.0.0.1 (no Unix socket), started. */
export async function startDebianPostgres(): Promise<DebianPostgres> {
  requireBinaries();
  const user = runAs();
  const root = await mkdtemp(join(tmpdir(), 'receptivo-pg15-'));
  // The parents of tmpdir() are reachable by everyone; the folder itself becomes the postgres user's.
  await chmod(root, 0o700);
  if (user.uid !== undefined) await chown(root, user.uid, user.gid!);
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  const port = await freePort();
  const tool = (name: string, args: string[]) =>
    run(join(BIN, name), args, { ...user, cwd: root, env: { PATH: process.env.PATH, LC_ALL: 'C' } }).catch((error: { stderr?: string; message: string }) => {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      throw new Error(`${name} ${args.join(' ')} failed: ${error.stderr || error.message}\n${log}`);
    });

  await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
  await appendFile(data + '/postgresql.conf', `listen_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = ''\nfsync = off\n`);

  const postmasterPid = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const postmasterRuns = () => existsSync(join(data, 'postmaster.pid')) && isRunning(postmasterPid());
  const cluster: DebianPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    port,
    async stop(mode = 'fast') {
      await tool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    async start() {
      await tool('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '30', 'start']);
    },
    kill() {
      const pid = postmasterPid();
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    async remove() {
      if (postmasterRuns()) await cluster.stop('immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };

  try {
    await cluster.start();
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
  } catch (error) {
    await cluster.remove();
    throw error;
  }
  return cluster;
}
