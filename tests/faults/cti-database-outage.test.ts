import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AmiReplayServer, startAmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { transcriptMoments } from '../../server/src/cti/replay/ami-transcript';
import { transcript } from '../../server/src/cti/replay/fixtures';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { idleQueue } from '../../server/src/testing/cti-test-app';
import { readCredentials } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { type DebianPostgres, startDebianPostgres } from '../support/debian-postgres';
import { embeddedDatabaseUrl, freezeBackend, killEmbeddedPostmaster } from '../support/embedded-postgres-faults';
import { serverApi } from '../support/server-api';
import { type ServerProcess, startServer } from '../support/server-process';
import { callAttendances } from '../support/attendance-rows';

/**
 * The database goes away just before a call rings and comes back only after the call was answered and
 * hung up: the attendant still gets the pop, and once the database is back the call gets its
 * attendance, its talk time, its end and the wrap-up, in that order, as if nothing had happened.
 */
const SPEED = 4;
const AMI = { username: 'receptivo', secret: 'outage-secret' };
const RECORDING = transcript('inbound-answered');
/** Attendant 1001 answers Maria Silva. */
const CALL_ID = '1795848992.0';
const call = transcriptMoments(RECORDING).find((moments) => moments.linkedid === CALL_ID)!;

/** How a case takes the database away and gives it back, and where the test reads the attendances. */
interface Outage {
  /** For the figures logged. */
  name: string;
  begin(): Promise<void>;
  end(): Promise<void>;
  /** The database the server uses, as it stands after the outage. */
  url(): string;
}

async function callThroughOutage(server: ServerProcess, ami: AmiReplayServer, dataDir: string, outage: Outage): Promise<void> {
  const api = serverApi(server.url);
  const token = await api.signIn((await readCredentials(dataDir)).attendant);
  const attendantId = ((await api.get('/api/auth/me', token)).body as { id: string }).id;
  await ami.untilLoggedIn();
  await until(() => server.output().includes('AMI: estado refeito'), 'the CTI state rebuilt', 10_000);
  const desk = new CtiDesk(server.url, token);
  try {
    await desk.connected();
    await ami.replay(RECORDING, { speed: SPEED, until: call.ringing });

    await outage.begin();
    await until(async () => (await api.health()).status === 503, 'health 503', 5_000);
    expect((await api.health()).body).toMatchObject({ status: 'degraded', database: 'down' });

    // Ring, answer and hangup, all while the database is out.
    await ami.replay(RECORDING, { speed: SPEED, from: call.ringing });
    const pop = await desk.next('call:ringing', (payload) => payload.callId === CALL_ID);
    expect(pop.matches).toEqual([]);
    // Still out: the answer and the hangup happened with no database to write them to.
    expect((await api.health()).body).toMatchObject({ database: 'down' });
    expect(desk.received.filter((item) => item.event === 'call:answered')).toEqual([]);

    await outage.end();
    const backAt = Date.now();
    await until(async () => (await api.health()).status === 200, 'health back', 15_000);
    const healthyMs = Date.now() - backAt;

    const rowsOfCall = async () => (await callAttendances(outage.url())).filter((row) => row.call_id === CALL_ID);
    await until(async () => (await rowsOfCall()).some((row) => row.talk_seconds !== null), 'the attendance with its talk time', 15_000);
    await until(() => desk.states().at(-1) === 'wrap_up' && desk.shownPops().length === 0, 'wrap-up and no pop left', 10_000);
    console.log(`${outage.name}: database back -> healthy in ${healthyMs} ms, call settled in ${Date.now() - backAt} ms`);

    const rows = await rowsOfCall();
    expect(rows).toHaveLength(1);
    expect(rows[0].attendant_id).toBe(attendantId);
    // The PBX's talk time, not the outage's length.
    expect(rows[0].talk_seconds).toBeLessThanOrEqual(Math.ceil(call.completed! - call.connected!) + 1);

    const answered = desk.received.findIndex((item) => item.event === 'call:answered' && (item.payload as { callId: string }).callId === CALL_ID);
    const ended = desk.received.findIndex((item) => item.event === 'call:ended' && (item.payload as { callId: string }).callId === CALL_ID);
    expect(answered).toBeGreaterThanOrEqual(0);
    expect(desk.received[answered].payload).toMatchObject({ attendanceId: rows[0].id });
    expect(desk.received[ended]?.payload).toEqual({ callId: CALL_ID, reason: 'hangup' });
    expect(ended).toBeGreaterThan(answered);
  } finally {
    desk.close();
  }
}

describe('a call answered and hung up while the database is out', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-cti-outage-'));
    // As root, the embedded PostgreSQL runs as the user `postgres`, who must reach DATA_DIR.
    await chmod(dataDir, 0o755);
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const amiEnvironment = (port: number) => ({ AMI_HOST: '127.0.0.1', AMI_PORT: String(port), AMI_USER: AMI.username, AMI_SECRET: AMI.secret, LOG_LEVEL: 'info' });

  it('embedded PostgreSQL killed (kill -9) and kept from restarting: pop without matches, then the attendance once it is back', async () => {
    const ami = await startAmiReplayServer({ ...AMI, refusalDelayMs: 0, snapshot: idleQueue() });
    let server: ServerProcess | undefined;
    let orphan: Awaited<ReturnType<typeof freezeBackend>> | undefined;
    try {
      server = await startServer({ DATA_DIR: dataDir, ...amiEnvironment(ami.port) });
      await callThroughOutage(server, ami, dataDir, {
        name: 'embedded postmaster killed',
        async begin() {
          // A frozen backend keeps the old shared memory: the server cannot restart PostgreSQL until the thaw.
          orphan = await freezeBackend(embeddedDatabaseUrl(dataDir));
          killEmbeddedPostmaster(dataDir);
        },
        async end() {
          await orphan!.thaw();
          orphan = undefined;
        },
        url: () => embeddedDatabaseUrl(dataDir),
      });
    } finally {
      await orphan?.thaw();
      // SIGINT: the server stops the PostgreSQL it restarted too.
      await server?.stop();
      await ami.close();
    }
  });

  it('the PostgreSQL of DATABASE_URL stopped (pg_ctl stop -m fast) and started: pop without matches, then the attendance once it is back', async () => {
    const ami = await startAmiReplayServer({ ...AMI, refusalDelayMs: 0, snapshot: idleQueue() });
    let postgres: DebianPostgres | undefined;
    let server: ServerProcess | undefined;
    try {
      postgres = await startDebianPostgres();
      const cluster = postgres;
      server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: cluster.url, ...amiEnvironment(ami.port) });
      await callThroughOutage(server, ami, dataDir, {
        name: 'PostgreSQL 15 stopped (fast) and started',
        begin: () => cluster.stop('fast'), end: () => cluster.start(),
        url: () => cluster.url,
      });
    } finally {
      await server?.stop();
      await postgres?.remove();
      await ami.close();
    }
  });
});
