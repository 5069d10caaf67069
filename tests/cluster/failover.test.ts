import { healthSchema } from '@receptivo/shared';
import { transcriptMoments } from '../../server/src/cti/replay/ami-transcript';
import { transcript } from '../../server/src/cti/replay/fixtures';
import { CtiDesk } from '../../server/src/testing/cti-desk';
import { type PrometheusFamilies, parsePrometheusText } from '../../server/src/testing/prometheus-text';
import { readCredentials } from '../../server/src/testing/test-app';
import { until } from '../../server/src/testing/until';
import { callAttendances } from '../support/attendance-rows';
import { type ClusterParts, startClusterParts } from '../support/cluster-environment';
import { serverApi } from '../support/server-api';
import { type ServerProcess, startServer } from '../support/server-process';

const SPEED = 4;
const METRICS_TOKEN = 'cluster-metrics-token-0123456789abcdef';

/** A node's own /metrics. */
async function metricsOf(node: ServerProcess): Promise<PrometheusFamilies> {
  const response = await fetch(`${node.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

/** The one value of a series, with the node and role labels every series carries. */
function seriesOf(families: PrometheusFamilies, name: string, labels: Record<string, string> = {}): { node?: string; role?: string; value: number } | undefined {
  const sample = families.get(name)?.metrics.find((candidate) => Object.entries(labels).every(([label, value]) => candidate.labels?.[label] === value));
  return sample && { node: sample.labels?.node, role: sample.labels?.role, value: Number(sample.value ?? sample.count) };
}

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
      METRICS_TOKEN,
    };
    for (const name of ['node-a', 'node-b']) nodes.push(await startServer({ ...environment, NODE_NAME: name }));
    const role = async (node: ServerProcess) => healthSchema.parse((await serverApi(node.url).health()).body);
    await until(async () => (await Promise.all(nodes.map(role))).some((health) => health.role === 'leader' && health.cti === 'connected'), 'a leader on the PBX', 15_000);
    const [leader, survivor] = (await role(nodes[0])).role === 'leader' ? nodes : [nodes[1], nodes[0]];

    const token = await serverApi(survivor.url).signIn((await readCredentials(dataDir)).attendant);
    desk = new CtiDesk(survivor.url, token);
    await desk.connected();
    await desk.next('agent:state');

    // Each node exposes its own figures, labelled with its name and role; only the leader hears the PBX.
    const leaderName = leader === nodes[0] ? 'node-a' : 'node-b';
    const survivorName = leader === nodes[0] ? 'node-b' : 'node-a';
    const leading = await metricsOf(leader);
    expect(seriesOf(leading, 'receptivo_ami_link_state', { state: 'connected' })).toEqual({ node: leaderName, role: 'leader', value: 1 });
    expect(seriesOf(leading, 'receptivo_cti_desks_connected')).toMatchObject({ value: 0 });
    expect(seriesOf(leading, 'receptivo_queue_calls_waiting', { queue: 'atendimento' })).toMatchObject({ role: 'leader', value: 0 });
    const following = await metricsOf(survivor);
    expect(seriesOf(following, 'receptivo_ami_link_state', { state: 'connected' })).toEqual({ node: survivorName, role: 'follower', value: 0 });
    expect(seriesOf(following, 'receptivo_cti_desks_connected')).toEqual({ node: survivorName, role: 'follower', value: 1 });
    expect(following.get('receptivo_queue_calls_waiting')?.metrics ?? []).toEqual([]);
    expect(following.get('receptivo_agents')?.metrics ?? []).toEqual([]);

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

    // The survivor's series now say leader, its link up and the queue its own; the pop was the old
    // leader's (the rebuild's pop again follows no AgentCalled, and is not counted).
    const led = await metricsOf(survivor);
    expect(seriesOf(led, 'receptivo_ami_link_state', { state: 'connected' })).toEqual({ node: survivorName, role: 'leader', value: 1 });
    expect(seriesOf(led, 'receptivo_cti_pop_latency_seconds')).toEqual({ node: survivorName, role: 'leader', value: 0 });
    expect(seriesOf(led, 'receptivo_queue_calls_waiting', { queue: 'atendimento' })).toEqual({ node: survivorName, role: 'leader', value: 0 });
    expect(seriesOf(led, 'receptivo_agents', { state: 'wrap_up' })).toEqual({ node: survivorName, role: 'leader', value: 1 });
  });
});
