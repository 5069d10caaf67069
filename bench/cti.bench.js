// docs/architecture.md, Targets: AMI ingestion ≥ 20,000 events/s on one core without falling behind (part 1), and
// screen-pop p99 ≤ 20 ms from AgentCalled on the AMI socket to call:ringing at the agent's
// socket, with 500 agent sockets and 50 concurrent calls (part 2).
const { fork } = require('node:child_process');
const { once } = require('node:events');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const Manager = require('asterisk-manager');
const { io } = require('socket.io-client');
const { createCallTracker, emptyCallTrackerState } = require('../server/dist/cti/call-tracker.js');
const { readEnvironment } = require('../server/dist/config/environment.js');
const { readTranscript } = require('../server/dist/cti/replay/ami-transcript.js');
const { postJson, queueSnapshot, startCtiServer } = require('./harness');
const { printTable, summarize } = require('./table');

const INGEST_EVENTS = Number(process.env.BENCH_AMI_EVENTS ?? 300_000);
const PACED_RATE = 20_000;
const PACED_SECONDS = Number(process.env.BENCH_AMI_PACED_SECONDS ?? 5);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 500);
const CONCURRENT_CALLS = 50;
const ROUNDS = Number(process.env.BENCH_POP_ROUNDS ?? 20);
const { AMI_FIXTURES_DIR: FIXTURES } = require('../server/dist/cti/replay/fixtures');
const AMI_LOGIN = { username: 'bench', secret: 'bench-secret' };

const now = () => performance.timeOrigin + performance.now();
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

// ---- Part 1: AMI ingestion through asterisk-manager's parser and the call tracker ----------------

/**
 * The feeder child writes the stream over loopback TCP; this process parses it with the real
 * asterisk-manager client and tracks every event, as the server does, on its one JS thread.
 */
