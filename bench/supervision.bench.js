// Live supervision with 500 agents in 50 queues (target: ≤ 5 ms per event, p99):
// (a) in-process, the pure path per AMI event: tracker + agent board + queue stats, then what the
//     leader sends (the changes its QueuesBoardBuilder finds, JSON-encoded) and, apart, the whole
//     queues:snapshot a connecting supervisor gets, over a synthetic stream of calls, pauses and abandons;
// (b) over loopback, the built server: an AMI event written to its AMI socket (a call's AgentConnect,
//     with its Linkedid) → the update that shows it received by 20 supervisor sockets (a child
//     process), one call at a time; and a burst of answers.
const { fork } = require('node:child_process');
const { once } = require('node:events');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { AgentBoard } = require('../server/dist/cti/agent-board.js');
const { CallTracker } = require('../server/dist/cti/call-tracker.js');
const { readEnvironment } = require('../server/dist/config/environment.js');
const { snapshotFromTranscript } = require('../server/dist/cti/replay/ami-transcript.js');
const { QueueStats } = require('../server/dist/supervision/queue-stats.js');
const { QueuesBoardBuilder, buildQueuesSnapshot } = require('../server/dist/supervision/queues-snapshot.js');
const { startCtiServer } = require('./harness');
const { printTable, summarize } = require('./table');

const AGENTS = Number(process.env.BENCH_AGENTS ?? 500);
const QUEUES = 50;
/** Each agent is a member of this many queues. */
const MEMBERSHIPS = 3;
const CALLS = Number(process.env.BENCH_SUPERVISION_CALLS ?? 1000);
const SUPERVISORS = 20;
const PROBES = Number(process.env.BENCH_SUPERVISION_PROBES ?? 100);
/** Probes first sent to warm the server up (JIT, buffers), not counted. */
const WARM_UP_PROBES = 20;
const BURST_RATE = 1000;
const BURST_SECONDS = 3;
/** Longer than the server's pacing interval (150 ms): each probe finds the pacer quiet. */
const PROBE_GAP_MS = 200;
const { AMI_FIXTURES_DIR: FIXTURES } = require('../server/dist/cti/replay/fixtures');

