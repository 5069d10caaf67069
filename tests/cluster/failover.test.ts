import { healthSchema } from '@receptivo/shared';
import { transcriptMoments } from '../../server/src/cti/replay/ami-transcript';
import { transcript } from '../../server/src/cti/replay/fixtures';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { readCredentials } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { callAttendances } from '../support/attendance-rows';
import { type ClusterParts, startClusterParts } from '../support/cluster-environment';
import { serverApi } from '../support/server-api';
import { type ServerProcess, startServer } from '../support/server-process';

const SPEED = 4;

/** Two built server processes in cluster mode; the leader is SIGKILLed while a call rings. */
describe('cluster failover: the leader killed while a call rings', () => {
  let parts: ClusterParts;
  const nodes: ServerProcess[] = [];
  let desk: CtiDesk | undefined;

  beforeAll(async () => {
    parts = await startClusterParts('failover');
  });
  afterAll(async () => {
    desk?.close();
    for (const node of nodes) await node.stop();
    await parts?.stop();
  });

  it('the other node takes the PBX link over, rebuilds, and the call keeps its pop, its one attendance and its end', async () => {
    const { ami, database, dataDir } = parts;
    const environment = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      ...parts.environment,
      LOG_LEVEL: 'info',
    };
    for (const name of ['node-a', 'node-b']) nodes.push(await startServer({ ...environment, NODE_NAME: name }));
    const role = async (node: ServerProcess) => healthSchema.parse((await serverApi(node.url).health()).body);
    await until(async () => (await Promise.all(nodes.map(role))).some((health) => health.role === 'leader' && health.cti === 'connected'), 'a leader on the PBX', 15_000);
    const [leader, survivor] = (await role(nodes[0])).role === 'leader' ? nodes : [nodes[1], nodes[0]];

    const token = await serverApi(survivor.url).signIn((await readCredentials(dataDir)).attendant);
    desk = new CtiDesk(survivor.url, token);
    await desk.connected();
    await desk.next('agent:state');

    const recording = transcript('inbound-answered');
    const [call] = transcriptMoments(recording);
    await ami.replay(recording, { speed: SPEED, until: call.ringing! + 0.3 });
    const ringing = await desk.next('call:ringing');

    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await leader.stop();
    const rest = ami.replay(recording, { speed: SPEED, from: call.ringing! + 0.3 });
    await until(async () => (await role(survivor)).role === 'leader', 'the survivor leading', 10_000);
    await until(() => survivor.output().includes('AMI: estado refeito'), 'the survivor rebuilt from the PBX', 10_000);
    console.log(`cluster failover: leader SIGKILLed → the other node leading and rebuilt from the PBX in ${Date.now() - killedAt} ms`);
    await rest;

    expect(await desk.next('call:answered', (answered) => answered.callId === ringing.callId)).toMatchObject({ callId: ringing.callId });
    await until(async () => (await callAttendances(database.url)).some((row) => row.call_id === ringing.callId && row.talk_seconds !== null), 'the call end recorded');
    expect((await callAttendances(database.url)).filter((row) => row.call_id === ringing.callId)).toHaveLength(1);
    await until(() => desk!.states().at(-1) === 'wrap_up', 'wrap-up');
    expect(desk.shownPops()).toEqual([]);
  });
});
