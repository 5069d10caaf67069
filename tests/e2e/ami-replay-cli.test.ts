/// <reference path="../../server/src/cti/asterisk-manager.d.ts" />
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import Manager from 'asterisk-manager';
import type { AmiEvent } from '../../server/src/cti/call-tracker';
import { ROOT } from '../support/server-process';
import { until } from '../../server/src/testing/until';

/** The built CLI behind `npm run ami:replay`, as an admin runs it. */
const CLI = join(ROOT, 'server', 'dist', 'cti', 'replay', 'ami-replay-cli.js');

interface Replay {
  child: ChildProcess;
  port: number;
  output(): string;
  exited: Promise<number | null>;
}

function run(args: string[]): { child: ChildProcess; output(): string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function startReplay(args: string[]): Promise<Replay> {
  const started = run(args);
  // The banner is three lines, which may reach the pipe in separate chunks: wait for the last.
  await until(() => /AMI_HOST=.* npm start/.test(started.output()), `listening lines in:\n${started.output()}`);
  return { ...started, port: Number(/listening on 127\.0\.0\.1:(\d+)/.exec(started.output())![1]) };
}

function client(port: number, username: string, secret: string) {
  const manager = Manager(undefined, '127.0.0.1', username, secret, true);
  const events: AmiEvent[] = [];
  const responses: AmiEvent[] = [];
  let closed = false;
  manager.on('managerevent', (event) => events.push(event));
  manager.on('response', (response) => responses.push(response));
  manager.on('close', () => (closed = true));
  manager.on('error', () => undefined);
  let loggedIn = false;
  manager.connect(port, '127.0.0.1', () => manager.login((error) => (loggedIn = !error)));
  return { manager, events, responses, closed: () => closed, loggedIn: () => loggedIn };
}

describe('npm run ami:replay (the built CLI)', () => {
  let replay: Replay | undefined;
  let ami: ReturnType<typeof client> | undefined;
  afterEach(async () => {
    ami?.manager.disconnect();
    replay?.child.kill('SIGINT');
    // Ctrl-C stops it cleanly.
    if (replay) expect(await replay.exited).toBe(0);
    ami = replay = undefined;
  });

  it('prints where to log in, waits for the client, replays a fixture by name, and lists QueueStatus items with the ActionID', async () => {
    replay = await startReplay(['inbound-answered', '--port', '0', '--speed', '50', '--user', 'cti', '--secret', 'segredo']);
    expect(replay.output()).toContain('Log in as user "cti" with secret "segredo"');
    expect(replay.output()).toContain(`AMI_HOST=127.0.0.1 AMI_PORT=${replay.port} AMI_USER=cti AMI_SECRET=segredo`);
    expect(replay.output()).toContain('Waiting for a client to log in');

    ami = client(replay.port, 'cti', 'segredo');
    await until(() => ami!.loggedIn(), 'login');
    await until(() => ami!.events.some((event) => event.event === 'AgentComplete'), 'AgentComplete');
    expect(ami.events.find((event) => event.event === 'AgentCalled')).toMatchObject({
      interface: 'Local/1001@agents',
      linkedid: '1795848992.0',
      calleridnum: '11987654321',
    });
    await until(() => /Replayed \d+ events/.test(replay!.output()), 'the end of the replay');

    const response = await new Promise<AmiEvent>((resolve) => ami!.manager.action({ action: 'QueueStatus', actionid: 'qs-42' }, (_error, answer) => resolve(answer)));
    expect(response).toMatchObject({ response: 'Success', actionid: 'qs-42', eventlist: 'start' });
    await until(() => ami!.events.some((event) => event.event === 'QueueStatusComplete'), 'QueueStatusComplete');
    const items = ami.events.filter((event) => event.actionid === 'qs-42');
    expect(items.map((event) => event.event)).toEqual(['QueueParams', 'QueueMember', 'QueueMember', 'QueueStatusComplete']);
    expect(items[1]).toMatchObject({ queue: 'atendimento', location: 'Local/1001@agents', paused: '0' });
    expect(items[3]).toMatchObject({ eventlist: 'Complete', listitems: '3' });
  });

  it('refuses a wrong secret as Asterisk does: an error response, then the connection closes', async () => {
    replay = await startReplay([join(ROOT, 'tests', 'fixtures', 'ami', 'abandon-early.ami'), '--port', '0']);
    expect(replay.output()).toContain('Log in as user "receptivo" with secret "receptivo"');
    ami = client(replay.port, 'receptivo', 'errado');
    await until(() => ami!.closed(), 'close');
    expect(ami.responses).toEqual([expect.objectContaining({ response: 'Error', message: 'Authentication failed' })]);
    expect(ami.events).toEqual([]);
  });

  it('says clearly what is wrong with a missing transcript or a bad --speed, and exits with 2', async () => {
    const missing = run(['no-such-recording', '--port', '0']);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toContain('Transcript not found: no-such-recording');
    const badSpeed = run(['inbound-answered', '--speed', 'fast', '--port', '0']);
    expect(await badSpeed.exited).toBe(2);
    expect(badSpeed.output()).toContain('--speed must be a positive number or "max", not "fast"');
  });
});
