// Recovery of the PBX link with the production timings (docs/architecture.md, Targets):
// - PBX back after a restart (its port refused meanwhile) → link connected;
// - PBX frozen (stops answering, socket open) → link noticed dead;
// - the 40-call burst cut mid-flight → state rebuilt from QueueStatus + CoreShowChannels + Getvar.
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { AmiLink, defaultAmiTimings } = require('../server/dist/cti/ami-link.js');
const { createSnapshotReader, createSnapshotReconciler } = require('../server/dist/cti/call-snapshot.js');
const { CallTracker, text } = require('../server/dist/cti/call-tracker.js');
const { startAmiReplayServer } = require('../server/dist/cti/replay/ami-replay-server.js');
const { transcriptMoments } = require('../server/dist/cti/replay/ami-transcript.js');
const { AMI_LOAD_FIXTURES_DIR } = require('../server/dist/cti/replay/fixtures.js');
const { printTable, summarize } = require('./table');

const credentials = { username: 'receptivo', secret: 'bench' };
const TRIALS = 10;
const trackerConfig = { agentPattern: /^(?:PJSIP|SIP|Local)\/(\d+)/, uraFields: { URA_CPF: 'document', URA_PROTOCOLO: 'protocol', URA_OPCAO: 'option' } };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check, what, timeoutMs = 20_000) {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function openLink(port, states) {
  const link = new AmiLink(
    { host: '127.0.0.1', port, ...credentials, ...defaultAmiTimings },
    { onEvent: () => undefined, onSkipped: () => undefined, onState: (state) => states.push({ state, at: performance.now() }) },
  );
  link.start();
  return link;
}

async function pbxBack() {
  let server = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0 });
  const port = server.port;
  const states = [];
  const link = openLink(port, states);
  await until(() => link.currentState === 'connected', 'connected');
  const samples = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    await server.close();
    await until(() => link.currentState === 'reconnecting', 'reconnecting');
    // Away for 0.5–4.5 s, as a PBX restart or a network blip would be.
    await sleep(500 + ((trial * 397) % 4000));
    server = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0, port });
    const back = performance.now();
    await until(() => link.currentState === 'connected', 'connected again');
    samples.push(performance.now() - back);
  }
  link.stop();
  await server.close();
  return samples;
}

async function pbxFrozen() {
  const samples = [];
  for (let trial = 0; trial < 4; trial++) {
    const server = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0 });
    const states = [];
    const link = openLink(server.port, states);
    await until(() => link.currentState === 'connected', 'connected');
    await sleep((trial * 613) % 2000);
    server.muteHeartbeat();
    const frozen = performance.now();
    await until(() => states.some((entry) => entry.state === 'reconnecting' && entry.at >= frozen), 'noticed');
    samples.push(performance.now() - frozen);
    link.stop();
    await server.close();
  }
  return samples;
}

/** The burst replayed to the moment most of its calls are in conversation, then a fresh login rebuilds. */
async function burstRebuild() {
  const burst = join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami');
  const moments = transcriptMoments(burst);
  const midBurst = moments.map((call) => call.connected ?? 0).sort((a, b) => a - b)[moments.length - 1] + 0.2;
  const server = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0 });
  await server.replay(burst, { speed: Infinity, until: midBurst });
  const reader = createSnapshotReader(trackerConfig);
  const reconcile = createSnapshotReconciler(trackerConfig);
  const samples = [];
  let calls = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const link = openLink(server.port, []);
    await until(() => link.currentState === 'connected', 'connected');
    const started = performance.now();
    const [queueStatus, channels] = await Promise.all([link.list({ action: 'QueueStatus' }), link.list({ action: 'CoreShowChannels' })]);
    const snapshot = { queueStatus, channels: channels.filter((item) => item.event === 'CoreShowChannel') };
    const unknown = [...reader.callsIn(snapshot, reader.agentsIn(snapshot)).values()];
    const ura = new Map();
    await Promise.all(
      unknown.flatMap((call) =>
        Object.entries(trackerConfig.uraFields).map(async ([variable, field]) => {
          const answer = await link.action({ action: 'Getvar', channel: call.callerChannel, variable });
          if (text(answer.value)) ura.set(call.id, { ...ura.get(call.id), [field]: text(answer.value) });
        }),
      ),
    );
    const tracker = new CallTracker(trackerConfig);
    reconcile(tracker, { ...snapshot, ura }, Date.now());
    samples.push(performance.now() - started);
    calls = tracker.calls.size;
    link.stop();
  }
  await server.close();
  return { samples, calls };
}

async function run() {
  const fmt = (ms) => `${ms.toFixed(0)} ms`;
  const back = summarize(await pbxBack());
  const frozen = summarize(await pbxFrozen());
  const rebuild = await burstRebuild();
  const rebuilt = summarize(rebuild.samples);
  printTable([
    { measure: 'PBX back (port refused 0.5–4.5 s) → link connected', n: back.n, p50: fmt(back.p50), p99: fmt(back.p99), max: fmt(back.max), target: '≤ 2 s' },
    { measure: 'PBX frozen (no Pong, socket open) → link reconnecting', n: frozen.n, p50: fmt(frozen.p50), p99: fmt(frozen.p99), max: fmt(frozen.max), target: '≤ 5 s' },
    {
      measure: `burst mid-flight: ${rebuild.calls} calls rebuilt (lists + Getvar + reconcile)`,
      n: rebuilt.n,
      p50: fmt(rebuilt.p50),
      p99: fmt(rebuilt.p99),
      max: fmt(rebuilt.max),
      target: '—',
    },
  ]);
}

module.exports = { run };
