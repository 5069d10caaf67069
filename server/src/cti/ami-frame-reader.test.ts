import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Manager from 'asterisk-manager';
import { readEnvironment } from '../config/environment';
import { QUEUE_STATS_EVENTS, QueueStats } from '../supervision/queue-stats';
import { AmiFrameReader, type FrameDoor, connectWithFastReader, parseFrame } from './ami-frame-reader';
import { type AmiEvent, type CallEffect, CallTracker, trackerReads } from './call-tracker';
import { type AmiReplayServer, startAmiReplayServer } from './replay/ami-replay-server';
import { AMI_FIXTURES_DIR, AMI_LOAD_FIXTURES_DIR } from './replay/fixtures';
import { until } from '../testing/until';

const credentials = { username: 'receptivo', secret: 's3cret' };
const START = ['Event: UserEvent', 'UserEvent: ReaderTestStart'];
const END = ['Event: UserEvent', 'UserEvent: ReaderTestEnd'];

/**
 * A logged-in client, by the library's own reader or by ours (with a door, maybe; `eventsAsRead`:
 * events handed over as they are read, as AmiLink takes them), keeping everything it hands on, in order.
 */
async function client(port: number, fast: boolean, door?: FrameDoor, eventsAsRead = false) {
  const manager = Manager(undefined, '127.0.0.1', credentials.username, credentials.secret, true);
  const received: Array<[string, AmiEvent]> = [];
  const onEvent = (event: AmiEvent) => received.push(['managerevent', event]);
  manager.on('managerevent', onEvent);
  manager.on('asterisk', (frame) => received.push(['asterisk', frame]));
  manager.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const login = () => manager.login((error) => (error ? reject(new Error(String(error.message))) : resolve()));
    if (fast) connectWithFastReader(manager, port, '127.0.0.1', login, { door, ...(eventsAsRead && { onEvent }) });
    else manager.connect(port, '127.0.0.1', login);
  });
  const ended = () => received.some(([, event]) => event.userevent === 'ReaderTestEnd');
  /** From the start mark on: the logins before it differ by their action ids and order. */
  const fromStart = () => received.slice(received.findIndex(([, event]) => event.userevent === 'ReaderTestStart'));
  return { manager, received, ended, fromStart };
}

