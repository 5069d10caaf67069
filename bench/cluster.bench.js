// Cluster mode (issue 14, docs/architecture.md Targets): three server nodes on one PostgreSQL and one
// Redis, one of them leading the PBX link, 500 desks spread over them.
// - The recorded 40-call burst (7,124 AMI messages) replayed as recorded: AgentCalled written on the
//   AMI socket → call:ringing at the desk, whichever node holds it. Target p99 ≤ 20 ms.
// - Failover: the leader SIGKILLed at the moment a call starts ringing → that call's pop at its desk,
//   sent by the node that took the lead, rebuilt from the PBX. Target ≤ 5 s.
const { fork } = require('node:child_process');
const { once } = require('node:events');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { startAmiReplayServer } = require('../server/dist/cti/replay/ami-replay-server.js');
const { transcriptMoments } = require('../server/dist/cti/replay/ami-transcript.js');
const { AMI_LOAD_FIXTURES_DIR, transcript } = require('../server/dist/cti/replay/fixtures.js');
const { finishEndedCalls, mintUsers, paceOf, postJson, queueSnapshot, startPostgres, startRedis, startServer, until } = require('./harness');
const { printTable, summarize } = require('./table');

const NODES = 3;
const DESKS = Number(process.env.BENCH_CLUSTER_DESKS ?? 500);
/** The first burst warms up (JIT, pools, query plans) and is not counted. */
const BURSTS = Number(process.env.BENCH_CLUSTER_BURSTS ?? 4);
const FAILOVERS = Number(process.env.BENCH_CLUSTER_FAILOVERS ?? 3);
const BURST = join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami');
const ONE_CALL = transcript('inbound-answered');
const AMI_LOGIN = { username: 'bench', secret: 'bench-secret' };
const { machineMs: now } = require('./clock');
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
/** The call id a transcript's `repetition`-th offer gives a recorded Linkedid (renumberCalls). */
const offered = (linkedid, repetition) => `${Number(linkedid.split('.')[0]) + repetition * 1_000_000}.${linkedid.split('.')[1]}`;
const extensionOf = (lines) => /^Interface: Local\/(\d+)@/m.exec(lines.join('\n'))?.[1];
const field = (lines, key) => lines.find((line) => line.startsWith(`${key}: `))?.slice(key.length + 2);