const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
/** Ms on the machine's clock, comparable with the supervisors' process. */
const { machineMs: now } = require('./clock');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Rejects naming `what` when `promise` takes longer than `ms`: a bench must end. */
const within = (promise, ms, what) =>
  Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} took longer than ${ms} ms`)))]);
const extensions = Array.from({ length: AGENTS }, (_, index) => String(3000 + index));
const queueName = (index) => `fila-${String(index).padStart(2, '0')}`;
/** Agent i is in queues i, i+17 and i+33 (mod 50): 30 members a queue. */
const queuesOf = (index) => Array.from({ length: MEMBERSHIPS }, (_, n) => queueName((index + [0, 17, 33][n]) % QUEUES));

// ---- (a) in-process: per-event update and snapshot build -----------------------------------------

/**
 * Calls as Asterisk reports them, one lane per queue, the lanes interleaved (50 calls at once).
 * Lane q serves the 10 agents whose first queue is q, in turn; 1 call in 10 is abandoned, and
 * after 1 in 5 the agent takes a pause and comes back.
 */
function syntheticStream(calls) {
  const lanes = Array.from({ length: QUEUES }, () => []);
  for (let number = 0; number < calls; number++) {
    const lane = number % QUEUES;
    const index = lane + QUEUES * (Math.floor(number / QUEUES) % (AGENTS / QUEUES));
    const extension = extensions[index];
    const queue = queueName(lane);
    const id = `${1800000000 + number}.${number}`;
    const caller = { linkedid: id, uniqueid: id, channel: `PJSIP/trunk-${number}`, calleridnum: `119${String(60000000 + number)}`, calleridname: `Cidadão ${number}`, queue };
    const member = { queue, interface: `PJSIP/${extension}`, membername: `Atendente ${extension}`, destchannel: `PJSIP/${extension}-${number}` };
    const memberStatus = (status, incall) =>
      queuesOf(index).map((of) => ({ event: 'QueueMemberStatus', queue: of, interface: member.interface, membername: member.membername, status, paused: '0', pausedreason: '', incall }));
    const pause = (paused) =>
      queuesOf(index).map((of) => ({ event: 'QueueMemberPause', queue: of, interface: member.interface, membername: member.membername, status: '1', paused, pausedreason: paused === '1' ? 'Intervalo' : '', incall: '0' }));
    const steps = [
      [{ event: 'QueueCallerJoin', ...caller, position: '1', count: '1' }],
      [{ event: 'AgentCalled', ...caller, ...member }, ...memberStatus('2', '0')],
    ];
    if (number % 10 === 9) {
      steps.push([{ event: 'QueueCallerAbandon', ...caller, holdtime: '25' }, { event: 'QueueCallerLeave', ...caller }, ...memberStatus('1', '0')]);
      steps.push([{ event: 'Hangup', ...caller, cause: '16' }]);
    } else {
      steps.push([{ event: 'QueueCallerLeave', ...caller }, { event: 'AgentConnect', ...caller, ...member, holdtime: String(number % 40), ringtime: '2' }, ...memberStatus('2', '1')]);
      steps.push([{ event: 'AgentComplete', ...caller, ...member, holdtime: String(number % 40), talktime: String(60 + (number % 180)), reason: 'agent' }, ...memberStatus('1', '0')]);
      steps.push([{ event: 'Hangup', ...caller, cause: '16' }]);
    }
    if (number % 5 === 0) steps.push(pause('1'), pause('0'));
    lanes[lane].push(...steps);
  }
  const stream = [];
  for (let round = 0; lanes.some((lane) => round < lane.length); round++) {
    lanes.forEach((lane, index) => {
      for (const event of lane[round] ?? []) stream.push({ event, now: 1_800_000_000_000 + round * 400 + index * 4 });
    });
  }
  return stream;
}

function inProcess() {
  const environment = readEnvironment({});
  const stats = new QueueStats({ serviceLevelSeconds: 20, windowMs: 60 * 60_000 });
  const board = new AgentBoard(120_000);
  const users = new Map(extensions.map((extension) => [extension, { name: `Atendente ${extension}` }]));
  const tracker = new CallTracker({ agentPattern: new RegExp(environment.CTI_AGENT_PATTERN), uraFields: environment.CTI_URA_FIELDS });
  const stream = syntheticStream(CALLS);
  // Every agent in its queues and at its desk before the calls start.
  extensions.forEach((extension, index) => {
    board.deskConnected(extension, `desk-${extension}`, 0);
    for (const queue of queuesOf(index)) {
      const effects = tracker.track({ event: 'QueueMemberStatus', queue, interface: `PJSIP/${extension}`, membername: `Atendente ${extension}`, status: '1', paused: '0', incall: '0' }, 0);
      for (const effect of effects) if (effect.type === 'agent_state') board.announce(effect.extension, { state: effect.state, reason: effect.reason }, 0);
    }
  });
  const sources = () => ({
    stats,
    serviceLevelSeconds: 20,
    windowMinutes: 60,
    tracker,
    agents: { extensions: board.extensions(), view: (extension) => board.view(extension) },
    users,
  });

  const update = [];
  const changed = [];
  const build = [];
  const encode = [];
  let bytes = 0;
  let deltaBytes = 0;
  const builder = new QueuesBoardBuilder();
  const warmUp = Math.floor(stream.length / 5);
  stream.forEach(({ event, now }, index) => {
    const started = performance.now();
    for (const effect of tracker.track(event, now)) {
      // As CallDesk does; the wrap-ups' maximum is its timer's, not run here.
      if (effect.type === 'agent_state') board.announce(effect.extension, { state: effect.state, reason: effect.reason }, now);
      else if (effect.type === 'ended' && effect.answeredBy) board.startWrapUp(effect.answeredBy, now);
    }
    stats.apply(event, now);
    const updated = performance.now();
    // What the leader does per update: the changes since the update before, JSON-encoded.
    const delta = JSON.stringify(builder.update(sources(), now));
    const found = performance.now();
    const snapshot = buildQueuesSnapshot(sources(), now);
    const built = performance.now();
    const json = JSON.stringify(snapshot);
    const encoded = performance.now();
    if (index < warmUp) return;
    update.push(updated - started);
    changed.push(found - started);
    build.push(built - found + (updated - started));
    encode.push(encoded - found + (updated - started));
    deltaBytes = Math.max(deltaBytes, delta.length);
    bytes = Math.max(bytes, json.length);
  });
  const row = (measure, samples) => {
    const { n, p50, p99, max } = summarize(samples);
    return { measure, events: n, 'p50 ms': fixed(p50, 3), 'p99 ms': fixed(p99, 3), 'max ms': fixed(max, 3), target: '≤ 5 ms' };
  };
  printTable([
    row('(a) update per event: tracker + agent board + queue stats', update),
    row(`(a) update + the changes found and JSON-encoded (the leader's QueuesBoardBuilder; max ${Math.round(deltaBytes / 1024)} KB)`, changed),
    row(`(a) update + whole snapshot built (${AGENTS} agents, ${QUEUES} queues: a supervisor connecting)`, build),
    row(`(a) update + whole snapshot built + JSON (${Math.round(bytes / 1024)} KB)`, encode),
  ]);
}

