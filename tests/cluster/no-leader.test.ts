import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { type Socket, io } from 'socket.io-client';
import { type CallEnded, type QueuesSnapshot, healthSchema } from '@receptivo/shared';
import { LEADER_LOCK } from '../../server/src/cluster/leader-election';
import { CtiSockets } from '../../server/src/cti/cti-sockets';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { type TestApp, bootTestApp } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { type ClusterParts, startClusterParts } from '../support/cluster-environment';

/** A call the desk still shows from before it connected: it ended meanwhile, unanswered. */
const SHOWN_POP = '1700000000.99';

/**
 * A desk that connects while no node leads (the leader killed, a new one not elected yet; a rolling
 * restart's hand-over): its node cannot tell the leader of it then. The test holds the election's
 * lock itself, so the node stays a follower with no leader until the test lets go.
 */
describe('cluster mode: a desk connected while no node leads', () => {
  let parts: ClusterParts;
  let node: TestApp | undefined;
  let election: Client | undefined;
  const sockets: Socket[] = [];
  let supervisor: CtiDesk | undefined;

  beforeAll(async () => {
    parts = await startClusterParts('no-leader');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    supervisor?.close();
    await election?.end().catch(() => undefined);
    await node?.close();
    await parts?.stop();
  });

  it('gets the end of the pop it shows once a node leads, and counts as one desk for supervisors', async () => {
    election = new Client({ connectionString: parts.database.url });
    await election.connect();
    await election.query('SELECT pg_advisory_lock($1)', [LEADER_LOCK]);
    node = await bootTestApp(parts.database.url, parts.dataDir, { ...parts.environment, NODE_NAME: 'node-a' });
    await node.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(node.app.getHttpServer().address() as AddressInfo).port}`;
    const health = async () => healthSchema.parse((await node!.http.get('/api/health').expect(200)).body);
    expect(await health()).toMatchObject({ role: 'follower' });

    supervisor = new CtiDesk(url, await node.login('supervisor'));
    await supervisor.connected();
    // The attendant's desk comes back showing a pop, as after a node of its went away.
    const attendant = io(`${url}/cti`, { auth: { token: await node.login('attendant'), shownPops: [SHOWN_POP] }, transports: ['websocket'], reconnection: false });
    sockets.push(attendant);
    const ended: CallEnded[] = [];
    attendant.on('call:ended', (payload: CallEnded) => ended.push(payload));
    await new Promise<void>((resolve, reject) => {
      attendant.once('connect', () => resolve());
      attendant.once('connect_error', reject);
    });
    // The node has asked for the leader for both (nobody answered): the connections are counted from here on.
    const namespace = node.app.get(CtiSockets).namespace!;
    await until(async () => (await namespace.fetchSockets()).filter((socket) => socket.data.counted).length === 2, 'both connections handled without a leader');

    await election.end();
    election = undefined;
    await until(async () => {
      const { role, cti } = await health();
      return role === 'leader' && cti === 'connected';
    }, 'the node leading on the PBX', 15_000);
    await until(() => ended.length > 0, 'the shown pop ended', 10_000);
    expect(ended).toEqual([{ callId: SHOWN_POP, reason: 'abandoned' }]);

    // Counted by the new leader and by its own word, retried: one desk, gone when it closes.
    const latestBoard = () => supervisor!.boards.at(-1)?.board;
    const stateOf1001 = (board: QueuesSnapshot | undefined) => board?.agents.find((agent) => agent.extension === '1001')?.state;
    await until(() => stateOf1001(latestBoard()) === 'available', '1001 available to the supervisor', 10_000);
    attendant.close();
    await until(() => stateOf1001(latestBoard()) === 'offline', '1001 offline to the supervisor once its one desk closed', 10_000);
  });
});
