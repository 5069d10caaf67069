import { readFileSync } from 'node:fs';
import { type Socket, connect } from 'node:net';
import { join } from 'node:path';
import Manager from 'asterisk-manager';
import type { AmiEvent } from '../call-tracker';
import { type AmiReplayServer, startAmiReplayServer } from './ami-replay-server';
import { readTranscript, recordedClock, snapshotFromTranscript, transcriptMoments } from './ami-transcript';
import { until } from '../../testing/until';
import { AMI_FIXTURES_DIR, AMI_LOAD_FIXTURES_DIR } from './fixtures';
import { queueMemberEvent } from '../../testing/queue-member-event';

const PAUSE_STATUS = join(AMI_FIXTURES_DIR, 'agent-pause-status.ami');
const INBOUND = join(AMI_FIXTURES_DIR, 'inbound-answered.ami');
const URA_DATA = join(AMI_FIXTURES_DIR, 'ura-data.ami');
const credentials = { username: 'receptivo', secret: 's3cret' };

/** A bare TCP client: what the server wrote, byte for byte, and its frames. */
function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const bytes = () => Buffer.concat(chunks);
  const frames = () => {
    const text = bytes().toString('utf8');
    // The banner is one line; then messages end with an empty line.
    return text.slice(text.indexOf('\r\n') + 2).split('\r\n\r\n').slice(0, -1).map((frame) => frame.split('\r\n'));
  };
  return {
    socket,
    closed,
    bytes,
    frames,
    banner: () => bytes().toString('utf8').split('\r\n')[0],
    send: (lines: string[]) => socket.write(`${lines.join('\r\n')}\r\n\r\n`),
    /** The first frame (after `skip` of them) whose first line is `first`. */
    waitFor: async (first: string, skip = 0) => {
      await until(() => frames().filter((frame) => frame[0] === first).length > skip);
      return frames().filter((frame) => frame[0] === first)[skip];
    },
    async login(secret = credentials.secret, extra: string[] = []) {
      this.send(['Action: Login', 'ActionID: login-1', `Username: ${credentials.username}`, `Secret: ${secret}`, ...extra]);
      return this.waitFor(secret === credentials.secret ? 'Response: Success' : 'Response: Error');
    },
  };
}

/** The real client, logged in, collecting every managerevent. */
async function managerClient(port: number) {
  const manager = Manager(undefined, '127.0.0.1', credentials.username, credentials.secret, true);
  const events: AmiEvent[] = [];
  manager.on('managerevent', (event) => events.push(event));
  manager.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => manager.connect(port, '127.0.0.1', () => manager.login((error) => (error ? reject(new Error(String(error.message))) : resolve()))));
  return { manager, events };
}

/** A list action through the real client: its items once the Complete event is in. */
async function listed(client: { manager: ReturnType<typeof Manager>; events: AmiEvent[] }, action: string, actionid: string): Promise<AmiEvent[]> {
  client.manager.action({ action, actionid }, () => undefined);
  await until(() => client.events.some((event) => event.actionid === actionid && /Complete$/.test(String(event.event))), `${action} complete`);
  return client.events.filter((event) => event.actionid === actionid && !/Complete$/.test(String(event.event)));
}

/** Getvar through the real client: the answer, an error as it arrives in the callback. */
const getvar = (manager: ReturnType<typeof Manager>, channel: string, variable: string) =>
  new Promise<AmiEvent>((resolve) => manager.action({ action: 'Getvar', channel, variable }, (error, answer) => resolve(error ?? answer)));

