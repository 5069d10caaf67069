import { type Server, type Socket, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { freePort } from '../../common/free-port';
import { type AmiListSnapshot, hasRecordedTimes, readTranscript, recordedClock, renumberCalls, shiftRecordedTimes } from './ami-transcript';
import { PbxModel, parse } from './pbx-model';

/** An action as received: keys lowercased, a repeated key (several `Variable:`) as an array. */
export type AmiAction = Record<string, string | string[]>;

export interface AmiReplayServerOptions {
  username: string;
  secret: string;
  /** Default: a free port. */
  port?: number;
  /** Asterisk sleeps 1 s before refusing a login (manager.c action_login). Default 1000. */
  refusalDelayMs?: number;
  /**
   * The queues, members, waiting callers and channels Asterisk has at start (as QueueStatus and
   * CoreShowChannels items); every message sent afterwards moves them on. Default: nothing.
   */
  snapshot?: AmiListSnapshot;
  /**
   * The manager user's manager.conf settings, enforced as Asterisk does: `read` classes and
   * `eventfilter` lines decide which events its sessions hear, `write` classes which actions it may
   * send. Default: `read = all`, `write = all`, no filters.
   */
  managerUser?: { read?: string[]; write?: string[]; eventFilters?: string[] };
}

export interface ReplayOptions {
  /** Times faster than recorded; Infinity sends without pauses. Default 1. */
  speed?: number;
  /** Only the messages recorded at or after `from` and before `until` (seconds since the recording's connect). */
  from?: number;
  until?: number;
  /** The n-th offer of the same recording (0: as recorded): its calls get ids of their own (renumberCalls). */
  repetition?: number;
  /** Told of each message as it goes out to the sessions (benchmarks time what follows from it). */
  onSent?: (lines: string[]) => void;
  /**
   * Runs once the replay is prepared, before its first message leaves (a promise is awaited): a
   * benchmark's fake PBX collects the garbage of reading the recording there, not in the middle of a burst.
   */
  beforeSending?: () => void | Promise<void>;
}

export interface AmiReplayServer {
  port: number;
  /** Sockets logged in now. */
  sessions(): number;
  /** Resolves once a session is logged in (at once if one is). */
  untilLoggedIn(): Promise<void>;
  /** Every action received, Login included, in order. */
  actions(): AmiAction[];
  /**
   * Sends the unsolicited events of a recorded transcript to the logged-in sessions, paced as
   * recorded, logged in or not: the PBX's state moves on either way, and QueueStatus,
   * CoreShowChannels and Getvar answer as it stands. Member times (LastCall, LastPause,
   * LoginTime) are moved from the recording's clock to now; a member paused by QueuePause here
   * stays paused in the recorded member events. Resolves with how many were sent (fewer when
   * close() ends it early); rejects once closed, so a loop of replays ends with the PBX.
   * A number is the speed.
   */
  replay(transcriptFile: string, options?: ReplayOptions | number): Promise<number>;
  /** Sends one message (its `Key: Value` lines) to the logged-in sessions; the PBX's state takes it in. */
  send(lines: string[]): void;
  /** Writes bytes as they are (malformed frames, half messages); resolves once handed to the sockets. */
  sendRaw(data: string | Uint8Array): Promise<void>;
  /** Replaces the PBX's queues, members, waiting callers and channels with these items. */
  setSnapshot(snapshot: AmiListSnapshot): void;
  /** Stops answering Ping (a hung Asterisk whose socket stays open). */
  muteHeartbeat(): void;
  /** Closes every connection as an Asterisk restart would; the port keeps listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

type Reply = (response: string, message?: string, extra?: string[]) => string;

interface Session {
  loggedIn: boolean;
  /** `Events: off` at login: the session gets answers only. */
  events: boolean;
  connectedAt: Date;
  id: string;
  partial: string;
  lines: string[];
}

/** Slept on by the replay's pacing (Atomics.wait); never notified. */
const SLEEPER = new Int32Array(new SharedArrayBuffer(4));
const CRLF = '\r\n';
const frame = (lines: string[]) => `${lines.join(CRLF)}${CRLF}${CRLF}`;

/**
 * Messages due within this long of the first of them leave in one write, when the last of them is
 * due (never before it), as a busy PBX's TCP stream carries them.
 */
const BATCH_MS = 0.5;

/**
 * The messages in order, in batches of those due within `withinMs` of each batch's first. Made before
 * the first message leaves: paced one by one (a sleep and a clock read for each message the session
 * does not hear), the fake PBX ran behind the 1,752 messages around a 10× burst's 40 AgentCalled
 * (2.9 ms recorded, 3.8–7 ms sent) and held the core it shares with the desks for all of it.
 */
function dueTogether<Message extends { dueMs: number }>(messages: readonly Message[], withinMs: number): Message[][] {
  const batches: Message[][] = [];
  for (const message of messages) {
    const last = batches[batches.length - 1];
    if (last && message.dueMs - last[0].dueMs < withinMs) last.push(message);
    else batches.push([message]);
  }
  return batches;
}

/** Asterisk's ast_true. */
const isTrue = (value: string) => /^(yes|true|y|t|1|on)$/i.test(value.trim());
/** Asterisk's event timestamps: 2026-11-28T06:57:30.784+0000. */
const eventTv = (date: Date) => date.toISOString().replace('Z', '+0000');

function field(lines: string[], key: string): string {
  const prefix = `${key.toLowerCase()}:`;
  const line = lines.find((candidate) => candidate.toLowerCase().startsWith(prefix));
  return line === undefined ? '' : line.slice(prefix.length).trim();
}

function setField(lines: string[], key: string, value: string): void {
  const index = lines.findIndex((line) => line.toLowerCase().startsWith(`${key.toLowerCase()}:`));
  if (index >= 0) lines[index] = `${key}: ${value}`;
}

function header(action: AmiAction, key: string): string {
  const value = action[key];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function parseAction(lines: string[]): AmiAction {
  const action: AmiAction = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = action[key];
    action[key] = previous === undefined ? value : [...[previous].flat(), value];
  }
  return action;
}

/** The write classes an action needs, any one of them (manager.c and app_queue.c register them so); unlisted actions need none. */
const ACTION_CLASSES: Record<string, string[]> = {
  getvar: ['call', 'reporting'],
  queuepause: ['agent'],
  coreshowchannels: ['system', 'reporting'],
  originate: ['originate'],
};

/**
 * Whether a session of a manager user hears an event, as manager.c decides it: the event's classes
 * (its Privilege header, `all` aside) must meet the user's read classes, then its eventfilter lines
 * (regular expressions over the event's text; `!` for those that exclude) must let it through.
 * Asterisk compiles them as POSIX extended expressions without REG_NEWLINE, where `.` also matches a
 * line break: the `s` flag. Compiled once, not for each of a burst's thousands of events.
 */
export function managerUserHearing(user: { read?: string[]; eventFilters?: string[] }): (lines: string[]) => boolean {
  const read = user.read ?? ['all'];
  const readsAll = read.includes('all');
  const filters = user.eventFilters ?? [];
  const includes = filters.filter((filter) => !filter.startsWith('!')).map((filter) => new RegExp(filter, 's'));
  const excludes = filters.filter((filter) => filter.startsWith('!')).map((filter) => new RegExp(filter.slice(1), 's'));
  return (lines) => {
    if (!readsAll) {
      const classes = field(lines, 'Privilege').split(',').filter((name) => name && name !== 'all');
      if (!classes.some((name) => read.includes(name))) return false;
    }
    if (filters.length === 0) return true;
    const text = lines.join(CRLF);
    if (includes.length > 0 && !includes.some((filter) => filter.test(text))) return false;
    return !excludes.some((filter) => filter.test(text));
  };
}

/** What a replay sends: the unsolicited events, not the recording client's own traffic (answers to its actions, its login greeting). */
const replayable = (lines: string[]) =>
  lines[0]?.startsWith('Event:') && !/^Event: (FullyBooted|SuccessfulAuth)$/.test(lines[0]) && !lines.some((line) => /^actionid:/i.test(line));

/**
 * An AMI endpoint on 127.0.0.1 that answers as Asterisk 22 does (banner, Login, Ping, Logoff,
 * QueueStatus and CoreShowChannels as list actions, Getvar, QueuePause) and replays recorded
 * transcripts of tests/fixtures/ami to the logged-in sessions. A PbxModel follows every message
 * sent, so the answers are those of the PBX at that moment of the replay. Tests drive it; admins
 * run it with `npm run ami:replay` to try a desk without a PBX.
 */
export async function startAmiReplayServer(options: AmiReplayServerOptions): Promise<AmiReplayServer> {
  const { username, secret, refusalDelayMs = 1000 } = options;
  const sessions = new Map<Socket, Session>();
  const received: AmiAction[] = [];
  /** Pending timers: close() cancels refusals and wakes a sleeping replay so it can stop. */
  const pending = new Set<() => void>();
  let loginWaiters: Array<() => void> = [];
  const model = new PbxModel(options.snapshot, Date.now());
  /**
   * Replayed messages that change no queue member, not yet taken into the model, each with when it
   * left: applied in order as soon as an action's answer reads the model, and once a replay has sent
   * everything. Applied as each left, they cost the replay ~2 µs a message: alone on a core, the fake
   * PBX took 5 ms to write the 1,837 messages around a burst's 40 AgentCalled, which the recording
   * sends in 2.9 ms at 10×. Member events are applied at once: the next member event is written as
   * of them (withPauseHere), and nothing else changes a member.
   */
  let unapplied: Array<{ lines: string[]; atMs: number; fields: ReturnType<typeof parse> | undefined }> = [];
  const pbx = (): PbxModel => {
    for (const { lines, atMs, fields } of unapplied) model.apply(lines, atMs, fields);
    unapplied = [];
    return model;
  };
  let answerPing = true;
  let closed = false;
  let connections = 0;
  const startedAt = Date.now();

  const { managerUser } = options;
  const listeners = () => [...sessions].filter(([, session]) => session.loggedIn && session.events).map(([socket]) => socket);
  const broadcast = (data: string | Buffer) => {
    for (const socket of listeners()) socket.write(data);
  };
  /** The events the manager user's sessions hear (all of them unless its read classes or eventfilters say otherwise). */
  const heard = managerUser?.read || managerUser?.eventFilters ? managerUserHearing(managerUser) : () => true;
  /** What Asterisk does with an event: its state changes, then every listening session hears of it. */
  const emit = (messages: string[][]) => {
    for (const lines of messages) pbx().apply(lines, Date.now());
    broadcast(messages.filter(heard).map(frame).join(''));
  };
  const later = (delayMs: number, run: () => void, onCancel: () => void = () => undefined) => {
    const cancel = () => {
      clearTimeout(timer);
      pending.delete(cancel);
      onCancel();
    };
    const timer = setTimeout(() => {
      pending.delete(cancel);
      run();
    }, delayMs);
    pending.add(cancel);
  };
  /**
   * Resolves at `dueAt` (performance.now() ms). The last millisecond is slept on a futex
   * (Atomics.wait), not a timer: Node's timers count whole milliseconds, and spinning to the due time
   * took a core from the server under test for the length of a burst.
   */
  const sleepUntil = async (dueAt: number) => {
    const wait = dueAt - performance.now();
    if (wait >= 1) await new Promise<void>((resolve) => later(wait - 1, () => resolve(), () => resolve()));
    const rest = dueAt - performance.now();
    if (rest > 0 && !closed) Atomics.wait(SLEEPER, 0, 0, rest);
  };

  function listAnswer(action: AmiAction, items: string[][], follows: string, complete: string): string {
    const id = header(action, 'actionid');
    const idLines = id ? [`ActionID: ${id}`] : [];
    // Where Asterisk puts the ActionID: right after Event in CoreShowChannel, last in the queue items.
    const withId = (item: string[]) => (item[0] === 'Event: CoreShowChannel' ? [item[0], ...idLines, ...item.slice(1)] : [...item, ...idLines]);
    return [
      frame(['Response: Success', ...idLines, 'EventList: start', `Message: ${follows}`]),
      ...items.map((item) => frame(withId(item))),
      frame([`Event: ${complete}`, ...idLines, 'EventList: Complete', `ListItems: ${items.length}`]),
    ].join('');
  }

  /** app_queue.c manager_pause_queue_member: every membership of the interface (in `Queue` if given). */
  function queuePause(socket: Socket, action: AmiAction, reply: Reply): void {
    const memberInterface = header(action, 'interface');
    const pausedText = header(action, 'paused');
    if (!memberInterface || !pausedText) {
      socket.write(reply('Error', "Need 'Interface' and 'Paused' parameters."));
      return;
    }
    const paused = isTrue(pausedText);
    const members = pbx().memberships(memberInterface, header(action, 'queue') || undefined);
    if (members.length === 0) {
      socket.write(reply('Error', 'Interface not found'));
      return;
    }
    // The answer, then per membership the events, as in the recording; QueueStatus shows the change.
    socket.write(reply('Success', paused ? 'Interface paused successfully' : 'Interface unpaused successfully'));
    for (const member of members) {
      setField(member, 'Paused', paused ? '1' : '0');
      setField(member, 'PausedReason', paused ? header(action, 'reason') : '');
      if (paused) setField(member, 'LastPause', String(Math.floor(Date.now() / 1000)));
      const location = field(member, 'Location');
      emit([
        ['Event: DeviceStateChange', 'Privilege: call,all', `Device: Queue:${field(member, 'Queue')}_pause_${location}`, `State: ${paused ? 'INUSE' : 'NOT_INUSE'}`],
        [
          'Event: QueueMemberPause',
          'Privilege: agent,all',
          `Queue: ${field(member, 'Queue')}`,
          `MemberName: ${field(member, 'Name')}`,
          `Interface: ${location}`,
          ...['StateInterface', 'Membership', 'Penalty', 'CallsTaken', 'LastCall', 'LastPause', 'LoginTime', 'InCall', 'Status', 'Paused', 'PausedReason'].map(
            (key) => `${key}: ${field(member, key)}`,
          ),
          // QueueMember does not list ringinuse; the recorded queue has `ringinuse = no`.
          'Ringinuse: 0',
          `Wrapuptime: ${field(member, 'Wrapuptime')}`,
        ],
      ]);
    }
  }

  function login(socket: Socket, session: Session, action: AmiAction, reply: Reply): void {
    if (session.loggedIn) {
      socket.write(reply('Success', 'Already authenticated'));
      return;
    }
    if (header(action, 'username') !== username || header(action, 'secret') !== secret) {
      // Asterisk's session sleeps, answers with an error, then closes: nothing else is read meanwhile.
      socket.pause();
      later(refusalDelayMs, () => socket.end(reply('Error', 'Authentication failed')));
      return;
    }
    session.loggedIn = true;
    session.events = header(action, 'events').toLowerCase() !== 'off';
    socket.write(reply('Success', 'Authentication accepted'));
    if (session.events) {
      const uptime = Math.floor((Date.now() - startedAt) / 1000);
      socket.write(frame(['Event: FullyBooted', 'Privilege: system,all', `Uptime: ${uptime}`, `LastReload: ${uptime}`, 'Status: Fully Booted']));
    }
    broadcast(
      frame([
        'Event: SuccessfulAuth',
        'Privilege: security,all',
        `EventTV: ${eventTv(new Date())}`,
        'Severity: Informational',
        'Service: AMI',
        'EventVersion: 1',
        `AccountID: ${username}`,
        `SessionID: ${session.id}`,
        `LocalAddress: IPV4/TCP/${socket.localAddress}/${socket.localPort}`,
        `RemoteAddress: IPV4/TCP/${socket.remoteAddress}/${socket.remotePort}`,
        'UsingPassword: 0',
        `SessionTV: ${eventTv(session.connectedAt)}`,
      ]),
    );
    const waiters = loginWaiters;
    loginWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function handle(socket: Socket, session: Session, action: AmiAction): void {
    received.push(action);
    const id = header(action, 'actionid');
    const reply: Reply = (response, message, extra = []) =>
      frame([`Response: ${response}`, ...(id ? [`ActionID: ${id}`] : []), ...extra, ...(message === undefined ? [] : [`Message: ${message}`])]);
    const name = header(action, 'action').toLowerCase();
    if (!name) {
      socket.write(reply('Error', 'Missing action in request'));
      return;
    }
    if (!session.loggedIn && name !== 'login' && name !== 'logoff') {
      socket.write(reply('Error', 'Permission denied'));
      return;
    }
    const write = managerUser?.write ?? ['all'];
    const needed = ACTION_CLASSES[name];
    if (needed && !write.includes('all') && !needed.some((granted) => write.includes(granted))) {
      socket.write(reply('Error', 'Permission denied'));
      return;
    }
    switch (name) {
      case 'login':
        login(socket, session, action, reply);
        break;
      case 'logoff':
        socket.end(reply('Goodbye', 'Thanks for all the fish.'));
        break;
      case 'ping':
        if (answerPing) {
          const now = performance.timeOrigin + performance.now();
          const micros = String(Math.floor((now % 1000) * 1000)).padStart(6, '0');
          socket.write(reply('Success', undefined, ['Ping: Pong', `Timestamp: ${Math.floor(now / 1000)}.${micros}`]));
        }
        break;
      case 'queuestatus': {
        const items = pbx().queueStatus({ queue: header(action, 'queue'), member: header(action, 'member') }, Date.now());
        socket.write(listAnswer(action, items, 'Queue status will follow', 'QueueStatusComplete'));
        break;
      }
      case 'coreshowchannels':
        socket.write(listAnswer(action, pbx().coreShowChannels(Date.now()), 'Channels will follow', 'CoreShowChannelsComplete'));
        break;
      case 'getvar': {
        const variable = header(action, 'variable');
        const result = pbx().getvar(header(action, 'channel'), variable);
        socket.write('error' in result ? reply('Error', result.error) : reply('Success', undefined, [`Variable: ${variable}`, `Value: ${result.value}`]));
        break;
      }
      case 'queuepause':
        queuePause(socket, action, reply);
        break;
      default:
        socket.write(reply('Success'));
    }
  }

  // Events go out as they happen, as Asterisk's manager sockets (TCP_NODELAY) send them.
  const server: Server = createServer({ noDelay: true }, (socket) => {
    connections += 1;
    const session: Session = {
      loggedIn: false,
      events: true,
      connectedAt: new Date(),
      // Asterisk shows the session's address; any stable hex id will do.
      id: `0x${(0x7f8200000000 + connections * 0x100).toString(16)}`,
      partial: '',
      lines: [],
    };
    sessions.set(socket, session);
    socket.on('close', () => sessions.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    socket.write(`Asterisk Call Manager/11.0.0${CRLF}`);
    socket.on('data', (chunk: string) => {
      // Asterisk takes LF or CRLF; an empty line ends an action.
      const lines = (session.partial + chunk).split(/\r?\n/);
      session.partial = lines.pop()!;
      for (const line of lines) {
        if (!socket.writable || socket.isPaused()) return;
        if (line !== '') {
          session.lines.push(line);
        } else if (session.lines.length) {
          const action = parseAction(session.lines);
          session.lines = [];
          handle(socket, session, action);
        }
      }
    });
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as { port: number }).port,
    sessions: () => [...sessions.values()].filter((session) => session.loggedIn).length,
    untilLoggedIn: () =>
      [...sessions.values()].some((session) => session.loggedIn) ? Promise.resolve() : new Promise<void>((resolve) => loginWaiters.push(resolve)),
    actions: () => [...received],
    async replay(transcriptFile, replayOptions) {
      const { speed = 1, from = -Infinity, until = Infinity, repetition = 0, onSent, beforeSending } = typeof replayOptions === 'number' ? { speed: replayOptions } : (replayOptions ?? {});
      if (!(speed > 0)) throw new RangeError(`speed must be a positive number, not ${speed}`);
      // Without this, a replay on a closed PBX resolved without yielding to a timer: a test's loop of
      // replays left running after a failure spun its worker forever (CI killed it after 90 minutes).
      if (closed) throw new Error('replay: the PBX is closed');
      const transcript = readTranscript(transcriptFile);
      const recordedAt = recordedClock(transcript);
      // The events answering the recording client are not replayed, but the PBX's state takes in
      // the facts among them (OriginateResponse: the application an originated channel runs).
      const messages = transcript.filter((message) => message.lines[0]?.startsWith('Event:') && message.at >= from && message.at < until);
      const origin = messages.find((message) => replayable(message.lines))?.at ?? 0;
      // Everything a message's sending does not depend on is done before the first one leaves: the
      // fake PBX must keep the recorded pace of a burst (1,800 messages in 30 ms) on a machine it
      // shares with the server under test, as a real PBX on its own host does.
      // Messages sent as recorded are encoded now: a batch is then one Buffer.concat and one write,
      // where joining ~460 strings and encoding them took the fake PBX half of its time in a burst.
      const prepared = messages.map((message) => {
        const recorded = renumberCalls(message.lines, repetition);
        const fields = parse(recorded);
        const asRecorded = !model.pausesHere(fields) && !(recordedAt && hasRecordedTimes(recorded));
        const sentOn = replayable(recorded);
        const bytes = asRecorded && sentOn && heard(recorded) ? Buffer.from(frame(recorded)) : undefined;
        // Paced against the start, so waits do not add up their timer slack.
        const dueMs = ((message.at - origin) * 1000) / speed;
        return { at: message.at, dueMs, recorded, fields, asRecorded, bytes, changesMembers: model.changesMembers(fields), replayable: sentOn };
      });
      const batches = dueTogether(prepared, BATCH_MS);
      await beforeSending?.();
      const started = performance.now();
      let sent = 0;
      for (const batch of batches) {
        // A batch is taken in when its first message is due: the PBX's state never runs ahead of what it sent by more than a batch.
        await sleepUntil(started + batch[0].dueMs);
        if (closed) break;
        const atMs = Date.now();
        const bytes: Buffer[] = [];
        const sentLines: string[][] = [];
        let lastDueMs = 0;
        for (const message of batch) {
          const lines = message.asRecorded
            ? message.recorded
            : model.withPauseHere(recordedAt ? shiftRecordedTimes(message.recorded, atMs - recordedAt(message.at)) : message.recorded);
          // The PBX's state takes in each message as it goes, so the next member event is written as of it.
          const fields = message.asRecorded ? message.fields : undefined;
          if (message.changesMembers) model.apply(lines, atMs, fields);
          else unapplied.push({ lines, atMs, fields });
          const encoded = message.asRecorded ? message.bytes : message.replayable && heard(lines) ? Buffer.from(frame(lines)) : undefined;
          if (!encoded) continue;
          bytes.push(encoded);
          sentLines.push(lines);
          lastDueMs = message.dueMs;
        }
        if (bytes.length === 0) continue;
        await sleepUntil(started + lastDueMs);
        if (closed) break;
        broadcast(bytes.length === 1 ? bytes[0] : Buffer.concat(bytes));
        for (const lines of sentLines) onSent?.(lines);
        sent += bytes.length;
      }
      pbx();
      return sent;
    },
    send: (lines) => emit([lines]),
    sendRaw: async (data) => {
      await Promise.all(listeners().map((socket) => new Promise<void>((resolve) => socket.write(data, () => resolve()))));
    },
    setSnapshot: (next) => {
      // The snapshot replaces everything: what was sent before it need not be applied first.
      unapplied = [];
      model.reset(next, Date.now());
    },
    muteHeartbeat: () => {
      answerPing = false;
    },
    dropConnections: () => {
      for (const socket of sessions.keys()) socket.destroy();
      sessions.clear();
    },
    close: () =>
      new Promise((resolve) => {
        closed = true;
        for (const cancel of [...pending]) cancel();
        for (const socket of sessions.keys()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
