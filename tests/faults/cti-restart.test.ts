import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AmiReplayServer, startAmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { type CallMoments, transcriptMoments } from '../../server/src/cti/replay/ami-transcript';
import { AMI_FIXTURES_DIR } from '../../server/src/cti/replay/fixtures';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { idleQueue } from '../../server/src/testing/cti-test-app';
import { readCredentials } from '../../server/src/testing/test-app';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { until } from '../../server/src/testing/until';
import { serverApi } from '../support/server-api';
import { type ServerProcess, startServer } from '../support/server-process';
import { callAttendances } from '../support/attendance-rows';

/**
 * The built server SIGKILLed at a moment of a real Asterisk recording while the PBX goes on, and
 * started again later: whatever the moment, every answered call ends with exactly one attendance
 * and its talk time, each attendant is in the state a user expects, and no pop stays on a desk.
 */
const SPEED = 4;
const AMI = { username: 'receptivo', secret: 'fault-secret' };
const WRAP_UP_REASON = 'Pós-atendimento';

type Point = 'before ring' | 'while ringing' | 'right after AgentConnect' | 'during talk' | 'after hangup';

/** When to kill and when to start again, in seconds of the recording, for the first call of it. */
function plan(call: CallMoments, point: Point): { killAt: number; restartAt: number } | null {
  const { joined, ringing, connected, completed, ended } = call;
  if (joined === undefined || ringing === undefined || ended === undefined) return null;
  const talking = connected !== undefined && completed !== undefined;
  switch (point) {
    case 'before ring':
      return { killAt: joined - 0.3, restartAt: ringing + 0.3 };
    case 'while ringing':
      return { killAt: ringing + 0.3, restartAt: talking ? connected + 1 : ended + 0.3 };
    case 'right after AgentConnect':
      return talking ? { killAt: connected + 0.05, restartAt: (connected + completed) / 2 } : null;
    case 'during talk':
      return talking ? { killAt: (connected + completed) / 2, restartAt: ended + 0.3 } : null;
    case 'after hangup':
      return { killAt: ended + 0.3, restartAt: ended + 0.6 };
  }
}

const transcripts = readdirSync(AMI_FIXTURES_DIR)
  .filter((file) => file.endsWith('.ami'))
  .sort();
const points: Point[] = ['before ring', 'while ringing', 'right after AgentConnect', 'during talk', 'after hangup'];
const cases = transcripts.flatMap((file) => {
  const calls = transcriptMoments(join(AMI_FIXTURES_DIR, file));
  return points.flatMap((point) => {
    const moments = plan(calls[0], point);
    return moments ? [{ file, point, calls, ...moments }] : [];
  });
});

