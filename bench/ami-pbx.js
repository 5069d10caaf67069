// Child process of the CTI benches: the AMI replay server (the fake PBX) on its own event loop, so
// writing a burst does not delay the desks or the bench. Argument: JSON {username, secret, extensions,
// managerUser} (managerUser: read classes and eventfilter lines, as the replay server takes them):
// QueueStatus lists each extension as a member Local/<extension>@agents, as in the recordings.
// Messages out: {port}, then {loggedIn: true} once the server under test logged in; asked
// {replay: {file, repetition, speed}}, it replays and answers {replayed: [{type, key, at}]}: when each
// AgentCalled and AgentConnect was written (bench/clock.js, ms), keyed `${Linkedid}@${extension}`.
const { startAmiReplayServer } = require('../server/dist/cti/replay/ami-replay-server.js');
const { queueSnapshot } = require('./harness');
const { machineMs: now } = require('./clock');
const STAMPED = new Set(['Event: AgentCalled', 'Event: AgentConnect']);
const field = (lines, key) => lines.find((line) => line.startsWith(`${key}: `))?.slice(key.length + 2);
/** The member's extension: Local/1001@agents or PJSIP/1001 → 1001. */
const extensionOf = (lines) => /\/(\d+)/.exec(field(lines, 'Interface') ?? '')?.[1];

/** Resolves once five turns of the event loop in a row took less than 0.2 ms each: the tasks V8 left on it (sweeping) are done. */
async function untilTheLoopIsQuiet() {
  for (let quietTurns = 0, turns = 0; quietTurns < 5 && turns < 1000; turns++) {
    const turnStarted = now();
    await new Promise(setImmediate);
    quietTurns = now() - turnStarted < 0.2 ? quietTurns + 1 : 0;
  }
}

async function main() {
  const { username, secret, extensions, managerUser } = JSON.parse(process.argv[2]);
  const snapshot = queueSnapshot(extensions, (extension) => `Local/${extension}@agents`);
  const ami = await startAmiReplayServer({ username, secret, refusalDelayMs: 0, snapshot, managerUser });
  process.on('disconnect', () => ami.close().then(() => process.exit(0)));
  process.on('message', async ({ replay }) => {
    const replayed = [];
    await ami.replay(replay.file, {
      repetition: replay.repetition,
      speed: replay.speed,
      // Reading and renumbering the recording leaves megabytes of garbage: V8 marked and swept it on
      // helper threads for 2–5 ms in the middle of a burst, taking the load's core from the desks and
      // from this loop (perf sched). Collected here, on this thread (cti.bench.js forks this process
      // with --expose-gc --single-threaded-gc), before the first message leaves; and swept: on this
      // thread V8 sweeps after a collection in tasks of the event loop, which ran 1.5 ms into each
      // burst's first milliseconds (perf) until the loop was given the time first.
      beforeSending: async () => {
        global.gc();
        await untilTheLoopIsQuiet();
      },
      onSent: (lines) => {
        if (STAMPED.has(lines[0])) replayed.push({ type: lines[0].slice('Event: '.length), key: `${field(lines, 'Linkedid')}@${extensionOf(lines)}`, at: now() });
      },
    });
    process.send({ replayed });
  });
  process.send({ port: ami.port });
  await ami.untilLoggedIn();
  process.send({ loggedIn: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
