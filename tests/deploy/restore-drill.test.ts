import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Attendance, type CustomerList, type Request } from '@receptivo/shared';
import { cpf } from 'cpf-cnpj-validator';
import { Client } from 'pg';
import { readCredentials } from '../../server/src/testing/test-app';
import { type DebianPostgres, startDebianPostgres } from '../support/debian-postgres';
import { earlierPotholeOfMaria } from '../support/earlier-request';
import { serverApi } from '../support/server-api';
import { ROOT, startServer } from '../support/server-process';

/**
 * The restore drill of docs/deploy.md, as an operator runs it: a scripted attendance on a running
 * server, deploy/backup/receptivo-backup, the server stopped, deploy/backup/receptivo-restore into a
 * new DATA_DIR (and database), the server started there, and the attendance is back.
 */

const run = promisify(execFile);
const BACKUP = join(ROOT, 'deploy', 'backup', 'receptivo-backup');
const RESTORE = join(ROOT, 'deploy', 'backup', 'receptivo-restore');

/** Runs a script with the server's settings in an environment file, as the systemd units give them. */
async function script(path: string, envFile: string, settings: Record<string, string>, args: string[]) {
  await writeFile(envFile, `${Object.entries(settings).map(([name, value]) => `${name}=${value}`).join('\n')}\n`);
  return run('bash', [path, ...args], { env: { PATH: process.env.PATH, RECEPTIVO_ENV_FILE: envFile } });
}

/** What the attendant did before the backup, as the API shows it; and a session opened then. */
interface Before {
  request: Request;
  attendance: Attendance;
  token: string;
  attendant: { username: string; password: string };
}

async function attendBeforeTheBackup(url: string, dataDir: string): Promise<Before> {
  const { attendant } = await readCredentials(dataDir);
  const { request } = await earlierPotholeOfMaria(url, attendant);
  const token = await serverApi(url).signIn(attendant);
  const attendance = (await serverApi(url).get(`/api/attendances/${request.attendanceId}`, token)).body as unknown as Attendance;
  expect(attendance).toMatchObject({ protocol: request.attendanceProtocol, status: 'finished' });
  return { request, attendance, token, attendant };
}

/** After the restore: the attendance, its request and the session are there; what came after the backup is not. */
async function expectRestored(url: string, before: Before, afterBackup: string) {
  const api = serverApi(url);
  // JWT_SECRET came back with DATA_DIR: a desk signed in before the backup is still signed in.
  const attendance = await api.get(`/api/attendances/${before.request.attendanceId}`, before.token);
  expect(attendance.status).toBe(200);
  expect(attendance.body).toMatchObject({ protocol: before.attendance.protocol, status: 'finished', requests: [expect.objectContaining({ protocol: before.request.protocol })] });
  const request = await api.get(`/api/requests/${before.request.id}`, before.token);
  expect(request.body).toMatchObject({ protocol: before.request.protocol, attendanceProtocol: before.attendance.protocol, status: before.request.status });
  // The users are in the database: the attendant signs in with the password of the first start.
  const token = await api.signIn(before.attendant);
  const searched = (await api.get(`/api/customers?name=${encodeURIComponent(afterBackup)}`, token)).body as unknown as CustomerList;
  expect(searched.items).toEqual([]);
  // And it goes on: the next attendance gets the next protocol, never one given before the backup.
  const next = await api.post('/api/attendances', token, { channel: 'phone' });
  expect(next.status).toBe(201);
  expect(protocolNumber(String(next.body.protocol))).toBeGreaterThan(protocolNumber(before.request.protocol));
}

async function registerAfterTheBackup(url: string, token: string): Promise<string> {
  const name = 'Depois do Backup';
  const created = await serverApi(url).post('/api/customers', token, { type: 'person', name, document: cpf.generate() });
  expect(created.status).toBe(201);
  return name;
}

