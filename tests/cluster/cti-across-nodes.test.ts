import type { AddressInfo } from 'node:net';
import { type QueuesDelta, type QueuesSnapshot, healthSchema } from '@receptivo/shared';
import type { AmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { transcript } from '../../server/src/cti/replay/fixtures';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { idleQueue } from '../../server/src/testing/cti-test-app';
import { type TestApp, bootTestApp } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { callAttendances } from '../support/attendance-rows';
import { type ClusterParts, startClusterParts } from '../support/cluster-environment';

/**
 * Two nodes with CTI on, one PBX: only the leader logs in to it, and a desk or a supervisor on
 * the follower gets and does everything as on the leader.
 */
describe('cluster mode: the CTI runs on the leader and serves desks on every node', () => {
  let parts: ClusterParts;
  let ami: AmiReplayServer;
  const nodes: { app: TestApp; url: string }[] = [];
  let leader: { app: TestApp; url: string };
  let follower: { app: TestApp; url: string };
  const desks: CtiDesk[] = [];
  const desk = async (url: string, token: string) => {
    const connected = new CtiDesk(url, token);
    desks.push(connected);
    await connected.connected();
    return connected;
  };
  const health = async (node: TestApp) => healthSchema.parse((await node.http.get('/api/health').expect(200)).body);

  beforeAll(async () => {
    parts = await startClusterParts('cluster-cti');
    ami = parts.ami;
    for (const name of ['node-a', 'node-b']) {
      const app = await bootTestApp(parts.database.url, parts.dataDir, { ...parts.environment, NODE_NAME: name });
      await app.app.listen(0, '127.0.0.1');
      nodes.push({ app, url: `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}` });
    }
    await until(async () => (await health(nodes[0].app)).role !== 'follower' || (await health(nodes[1].app)).role !== 'follower', 'a leader', 10_000);
    [leader, follower] = (await health(nodes[0].app)).role === 'leader' ? nodes : [nodes[1], nodes[0]];
    await until(async () => (await health(follower.app)).cti === 'connected', 'the leader connected to the PBX', 10_000);
  });
  afterAll(async () => {
    for (const connected of desks) connected.close();
    for (const { app } of nodes) await app.close();
    await parts?.stop();
  });

  it('one PBX link for the cluster: the leader logs in, the follower reports the leader\'s link', async () => {
    expect(await health(follower.app)).toMatchObject({ role: 'follower', cti: 'connected' });
    expect(await health(leader.app)).toMatchObject({ role: 'leader', cti: 'connected' });
    expect(ami.sessions()).toBe(1);
  });

  it('a call pops on the desk connected to the follower, starts one attendance, and its end and wrap-up reach it', async () => {
    const token = await follower.app.login('attendant');
    const attendant = await desk(follower.url, token);
    expect(await attendant.next('cti:status')).toMatchObject({ connected: true });
    expect(await attendant.next('agent:state')).toEqual({ state: 'available' });
    const supervisor = await desk(follower.url, await follower.app.login('supervisor'));

    await ami.replay(transcript('inbound-answered'), 20);
    const ringing = await attendant.next('call:ringing');
    expect(ringing).toMatchObject({ callerNumber: '11987654321', matches: [expect.objectContaining({ name: 'Maria Silva' })] });
    const answered = await attendant.next('call:answered');
    expect(await attendant.next('call:ended')).toEqual({ callId: ringing.callId, reason: 'hangup' });
    await until(() => attendant.states().at(-1) === 'wrap_up', 'wrap-up');
    expect((await callAttendances(parts.database.url)).filter((row) => row.call_id === ringing.callId)).toHaveLength(1);
    expect(await supervisor.nextBoard((board) => board.queues.some((queue) => queue.answered > 0))).toBeTruthy();

    // Finished through the follower: the leader ends the wrap-up and releases the PBX pause.
    await follower.app.http.post(`/api/attendances/${answered.attendanceId}/finish`).set('Authorization', `Bearer ${token}`).send({}).expect(200);
    await until(() => attendant.states().at(-1) === 'available', 'available once finished');
    const pauses = ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause');
    expect(pauses.at(-1)).toMatchObject({ interface: 'Local/1001@agents', paused: 'false' });
  });

  it('a pause from a desk on the follower reaches the PBX, and a refusal comes back in the acknowledgement', async () => {
    const attendant = await desk(follower.url, await follower.app.login('attendant'));
    await attendant.next('agent:state');
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Almoço' })).toEqual({ ok: true });
    expect(ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause').at(-1)).toMatchObject({ paused: 'true', reason: 'Almoço' });
    await attendant.next('agent:state', (state) => state.reason === 'Almoço');
    expect(await attendant.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });

    ami.setSnapshot({ queueStatus: [], channels: [] });
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Intervalo' })).toMatchObject({
      ok: false,
      error: { code: 'CTI_REFUSED', message: expect.stringMatching(/^A central recusou a pausa: .+/) },
    });
    ami.setSnapshot(idleQueue());
  });

  it('a supervisor on the follower who loses a delta gets the whole board from the leader, then its deltas again', async () => {
    const supervisor = await desk(follower.url, await follower.app.login('supervisor'));
    const first = await supervisor.next('queues:snapshot');
    const attendant = await desk(leader.url, await leader.app.login('attendant'));
    await attendant.next('agent:state');
    const has1001 = (state: string, reason: string | null = null) => (board: QueuesSnapshot) =>
      board.agents.some((agent) => agent.extension === '1001' && agent.state === state && agent.reason === reason);

    // The pause's delta is lost on the way: the board still shows 1001 as it was.
    supervisor.dropDeltas = 1;
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Treinamento' })).toEqual({ ok: true });
    await until(() => supervisor.dropDeltas === 0, 'a delta lost');
    const lost = supervisor.received.filter((item) => item.event === 'queues:delta').at(-1)!.payload as QueuesDelta;
    expect(supervisor.boards.some(({ board }) => has1001('paused', 'Treinamento')(board))).toBe(false);

    // The next delta does not follow: the follower asks the leader, whose whole board comes through Redis.
    expect(await attendant.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });
    const resent = await supervisor.nextBoard((board) => board.seq > lost.seq && has1001('available')(board));
    expect(supervisor.resends).toEqual([{ ok: true }]);
    expect(supervisor.received.filter((item) => item.event === 'queues:snapshot')).toHaveLength(2);
    expect(resent.epoch).toBe(first.epoch);

    // Deltas apply again.
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Banheiro' })).toEqual({ ok: true });
    await supervisor.nextBoard(has1001('paused', 'Banheiro'));
    expect(supervisor.received.filter((item) => item.event === 'queues:snapshot')).toHaveLength(2);
    expect(await attendant.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });
  });

  it('the telephony page on the follower shows the leader\'s link, tap and calls, and its test call pops on any node', async () => {
    const admin = await follower.app.login('admin');
    const overview = await follower.app.http.get('/api/cti/overview').set('Authorization', `Bearer ${admin}`).expect(200);
    const leaderName = (await health(leader.app)).node;
    expect(overview.body).toMatchObject({ state: 'connected', leader: leaderName, node: (await health(follower.app)).node, role: 'follower' });
    expect(overview.body.agents).toEqual(expect.arrayContaining([expect.objectContaining({ extension: '1001', queues: ['atendimento'] })]));
    const tap = await follower.app.http.get('/api/cti/events?q=agentconnect').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(tap.body.items.length).toBeGreaterThan(0);

    const attendant = await desk(leader.url, await leader.app.login('attendant'));
    await attendant.next('agent:state');
    const test = await follower.app.http.post('/api/cti/test-call').set('Authorization', `Bearer ${admin}`).send({ extension: '1001' }).expect(201);
    expect(await attendant.next('call:ringing', (pop) => pop.callId === test.body.callId)).toMatchObject({ callerName: 'Chamada de teste' });
  });

  it('a password reset on one node ends the desk connected to the other, and a deactivation the other way round (issue 15)', async () => {
    const adminToken = await leader.app.login('admin');
    const createUser = async (username: string) => {
      const created = await leader.app.http.post('/api/users').set('Authorization', `Bearer ${adminToken}`).send({ username, name: username, role: 'attendant' }).expect(201);
      const login = await leader.app.http.post('/api/auth/login').send({ username, password: created.body.password }).expect(200);
      return { id: created.body.user.id as string, token: login.body.token as string };
    };
    const [reset, deactivated] = [await createUser('vera'), await createUser('wagner')];
    const onFollower = await desk(follower.url, reset.token);
    const onLeader = await desk(leader.url, deactivated.token);
    const [followerEnd, leaderEnd] = [onFollower.sessionEnd(), onLeader.sessionEnd()];

    await leader.app.http.post(`/api/users/${reset.id}/reset-password`).set('Authorization', `Bearer ${adminToken}`).expect(201);
    expect(await followerEnd).toEqual({ reason: { code: 'TOKEN_INVALID', message: 'Sua sessão foi encerrada. Entre novamente.' }, disconnect: 'io server disconnect' });
    expect(onLeader.socket.connected).toBe(true);

    const followerAdmin = await follower.app.login('admin');
    await follower.app.http.patch(`/api/users/${deactivated.id}`).set('Authorization', `Bearer ${followerAdmin}`).send({ active: false }).expect(200);
    expect(await leaderEnd).toMatchObject({ reason: { code: 'TOKEN_INVALID' }, disconnect: 'io server disconnect' });
  });
});