async function ingest(mode, events) {
  const feeder = fork(join(__dirname, 'ami-feed.js'), [JSON.stringify({ mode, events, rate: PACED_RATE, ...AMI_LOGIN })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const [{ port, events: total }] = await once(feeder, 'message');
    const environment = readEnvironment({});
    const track = createCallTracker({ agentPattern: new RegExp(environment.CTI_AGENT_PATTERN), uraFields: environment.CTI_URA_FIELDS });
    let state = emptyCallTrackerState;
    let tracked = 0;
    let effects = 0;
    let startedAt = 0;
    let cpuAtStart;
    const lags = [];
    const manager = Manager(undefined, '127.0.0.1', AMI_LOGIN.username, AMI_LOGIN.secret, true);
    const finished = new Promise((resolve) => {
      manager.on('managerevent', (event) => {
        if (event.event === 'UserEvent' && /^Bench/.test(event.userevent)) {
          if (event.userevent === 'BenchStart') {
            startedAt = performance.now();
            cpuAtStart = process.cpuUsage();
          } else if (event.userevent === 'BenchMark') {
            lags.push(now() - Number(event.sentat));
          } else if (event.userevent === 'BenchEnd') {
            const seconds = (performance.now() - startedAt) / 1000;
            const cpu = process.cpuUsage(cpuAtStart);
            resolve({ seconds, cpuShare: (cpu.user + cpu.system) / 1e6 / seconds });
          }
          return;
        }
        if (!startedAt) return;
        const result = track(state, event, Date.now());
        state = result.state;
        effects += result.effects.length;
        tracked += 1;
      });
    });
    manager.on('error', (error) => console.error(error));
    manager.connect(port, '127.0.0.1', () => manager.login(() => undefined));
    const { seconds, cpuShare } = await finished;
    manager.disconnect();
    if (tracked !== total) throw new Error(`tracked ${tracked} of ${total} events`);
    if (effects === 0) throw new Error('the tracker produced no effect: the stream is not what it should be');
    return { events: tracked, seconds, perSecond: tracked / seconds, cpuShare, lags: summarize(lags) };
  } finally {
    feeder.kill();
  }
}

async function ingestion() {
  const max = await ingest('max', INGEST_EVENTS);
  const paced = await ingest('paced', PACED_RATE * PACED_SECONDS);
  printTable([
    {
      measure: 'parse + track, as fast as loopback TCP delivers',
      events: max.events,
      seconds: fixed(max.seconds, 2),
      'events/s': Math.round(max.perSecond),
      'client CPU': `${Math.round(max.cpuShare * 100)}%`,
      'lag p50 / p99 ms': '—',
      target: '≥ 20000/s',
      'kept up': max.perSecond >= PACED_RATE ? 'yes' : 'NO',
    },
    {
      // Falling behind would show as a lag growing through the run; keeping up keeps it flat.
      measure: `offered ${PACED_RATE}/s for ${PACED_SECONDS} s`,
      events: paced.events,
      seconds: fixed(paced.seconds, 2),
      'events/s': Math.round(paced.perSecond),
      'client CPU': `${Math.round(paced.cpuShare * 100)}%`,
      'lag p50 / p99 ms': `${fixed(paced.lags.p50)} / ${fixed(paced.lags.p99)}`,
      target: 'lag p99 ≤ 100 ms',
      'kept up': paced.lags.p99 <= 100 ? 'yes' : 'NO',
    },
  ]);
}

// ---- Part 2: screen-pop latency, AgentCalled on the AMI socket → call:ringing at the desk --------

/** Recorded messages as templates: `message(event, replace)` is the first `event` with some keys replaced. */
function recordedMessages(...transcripts) {
  const messages = transcripts.flatMap((name) => readTranscript(join(FIXTURES, `${name}.ami`)));
  return (event, replace) =>
    messages
      .find((candidate) => candidate.lines[0] === `Event: ${event}`)
      .lines.map((line) => {
        const key = line.slice(0, line.indexOf(':'));
        return key in replace ? `${key}: ${replace[key]}` : line;
      });
}

async function screenPop() {
  const extensions = Array.from({ length: AGENTS }, (_, index) => String(3000 + index));
  const recorded = recordedMessages('inbound-answered', 'abandon-early');
  const cti = await startCtiServer(
    queueSnapshot(extensions, (extension) => `PJSIP/${extension}`),
    process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [],
  );
  const { ami, server } = cti;
  const sockets = [];
  try {
    const setupStarted = Date.now();
    const tokens = await cti.mint(
      extensions.map((extension) => ({ username: `bench.ramal${extension}`, name: `Atendente ${extension}`, role: 'attendant', extension })),
    );
    // Users written behind the server's back: one made through the API refreshes its extension directory.
    const admin = await postJson(`${server.url}/api/auth/login`, server.credentials.admin);
    await postJson(`${server.url}/api/users`, { username: 'bench.refresh', name: 'Bench', role: 'attendant' }, admin.token);
    const arrivals = new Map();
    await Promise.all(
      tokens.map(async (token, index) => {
        const socket = io(`${server.url}/cti`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
        sockets.push(socket);
        socket.on('call:ringing', (pop) => arrivals.set(`${pop.callId}@${extensions[index]}`, performance.now()));
        await new Promise((resolve, reject) => {
          socket.once('connect', resolve);
          socket.once('connect_error', (error) => reject(new Error(`/cti refused the desk of ${extensions[index]}: ${error.message}`)));
        });
      }),
    );
    console.log(`${AGENTS} desks signed in and connected to /cti in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

    let numbered = 0;
    /** Rings `count` calls at once, each at its own desk: ms from each AgentCalled written to its call:ringing received. */
    const ringTogether = async (count) => {
      const calls = Array.from({ length: count }, () => {
        const number = numbered++;
        const uniqueid = `${1900000000 + number}.${number * 2}`;
        return {
          id: uniqueid,
          uniqueid,
          extension: extensions[(number * 7) % AGENTS],
          channel: `PJSIP/trunk-${number.toString(16).padStart(8, '0')}`,
          caller: `119${String(60000000 + number).padStart(8, '0')}`,
        };
      });
      for (const call of calls) {
        ami.send(recorded('QueueCallerJoin', { Channel: call.channel, CallerIDNum: call.caller, Uniqueid: call.uniqueid, Linkedid: call.id }));
      }
      const sentAt = new Map();
      for (const call of calls) {
        sentAt.set(call.id, performance.now());
        ami.send(
          recorded('AgentCalled', {
            Channel: call.channel,
            CallerIDNum: call.caller,
            Uniqueid: call.uniqueid,
            Linkedid: call.id,
            DestChannel: `PJSIP/${call.extension}-${call.uniqueid}`,
            DestUniqueid: `${call.uniqueid}1`,
            DestLinkedid: call.id,
            Interface: `PJSIP/${call.extension}`,
            MemberName: `Atendente ${call.extension}`,
          }),
        );
      }
      const deadline = Date.now() + 5000;
      while (calls.some((call) => !arrivals.has(`${call.id}@${call.extension}`)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
      const latencies = calls.map((call) => {
        const arrived = arrivals.get(`${call.id}@${call.extension}`);
        if (arrived === undefined) throw new Error(`call:ringing of ${call.id} never reached the desk of ${call.extension}`);
        // The caller gives up: the pop ends and the attendant is free for a later call.
        ami.send(recorded('QueueCallerAbandon', { Channel: call.channel, CallerIDNum: call.caller, Uniqueid: call.uniqueid, Linkedid: call.id, HoldTime: 0 }));
        return arrived - sentAt.get(call.id);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      return latencies;
    };

    // A first round warms up (JIT, connection pool, query plans) and is not counted.
    await ringTogether(CONCURRENT_CALLS);
    const together = [];
    for (let round = 0; round < ROUNDS; round++) together.push(...(await ringTogether(CONCURRENT_CALLS)));
    // One call at a time tells the path's own latency from the queueing of a burst.
    const alone = [];
    for (let call = 0; call < CONCURRENT_CALLS; call++) alone.push(...(await ringTogether(1)));
    const row = (measure, samples, target) => {
      const { n, p50, p99, max } = summarize(samples);
      return { measure, pops: n, 'p50 ms': fixed(p50, 2), 'p99 ms': fixed(p99, 2), 'max ms': fixed(max, 2), target };
    };
    printTable([
      row(`AgentCalled → call:ringing, ${AGENTS} desks, ${CONCURRENT_CALLS} calls at once`, together, 'p99 ≤ 20 ms'),
      row(`AgentCalled → call:ringing, ${AGENTS} desks, one call at a time`, alone, '—'),
    ]);
  } finally {
    for (const socket of sockets) socket.disconnect();
    await cti.stop();
  }
}

async function run() {
  await ingestion();
  await screenPop();
}

module.exports = { run };