describe('backup and restore drill', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'receptivo-drill-'));
    // As root the embedded PostgreSQL runs as the OS user postgres, which must reach the DATA_DIRs inside.
    await chmod(root, 0o755);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('embedded PostgreSQL: copied while the server runs, restored into a new DATA_DIR, the attendance is back', async () => {
    const dataDir = join(root, 'data');
    const restoredDir = join(root, 'restored');
    const backups = join(root, 'backups');
    const envFile = join(root, 'receptivo.env');
    const server = await startServer({ DATA_DIR: dataDir });
    let afterBackup: string;
    let before: Before;
    try {
      before = await attendBeforeTheBackup(server.url, dataDir);
      const backedUp = await script(BACKUP, envFile, { DATA_DIR: dataDir }, [backups]);
      expect(readdirSync(backups)).toEqual([expect.stringMatching(/^receptivo-\d{8}T\d{6}Z\.tar\.gz$/)]);
      expect(backedUp.stdout.trim()).toBe(join(backups, readdirSync(backups)[0]));
      afterBackup = await registerAfterTheBackup(server.url, before.token);
    } finally {
      await server.stop('SIGTERM');
    }
    const archive = onlyArchiveIn(backups);

    const restored = await script(RESTORE, envFile, { DATA_DIR: restoredDir }, [archive]);
    expect(restored.stdout).toContain(`into ${restoredDir}`);
    const again = await startServer({ DATA_DIR: restoredDir });
    try {
      await expectRestored(again.url, before!, afterBackup!);
    } finally {
      await again.stop('SIGTERM');
    }

    // A DATA_DIR in use is never overwritten: refused, saying why, nothing changed.
    const refused = await script(RESTORE, envFile, { DATA_DIR: restoredDir }, [archive]).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`DATA_DIR ${restoredDir} is not empty`) });
    const third = await startServer({ DATA_DIR: restoredDir });
    try {
      await expectRestored(third.url, before!, afterBackup!);
    } finally {
      await third.stop('SIGTERM');
    }
  });

  describe('DATABASE_URL (Debian PostgreSQL 15): pg_dump, restored into a new database', () => {
    let postgres: DebianPostgres;

    beforeAll(async () => {
      postgres = await startDebianPostgres();
    });

    afterAll(async () => {
      await postgres?.remove();
    });

    it('pg_dump of the running server, pg_restore into an empty database and a new DATA_DIR, the attendance is back', async () => {
      const dataDir = join(root, 'data');
      const restoredDir = join(root, 'restored');
      const backups = join(root, 'backups');
      const envFile = join(root, 'receptivo.env');
      await mkdir(dataDir);
      const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: postgres.url });
      let afterBackup: string;
      let before: Before;
      try {
        before = await attendBeforeTheBackup(server.url, dataDir);
        await script(BACKUP, envFile, { DATA_DIR: dataDir, DATABASE_URL: postgres.url }, [backups]);
        afterBackup = await registerAfterTheBackup(server.url, before.token);
      } finally {
        await server.stop('SIGTERM');
      }
      const archive = onlyArchiveIn(backups);

      // Into the database in use: refused before anything is written.
      const refused = await script(RESTORE, envFile, { DATA_DIR: restoredDir, DATABASE_URL: postgres.url }, [archive]).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/the database of DATABASE_URL already has \d+ tables/) });

      const admin = new Client({ connectionString: postgres.url.replace(/\/receptivo$/, '/postgres') });
      await admin.connect();
      await admin.query('CREATE DATABASE receptivo_restored');
      await admin.end();
      const restoredUrl = postgres.url.replace(/\/receptivo$/, '/receptivo_restored');
      await script(RESTORE, envFile, { DATA_DIR: restoredDir, DATABASE_URL: restoredUrl }, [archive]);
      const again = await startServer({ DATA_DIR: restoredDir, DATABASE_URL: restoredUrl });
      try {
        await expectRestored(again.url, before!, afterBackup!);
      } finally {
        await again.stop('SIGTERM');
      }
    });
  });
});

/** `2026.001234-5` → 2026001234: later protocols are greater (the check digit left out). */
const protocolNumber = (protocol: string) => Number(protocol.replace(/\D/g, '').slice(0, -1));

/** The one archive a backup wrote into `folder`. */
function onlyArchiveIn(folder: string): string {
  const archives = readdirSync(folder).filter((name) => name.endsWith('.tar.gz'));
  expect(archives).toHaveLength(1);
  return join(folder, archives[0]);
}
