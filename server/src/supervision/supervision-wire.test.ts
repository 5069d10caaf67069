import { type QueuesSnapshot, type SupervisedAgent, applyQueuesDelta, ctiPauseReasonsSchema } from '@receptivo/shared';
import type { AmiReplayServer } from '../cti/replay/ami-replay-server';
import { CtiDesk } from '../testing/cti-desk';
import { type CtiTestApp, startCtiTestApp, transcript } from '../testing/cti-test-app';
import type { TestApp } from '../testing/test-app';
import { until } from '../testing/until';

const agentIn = (snapshot: QueuesSnapshot | undefined, extension: string): SupervisedAgent | undefined =>
  snapshot?.agents.find((agent) => agent.extension === extension);

/**
 * Resolves with the first board, built from now on out of the supervisor's queues:snapshot and the
 * queues:delta after it, that `check` accepts, and when it came.
 */
async function nextSnapshot(desk: CtiDesk, check: (snapshot: QueuesSnapshot) => boolean, what: string): Promise<{ payload: QueuesSnapshot; at: number }> {
  const from = desk.boards.length;
  let found: { board: QueuesSnapshot; at: number } | undefined;
  await until(() => (found = desk.boards.slice(from).find((item) => check(item.board))) !== undefined, what);
  return { payload: found!.board, at: found!.at };
}

/** The board as the supervisor's screen shows it at `at`: the rows not updated since aged to then. */
const boardAt = (board: QueuesSnapshot, at: string) => applyQueuesDelta(board, { at, queues: [], agents: [], removedQueues: [], removedAgents: [] });

