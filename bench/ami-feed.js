// Child process of cti.bench.js: the AMI replay server on its own core, writing the recorded burst
// (burst-40-calls.ami: every event a real Asterisk 22 sent for 40 calls, VarSet, Newexten, Cdr and
// all) repeated with its calls renumbered, to the bench's client, as fast as the socket takes it
// (`max`) or at a fixed rate (`paced`). Argument: JSON {mode, events, rate?, username, secret}.
const { join } = require('node:path');
const { startAmiReplayServer } = require('../server/dist/cti/replay/ami-replay-server.js');
const { readTranscript, renumberCalls } = require('../server/dist/cti/replay/ami-transcript.js');
const { AMI_LOAD_FIXTURES_DIR } = require('../server/dist/cti/replay/fixtures.js');

const frame = (lines) => `${lines.join('\r\n')}\r\n\r\n`;
const { machineMs: now } = require('./clock');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every event Asterisk sent in the recorded burst, in order. */
const recordedEvents = () =>
  readTranscript(join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami'))
    .filter((message) => message.lines[0].startsWith('Event:'))
    .map((message) => message.lines);

/** Repetition `n` of the burst, framed, its calls renumbered so no two calls collide. */
const repetition = (events, n) => events.map((lines) => frame(renumberCalls(lines, n)));

async function main() {
  const { mode, events: wanted, rate, username, secret } = JSON.parse(process.argv[2]);
  const recorded = recordedEvents();
  const repetitions = Math.ceil(wanted / recorded.length);
  // Built before the client connects: only parsing and tracking are timed.
  const stream = [];
  for (let n = 0; n < repetitions; n++) stream.push(repetition(recorded, n));
  const total = repetitions * recorded.length;

  const server = await startAmiReplayServer({ username, secret, refusalDelayMs: 0 });
  process.on('disconnect', () => server.close().then(() => process.exit(0)));
  process.send({ port: server.port, events: total });
  await server.untilLoggedIn();
  await sleep(200);

  await server.sendRaw(frame(['Event: UserEvent', 'UserEvent: BenchStart']));
  if (mode === 'max') {
    // One write queued behind the one in flight, so the socket never waits for this loop.
    let inFlight = Promise.resolve();
    for (const events of stream) {
      const written = server.sendRaw(events.join(''));
      await inFlight;
      inFlight = written;
    }
    await inFlight;
  } else {
    // Every 5 ms, what is due at `rate`, led by a mark the client uses to see how far behind it is.
    const events = stream.flat();
    const started = now();
    let sent = 0;
    while (sent < events.length) {
      const due = Math.min(events.length, Math.floor(((now() - started) / 1000) * rate));
      if (due > sent) {
        await server.sendRaw(frame(['Event: UserEvent', 'UserEvent: BenchMark', `SentAt: ${now()}`]) + events.slice(sent, due).join(''));
        sent = due;
      }
      await sleep(5);
    }
  }
  await server.sendRaw(frame(['Event: UserEvent', 'UserEvent: BenchEnd', `Events: ${total}`]));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
