import { type Health, ctiOverviewSchema, healthSchema } from '@receptivo/shared';
import type { AmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { transcriptMoments } from '../../server/src/cti/replay/ami-transcript';
import { transcript } from '../../server/src/cti/replay/fixtures';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { readCredentials } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { callAttendances } from '../support/attendance-rows';
import { type Nginx, startNginx } from '../support/nginx';
import { type ClusterParts, startClusterParts } from '../support/cluster-environment';
import { serverApi } from '../support/server-api';
import { type ServerProcess, startServer } from '../support/server-process';

const TWO_CALLS = transcript('two-simultaneous-calls');
const ONE_CALL = transcript('inbound-answered');
/** The call a transcript's `repetition`-th offer makes of a recorded Linkedid (renumberCalls). */
const offered = (linkedid: string, repetition: number) => `${Number(linkedid.split('.')[0]) + repetition * 1_000_000}.${linkedid.split('.')[1]}`;

/**
 * Three built server processes in cluster mode behind Debian's nginx (the README's configuration),
 * one PostgreSQL, one Redis, one replayed PBX. Desks and supervisors connect through nginx, as
 * they would in production; each node's log says which desk it holds.
 */
describe('three nodes behind nginx', () => {
  let parts: ClusterParts;
  let ami: AmiReplayServer;
  let nginx: Nginx;
  const nodes: ServerProcess[] = [];
  const desks: CtiDesk[] = [];
  /** Attendant tokens by extension, and the most PBX sessions ever open at once. */
  const tokens: Record<string, string> = {};
  let mostPbxSessions = 0;
  let sessionsWatch: NodeJS.Timeout | undefined;
  const api = () => serverApi(nginx.url);

  const health = async (node: ServerProcess): Promise<Health | undefined> => {
    const answer = await serverApi(node.url).health().catch(() => undefined);
    return answer?.status === 200 ? healthSchema.parse(answer.body) : undefined;
  };
  const leaderNode = async (): Promise<ServerProcess | undefined> => {
    for (const node of nodes) if ((await health(node))?.role === 'leader') return node;
    return undefined;
  };
  const connectedLeader = async (): Promise<ServerProcess> => {
    await until(async () => (await leaderNode()) !== undefined && (await health((await leaderNode())!))?.cti === 'connected', 'a leader on the PBX', 20_000);
    return (await leaderNode())!;
  };
  /** The node whose log names this socket's connection (the gateway logs `/cti <id>: … connected to <node>`). */
  const nodeOf = async (desk: CtiDesk): Promise<ServerProcess> => {
    let holder: ServerProcess | undefined;
    await until(() => {
      const id = desk.socket.id;
      holder = id ? nodes.find((node) => node.output().includes(`/cti ${id}: `)) : undefined;
      return holder !== undefined;
    }, 'the node holding the desk');
    return holder!;
  };
  /** A desk through nginx, on a node `wanted` accepts: round robin sends the next connection to the next node. */
  const deskThroughNginx = async (token: string, wanted: (node: ServerProcess) => Promise<boolean> | boolean = () => true): Promise<CtiDesk> => {
    for (let attempt = 0; attempt < nodes.length * 2; attempt++) {
      const desk = new CtiDesk(nginx.url, token);
      await desk.connected();
      if (await wanted(await nodeOf(desk))) {
        desks.push(desk);
        return desk;
      }
      desk.close();
    }
    throw new Error('nginx never gave the desk a node it was wanted on');
  };
  /** What an attendant does after a call: finishes its attendance (retried if the node serving it is going away). */
  const finish = async (attendanceId: string, token: string) => {
    await until(async () => {
      const answer = await api()
        .post(`/api/attendances/${attendanceId}/finish`, token, {})
        .catch(() => undefined);
      if (answer && answer.status < 500 && answer.status !== 200) throw new Error(`finish ${attendanceId}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer?.status === 200;
    }, `attendance ${attendanceId} finished`);
  };
  /** Each attendant's desk, kept open from one case to the next as a working day would. */
  const deskOf: Record<string, CtiDesk> = {};
  const attendantDesk = async (extension: string) => (deskOf[extension] ??= await deskThroughNginx(tokens[extension]));
  const rowsOf = async (callId: string) => (await callAttendances(parts.database.url)).filter((row) => row.call_id === callId);

  beforeAll(async () => {
    parts = await startClusterParts('three-nodes');
    ami = parts.ami;
    sessionsWatch = setInterval(() => (mostPbxSessions = Math.max(mostPbxSessions, ami.sessions())), 10);
    const environment = {
      DATA_DIR: parts.dataDir,
      DATABASE_URL: parts.database.url,
      ...parts.environment,
      LOG_LEVEL: 'info',
    };
    // The three start together, as after a cluster-wide deploy: one migrates and seeds, the others wait for its lock.
    nodes.push(...(await Promise.all(['node-a', 'node-b', 'node-c'].map((name) => startServer({ ...environment, NODE_NAME: name })))));
    nginx = await startNginx(nodes.map((node) => node.port));
    await connectedLeader();

    const credentials = await readCredentials(parts.dataDir);
    const admin = await api().signIn(credentials.admin);
    const joana = await api().post('/api/users', admin, { username: 'joana', name: 'Joana Ramal 1002', role: 'attendant', extension: '1002' });
    expect(joana.status).toBe(201);
    tokens['1001'] = await api().signIn(credentials.attendant);
    tokens['1002'] = await api().signIn({ username: 'joana', password: joana.body.password as string });
    tokens.supervisor = await api().signIn(credentials.supervisor);
  }, 120_000);
  afterAll(async () => {
    clearInterval(sessionsWatch);
    for (const desk of desks) desk.close();
    await nginx?.stop();
    for (const node of nodes) await node.stop();
    await parts?.stop();
  });

  it('a call pops on a desk held by a follower, starts one attendance, and a supervisor on a third node sees the queue', async () => {
    const leader = await connectedLeader();
    const attendant = await deskThroughNginx(tokens['1001'], (node) => node !== leader);
    deskOf['1001'] = attendant;
    const attendantNode = await nodeOf(attendant);
    const supervisor = await deskThroughNginx(tokens.supervisor, (node) => node !== attendantNode);
    // Placed by the node's log; the node itself says it follows, and the supervisor is elsewhere.
    expect((await health(attendantNode))?.role).toBe('follower');
    expect(await nodeOf(supervisor)).not.toBe(attendantNode);
    expect(await attendant.next('agent:state')).toEqual({ state: 'available' });

    await ami.replay(ONE_CALL, 20);
    const ringing = await attendant.next('call:ringing');
    expect(ringing).toMatchObject({ callerNumber: '11987654321', matches: [expect.objectContaining({ name: 'Maria Silva' })] });
    const answered = await attendant.next('call:answered');
    expect(await attendant.next('call:ended')).toEqual({ callId: ringing.callId, reason: 'hangup' });
    await until(async () => (await rowsOf(ringing.callId)).some((row) => row.talk_seconds !== null), 'the call end recorded');
    expect(await rowsOf(ringing.callId)).toHaveLength(1);
    expect(await supervisor.nextBoard((board) => board.queues.some((queue) => queue.queue === 'atendimento' && queue.answered === 1))).toBeTruthy();

    // The attendance as any node serves it through nginx, then finished: the wrap-up ends on the leader.
    const read = await api().get(`/api/attendances/${answered.attendanceId}`, tokens['1001']);
    expect(read).toMatchObject({ status: 200, body: { protocol: answered.protocol, call: expect.objectContaining({ callId: ringing.callId }) } });
    await until(() => attendant.states().at(-1) === 'wrap_up', 'wrap-up');
    await finish(answered.attendanceId, tokens['1001']);
    await until(() => attendant.states().at(-1) === 'available', 'available once finished');
  });

  it('the leader killed while one call rings and another is in conversation: nothing is lost and new calls pop', async () => {
    const [first, second] = transcriptMoments(TWO_CALLS);
    // 1001 answers the first call at +3.5 s; the second rings at 1002 until +4.8 s.
    const killAt = first.connected! + 0.3;
    expect(second.ringing! < killAt && killAt < second.connected!).toBe(true);
    const desk1001 = await attendantDesk('1001');
    const desk1002 = await attendantDesk('1002');
    await desk1001.next('agent:state');
    await desk1002.next('agent:state');

    await ami.replay(TWO_CALLS, { until: killAt });
    const talking = await desk1001.next('call:answered', (answered) => answered.callId === first.linkedid);
    await desk1002.next('call:ringing', (pop) => pop.callId === second.linkedid);

    const leader = await connectedLeader();
    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await leader.stop();
    // The PBX goes on meanwhile: slowly until the second call is answered, so the new leader finds it ringing.
    const rest = ami
      .replay(TWO_CALLS, { from: killAt, until: second.connected!, speed: 0.4 })
      .then(() => ami.replay(TWO_CALLS, { from: second.connected!, speed: 2 }));

    // The new leader rebuilds from the PBX and pops the ringing call again at its desk (the desk shows it once).
    const repopped = () => desk1002.received.find((item) => item.event === 'call:ringing' && item.at > killedAt && (item.payload as { callId: string }).callId === second.linkedid);
    await until(() => repopped() !== undefined, 'the ringing call popped by the new leader');
    const newLeader = await connectedLeader();
    expect(newLeader).not.toBe(leader);
    console.log(`three nodes: leader SIGKILLed → the new leader's first pop at the desk in ${repopped()!.at - killedAt} ms`);
    await rest;

    const secondAnswered = await desk1002.next('call:answered', (answered) => answered.callId === second.linkedid);
    for (const call of [first, second]) {
      await until(async () => (await rowsOf(call.linkedid)).every((row) => row.talk_seconds !== null), `the end of ${call.linkedid} recorded`);
      expect(await rowsOf(call.linkedid)).toHaveLength(1);
    }
    expect(await desk1001.next('call:ended', (ended) => ended.callId === first.linkedid)).toEqual({ callId: first.linkedid, reason: 'hangup' });
    await until(() => desk1001.states().at(-1) === 'wrap_up' && desk1002.states().at(-1) === 'wrap_up', 'both attendants in wrap-up');
    await finish(talking.attendanceId, tokens['1001']);
    await finish(secondAnswered.attendanceId, tokens['1002']);
    await until(() => desk1001.states().at(-1) === 'available' && desk1002.states().at(-1) === 'available', 'both attendants available');

    // A new call after the failover pops and starts its attendance, as before.
    const next = offered(transcriptMoments(ONE_CALL)[0].linkedid, 2);
    await ami.replay(ONE_CALL, { speed: 20, repetition: 2 });
    expect(await desk1001.next('call:ringing', (pop) => pop.callId === next)).toMatchObject({ callerNumber: '11987654321' });
    const nextAnswered = await desk1001.next('call:answered', (answered) => answered.callId === next);
    await until(async () => (await rowsOf(next)).some((row) => row.talk_seconds !== null), 'the new call end recorded');
    expect(await rowsOf(next)).toHaveLength(1);
    await finish(nextAnswered.attendanceId, tokens['1001']);

    // The killed node comes back as a follower.
    nodes[nodes.indexOf(leader)] = await leader.startAgain();
    expect((await health(nodes.find((node) => node.port === leader.port)!))?.role).toBe('follower');
    expect(mostPbxSessions).toBe(1);
  });

  it('a rolling restart of the three nodes while calls keep coming: every call pops on its desk, one attendance each, no desk without its agent state', async () => {
    const moments = transcriptMoments(TWO_CALLS);
    const byExtension = { '1001': await attendantDesk('1001'), '1002': await attendantDesk('1002') };
    /** Which desk each recorded call rings at. */
    const deskOfCall = new Map(moments.map((call) => [call.linkedid, /Local\/(\d+)@/.exec(call.answeredBy!)![1] as keyof typeof byExtension]));
    const connections: Array<{ extension: string; at: number; recovered: boolean }> = [];
    let popsSentAgain = 0;
    for (const [extension, desk] of Object.entries(byExtension)) {
      desk.socket.io.on('reconnect', () => connections.push({ extension, at: Date.now(), recovered: desk.socket.recovered }));
    }

    // The attendants finish each attendance once its call has ended, as they would after the wrap-up.
    const finishing = new Set<string>();
    const startedAt = Date.now();
    let working = true;
    let attendantsFailure: unknown;
    const attendants = (async () => {
      while (working) {
        for (const [extension, desk] of Object.entries(byExtension)) {
          const ended = new Set(desk.received.filter((item) => item.event === 'call:ended').map((item) => (item.payload as { callId: string }).callId));
          for (const { payload } of desk.received.filter((item) => item.event === 'call:answered' && item.at >= startedAt)) {
            const { callId, attendanceId } = payload as { callId: string; attendanceId: string };
            if (!ended.has(callId) || finishing.has(attendanceId)) continue;
            finishing.add(attendanceId);
            await finish(attendanceId, tokens[extension]);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })().catch((error) => (attendantsFailure = error));

    // The PBX offers the two calls again and again, each time as new calls, at least twice.
    const offers: string[] = [];
    let offering = true;
    const pbx = (async () => {
      for (let repetition = 10; offering || repetition < 12; repetition++) {
        offers.push(...moments.map((call) => offered(call.linkedid, repetition)));
        await ami.replay(TWO_CALLS, { repetition });
      }
    })();
    // Awaited below; a failure before that must be the one reported, not an unhandled rejection.
    pbx.catch(() => undefined);
    // However this case ends, the PBX and the attendants stop: left running, they outlive it.
    let handOverMs: number | undefined;
    /** Every node process of this case, stopped ones too, and what their logs say: a failure here names what happened around it. */
    const processes = [...nodes];
    const logsSince = (since: number) =>
      processes
        .flatMap((node) => node.output().split('\n').map((line) => ({ node: node.port, line })))
        .flatMap(({ node, line }) => {
          const entry = /^\{.*\}$/.test(line) ? (JSON.parse(line) as { time: number; level: number; msg: string }) : undefined;
          return entry && entry.time >= since && (entry.level >= 40 || /leader|AMI|connected to|heard|hand/i.test(entry.msg)) ? [`+${entry.time - since} ms ${node}: ${entry.msg}`] : [];
        })
        .join('\n');
    try {
      for (let index = 0; index < nodes.length; index++) {
        const wasLeader = (await health(nodes[index]))?.role === 'leader';
        const stoppingAt = Date.now();
        const code = await nodes[index].stop();
        if (code !== 0) throw new Error(`node ${nodes[index].port} stopped with ${code}:\n${nodes[index].output().slice(-4000)}`);
        // The stopping leader hands the PBX link over before it goes: another node already leads, logged in.
        if (wasLeader) {
          const others = nodes.filter((_, other) => other !== index);
          await until(async () => (await Promise.all(others.map(health))).some((answer) => answer?.role === 'leader' && answer.cti === 'connected'), 'the link handed over');
          handOverMs = Date.now() - stoppingAt;
        }
        nodes[index] = await nodes[index].startAgain();
        processes.push(nodes[index]);
        await connectedLeader();
      }
      expect(handOverMs).toBeDefined();
      offering = false;
      await pbx;
      const callOf = (linkedid: string) => moments.find((call) => linkedid.endsWith(`.${call.linkedid.split('.')[1]}`))!;
      expect(offers.length).toBeGreaterThanOrEqual(4);

      for (const callId of offers) {
        const extension = deskOfCall.get(callOf(callId).linkedid)!;
        const [desk, other] = extension === '1001' ? [byExtension['1001'], byExtension['1002']] : [byExtension['1002'], byExtension['1001']];
        const pops = desk.received.filter((item) => item.event === 'call:ringing' && (item.payload as { callId: string }).callId === callId);
        if (pops.length === 0) {
          const seen = desk.received.filter((item) => (item.payload as { callId?: string }).callId === callId).map((item) => `+${item.at - startedAt} ms ${item.event}`);
          const reconnections = connections.map((item) => `+${item.at - startedAt} ms ${item.extension}${item.recovered ? ' recovered' : ''}`);
          throw new Error(`${callId} never popped at ${extension}; it received ${seen.join(', ')}; reconnections ${reconnections.join(', ')}; the nodes said:\n${logsSince(startedAt)}`);
        }
        // A desk reconnected without its session, or a new leader's rebuild, sends a ringing pop again: the desk shows it once.
        popsSentAgain += pops.length - 1;
        expect(other.received.some((item) => item.event === 'call:ringing' && (item.payload as { callId: string }).callId === callId)).toBe(false);
        await desk.next('call:answered', (answered) => answered.callId === callId);
        await until(async () => (await rowsOf(callId)).some((row) => row.talk_seconds !== null), `the end of ${callId} recorded`);
        expect(await rowsOf(callId)).toHaveLength(1);
      }
      await until(() => finishing.size >= offers.length, 'every attendance finished').catch((error) => {
        // What each call's desk received: a missing call:ended leaves its attendant waiting.
        const receivedByCall = offers.map((callId) => {
          const desk = byExtension[deskOfCall.get(callOf(callId).linkedid)!];
          const seen = desk.received.filter((item) => (item.payload as { callId?: string }).callId === callId).map((item) => item.event);
          return `${callId}: ${seen.join(', ')}`;
        });
        throw new Error(`${error.message}; ${finishing.size} of ${offers.length}; ${receivedByCall.join(' | ')}; failure: ${attendantsFailure}`);
      });
    } finally {
      offering = false;
      working = false;
    }
    await attendants;
    expect(attendantsFailure).toBeUndefined();

    // Desks moved to other nodes as theirs restarted; each got its state back (or kept it, recovered).
    expect(connections.length).toBeGreaterThan(0);
    for (const { extension, at, recovered } of connections) {
      const desk = byExtension[extension as keyof typeof byExtension];
      if (!recovered) await until(() => desk.received.some((item) => item.event === 'agent:state' && item.at >= at), `agent state after ${extension} reconnected`);
    }
    for (const desk of Object.values(byExtension)) {
      await until(() => desk.states().at(-1) === 'available', 'the attendant available at the end');
      expect(desk.shownPops()).toEqual([]);
    }
    expect(mostPbxSessions).toBe(1);
    console.log(
      `three nodes, rolling restart: ${offers.length} calls, ${connections.length} desk reconnections (${connections.filter((item) => item.recovered).length} recovered), ${popsSentAgain} pops sent again; the leader's stop → another node leading on the PBX in ${handOverMs} ms`,
    );
  });

  it('a follower frozen: a pause from the other follower is answered, and that follower takes the lead over without dying', async () => {
    const gone = nodes.filter((node) => node.child.exitCode !== null || node.child.signalCode !== null);
    if (gone.length > 0) throw new Error(`nodes gone before: ${gone.map((node) => `${node.port} (${node.child.exitCode ?? node.child.signalCode}):\n${node.output().slice(-4000)}`).join('\n')}`);
    const leader = await connectedLeader();
    const [deskNode, frozen] = nodes.filter((node) => node !== leader);
    const desk = new CtiDesk(deskNode.url, tokens['1002']);
    desks.push(desk);
    await desk.connected();
    await desk.next('agent:state');
    // Stopped, not killed: its Redis connection stays open, so the others still count it and wait for
    // its answer to every request between nodes, up to the adapter's 5 s.
    frozen.child.kill('SIGSTOP');
    try {
      const askedAt = Date.now();
      expect(await desk.socket.emitWithAck('agent:pause', { reason: 'Almoço' })).toEqual({ ok: true });
      // Within the desk's own 8 s wait for an answer (CtiProvider).
      const answeredMs = Date.now() - askedAt;
      expect(answeredMs).toBeLessThan(8_000);
      await desk.next('agent:state', (state) => state.reason === 'Almoço');
      expect(await desk.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });
      // The telephony page answers from the leader's count of desks: asking every node for its
      // sockets waited for the frozen one up to the adapter's 5 s, then failed.
      const overview = await serverApi(deskNode.url).get('/api/cti/overview', tokens.supervisor);
      expect(overview.status).toBe(200);
      expect(ctiOverviewSchema.parse(overview.body).agents).toEqual(expect.arrayContaining([expect.objectContaining({ extension: '1002', connected: true })]));
      console.log(`three nodes, a follower SIGSTOPped: a pause from another follower answered in ${answeredMs} ms`);

      // The leader stops meanwhile: the desk's node leads and counts every node's desks, which the
      // frozen node leaves unanswered until the adapter gives up on it. It must live through that.
      expect(await leader.stop()).toBe(0);
      await until(async () => (await health(deskNode))?.role === 'leader', 'the desk node leading', 10_000);
      const countFailed = () => deskNode.output().includes('contagem das mesas conectadas falhou');
      await until(() => countFailed() || deskNode.child.exitCode !== null, 'the desk count left unanswered by the frozen node', 15_000);
      expect({ alive: deskNode.child.exitCode === null, health: await health(deskNode) }).toMatchObject({ alive: true, health: { role: 'leader', cti: 'connected' } });
    } finally {
      frozen.child.kill('SIGCONT');
    }
    expect((await health(frozen))?.role).toBe('follower');
    nodes[nodes.indexOf(leader)] = await leader.startAgain();
    expect(mostPbxSessions).toBe(1);
  }, 60_000);
});