describe('live supervision over the wire: replayed Asterisk → queues:snapshot at the supervisors', () => {
  let cti: CtiTestApp;
  let ami: AmiReplayServer;
  let server: TestApp;
  let url: string;
  let desks: CtiDesk[] = [];

  const desk = async (token: string) => {
    const connected = new CtiDesk(url, token);
    desks.push(connected);
    await connected.connected();
    return connected;
  };

  beforeAll(async () => {
    // Both members idle in queue atendimento; a wrap-up of one second so its end is seen here.
    cti = await startCtiTestApp({ CTI_WRAP_UP_MAX_SECONDS: '1' });
    ({ ami, server, url } = cti);
  });
  afterEach(() => {
    for (const connected of desks) connected.close();
    desks = [];
  });
  afterAll(() => cti.close());

  it('every signed-in role reads the pause reasons', async () => {
    for (const role of ['attendant', 'backoffice'] as const) {
      const response = await server.http.get('/api/cti/pause-reasons').set('Authorization', `Bearer ${await server.login(role)}`).expect(200);
      expect(ctiPauseReasonsSchema.parse(response.body)).toEqual({ reasons: ['Intervalo', 'Almoço', 'Treinamento', 'Banheiro', 'Feedback'], ringNoAnswerReason: 'Não atendeu' });
    }
    await server.http.get('/api/cti/pause-reasons').expect(401);
  });

  it('a supervisor gets the snapshot on connect; attendants never do; a desk connecting or leaving is seen within a second', async () => {
    const supervisor = await desk(await server.login('supervisor'));
    const first = await supervisor.next('queues:snapshot');
    expect(first).toMatchObject({ serviceLevelSeconds: 20, windowMinutes: 60, queues: [{ queue: 'atendimento', waiting: 0 }] });
    // No desk of theirs is connected: offline to the supervisor, whatever the PBX says.
    expect(agentIn(first, '1001')).toMatchObject({ name: 'Ana Atendente', state: 'offline', queues: ['atendimento'] });
    expect(agentIn(first, '1002')).toMatchObject({ name: 'Atendente 1002', state: 'offline' });

    const token = await server.login('attendant');
    const connectedAt = Date.now();
    const attendant = await desk(token);
    const seen = await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'available', '1001 available');
    expect(seen.at - connectedAt).toBeLessThan(1000);

    // Logout: the attendant's last desk goes away.
    const closedAt = Date.now();
    attendant.close();
    const gone = await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'offline', '1001 offline');
    expect(gone.at - closedAt).toBeLessThan(1000);
    expect(agentIn(gone.payload, '1001')!.inStateMs).toBeLessThan(1000);
    expect(attendant.received.some((item) => item.event === 'queues:snapshot' || item.event === 'queues:delta')).toBe(false);
    // Whole once, then only what changed, numbered on from the snapshot.
    const frames = supervisor.received.filter((item) => item.event === 'queues:snapshot' || item.event === 'queues:delta');
    expect(frames.map((item) => item.event)).toEqual(['queues:snapshot', ...Array(frames.length - 1).fill('queues:delta')]);
    // (A delta of the snapshot's own seq, sent to the others at the same update, is stale here.)
    const seqs = frames.slice(1).map((item) => (item.payload as { seq: number }).seq).filter((seq) => seq > first.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(2);
    expect(seqs).toEqual(seqs.map((_, index) => first.seq + 1 + index));
    expect(supervisor.resends).toEqual([]);
  });

  it('a replayed call: waiting rises and falls, the agent rings, talks, wraps up and is available after the maximum', async () => {
    const supervisor = await desk(await server.login('supervisor'));
    const token = await server.login('attendant');
    const attendant = await desk(token);
    await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'available', '1001 available');

    const replayed = ami.replay(transcript('inbound-answered'), 4);
    const waiting = await nextSnapshot(supervisor, (snapshot) => snapshot.queues[0].waiting === 1, 'one caller waiting');
    expect(waiting.payload.queues[0].longestWaitMs).toBeLessThan(1000);
    const talking = await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'on_call', '1001 on the call');
    expect(talking.payload.queues[0]).toMatchObject({ waiting: 0, answered: 1, answeredWithinServiceLevel: 1, serviceLevelPercent: 100, averageWaitSeconds: 2 });
    expect(agentIn(talking.payload, '1001')!.call).toEqual({ callerNumber: '11987654321', callerName: 'Maria Silva', queue: 'atendimento' });
    await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'wrap_up', '1001 in wrap-up');
    await replayed;

    // CTI_WRAP_UP_MAX_SECONDS=1: available again though the attendance is still open.
    const expired = await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'available', '1001 available after the maximum');
    expect(expired.payload.queues[0]).toMatchObject({ averageTalkSeconds: 5 });
    await until(() => attendant.states().at(-1) === 'available', 'the desk told it is available');
    expect(attendant.states()).toEqual(['available', 'ringing', 'on_call', 'wrap_up', 'available']);
    const current = await server.http.get('/api/attendances/current').set('Authorization', `Bearer ${token}`).expect(200);
    expect(current.body.attendance).toMatchObject({ status: 'open' });
    await server.http.post(`/api/attendances/${current.body.attendance.id}/finish`).set('Authorization', `Bearer ${token}`).send({}).expect(200);
  });

  it('a pause with a reason of the list shows with its reason; one off the list never reaches the PBX', async () => {
    const supervisor = await desk(await server.login('supervisor'));
    const attendant = await desk(await server.login('attendant'));
    await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'available', '1001 available');

    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Reunião' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const pausedAt = Date.now();
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Feedback' })).toEqual({ ok: true });
    const paused = await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'paused', '1001 paused');
    expect(paused.at - pausedAt).toBeLessThan(1000);
    expect(agentIn(paused.payload, '1001')).toMatchObject({ reason: 'Feedback', inStateMs: expect.any(Number) });
    expect(paused.payload.queues[0].agents).toMatchObject({ paused: 1, offline: 1 });

    expect(await attendant.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });
    const back = await nextSnapshot(supervisor, (snapshot) => agentIn(snapshot, '1001')?.state === 'available', '1001 available again');
    expect(agentIn(back.payload, '1001')!.reason).toBeNull();
  });

  it('a supervisor who loses a delta asks for the whole board, then follows the deltas again, with the figures of one who lost nothing', async () => {
    const steady = await desk(await server.login('supervisor'));
    const lossy = await desk(await server.login('supervisor'));
    await steady.next('queues:snapshot');
    await lossy.next('queues:snapshot');
    lossy.dropDeltas = 1;

    // The attendant's desk connects: the delta saying 1001 is available never reaches `lossy`'s board.
    const attendant = await desk(await server.login('attendant'));
    await nextSnapshot(steady, (snapshot) => agentIn(snapshot, '1001')?.state === 'available', '1001 available');
    await until(() => lossy.dropDeltas === 0, 'a delta lost');

    // The next delta does not follow the last one applied: the whole board is asked for and shows the pause.
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Feedback' })).toEqual({ ok: true });
    await nextSnapshot(lossy, (snapshot) => agentIn(snapshot, '1001')?.state === 'paused', '1001 paused, after the gap');
    expect(lossy.resends).toEqual([{ ok: true }]);
    expect(lossy.received.filter((item) => item.event === 'queues:snapshot')).toHaveLength(2);

    // Deltas apply again: the resume comes as one, with no other request.
    expect(await attendant.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });
    await nextSnapshot(lossy, (snapshot) => agentIn(snapshot, '1001')?.state === 'available', '1001 available again');
    await until(() => lossy.boards.at(-1)!.board.seq === steady.boards.at(-1)?.board.seq, 'both at the same update');
    expect(lossy.resends).toHaveLength(1);
    expect(lossy.received.filter((item) => item.event === 'queues:snapshot')).toHaveLength(2);
    const { board } = steady.boards.at(-1)!;
    expect(boardAt(lossy.boards.at(-1)!.board, board.at)).toEqual(board);
    expect(steady.resends).toEqual([]);
  });

  it('queues:resend: a supervisor gets the whole board at the current update; an attendant is refused', async () => {
    const supervisor = await desk(await server.login('supervisor'));
    const first = await supervisor.next('queues:snapshot');
    expect(await supervisor.socket.emitWithAck('queues:resend')).toEqual({ ok: true });
    await until(() => supervisor.received.filter((item) => item.event === 'queues:snapshot').length === 2, 'the board again');
    const again = supervisor.received.filter((item) => item.event === 'queues:snapshot')[1].payload as QueuesSnapshot;
    expect(again.epoch).toBe(first.epoch);
    expect(again.agents.map((agent) => agent.extension)).toEqual(first.agents.map((agent) => agent.extension));
    expect(again.seq).toBeGreaterThanOrEqual(first.seq);

    const attendant = await desk(await server.login('attendant'));
    expect(await attendant.socket.emitWithAck('queues:resend')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The supervisor asks after the attendant: the update that answers it would have answered the attendant too.
    expect(await supervisor.socket.emitWithAck('queues:resend')).toEqual({ ok: true });
    await until(() => supervisor.received.filter((item) => item.event === 'queues:snapshot').length === 3, 'the board a third time');
    expect(attendant.received.some((item) => item.event === 'queues:snapshot')).toBe(false);
  });
});