describe('the server killed (SIGKILL) at any moment of a call and started again', () => {
  let template: { url: string; drop(): Promise<void> };
  let dataDir: string;
  let tokens: Record<string, string>;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    // One migrated, seeded database with attendants 1001 and 1002, copied for every case.
    template = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-cti-restart-'));
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: template.url });
    const api = serverApi(server.url);
    const credentials = await readCredentials(dataDir);
    const admin = await api.signIn(credentials.admin);
    const created = await api.post('/api/users', admin, { username: 'joana', name: 'Joana Ramal 1002', role: 'attendant', extension: '1002' });
    tokens = { '1001': await api.signIn(credentials.attendant), '1002': await api.signIn({ username: 'joana', password: created.body.password as string }) };
    for (const extension of ['1001', '1002']) {
      users[extension] = ((await api.get('/api/auth/me', tokens[extension])).body as { id: string }).id;
    }
    await server.stop();
  });

  afterAll(async () => {
    await template?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it.each(cases)('$file, killed $point', async ({ file, point, calls, killAt, restartAt }) => {
    const recording = join(AMI_FIXTURES_DIR, file);
    const database = await createTestDatabase(template.url);
    const ami = await startAmiReplayServer({ ...AMI, refusalDelayMs: 0, snapshot: idleQueue() });
    const environment = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(ami.port),
      AMI_USER: AMI.username,
      AMI_SECRET: AMI.secret,
      LOG_LEVEL: 'info',
    };
    let server: ServerProcess | undefined;
    const desks: Record<string, CtiDesk> = {};
    const answering = new Map(calls.filter((call) => call.answeredBy).map((call) => [call.linkedid, call.answeredBy!.replace(/^Local\/(\d+)@.*$/, '$1')]));
    try {
      server = await startServer(environment);
      await rebuilt(server, ami);
      for (const extension of ['1001', '1002']) {
        desks[extension] = new CtiDesk(server.url, tokens[extension]);
        await desks[extension].connected();
      }
      await ami.replay(recording, { speed: SPEED, until: killAt });
      // A pop or an answer seen before the kill is what the attendant had on screen.
      if (point === 'while ringing') await until(() => Object.values(desks).some((desk) => desk.shownPops().length > 0), 'the pop before the kill');
      if (point === 'during talk') await until(() => Object.values(desks).some((desk) => desk.received.some((item) => item.event === 'call:answered')), 'the answer');
      const first = answering.get(calls[0].linkedid);
      if (point === 'after hangup' && first) await until(() => desks[first].states().at(-1) === 'wrap_up', 'the wrap-up');

      server.child.kill('SIGKILL');
      await server.stop();
      await ami.replay(recording, { speed: SPEED, from: killAt, until: restartAt });
      server = await server.startAgain();
      await rebuilt(server, ami);
      await ami.replay(recording, { speed: SPEED, from: restartAt });

      const settled = async () => {
        const rows = await callAttendances(database.url);
        const answeredOnce = [...answering].every(([callId, extension]) => {
          const mine = rows.filter((row) => row.call_id === callId);
          return mine.length === 1 && mine[0].attendant_id === users[extension] && mine[0].talk_seconds !== null;
        });
        const expected = (extension: string) => ([...answering.values()].includes(extension) ? 'wrap_up' : 'available');
        // The desk reads "Chamada encerrada", even when the call ended while the server was down.
        const endShown = [...answering].every(([callId, extension]) =>
          desks[extension].received.some((item) => item.event === 'call:ended' && (item.payload as { callId: string }).callId === callId),
        );
        return (
          answeredOnce &&
          endShown &&
          rows.length === answering.size &&
          Object.entries(desks).every(([extension, desk]) => desk.shownPops().length === 0 && desk.states().at(-1) === expected(extension))
        );
      };
      await until(settled, `${file} settled after a kill ${point}`, 15_000);

      const rows = await callAttendances(database.url);
      for (const [callId, extension] of answering) {
        const call = calls.find((moments) => moments.linkedid === callId)!;
        const row = rows.find((candidate) => candidate.call_id === callId)!;
        // The PBX's own count (AgentComplete TalkTime, as recorded) or, for a call that ended while the
        // server was down, up to the member's LastCall (replayed SPEED times faster): never the downtime.
        expect(row.talk_seconds).toBeLessThanOrEqual(Math.ceil(call.completed! - call.connected!) + 1);
        expect(desks[extension].received.some((item) => item.event === 'call:answered' && (item.payload as { callId: string }).callId === callId)).toBe(true);
        // The PBX holds the wrap-up: the queue does not ring this attendant meanwhile.
        const held = ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause' && action.interface === `Local/${extension}@agents`);
        expect(held.at(-1)).toMatchObject({ paused: 'true', reason: WRAP_UP_REASON });
      }
    } finally {
      for (const desk of Object.values(desks)) desk.close();
      if (server) await server.stop();
      await ami.close();
      await database.drop();
    }
  });

  it('the wrap-up maximum passed while the server was down: the PBX pause is released at the restart', async () => {
    const recording = join(AMI_FIXTURES_DIR, 'inbound-answered.ami');
    const [call] = transcriptMoments(recording);
    const database = await createTestDatabase(template.url);
    const ami = await startAmiReplayServer({ ...AMI, refusalDelayMs: 0, snapshot: idleQueue() });
    const maxSeconds = 2;
    let server: ServerProcess | undefined;
    let desk: CtiDesk | undefined;
    try {
      server = await startServer({
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        AMI_HOST: '127.0.0.1',
        AMI_PORT: String(ami.port),
        AMI_USER: AMI.username,
        AMI_SECRET: AMI.secret,
        LOG_LEVEL: 'info',
        CTI_WRAP_UP_MAX_SECONDS: String(maxSeconds),
      });
      await rebuilt(server, ami);
      desk = new CtiDesk(server.url, tokens['1001']);
      await desk.connected();
      await ami.replay(recording, { speed: SPEED, until: call.ended! + 0.3 });
      await until(() => desk!.states().at(-1) === 'wrap_up', 'the wrap-up');
      const wrapUpAt = Date.now();
      const pauses = () => ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause');
      expect(pauses().at(-1)).toMatchObject({ paused: 'true', reason: WRAP_UP_REASON });

      server.child.kill('SIGKILL');
      await server.stop();
      // Down past the maximum: nobody is left to release the pause, so the queue would skip 1001 for good.
      await until(() => Date.now() - wrapUpAt > maxSeconds * 1000, 'the maximum passed', 10_000);
      server = await server.startAgain();
      await rebuilt(server, ami);
      await until(() => pauses().at(-1)?.paused === 'false', 'the wrap-up pause released', 10_000);
      expect(pauses().at(-1)).toMatchObject({ interface: 'Local/1001@agents', paused: 'false' });
      await until(() => desk!.states().at(-1) === 'available', 'the desk available again', 10_000);
      // The attendance itself stays open for the attendant to finish.
      expect((await callAttendances(database.url)).map((row) => row.talk_seconds !== null)).toEqual([true]);
    } finally {
      desk?.close();
      if (server) await server.stop();
      await ami.close();
      await database.drop();
    }
  });
});

/** The server logged in to the PBX and rebuilt its state from it. */
async function rebuilt(server: ServerProcess, ami: AmiReplayServer): Promise<void> {
  await ami.untilLoggedIn();
  await until(() => server.output().includes('AMI: estado refeito'), 'the CTI state rebuilt', 10_000);
}