// ---- (b) the built server over loopback: AMI event → queues:snapshot at 20 supervisors -----------

/** QueueStatus as Asterisk would list 50 queues and their members, from the recorded items. */
function queueStatusSnapshot() {
  const recorded = snapshotFromTranscript(join(FIXTURES, 'agent-pause-status.ami'));
  const params = recorded.queueStatus.find((item) => item[0] === 'Event: QueueParams');
  const member = recorded.queueStatus.find((item) => item[0] === 'Event: QueueMember' && item.includes('Paused: 0'));
  const replace = (item, values) => item.map((line) => {
    const key = line.slice(0, line.indexOf(':'));
    return key in values ? `${key}: ${values[key]}` : line;
  });
  const queueStatus = [];
  for (let queue = 0; queue < QUEUES; queue++) {
    queueStatus.push(replace(params, { Queue: queueName(queue) }));
    extensions.forEach((extension, index) => {
      if (queuesOf(index).includes(queueName(queue))) {
        queueStatus.push(replace(member, { Queue: queueName(queue), Name: `Atendente ${extension}`, Location: `PJSIP/${extension}`, StateInterface: `PJSIP/${extension}` }));
      }
    });
  }
  return { queueStatus, channels: [] };
}

async function overLoopback() {
  const cti = await startCtiServer(queueStatusSnapshot());
  const { ami, server } = cti;
  let stopClients = () => {};
  try {
    await cti.mint(
      extensions.map((extension) => ({ username: `bench.ramal${extension}`, name: `Atendente ${extension}`, role: 'attendant', extension })),
    );
    const tokens = await cti.mint(
      Array.from({ length: SUPERVISORS }, (_, index) => ({ username: `bench.supervisor${index}`, name: `Supervisor ${index}`, role: 'supervisor', extension: null })),
    );
    // Users written behind the server's back: one made through the API refreshes its extension directory.
    const admin = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(server.credentials.admin),
    }).then((response) => response.json());
    await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ username: 'bench.refresh', name: 'Bench', role: 'attendant' }),
    });
    const clients = fork(join(__dirname, 'supervision-clients.js'), [JSON.stringify({ url: server.url, tokens })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    stopClients = () => clients.kill();
    await within(once(clients, 'message'), 10_000, 'connecting the supervisors');
    // Each gets a snapshot on connect; then the pacer is quiet.
    await sleep(1000);

    // Each probe is a call of its own (with its Linkedid, as Asterisk sends it) in a queue of its own,
    // answered by the next agent: the tracker, the desk (its attendance starts), the agent board and the
    // queue figures all take it. Its `answered` counts the answers an update shows; the measure is
    // AgentConnect written → the update showing it. The call is offered, then answered one gap later
    // (so the pacer is quiet), then ended with the next probe's offer.
    const answer = (queue) =>
      ami.send(['Event: AgentConnect', 'Privilege: agent,all', `Queue: ${queue}`, 'Interface: PJSIP/3000', 'MemberName: Atendente 3000', 'HoldTime: 4', 'RingTime: 2']);
    const probeCall = (probe) => {
      const extension = extensions[probe % AGENTS];
      const call = [`Linkedid: 1700000000.${probe}`, `Uniqueid: 1700000000.${probe}`, `Channel: PJSIP/trunk-${probe}`, 'CallerIDNum: 11987654321', 'Queue: bench-probe'];
      const member = [`Interface: PJSIP/${extension}`, `MemberName: Atendente ${extension}`, `DestChannel: PJSIP/${extension}-${probe}`];
      return {
        offer: () => {
          ami.send(['Event: QueueCallerJoin', 'Privilege: call,all', ...call, 'Position: 1', 'Count: 1']);
          ami.send(['Event: AgentCalled', 'Privilege: agent,all', ...call, ...member]);
        },
        answer: () => ami.send(['Event: AgentConnect', 'Privilege: agent,all', ...call, ...member, 'HoldTime: 4', 'RingTime: 2']),
        end: () => {
          ami.send(['Event: AgentComplete', 'Privilege: agent,all', ...call, ...member, 'HoldTime: 4', 'TalkTime: 30', 'Reason: caller']);
          ami.send(['Event: Hangup', 'Privilege: call,all', ...call, 'Cause: 16']);
        },
      };
    };
    const probeSentAt = [];
    for (let probe = 0; probe < WARM_UP_PROBES + PROBES; probe++) {
      const call = probeCall(probe);
      if (probe > 0) probeCall(probe - 1).end();
      call.offer();
      // What the end and the offer set off (the wrap-up pause, the ringing) is paced too: two intervals leave the pacer quiet.
      await sleep(2 * PROBE_GAP_MS);
      probeSentAt.push(now());
      call.answer();
      await sleep(PROBE_GAP_MS);
    }
    probeCall(WARM_UP_PROBES + PROBES - 1).end();
    const burstSentAt = [];
    const burstStarted = performance.now();
    for (let sent = 0; sent < BURST_RATE * BURST_SECONDS; ) {
      const due = Math.min(BURST_RATE * BURST_SECONDS, Math.floor(((performance.now() - burstStarted) / 1000) * BURST_RATE));
      for (; sent < due; sent++) {
        burstSentAt.push(now());
        answer('bench-burst');
      }
      await sleep(2);
    }
    await sleep(1000);
    clients.send({ report: ['bench-probe', 'bench-burst'] });
    const [{ arrivals, frames }] = await within(once(clients, 'message'), 30_000, 'the report of the supervisors');

    const [first] = frames;
    if (first.agents < AGENTS || first.queues < QUEUES) throw new Error(`the snapshot lists ${first.agents} agents and ${first.queues} queues`);
    /** ms from sending the i-th answer to `queue` to the first snapshot at supervisor 0 showing it. */
    const shownAfter = (queue, sentAt) => {
      const latencies = [];
      for (const frame of frames) while (latencies.length < sentAt.length && frame.answered[queue] > latencies.length) latencies.push(frame.at - sentAt[latencies.length]);
      if (latencies.length !== sentAt.length) throw new Error(`${sentAt.length - latencies.length} answers to ${queue} never showed in a snapshot`);
      return latencies;
    };
    // Probes are further apart than the pacing: the first snapshot after each one, at every supervisor, is the one showing it.
    const shown = shownAfter('bench-probe', probeSentAt);
    const perSupervisor = probeSentAt.map((sentAt) => arrivals.map((times) => times.find((at) => at > sentAt) - sentAt));
    perSupervisor.forEach((latencies, probe) => {
      if (latencies.some((latency) => !Number.isFinite(latency))) throw new Error(`probe ${probe} never reached a supervisor`);
      if (Math.abs(latencies[0] - shown[probe]) > 1e-6) throw new Error(`probe ${probe} showed only in a later snapshot`);
    });
    perSupervisor.splice(0, WARM_UP_PROBES);
    const burst = shownAfter('bench-burst', burstSentAt);
    const burstSnapshots = frames.filter((frame) => frame.at >= burstSentAt[0] && frame.at <= burstSentAt.at(-1) + 1000).length;
    const deltaBytes = summarize(frames.filter((frame) => frame.kind === 'delta').map((frame) => frame.bytes));

    const row = (measure, samples, target) => {
      const { n, p50, p99, max } = summarize(samples);
      return { measure, samples: n, 'p50 ms': fixed(p50), 'p99 ms': fixed(p99), 'max ms': fixed(max), target };
    };
    printTable([
      row(`(b) AMI event → queues:delta (p50 ${deltaBytes.p50} B, max ${deltaBytes.max} B; queues:snapshot ${Math.round(first.bytes / 1024)} KB on connecting) at each of ${SUPERVISORS} supervisors`, perSupervisor.flat(), '≤ 5 ms'),
      row(`(b) AMI event → queues:delta at all ${SUPERVISORS} supervisors`, perSupervisor.map((latencies) => Math.max(...latencies)), '—'),
      row(`(b) ${BURST_RATE} events/s for ${BURST_SECONDS} s: event → first update showing it (${burstSnapshots} updates)`, burst, '≤ 1000 ms'),
    ]);
  } finally {
    stopClients();
    await cti.stop();
  }
}

async function run() {
  inProcess();
  await overLoopback();
}

module.exports = { run };