describe('AMI frame reader', () => {
  let server: AmiReplayServer;
  beforeAll(async () => {
    server = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  const recordings = [
    ...readdirSync(AMI_FIXTURES_DIR).map((file) => join(AMI_FIXTURES_DIR, file)),
    ...readdirSync(AMI_LOAD_FIXTURES_DIR).map((file) => join(AMI_LOAD_FIXTURES_DIR, file)),
  ]
    .filter((file) => file.endsWith('.ami'))
    .map((file) => [basename(file), file]);

  /** A door that lets everything in: what passes the door reads as the library reads it too. */
  const admitsAll: FrameDoor = { admits: () => true, dropped: () => undefined };

  it.each(
    recordings.flatMap(([name, file]) => [
      [`${name}`, file, false, undefined] as const,
      [`${name} (events as read)`, file, true, undefined] as const,
      [`${name} (events as read, through a door)`, file, true, admitsAll] as const,
    ]),
  )('hands on every message of %s exactly as asterisk-manager’s own reader does', async (_name, file, eventsAsRead, door) => {
    const library = await client(server.port, false);
    const fast = await client(server.port, true, door, eventsAsRead);
    try {
      server.send(START);
      const sent = await server.replay(file, { speed: Infinity });
      // What a PBX may also send: a key without a space, a value holding ': ', variables, repeats, an empty value.
      server.send(['Event: VarSet', 'Variable: URA_CPF=123=45', 'Value: a: b', 'Odd:NoSpace', 'Repeated: 1', 'Repeated: 2', 'Repeated: 3', 'Empty: ']);
      server.send(END);
      await until(() => library.ended() && fast.ended(), 'both clients at the end', 20_000);
      expect(fast.fromStart().length).toBe(sent + 3);
      expect(fast.fromStart()).toEqual(library.fromStart());
    } finally {
      library.manager.disconnect();
      fast.manager.disconnect();
    }
  });

  it.each(recordings)('%s through the door: the events the product does not read are dropped unparsed, and it tracks and counts the same', async (_name, file) => {
    const environment = readEnvironment({});
    const config = { agentPattern: new RegExp(environment.CTI_AGENT_PATTERN), uraFields: environment.CTI_URA_FIELDS };
    const reads = trackerReads(config);
    const dropped: AmiEvent[] = [];
    const door: FrameDoor = {
      // The start and end marks pass: they tell where the recording is.
      admits: (event, frame) => {
        if (frame.includes('ReaderTestStart')) dropped.length = 0;
        return reads(event, frame) || QUEUE_STATS_EVENTS.includes(event) || frame.includes('ReaderTest');
      },
      dropped: (frame) => dropped.push(parseFrame(frame)),
    };
    const library = await client(server.port, false);
    const fast = await client(server.port, true, door);
    try {
      server.send(START);
      await server.replay(file, { speed: Infinity });
      server.send(END);
      await until(() => library.ended() && fast.ended(), 'both clients at the end', 20_000);
      const everything = library.fromStart().map(([, event]) => event);
      const admitted = fast.fromStart().map(([, event]) => event);
      // Every event is either handed on or dropped, each in the order sent, and a dropped one reads as the library reads it.
      const inOrderWithin = (part: AmiEvent[]) => {
        let found = 0;
        for (const event of everything) if (found < part.length && isDeepStrictEqual(event, part[found])) found += 1;
        return found === part.length;
      };
      const sorted = (events: AmiEvent[]) => events.map((event) => JSON.stringify(Object.entries(event).sort(([a], [b]) => a.localeCompare(b)))).sort();
      expect(inOrderWithin(admitted)).toBe(true);
      expect(inOrderWithin(dropped)).toBe(true);
      expect(sorted([...admitted, ...dropped])).toEqual(sorted(everything));
      if (file.includes('burst')) expect(dropped.length).toBeGreaterThan(everything.length * 0.8);

      const outcome = (events: AmiEvent[]) => {
        const tracker = new CallTracker(config);
        const stats = new QueueStats({ serviceLevelSeconds: 20, windowMs: 3_600_000 });
        const effects: CallEffect[] = [];
        let figuresChanged = 0;
        events.forEach((event, index) => {
          effects.push(...tracker.track(event, index * 10));
          if (stats.apply(event, index * 10)) figuresChanged += 1;
        });
        return { effects: effects.map((effect) => ({ ...effect, ...('call' in effect && { call: effect.call.id }) })), figuresChanged, agents: tracker.agents };
      };
      const all = outcome(everything);
      const throughTheDoor = outcome(admitted);
      expect(throughTheDoor.figuresChanged).toBe(all.figuresChanged);
      expect(throughTheDoor.agents).toEqual(all.agents);
      // Times differ (one step per event read): compare what happened, not when.
      const what = (effects: typeof all.effects) => effects.map((effect) => JSON.stringify({ ...effect, waitSeconds: undefined, talkSeconds: undefined, endedAt: undefined }));
      expect(what(throughTheDoor.effects)).toEqual(what(all.effects));
    } finally {
      library.manager.disconnect();
      fast.manager.disconnect();
    }
  });

  it('reads the same however the bytes are cut: CRLF or LF, the greeting, Response: Follows, a blank line alone, a character of several bytes', () => {
    const text = [
      'Asterisk Call Manager/11.0.0\r\n',
      'Response: Success\r\nActionID: ping-1\r\nPing: Pong\r\n\r\n',
      'Event: Newchannel\nChannel: PJSIP/1001-00000001\nLinkedid: 1.2\nCallerIDName: João Conceição\n\n',
      'Response: Follows\r\nPrivilege: Command\r\nActionID: command-7\r\nline one\r\nline: two\r\n--END COMMAND--\r\n\r\n',
      '\r\n',
      'Event: Hangup\r\nCause: 16\r\n\r\n',
    ].join('');
    const bytes = Buffer.from(text);
    const read = (chunks: Buffer[], door?: FrameDoor) => {
      const frames: AmiEvent[] = [];
      const reader = new AmiFrameReader((frame) => frames.push(frame), door);
      for (const chunk of chunks) reader.push(chunk);
      return frames;
    };
    const whole = read([bytes]);
    expect(whole).toEqual([
      { response: 'Success', actionid: 'ping-1', ping: 'Pong' },
      { event: 'Newchannel', channel: 'PJSIP/1001-00000001', linkedid: '1.2', calleridname: 'João Conceição' },
      { response: 'follows', content: 'Response: Follows\nPrivilege: Command\nActionID: command-7\nline one\nline: two', actionid: 'command-7' },
      {},
      { event: 'Hangup', cause: '16' },
    ]);
    for (let size = 1; size <= 7; size++) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) => bytes.subarray(index * size, (index + 1) * size));
      expect(read(chunks)).toEqual(whole);
      expect(read(chunks, admitsAll)).toEqual(whole);
    }
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(read([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
      expect(read([bytes.subarray(0, cut), bytes.subarray(cut)], admitsAll)).toEqual(whole);
    }
  });

  it('reads events of one name whose headers come in another order, one more or one fewer, as the library does', () => {
    const events = [
      'Event: QueueMemberStatus\r\nQueue: q\r\nInterface: PJSIP/1001\r\nStatus: 1\r\nPaused: 0\r\n\r\n',
      'Event: QueueMemberStatus\r\nQueue: q\r\nInterface: PJSIP/1002\r\nStatus: 2\r\nPaused: 0\r\n\r\n',
      'Event: QueueMemberStatus\r\nInterface: PJSIP/1003\r\nQueue: q\r\nPaused: 1\r\nPausedReason: Almoço\r\nStatus: 1\r\n\r\n',
      'Event: QueueMemberStatus\r\nQueue: q\r\nInterfaces: PJSIP/1004\r\nStatus: \r\nStatus: 6\r\n\r\n',
      'Event: QueueMemberStatus\r\nQueue: q\r\n\r\n',
      'Event: QueueMemberStatus\r\nQueue: q\r\nInterface: PJSIP/1005\r\nStatus:6\r\nStatus: 6\r\n\r\n',
    ];
    const read: AmiEvent[] = [];
    const reader = new AmiFrameReader((frame) => read.push(frame), admitsAll);
    for (const event of events) reader.push(Buffer.from(event));
    expect(read).toEqual(events.map((event) => parseFrame(event)));
    expect(read[3]).toEqual({ event: 'QueueMemberStatus', queue: 'q', interfaces: 'PJSIP/1004', status: ['', '6'] });
    expect(read[5]).toEqual({ event: 'QueueMemberStatus', queue: 'q', interface: 'PJSIP/1005', 'status:6': '', status: '6' });
  });

  it('reads events whose headers repeat, change, and come back as the library does, however often each layout comes', () => {
    const agentCalled = (linkedid: string, lines: string[]) => `Event: AgentCalled\r\n${lines.join('\r\n')}\r\nLinkedid: ${linkedid}\r\n\r\n`;
    const usual = ['Queue: suporte', 'Variable: URA_CPF=12345678909', 'Variable: __URA_OPCAO=2', 'Interface: Local/1001@agents', 'Status: 1', 'Status: 6', 'Variable: EMPTY'];
    const fewer = usual.slice(0, 4);
    const reordered = [usual[3], ...usual.slice(0, 3), ...usual.slice(4)];
    const more = [...usual, 'Extra: x'];
    const events = [
      ...['1.1', '1.2', '1.3'].map((linkedid) => agentCalled(linkedid, usual)),
      agentCalled('1.4', fewer),
      agentCalled('1.5', usual),
      // The first headers of the usual ones and no more.
      `Event: AgentCalled\r\n${usual.join('\r\n')}\r\n\r\n`,
      agentCalled('1.6', more),
      agentCalled('1.7', usual),
      // The same names with LF alone, and a value with `: ` in it.
      `Event: AgentCalled\n${usual.join('\n')}\nLinkedid: 1.8\n\n`,
      agentCalled('1.9', ['Queue: a: b', ...usual.slice(1)]),
      // Another layout for good, long enough to take the place of the first, then the first again.
      ...Array.from({ length: 12 }, (_, index) => agentCalled(`2.${index}`, reordered)),
      agentCalled('3.1', usual),
      agentCalled('3.2', usual),
      // A name an empty object already has, in events of a name of their own, each after the same headers.
      ...['1', '2', '3'].map((position) => `Event: QueueCallerJoin\r\nQueue: q\r\nConstructor: x\r\nPosition: ${position}\r\n\r\n`),
    ];
    const read: AmiEvent[] = [];
    const reader = new AmiFrameReader((frame) => read.push(frame), admitsAll);
    for (const event of events) reader.push(Buffer.from(event));
    const expected = events.map((event) => parseFrame(event));
    expect(read).toHaveLength(expected.length);
    // Node's strict comparison: jest's toStrictEqual compares `constructor`, which is a header here.
    expect(read.filter((event, index) => !isDeepStrictEqual(event, expected[index]))).toEqual([]);
    expect(read[3]).toStrictEqual({ event: 'AgentCalled', queue: 'suporte', variable: { URA_CPF: '12345678909', __URA_OPCAO: '2' }, interface: 'Local/1001@agents', linkedid: '1.4' });
    expect(read[2]).toStrictEqual({ event: 'AgentCalled', queue: 'suporte', variable: { URA_CPF: '12345678909', __URA_OPCAO: '2', EMPTY: '' }, interface: 'Local/1001@agents', status: ['1', '6'], linkedid: '1.3' });
  });

  it('names the first header name AMI never sends, in an event read in place or line by line, each time it comes', () => {
    const told: Array<[string | undefined, AmiEvent]> = [];
    const reader = new AmiFrameReader((frame, invalidKey) => told.push([invalidKey, frame]), admitsAll);
    const odd = 'Event: Newchannel\r\nLinkedid: 1.1\r\nBad Key!: x\r\nOther Bad: y\r\n\r\n';
    // LF and CRLF mixed: the line reader takes it.
    const mixed = 'Event: Newchannel\nLinkedid: 1.3\r\nBad Key!: z\n\n';
    reader.push(Buffer.from(`Event: Newchannel\r\nLinkedid: 1.0\r\n\r\n${odd}${odd}${mixed}Event: Newchannel\r\nLinkedid: 1.2\r\n\r\n`));
    expect(told.map(([invalidKey, frame]) => [invalidKey, frame.linkedid])).toEqual([
      [undefined, '1.0'],
      ['bad key!', '1.1'],
      ['bad key!', '1.1'],
      ['bad key!', '1.3'],
      [undefined, '1.2'],
    ]);
  });

  it('tells the door which events carry channel variables, however the bytes are cut', () => {
    const messages = [
      'Event: Newchannel\r\nChannel: PJSIP/1001-00000001\r\nLinkedid: 1.2\r\nChanVariable: URA_CPF=12345678909\r\n\r\n',
      'Event: VarSet\r\nChannel: PJSIP/1001-00000001\r\nVariable: ChanVariable\r\nValue: não é uma\r\n\r\n',
      'Event: Newexten\r\nChannel: PJSIP/1001-00000001\r\nAppData: ChanVariable\r\n\r\n',
      'Event: Hangup\r\nCause: 16\r\nChanVariable: URA_PROTOCOLO=\r\nChanVariable: URA_CPF=1\r\n\r\n',
      'Event: Cdr\r\nSource: 1001\r\n\r\n',
    ];
    const expected = messages.map((message) => [message.slice(7, message.indexOf('\r')), message.includes('\nChanVariable')]);
    expect(expected.map(([, carries]) => carries)).toEqual([true, false, false, true, false]);
    const bytes = Buffer.from(messages.join(''));
    const told = (chunks: Buffer[]) => {
      const seen: Array<[string, boolean]> = [];
      const reader = new AmiFrameReader(() => undefined, {
        admits: (event, _frame, channelVariables) => {
          seen.push([event, channelVariables]);
          return false;
        },
        dropped: () => undefined,
      });
      for (const chunk of chunks) reader.push(chunk);
      return seen;
    };
    expect(told([bytes])).toEqual(expected);
    for (let cut = 1; cut < bytes.length; cut++) expect(told([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(expected);
  });

  it('what is kept of the events read does not keep the 64 kB chunks they came in alive', () => {
    // V8's own collector, for this test: memory in use is only comparable right after a collection.
    // The flag is put back at once, or every context made after it in this worker would have `gc` too.
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
    expect(runInNewContext('typeof gc')).toBe('undefined');
    const kept: string[] = [];
    const reader = new AmiFrameReader((event) => kept.push(event.channel as string), { admits: (event) => event === 'AgentCalled', dropped: () => undefined });
    const newexten = 'Event: Newexten\r\nChannel: Local/1001@agents-00000001;1\r\nApplication: Wait\r\n\r\n';
    const chunks = 400;
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let index = 0; index < chunks; index++) {
      // A chunk of events the door drops, and one it admits at the end, as in a burst.
      const text = newexten.repeat(Math.floor(64_000 / newexten.length)) + `Event: AgentCalled\r\nChannel: Local/${1000 + index}@agents\r\n\r\n`;
      reader.push(Buffer.from(text));
    }
    collect();
    const grownMb = (process.memoryUsage().heapUsed - before) / 1e6;
    expect(kept).toHaveLength(chunks);
    expect(kept.at(-1)).toBe(`Local/${1000 + chunks - 1}@agents`);
    // 400 chunks kept alive would be 25.6 MB; their channels alone are a few kB.
    expect(grownMb).toBeLessThan(5);
  });

  it('tells when a read begins and when every event it brought has been handled, for each read of a burst', async () => {
    const manager = Manager(undefined, '127.0.0.1', credentials.username, credentials.secret, true);
    manager.on('error', () => undefined);
    const steps: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const login = () => manager.login((error) => (error ? reject(new Error(String(error.message))) : resolve()));
      connectWithFastReader(manager, server.port, '127.0.0.1', login, {
        onRead: () => steps.push('read'),
        onEvent: (event) => steps.push(String(event.userevent ?? 'event')),
        onHandled: () => steps.push('handled'),
      });
    });
    try {
      server.send(START);
      await server.replay(join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami'), { speed: Infinity });
      server.send(END);
      await until(() => steps.includes('ReaderTestEnd'), 'the end mark', 20_000);
      const fromStart = steps.slice(steps.lastIndexOf('read', steps.indexOf('ReaderTestStart')));
      // Each read, then its events, then handled: no event of a read comes after it is said to be handled.
      const reads = fromStart.join(' ').split(' handled').map((part) => part.trim().split(' '));
      expect(reads.at(-1)).toEqual(['']);
      expect(reads.length).toBeGreaterThan(2);
      for (const read of reads.slice(0, -1)) expect([read[0], read.lastIndexOf('read')]).toEqual(['read', 0]);
    } finally {
      manager.disconnect();
    }
  });

  it('keeps asterisk-manager’s connection: actions and their answers still go through the library', async () => {
    const fast = await client(server.port, true);
    try {
      const answer = await new Promise<AmiEvent>((resolve, reject) =>
        fast.manager.action({ action: 'Ping' }, (error, response) => (error ? reject(new Error(String(error.message))) : resolve(response))),
      );
      expect(answer).toMatchObject({ response: 'Success', ping: 'Pong' });
    } finally {
      fast.manager.disconnect();
    }
  });
});