async function health(node) {
  try {
    const response = await fetch(`${node.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

async function run() {
  const extensions = Array.from({ length: DESKS }, (_, index) => String(1001 + index));
  const ami = await startAmiReplayServer({ ...AMI_LOGIN, refusalDelayMs: 0, snapshot: queueSnapshot(extensions, (extension) => `Local/${extension}@agents`) });
  const database = await startPostgres();
  const redis = await startRedis();
  const environment = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AMI_HOST: '127.0.0.1',
    AMI_PORT: String(ami.port),
    AMI_USER: AMI_LOGIN.username,
    AMI_SECRET: AMI_LOGIN.secret,
  };
  const nodes = [];
  let desks;
  let mostPbxSessions = 0;
  const sessionsWatch = setInterval(() => (mostPbxSessions = Math.max(mostPbxSessions, ami.sessions())), 10);
  try {
    // The first node migrates, seeds and leads; the others join it.
    // BENCH_CPU_PROF_DIR: the leader writes a CPU profile there when it stops.
    const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
    nodes.push(await startServer({ ...environment, NODE_NAME: 'node-1' }, profile));
    for (let index = 2; index <= NODES; index++) nodes.push(await startServer({ ...environment, NODE_NAME: `node-${index}` }, [], { signIn: false }));
    await ami.untilLoggedIn();

    const setupStarted = Date.now();
    // 1001 is the demo attendant's extension (the harness signs it in); the others are minted.
    const minted = extensions.slice(1);
    const users = minted.map((extension) => ({ username: `bench.ramal${extension}`, name: `Atendente ${extension}`, role: 'attendant', extension }));
    const tokens = await mintUsers(database.url, environment.JWT_SECRET, users);
    const tokenOf = new Map([[extensions[0], nodes[0].token], ...minted.map((extension, index) => [extension, tokens[index]])]);
    // Users written behind the servers' back: one made through the API refreshes every node's extension directory.
    const admin = await postJson(`${nodes[0].url}/api/auth/login`, nodes[0].credentials.admin);
    await postJson(`${nodes[1].url}/api/users`, { username: 'bench.refresh', name: 'Bench', role: 'attendant' }, admin.token);

    const pops = new Map();
    desks = fork(join(__dirname, 'desks.js'), [JSON.stringify({ urls: nodes.map((node) => node.url), desks: extensions.map((extension) => ({ extension, token: tokenOf.get(extension) })) })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    desks.on('message', (message) => {
      for (const { type, callId, extension, at } of message.arrivals ?? []) {
        const key = `${callId}@${extension}`;
        if (type === 'pop' && !pops.has(key)) pops.set(key, at);
      }
    });
    await once(desks, 'message');
    console.log(`${NODES} nodes, ${DESKS} desks signed in and connected to /cti in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

    const finishOpenAttendances = (expected) => finishEndedCalls(database.url, expected, nodes.map((node) => node.url), (extension) => tokenOf.get(extension));

    const burstLatencies = [];
    let pace;
    for (let burst = 0; burst < BURSTS; burst++) {
      const sentAt = new Map();
      await ami.replay(BURST, {
        repetition: burst,
        onSent: (lines) => {
          if (lines[0] === 'Event: AgentCalled') sentAt.set(`${field(lines, 'Linkedid')}@${extensionOf(lines)}`, now());
        },
      });
      await until(() => [...sentAt.keys()].every((key) => pops.has(key)), `the ${sentAt.size} pops of burst ${burst}`, 10_000);
      pace = paceOf(BURST, 'AgentCalled', [...sentAt.values()]);
      if (burst > 0) burstLatencies.push(...[...sentAt].map(([key, at]) => ({ ms: pops.get(key) - at, onLeader: extensions.indexOf(key.split('@')[1]) % NODES === 0 })));
      await finishOpenAttendances(sentAt.size);
    }

    const failovers = [];
    const [call] = transcriptMoments(ONE_CALL);
    for (let trial = 0; trial < FAILOVERS; trial++) {
      let leader;
      await until(async () => {
        for (const node of nodes) if ((await health(node))?.role === 'leader' && (await health(node)).cti === 'connected') leader = node;
        return leader !== undefined;
      }, 'a leader on the PBX');
      const repetition = 100 + trial;
      const callId = offered(call.linkedid, repetition);
      const extension = extensionOf([`Interface: ${call.answeredBy}`]);
      await ami.replay(ONE_CALL, { repetition, speed: 4, until: call.ringing });
      const killedAt = now();
      const killed = leader.kill();
      // The agent's phone starts ringing as the leader dies, and rings until its pop shows (or 20 s); then the call goes on.
      await ami.replay(ONE_CALL, { repetition, from: call.ringing, until: call.ringing + 0.001 });
      await until(() => pops.has(`${callId}@${extension}`), `the pop of ${callId} after the failover`, 20_000);
      failovers.push(pops.get(`${callId}@${extension}`) - killedAt);
      await ami.replay(ONE_CALL, { repetition, from: call.ringing + 0.001, speed: 8 });
      await killed;
      // The killed node comes back where it was, as a follower.
      nodes[nodes.indexOf(leader)] = await startServer({ ...environment, NODE_NAME: `node-${nodes.indexOf(leader) + 1}` }, [], { signIn: false, port: leader.port });
      await finishOpenAttendances(1);
    }

    const failoverSummary = summarize(failovers);
    // Desk i starts on node i mod 3 and node-1 leads during the bursts: the split shows what the hop between nodes adds.
    const burstRow = (who, samples) => {
      const { n, p50, p99, max } = summarize(samples.map((sample) => sample.ms));
      return {
        measure: `AgentCalled → call:ringing, recorded 40-call burst ×${BURSTS - 1}, ${DESKS} desks on ${NODES} nodes: ${who}`,
        n,
        'p50 ms': fixed(p50, 2),
        'p99 ms': fixed(p99, 2),
        'max ms': fixed(max, 2),
        target: 'p99 ≤ 20 ms',
        met: p99 <= 20 ? 'yes' : 'NO',
      };
    };
    printTable([
      burstRow('every desk', burstLatencies),
      burstRow('desks on the leader', burstLatencies.filter((sample) => sample.onLeader)),
      burstRow('desks on followers', burstLatencies.filter((sample) => !sample.onLeader)),
      {
        measure: 'leader SIGKILLed → first pop by the new leader',
        n: failoverSummary.n,
        'p50 ms': fixed(failoverSummary.p50, 0),
        'p99 ms': fixed(failoverSummary.p99, 0),
        'max ms': fixed(failoverSummary.max, 0),
        target: '≤ 5000 ms',
        met: failoverSummary.max <= 5000 ? 'yes' : 'NO',
      },
    ]);
    console.log(`${pace} (last burst)`);
    console.log(`PBX sessions open at once, at most: ${mostPbxSessions} (one link per cluster)`);
  } finally {
    clearInterval(sessionsWatch);
    desks?.kill();
    for (const node of nodes) await node.stop();
    await ami.close();
    await redis.stop();
    await database.stop();
  }
}

module.exports = { run };
