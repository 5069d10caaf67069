// `npm run ami:replay -- <transcript> …`: an AMI on 127.0.0.1 that replays a recorded Asterisk
// session, so a desk (AMI_HOST=127.0.0.1) can be tried and demonstrated without a PBX.
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type AmiListSnapshot, readTranscript, snapshotFromTranscript } from './ami-transcript';
import { startAmiReplayServer } from './ami-replay-server';
import { AMI_FIXTURES_DIR } from './fixtures';

const DEFAULT_SNAPSHOT = 'agent-pause-status';
/** Time for a client's state rebuild (QueueStatus, CoreShowChannels) before the first call arrives. */
const GRACE_AFTER_LOGIN_MS = 1000;

const USAGE = `Usage: npm run ami:replay -- <transcript> [options]

  <transcript>       a recorded AMI session (.ami): a path, or a name in ${AMI_FIXTURES_DIR}
                     (inbound-answered, abandon-early, abandon-after-ring-noanswer,
                     two-simultaneous-calls, ura-data, agent-pause-status)
  --port N           TCP port on 127.0.0.1 (default 5038; 0 picks a free one)
  --speed X          times faster than recorded (default 1; "max" sends without pauses)
  --user U           the AMI user to accept (default receptivo)
  --secret S         its secret (default receptivo)
  --loop             replay again after each pass, the recorded calls offered as new calls
  --snapshot T       transcript whose last QueueStatus / CoreShowChannels answers are the PBX
                     at start; the replay moves it on (default ${DEFAULT_SNAPSHOT}: the same
                     queue, both attendants idle)`;

class UsageError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A path (from where npm was run, or here), else a fixture name with or without `.ami`. */
function findTranscript(name: string): string {
  const candidates = [
    ...new Set([resolve(process.env.INIT_CWD ?? process.cwd(), name), resolve(name), join(AMI_FIXTURES_DIR, name), join(AMI_FIXTURES_DIR, `${name}.ami`)]),
  ];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new UsageError(`Transcript not found: ${name}\n  tried ${candidates.join('\n        ')}`);
  return found;
}

function parseSpeed(text: string): number {
  if (text === 'max') return Infinity;
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed must be a positive number or "max", not "${text}"`);
  return speed;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a TCP port (0-65535), not "${text}"`);
  return port;
}

function readOptions() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '5038' },
      speed: { type: 'string', default: '1' },
      user: { type: 'string', default: 'receptivo' },
      secret: { type: 'string', default: 'receptivo' },
      loop: { type: 'boolean', default: false },
      snapshot: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `One transcript only, not ${positionals.join(' ')}` : 'Which transcript?');
  const transcript = findTranscript(positionals[0]);
  if (readTranscript(transcript).length === 0) throw new UsageError(`${transcript} has no recorded messages (# <<< blocks): not an AMI transcript`);
  let snapshot: AmiListSnapshot = { queueStatus: [], channels: [] };
  if (values.snapshot) snapshot = snapshotFromTranscript(findTranscript(values.snapshot));
  else if (existsSync(join(AMI_FIXTURES_DIR, `${DEFAULT_SNAPSHOT}.ami`))) snapshot = snapshotFromTranscript(join(AMI_FIXTURES_DIR, `${DEFAULT_SNAPSHOT}.ami`));
  return {
    transcript,
    snapshot,
    port: parsePort(values.port),
    speed: parseSpeed(values.speed),
    username: values.user,
    secret: values.secret,
    loop: values.loop,
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  if (!options) {
    say(USAGE);
    return;
  }
  const { username, secret, port: wanted, snapshot } = options;
  const server = await startAmiReplayServer({ username, secret, port: wanted, snapshot }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new Error(`Port ${wanted} is in use on 127.0.0.1: pick another with --port (0 picks a free one)`);
    throw error;
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
  const messages = readTranscript(options.transcript);
  const { port } = server;
  say(`AMI replay of ${basename(options.transcript)} (${messages.length} messages over ${messages.at(-1)!.at.toFixed(1)} s) listening on 127.0.0.1:${port}`);
  say(`Log in as user "${username}" with secret "${secret}"; for Receptivo:`);
  say(`  AMI_HOST=127.0.0.1 AMI_PORT=${port} AMI_USER=${username} AMI_SECRET=${secret} npm start`);
  const speed = options.speed === Infinity ? 'no pauses' : `${options.speed}x`;
  // Each loop offers the recorded calls again as new calls: a desk pops them and starts an attendance each time.
  for (let repetition = 0; repetition === 0 || options.loop; repetition++) {
    if (server.sessions() === 0) {
      say('Waiting for a client to log in…');
      await server.untilLoggedIn();
      await new Promise((resolvePause) => setTimeout(resolvePause, GRACE_AFTER_LOGIN_MS));
    }
    say(`Replaying (${speed}) to ${server.sessions()} session(s)`);
    const sent = await server.replay(options.transcript, { speed: options.speed, repetition });
    say(`Replayed ${sent} events`);
  }
  say('Replay done; still answering actions (Ctrl-C stops)');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write('npm run ami:replay -- --help shows the options\n');
    process.exit(2);
  }
  process.exit(1);
});