/** The actions the recording client sent (`# >>>` blocks), as raw lines. */
function recordedActions(file: string): string[][] {
  return [...readFileSync(file, 'utf8').matchAll(/^# >>> \+[\d.]+\n((?:# .*\n)+)/gm)].map((match) =>
    match[1].trimEnd().split('\n').map((line) => line.slice(2)),
  );
}

describe('AMI replay server', () => {
  let server: AmiReplayServer;
  const clients: Array<{ socket: Socket }> = [];
  const managers: Array<ReturnType<typeof Manager>> = [];
  const client = () => {
    const opened = rawClient(server.port);
    clients.push(opened);
    return opened;
  };
  const manager = async () => {
    const opened = await managerClient(server.port);
    managers.push(opened.manager);
    return opened;
  };

  beforeEach(async () => {
    server = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0 });
  });
  afterEach(async () => {
    for (const opened of clients.splice(0)) opened.socket.destroy();
    for (const opened of managers.splice(0)) opened.disconnect();
    await server.close();
  });

  it('greets, logs in and answers Ping and Logoff as the recorded Asterisk 22, echoing the ActionID', async () => {
    const ami = client();
    const recorded = readTranscript(PAUSE_STATUS);
    expect(await ami.login()).toEqual(recorded[0].lines);
    expect(ami.banner()).toBe('Asterisk Call Manager/11.0.0');
    const booted = await ami.waitFor('Event: FullyBooted');
    expect(booted.map((line) => line.split(':')[0])).toEqual(recorded[1].lines.map((line) => line.split(':')[0]));
    const auth = await ami.waitFor('Event: SuccessfulAuth');
    expect(auth.map((line) => line.split(':')[0])).toEqual(recorded[2].lines.map((line) => line.split(':')[0]));
    expect(auth).toContain('AccountID: receptivo');
    expect(server.sessions()).toBe(1);

    ami.send(['Action: Ping', 'ActionID: ping-2']);
    const pong = await ami.waitFor('Response: Success', 1);
    expect(pong.slice(0, 3)).toEqual(['Response: Success', 'ActionID: ping-2', 'Ping: Pong']);
    expect(pong[3]).toMatch(/^Timestamp: \d{10}\.\d{6}$/);

    ami.send(['Action: Logoff', 'ActionID: logoff-12']);
    expect(await ami.waitFor('Response: Goodbye')).toEqual(recorded.at(-1)!.lines);
    await ami.closed;
    expect(server.sessions()).toBe(0);
  });

  it('gives a session logged in with `Events: off` its answers only', async () => {
    const quiet = client();
    expect(await quiet.login(credentials.secret, ['Events: off'])).toEqual(['Response: Success', 'ActionID: login-1', 'Message: Authentication accepted']);
    const { events } = await manager();
    server.send(['Event: AgentCalled', 'Interface: PJSIP/1001']);
    await until(() => events.some((event) => event.event === 'AgentCalled'));
    quiet.send(['Action: Ping', 'ActionID: ping-1']);
    await quiet.waitFor('Response: Success', 1);
    expect(quiet.frames().map((frame) => frame[0])).toEqual(['Response: Success', 'Response: Success']);
  });

  it('refuses a wrong secret after Asterisk’s one second and closes; nothing but Login and Logoff before that', async () => {
    const slow = await startAmiReplayServer(credentials);
    try {
      const ami = rawClient(slow.port);
      ami.send(['Action: QueueStatus', 'ActionID: early-1']);
      expect(await ami.waitFor('Response: Error')).toEqual(['Response: Error', 'ActionID: early-1', 'Message: Permission denied']);
      const started = Date.now();
      ami.send(['Action: Login', 'ActionID: login-1', 'Username: receptivo', 'Secret: wrong']);
      await ami.closed;
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(ami.frames()[1]).toEqual(['Response: Error', 'ActionID: login-1', 'Message: Authentication failed']);
      expect(slow.sessions()).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('answers every recorded QueueStatus and CoreShowChannels exactly as Asterisk did, from the snapshot of that moment', async () => {
    const ami = client();
    await ami.login();
    const recorded = readTranscript(PAUSE_STATUS);
    const lists = recordedActions(PAUSE_STATUS).filter((action) => /^Action: (QueueStatus|CoreShowChannels)$/.test(action[0]));
    expect(lists).toHaveLength(6);
    for (const [index, action] of lists.entries()) {
      const id = action.find((line) => line.startsWith('ActionID: '))!;
      const answer = recorded.filter((message) => message.lines.includes(id));
      const complete = answer.at(-1)!;
      server.setSnapshot(snapshotFromTranscript(PAUSE_STATUS, complete.at));
      ami.send(action);
      await ami.waitFor(complete.lines[0], lists.slice(0, index).filter((earlier) => earlier[0] === action[0]).length);
      const frames = ami.frames().filter((frame) => frame.includes(id));
      expect(frames).toEqual(answer.map((message) => message.lines));
    }
  });

  it('lists to the real asterisk-manager client: the callback gets the start, the items and Complete carry the ActionID', async () => {
    server.setSnapshot(snapshotFromTranscript(PAUSE_STATUS, 4.6));
    const { manager: ami, events } = await manager();
    const response = await new Promise<AmiEvent>((resolve) => ami.action({ action: 'QueueStatus', actionid: 'qs-1' }, (_error, answer) => resolve(answer)));
    expect(response).toMatchObject({ response: 'Success', eventlist: 'start', message: 'Queue status will follow' });
    await until(() => events.some((event) => event.event === 'QueueStatusComplete'));
    const items = events.filter((event) => event.actionid === 'qs-1');
    expect(items.map((event) => event.event)).toEqual(['QueueParams', 'QueueMember', 'QueueMember', 'QueueStatusComplete']);
    expect(items[2]).toMatchObject({ name: 'Atendente 1002', location: 'Local/1002@agents', incall: '1' });
    expect(items[3]).toMatchObject({ eventlist: 'Complete', listitems: '3' });
  });

  it('pauses a known member as Asterisk did: Success, then DeviceStateChange and QueueMemberPause to every session; QueueStatus shows it', async () => {
    server.setSnapshot(snapshotFromTranscript(PAUSE_STATUS));
    const [ami, other] = [client(), client()];
    await ami.login();
    await other.login();
    const recorded = readTranscript(PAUSE_STATUS);
    const [pause, unpause] = recordedActions(PAUSE_STATUS).filter((action) => action[0] === 'Action: QueuePause');
    const withoutLastPause = (lines: string[]) => lines.filter((line) => !line.startsWith('LastPause:'));

    ami.send(pause);
    const pausedAt = Math.floor(Date.now() / 1000);
    const pausedMessages = recorded.filter((message) => message.at === 0.001).map((message) => message.lines);
    expect(await ami.waitFor('Response: Success', 1)).toEqual(pausedMessages.find((lines) => lines.includes('ActionID: queuepause-2')));
    for (const session of [ami, other]) {
      expect(await session.waitFor('Event: DeviceStateChange')).toEqual(pausedMessages.find((lines) => lines[0] === 'Event: DeviceStateChange'));
      const event = await session.waitFor('Event: QueueMemberPause');
      expect(withoutLastPause(event)).toEqual(withoutLastPause(pausedMessages.find((lines) => lines[0] === 'Event: QueueMemberPause')!));
      expect(Number(event.find((line) => line.startsWith('LastPause: '))!.slice(11))).toBeGreaterThanOrEqual(pausedAt - 1);
    }

    ami.send(['Action: QueueStatus', 'ActionID: qs-after', 'Member: Local/1001@agents']);
    await ami.waitFor('Event: QueueStatusComplete');
    const member = ami.frames().find((frame) => frame[0] === 'Event: QueueMember' && frame.includes('ActionID: qs-after'))!;
    expect(member).toEqual(expect.arrayContaining(['Location: Local/1001@agents', 'Paused: 1', 'PausedReason: Intervalo']));
    expect(ami.frames().filter((frame) => frame.includes('ActionID: qs-after')).map((frame) => frame[0])).toEqual([
      'Response: Success',
      'Event: QueueParams',
      'Event: QueueMember',
      'Event: QueueStatusComplete',
    ]);

    ami.send(unpause);
    const unpaused = recorded.filter((message) => message.at === 13.523).map((message) => message.lines);
    expect(await ami.waitFor('Response: Success', 3)).toEqual(unpaused.find((lines) => lines.includes('ActionID: queuepause-8')));
    expect(withoutLastPause(await other.waitFor('Event: QueueMemberPause', 1))).toEqual(
      withoutLastPause(unpaused.find((lines) => lines[0] === 'Event: QueueMemberPause')!),
    );
  });

  it('answers QueuePause of an unknown interface, or without Paused, with Asterisk’s errors', async () => {
    server.setSnapshot(snapshotFromTranscript(PAUSE_STATUS));
    const ami = client();
    await ami.login();
    ami.send(['Action: QueuePause', 'ActionID: p-1', 'Interface: PJSIP/9999', 'Paused: true']);
    ami.send(['Action: QueuePause', 'ActionID: p-2', 'Queue: suporte', 'Interface: Local/1001@agents', 'Paused: true']);
    ami.send(['Action: QueuePause', 'ActionID: p-3', 'Interface: Local/1001@agents']);
    await ami.waitFor('Response: Error', 2);
    expect(ami.frames().filter((frame) => frame[0] === 'Response: Error')).toEqual([
      ['Response: Error', 'ActionID: p-1', 'Message: Interface not found'],
      ['Response: Error', 'ActionID: p-2', 'Message: Interface not found'],
      ['Response: Error', 'ActionID: p-3', "Message: Need 'Interface' and 'Paused' parameters."],
    ]);
    expect(ami.frames().some((frame) => frame[0] === 'Event: QueueMemberPause')).toBe(false);
  });

  it('keeps every action received with lowercased keys, a repeated key as a list', async () => {
    const { manager: ami } = await manager();
    await new Promise((resolve) => ami.action({ action: 'Originate', channel: 'Local/08007770100@entrada', variable: { CPF: '12345678909', OPCAO: '2' } }, resolve));
    const [login, originate] = server.actions();
    expect(login).toMatchObject({ action: 'login', username: 'receptivo', secret: 's3cret' });
    expect(originate).toMatchObject({ action: 'Originate', channel: 'Local/08007770100@entrada', variable: ['CPF=12345678909', 'OPCAO=2'] });
  });

  it('sends a synthetic event, and raw bytes exactly as given: no colon, binary, a huge line, a message cut in half', async () => {
    const ami = client();
    await ami.login();
    const { events } = await manager();
    server.send(['Event: AgentCalled', 'Queue: atendimento', 'Interface: PJSIP/1001', 'Linkedid: 1.1']);
    await until(() => events.some((event) => event.event === 'AgentCalled'));
    expect(events.find((event) => event.event === 'AgentCalled')).toMatchObject({ interface: 'PJSIP/1001', linkedid: '1.1' });

    const before = ami.bytes().length;
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80, 0x1b, 0x5b, 0x30, 0x6d]);
    const huge = `Event: Huge\r\nData: ${'x'.repeat(1_000_000)}\r\n\r\n`;
    const head = 'Event: UserEvent\r\nUserEvent: URA\r\nCPF: 123';
    const tail = '45678909\r\n\r\n';
    const expected = Buffer.concat([Buffer.from('a line without colon\r\n\r\n'), garbage, Buffer.from(huge + head + tail)]);
    await server.sendRaw('a line without colon\r\n\r\n');
    await server.sendRaw(garbage);
    await server.sendRaw(huge);
    await server.sendRaw(head);
    await until(() => ami.bytes().length - before === expected.length - tail.length);
    // Half a message is no message yet: the client waits for its end.
    expect(events.some((event) => event.event === 'UserEvent')).toBe(false);
    await server.sendRaw(tail);
    await until(() => events.some((event) => event.event === 'UserEvent'));
    expect(ami.bytes().subarray(before).equals(expected)).toBe(true);
    expect(events.find((event) => event.event === 'UserEvent')).toMatchObject({ userevent: 'URA', cpf: '12345678909' });
  });

  it('drops every connection as a restarted Asterisk would, keeps listening, and a client logs in again', async () => {
    const first = await manager();
    const closed = new Promise<void>((resolve) => first.manager.on('close', () => resolve()));
    expect(server.sessions()).toBe(1);
    server.dropConnections();
    expect(server.sessions()).toBe(0);
    await closed;
    const again = await manager();
    expect(server.sessions()).toBe(1);
    server.send(['Event: Ping']);
    await until(() => again.events.some((event) => event.event === 'Ping'));
  });

  it('replays part of a call, and the rest after the connection was lost and a client is back', async () => {
    const connectAt = readTranscript(INBOUND).find((message) => message.lines[0] === 'Event: AgentConnect')!.at;
    const first = await manager();
    const sentBefore = await server.replay(INBOUND, { speed: Infinity, until: connectAt });
    await until(() => first.events.filter((event) => event.event !== 'FullyBooted' && event.event !== 'SuccessfulAuth').length === sentBefore);
    expect(first.events.find((event) => event.event === 'AgentCalled')).toMatchObject({ interface: 'Local/1001@agents', linkedid: '1795848992.0' });
    expect(first.events.some((event) => event.event === 'AgentConnect')).toBe(false);

    server.dropConnections();
    const second = await manager();
    const sentAfter = await server.replay(INBOUND, { speed: Infinity, from: connectAt });
    await until(() => second.events.some((event) => event.event === 'AgentComplete'));
    expect(second.events.some((event) => event.event === 'AgentConnect')).toBe(true);
    expect(second.events.some((event) => event.event === 'AgentCalled')).toBe(false);
    // Both parts together are the whole recording, the recording client's own answers left out.
    expect(sentBefore + sentAfter).toBe(await server.replay(INBOUND, Infinity));
  });

  it('offers a recording again as new calls: every channel id of a repetition is its own', async () => {
    const client = await manager();
    const first = await server.replay(INBOUND, { speed: Infinity });
    const second = await server.replay(INBOUND, { speed: Infinity, repetition: 1 });
    expect(second).toBe(first);
    const replayed = () => client.events.filter((event) => event.event !== 'FullyBooted' && event.event !== 'SuccessfulAuth');
    await until(() => replayed().length === first + second);
    const ids = (events: AmiEvent[]) => new Set(events.flatMap((event) => [event.uniqueid, event.linkedid, event.destuniqueid, event.destlinkedid]).filter(Boolean).map(String));
    const [once, again] = [ids(replayed().slice(0, first)), ids(replayed().slice(first))];
    expect([...once].every((id) => id.startsWith('1795848'))).toBe(true);
    expect([...again]).toEqual([...once].map((id) => id.replace(/^1795848/, '1796848')));
    expect(replayed().filter((event) => event.event === 'AgentCalled').map((event) => event.linkedid)).toEqual(['1795848992.0', '1796848992.0']);
  });

  it('paces a replay as recorded, and close() ends it early', async () => {
    const whole = await startAmiReplayServer(credentials);
    const total = await whole.replay(INBOUND, Infinity);
    await whole.close();
    const ami = client();
    await ami.login();
    const recorded = readTranscript(INBOUND);
    const firstAt = recorded.find((message) => message.lines[0].startsWith('Event: Newchannel'))!.at;
    const joinedAt = recorded.find((message) => message.lines[0] === 'Event: QueueCallerJoin')!.at;
    const started = Date.now();
    // inbound-answered lasts about 13 s: at 10× the whole replay would take over a second.
    const replaying = server.replay(INBOUND, { speed: 10 });
    await ami.waitFor('Event: QueueCallerJoin');
    expect(Date.now() - started).toBeGreaterThanOrEqual(((joinedAt - firstAt) * 1000) / 10 - 20);
    await server.close();
    expect(await replaying).toBeLessThan(total);
    await expect(server.replay(INBOUND, { speed: 0 })).rejects.toThrow('speed must be a positive number');
    await expect(server.replay(INBOUND, { speed: 10 })).rejects.toThrow('the PBX is closed');
  });

  // How late a message may leave depends on the machine's load (CI runs this beside a browser): the bench
  // reports the pace the fake PBX kept; this test holds the part that does not, never early.
  it('writes no message of a burst before it is due at 10×', async () => {
    const burst = join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami');
    const events = readTranscript(burst).filter((message) => message.lines[0].startsWith('Event:'));
    // The replay's clock starts at its first event other than the login's.
    const origin = events.find((message) => !/^Event: (FullyBooted|SuccessfulAuth)$/.test(message.lines[0]))!.at;
    const dueMs = events.filter((message) => message.lines[0] === 'Event: AgentCalled').map((message) => ((message.at - origin) * 1000) / 10);
    let startedAt = 0;
    const sentAt: number[] = [];
    await server.replay(burst, {
      speed: 10,
      beforeSending: () => {
        startedAt = performance.now();
      },
      onSent: (lines) => lines[0] === 'Event: AgentCalled' && sentAt.push(performance.now()),
    });
    expect(sentAt).toHaveLength(40);
    // A message leaves when the last of its half-millisecond batch is due: late, never early.
    const late = sentAt.map((at, index) => at - startedAt - dueMs[index]);
    expect(Math.min(...late)).toBeGreaterThan(0);
  });

  it('sends nothing before the work it is given to do first is done, even work that waits', async () => {
    const ami = client();
    await ami.login();
    let prepared = false;
    const sentBeforeThat: string[] = [];
    const total = await server.replay(INBOUND, {
      speed: Infinity,
      beforeSending: async () => {
        await new Promise(setImmediate);
        prepared = true;
      },
      onSent: (lines) => {
        if (!prepared) sentBeforeThat.push(lines[0]);
      },
    });
    expect(total).toBeGreaterThan(0);
    expect(sentBeforeThat).toEqual([]);
    await ami.waitFor('Event: Hangup');
  });

  it('tells a client that logs in at any point of a replay what the PBX has then: waiting, ringing, talking, gone', async () => {
    const idle = snapshotFromTranscript(PAUSE_STATUS);
    server.setSnapshot(idle);
    const [call] = transcriptMoments(INBOUND);
    const text = (event: AmiEvent | undefined, key: string) => String(event?.[key] ?? '');
    const login = async () => {
      const opened = await manager();
      return { ...opened, list: (action: string, id: string) => listed(opened, action, id) };
    };

    // Nobody is logged in while Asterisk rings 1001: the replay goes on all the same.
    expect(await server.replay(INBOUND, { speed: Infinity, until: (call.ringing! + call.connected!) / 2 })).toBeGreaterThan(0);
    expect(server.sessions()).toBe(0);
    const first = await login();
    const ringing = await first.list('QueueStatus', 'qs-ringing');
    expect(ringing.map((item) => item.event)).toEqual(['QueueParams', 'QueueMember', 'QueueMember', 'QueueEntry']);
    expect(ringing[0]).toMatchObject({ queue: 'atendimento', calls: '1' });
    expect(ringing.find((item) => item.location === 'Local/1001@agents')).toMatchObject({ status: '2', incall: '0' });
    expect(ringing[3]).toMatchObject({ position: '1', channel: call.callerChannel, uniqueid: call.callerUniqueid, calleridnum: '11987654321' });
    expect(Number(ringing[3].wait)).toBeLessThan(5);
    const channels = await first.list('CoreShowChannels', 'csc-ringing');
    expect(channels.map((item) => text(item, 'linkedid'))).toEqual(channels.map(() => call.linkedid));
    const memberLeg = channels.find((item) => text(item, 'channel').startsWith('Local/1001@agents-') && text(item, 'channel').endsWith(';1'));
    expect(memberLeg).toMatchObject({ channelstatedesc: 'Ringing', application: 'AppQueue', applicationdata: '(Outgoing Line)', bridgeid: '' });
    expect(await getvar(first.manager, text(memberLeg, 'channel'), 'URA_CPF')).toMatchObject({ response: 'Success', value: '12345678909' });

    // Killed; 1001 answers while nobody listens.
    first.manager.disconnect();
    await until(() => server.sessions() === 0);
    await server.replay(INBOUND, { speed: Infinity, from: (call.ringing! + call.connected!) / 2, until: (call.connected! + call.completed!) / 2 });
    const second = await login();
    const talking = await second.list('QueueStatus', 'qs-talking');
    expect(talking.map((item) => item.event)).toEqual(['QueueParams', 'QueueMember', 'QueueMember']);
    expect(talking.find((item) => item.location === 'Local/1001@agents')).toMatchObject({ incall: '1' });
    const bridged = await second.list('CoreShowChannels', 'csc-talking');
    const caller = bridged.find((item) => item.uniqueid === call.callerUniqueid)!;
    const agent = bridged.find((item) => item.channel === memberLeg!.channel)!;
    expect(text(caller, 'bridgeid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(agent).toMatchObject({ bridgeid: caller.bridgeid, linkedid: call.linkedid, connectedlinenum: '11987654321' });
    expect(await getvar(second.manager, text(caller, 'channel'), 'URA_OPCAO')).toMatchObject({ value: '2' });

    // The rest of the call; then nothing of it is left.
    await server.replay(INBOUND, { speed: Infinity, from: (call.connected! + call.completed!) / 2 });
    expect(await second.list('CoreShowChannels', 'csc-after')).toEqual([]);
    const after = await second.list('QueueStatus', 'qs-after');
    expect(after.map((item) => item.event)).toEqual(['QueueParams', 'QueueMember', 'QueueMember']);
    expect(after[0]).toMatchObject({ calls: '0', completed: String(Number(text(ringing[0], 'completed')) + 1) });
    expect(after.find((item) => item.location === 'Local/1001@agents')).toMatchObject({ incall: '0', status: '1' });
    expect(await getvar(second.manager, text(caller, 'channel'), 'URA_CPF')).toMatchObject({ response: 'Error', message: 'No such channel' });
  });

  it('moves the recorded member times to now, in the events as in QueueStatus', async () => {
    server.setSnapshot(snapshotFromTranscript(PAUSE_STATUS));
    const client = await manager();
    const recorded = readTranscript(INBOUND);
    const lastStatus = recorded.filter((message) => message.lines[0] === 'Event: QueueMemberStatus').at(-1)!;
    const recordedLastCall = Number(lastStatus.lines.find((line) => line.startsWith('LastCall: '))!.slice(10));
    // In the recording LastCall is the moment of that event, by the recording's clock.
    expect(Math.abs(recordedLastCall - recordedClock(recorded)!(lastStatus.at) / 1000)).toBeLessThan(1.5);

    await server.replay(INBOUND, { speed: Infinity });
    const endedAt = Date.now() / 1000;
    await until(() => client.events.filter((event) => event.event === 'QueueMemberStatus').length === 2);
    const status = client.events.filter((event) => event.event === 'QueueMemberStatus').at(-1)!;
    expect(Math.abs(Number(status.lastcall) - endedAt)).toBeLessThan(2);
    const members = await listed(client, 'QueueStatus', 'qs-1');
    expect(members.find((item) => item.location === status.interface)).toMatchObject({ lastcall: status.lastcall, callstaken: status.callstaken });
  });

  it('keeps a member paused here paused in the recorded member events, until a QueuePause unpauses it', async () => {
    server.setSnapshot(snapshotFromTranscript(PAUSE_STATUS));
    const client = await manager();
    const pause = (paused: boolean) =>
      new Promise<AmiEvent>((resolve) =>
        client.manager.action({ action: 'QueuePause', interface: 'Local/1001@agents', paused: String(paused), reason: 'Pós-atendimento' }, (_error, answer) => resolve(answer)),
      );
    expect(await pause(true)).toMatchObject({ response: 'Success' });
    // In the recording 1001 was not paused: its QueueMemberStatus events say `Paused: 0`.
    await server.replay(INBOUND, { speed: Infinity });
    await until(() => client.events.filter((event) => event.event === 'QueueMemberStatus').length === 2);
    const statuses = client.events.filter((event) => event.event === 'QueueMemberStatus');
    expect(statuses.map((event) => [event.interface, event.paused, event.pausedreason])).toEqual([
      ['Local/1001@agents', '1', 'Pós-atendimento'],
      ['Local/1001@agents', '1', 'Pós-atendimento'],
    ]);
    expect((await listed(client, 'QueueStatus', 'qs-paused')).find((item) => item.location === 'Local/1001@agents')).toMatchObject({ paused: '1', incall: '0' });
    expect(await pause(false)).toMatchObject({ response: 'Success' });
    await server.replay(INBOUND, { speed: Infinity });
    await until(() => client.events.filter((event) => event.event === 'QueueMemberStatus').length === 4);
    expect(client.events.filter((event) => event.event === 'QueueMemberStatus').map((event) => event.paused)).toEqual(['1', '1', '0', '0']);
  });

  it('answers Getvar as manager.c does: the value, empty when unset, errors for no channel or no variable', async () => {
    const [call] = transcriptMoments(URA_DATA);
    await server.replay(URA_DATA, { speed: Infinity, until: call.joined! + 0.01 });
    const ami = client();
    await ami.login();
    ami.send(['Action: Getvar', 'ActionID: gv-1', `Channel: ${call.callerChannel}`, 'Variable: URA_SEGMENTO']);
    ami.send(['Action: Getvar', 'ActionID: gv-2', `Channel: ${call.callerChannel}`, 'Variable: NUNCA_DEFINIDA']);
    ami.send(['Action: Getvar', 'ActionID: gv-3', 'Channel: PJSIP/9999-00000001', 'Variable: URA_CPF']);
    ami.send(['Action: Getvar', 'ActionID: gv-4', `Channel: ${call.callerChannel}`]);
    await ami.waitFor('Response: Error', 1);
    expect(ami.frames().filter((frame) => /^ActionID: gv-/.test(frame[1]))).toEqual([
      ['Response: Success', 'ActionID: gv-1', 'Variable: URA_SEGMENTO', 'Value: PREMIUM'],
      ['Response: Success', 'ActionID: gv-2', 'Variable: NUNCA_DEFINIDA', 'Value: '],
      ['Response: Error', 'ActionID: gv-3', 'Message: No such channel'],
      ['Response: Error', 'ActionID: gv-4', 'Message: No variable specified'],
    ]);
  });

  it('lists members added, re-weighted, paused and removed after the start as QueueStatus shows them', async () => {
    server.setSnapshot(snapshotFromTranscript(PAUSE_STATUS));
    const client = await manager();
    const member = async (id: string) => (await listed(client, 'QueueStatus', id)).find((item) => item.location === 'PJSIP/1003');
    const memberEvent = (event: string, penalty = '0') => queueMemberEvent(event, { memberInterface: 'PJSIP/1003', name: 'Atendente 1003', Penalty: penalty });
    expect(await member('qs-1')).toBeUndefined();
    server.send(memberEvent('QueueMemberAdded'));
    expect(await member('qs-2')).toMatchObject({ name: 'Atendente 1003', membership: 'dynamic', penalty: '0', paused: '0' });
    server.send(memberEvent('QueueMemberPenalty', '2'));
    expect(await member('qs-3')).toMatchObject({ penalty: '2' });
    const paused = await new Promise<AmiEvent>((resolve) =>
      client.manager.action({ action: 'QueuePause', interface: 'PJSIP/1003', paused: 'true', reason: 'Almoço' }, (_error, answer) => resolve(answer)),
    );
    expect(paused).toMatchObject({ response: 'Success', message: 'Interface paused successfully' });
    expect(await member('qs-4')).toMatchObject({ penalty: '2', paused: '1', pausedreason: 'Almoço' });
    server.send(memberEvent('QueueMemberRemoved'));
    expect(await member('qs-5')).toBeUndefined();
  });
});
