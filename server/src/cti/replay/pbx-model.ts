import type { AmiListSnapshot } from './ami-transcript';

/**
 * What Asterisk knows at a moment, rebuilt from the AMI messages it sent: the live channels with
 * their dialplan position, variables and bridge, each queue's members and waiting callers. It
 * answers QueueStatus, CoreShowChannels and Getvar as Asterisk 22 would at that moment, so a
 * client that logs in at any point of a replay (a restarted server) is told the truth.
 * Pure: no I/O; every call takes the time (epoch ms) it happens at.
 */

/** The channel snapshot every channel event starts with (manager_channels.c), in its order. */
const CHANNEL_HEADER = [
  'Channel',
  'ChannelState',
  'ChannelStateDesc',
  'CallerIDNum',
  'CallerIDName',
  'ConnectedLineNum',
  'ConnectedLineName',
  'Language',
  'AccountCode',
  'Context',
  'Exten',
  'Priority',
  'Uniqueid',
  'Linkedid',
] as const;

/** The item fields of QueueStatus as app_queue.c lists them (ActionID is placed by the server). */
const QUEUE_PARAMS = ['Queue', 'Max', 'Strategy', 'Calls', 'Holdtime', 'TalkTime', 'Completed', 'Abandoned', 'ServiceLevel', 'ServicelevelPerf', 'ServicelevelPerf2', 'Weight'] as const;
const QUEUE_MEMBER = [
  'Queue',
  'Name',
  'Location',
  'StateInterface',
  'Membership',
  'Penalty',
  'CallsTaken',
  'LastCall',
  'LastPause',
  'LoginTime',
  'InCall',
  'Status',
  'Paused',
  'PausedReason',
  'Wrapuptime',
] as const;

/** A queue known only from a member event (no QueueParams given) lists app_queue's defaults. */
const DEFAULT_PARAMS: Record<string, string> = {
  Max: '0',
  Strategy: 'ringall',
  Holdtime: '0',
  TalkTime: '0',
  Completed: '0',
  Abandoned: '0',
  ServiceLevel: '0',
  ServicelevelPerf: '0.0',
  ServicelevelPerf2: '0.0',
  Weight: '0',
};

/** QueueMemberStatus, QueueMemberPause, QueueMemberAdded… all carry the whole member (queue_member_blob_create). */
const MEMBER_EVENTS = new Set(['QueueMemberStatus', 'QueueMemberPause', 'QueueMemberAdded', 'QueueMemberPenalty', 'QueueMemberRingInUse']);
/** Other events that change a member: its call (InCall) or its membership. */
const MEMBER_CALL_EVENTS = new Set(['AgentConnect', 'AgentComplete', 'QueueMemberRemoved']);

export type Fields = Map<string, string>;

interface Channel {
  header: Fields;
  application: string;
  applicationData: string;
  createdAtMs: number;
  bridgeId: string;
  /** By name without the inheritance underscores (`__URA_CPF` is read as `URA_CPF`). */
  variables: Map<string, string>;
}

interface QueueEntry {
  /** Channel, Uniqueid, caller and connected line as of the join, Priority. */
  fields: Fields;
  joinedAtMs: number;
}

interface Queue {
  params: Fields;
  /** By Location, lowercased: Asterisk matches interfaces without case. */
  members: Map<string, Fields>;
  /** In position order. */
  entries: QueueEntry[];
}

export type GetvarResult = { value: string } | { error: string };

export interface QueueStatusFilter {
  queue?: string;
  member?: string;
}

/** First occurrence of each key: a UserEvent's own CallerIDName must not hide the channel's. */
export function parse(lines: string[]): Fields {
  const fields: Fields = new Map();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    if (!fields.has(key)) fields.set(key, line.slice(colon + 1).trim());
  }
  return fields;
}

const render = (event: string, keys: readonly string[], fields: Fields) => [`Event: ${event}`, ...keys.map((key) => `${key}: ${fields.get(key) ?? ''}`)];

const pick = (from: Fields, keys: readonly string[]): Fields => new Map(keys.filter((key) => from.has(key)).map((key) => [key, from.get(key)!]));

const increment = (fields: Fields, key: string) => fields.set(key, String(Number(fields.get(key) ?? 0) + 1));

/** `HH:MM:SS` as CoreShowChannel shows a channel's age. */
function duration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}`;
}

const seconds = (hms: string) => hms.split(':').reduce((total, part) => total * 60 + (Number(part) || 0), 0);

export class PbxModel {
  /** By Uniqueid, in creation order. */
  private channels = new Map<string, Channel>();
  /** By queue name, lowercased. */
  private queues = new Map<string, Queue>();

  constructor(snapshot: AmiListSnapshot = { queueStatus: [], channels: [] }, nowMs = Date.now()) {
    this.reset(snapshot, nowMs);
  }

  /**
   * Forgets everything and takes the items of a QueueStatus and a CoreShowChannels answer as the
   * truth at `nowMs`: a listed channel is `Duration` old, a listed caller has waited `Wait`.
   */
  reset(snapshot: AmiListSnapshot, nowMs: number): void {
    this.channels = new Map();
    this.queues = new Map();
    for (const lines of snapshot.queueStatus) {
      const fields = parse(lines);
      const queueName = fields.get('Queue');
      if (!queueName) continue;
      if (lines[0] === 'Event: QueueParams') this.queues.set(queueName.toLowerCase(), { params: pick(fields, QUEUE_PARAMS), members: new Map(), entries: [] });
      else if (lines[0] === 'Event: QueueMember') this.queue(queueName).members.set((fields.get('Location') ?? '').toLowerCase(), pick(fields, QUEUE_MEMBER));
      else if (lines[0] === 'Event: QueueEntry') {
        this.queue(queueName).entries.push({ fields, joinedAtMs: nowMs - Number(fields.get('Wait') ?? 0) * 1000 });
      }
    }
    for (const lines of snapshot.channels) {
      const fields = parse(lines);
      const uniqueid = fields.get('Uniqueid');
      if (!uniqueid) continue;
      this.channels.set(uniqueid, {
        header: pick(fields, CHANNEL_HEADER),
        application: fields.get('Application') ?? '',
        applicationData: fields.get('ApplicationData') ?? '',
        createdAtMs: nowMs - seconds(fields.get('Duration') ?? '') * 1000,
        bridgeId: fields.get('BridgeId') ?? '',
        variables: new Map(),
      });
    }
  }

  /** Takes in one message Asterisk sent (an event; anything else is left alone); `fields`: the lines already parsed. */
  apply(lines: string[], nowMs: number, fields = parse(lines)): void {
    const event = fields.get('Event');
    if (!event) return;
    const uniqueid = fields.get('Uniqueid') ?? '';
    if (event === 'Newchannel') {
      this.channels.set(uniqueid, { header: pick(fields, CHANNEL_HEADER), application: '', applicationData: '', createdAtMs: nowMs, bridgeId: '', variables: new Map() });
      return;
    }
    const channel = this.channels.get(uniqueid);
    // Every channel event carries the channel as it stands: state, caller, connected line, dialplan position.
    if (channel && fields.has('ChannelState')) {
      // Key by key, no Map built per message: the fake PBX keeps a burst's pace on a shared machine.
      for (const key of CHANNEL_HEADER) {
        const value = fields.get(key);
        if (value !== undefined) channel.header.set(key, value);
      }
    }
    if (MEMBER_EVENTS.has(event)) {
      this.upsertMember(fields);
      return;
    }
    switch (event) {
      case 'Newexten':
        if (channel) {
          channel.application = fields.get('Application') ?? '';
          channel.applicationData = fields.get('AppData') ?? '';
        }
        break;
      case 'OriginateResponse':
        // An originated channel runs the application of the Originate directly, with no Newexten.
        if (channel && fields.get('Response') === 'Success' && fields.has('Application')) {
          channel.application = fields.get('Application') ?? '';
          channel.applicationData = fields.get('Data') ?? '';
        }
        break;
      case 'VarSet':
        channel?.variables.set((fields.get('Variable') ?? '').replace(/^_{1,2}/, ''), fields.get('Value') ?? '');
        break;
      case 'BridgeEnter':
        if (channel) channel.bridgeId = fields.get('BridgeUniqueid') ?? '';
        break;
      case 'BridgeLeave':
        if (channel) channel.bridgeId = '';
        break;
      case 'Hangup':
        this.channels.delete(uniqueid);
        break;
      case 'QueueCallerJoin': {
        const entries = this.queue(fields.get('Queue') ?? '').entries;
        const position = Math.min(Math.max(Number(fields.get('Position')) || entries.length + 1, 1), entries.length + 1);
        entries.splice(position - 1, 0, { fields: new Map([...pick(fields, CHANNEL_HEADER), ['Priority', '0']]), joinedAtMs: nowMs });
        break;
      }
      case 'QueueCallerLeave': {
        const queue = this.queues.get((fields.get('Queue') ?? '').toLowerCase());
        if (queue) queue.entries = queue.entries.filter((entry) => entry.fields.get('Uniqueid') !== uniqueid);
        break;
      }
      case 'QueueCallerAbandon':
        this.withParams(fields, (params) => increment(params, 'Abandoned'));
        break;
      case 'AgentConnect':
        // The member is in a call from the bridge on (QueueMember InCall: 1); no member event says so.
        this.memberOf(fields)?.set('InCall', '1');
        break;
      case 'AgentComplete':
        this.memberOf(fields)?.set('InCall', '0');
        this.withParams(fields, (params) => increment(params, 'Completed'));
        break;
      case 'QueueMemberRemoved':
        this.queues.get((fields.get('Queue') ?? '').toLowerCase())?.members.delete((fields.get('Interface') ?? '').toLowerCase());
        break;
    }
  }

  /** QueueStatus items: per queue its QueueParams, QueueMember and QueueEntry items. */
  queueStatus(filter: QueueStatusFilter, nowMs: number): string[][] {
    const items: string[][] = [];
    for (const [name, queue] of this.queues) {
      if (filter.queue && filter.queue.toLowerCase() !== name) continue;
      items.push(render('QueueParams', QUEUE_PARAMS, new Map([...queue.params, ['Calls', String(queue.entries.length)]])));
      for (const member of queue.members.values()) {
        if (!filter.member || member.get('Location') === filter.member || member.get('Name') === filter.member) items.push(render('QueueMember', QUEUE_MEMBER, member));
      }
      queue.entries.forEach((entry, index) => {
        const live = this.channels.get(entry.fields.get('Uniqueid') ?? '')?.header;
        // app_queue writes "unknown" where the channel snapshot says "<unknown>".
        const caller = (key: string) => {
          const value = live?.get(key) ?? entry.fields.get(key) ?? '';
          return value === '<unknown>' ? 'unknown' : value;
        };
        items.push([
          'Event: QueueEntry',
          `Queue: ${queue.params.get('Queue')}`,
          `Position: ${index + 1}`,
          `Channel: ${live?.get('Channel') ?? entry.fields.get('Channel') ?? ''}`,
          `Uniqueid: ${entry.fields.get('Uniqueid') ?? ''}`,
          ...['CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName'].map((key) => `${key}: ${caller(key)}`),
          `Wait: ${Math.max(0, Math.floor((nowMs - entry.joinedAtMs) / 1000))}`,
          `Priority: ${entry.fields.get('Priority') ?? '0'}`,
        ]);
      });
    }
    return items;
  }

  /** CoreShowChannel items, one per live channel. */
  coreShowChannels(nowMs: number): string[][] {
    return [...this.channels.values()].map((channel) => [
      ...render('CoreShowChannel', CHANNEL_HEADER, channel.header),
      `Application: ${channel.application}`,
      `ApplicationData: ${channel.applicationData}`,
      `Duration: ${duration((nowMs - channel.createdAtMs) / 1000)}`,
      `BridgeId: ${channel.bridgeId}`,
    ]);
  }

  /**
   * Getvar as manager.c answers it: a channel variable, or the CALLERID(num|name) function; a
   * variable never set reads empty; without a channel only globals, of which there are none here.
   */
  getvar(channelName: string, variable: string): GetvarResult {
    if (!variable) return { error: 'No variable specified' };
    if (!channelName) return { value: '' };
    const channel = [...this.channels.values()].find((candidate) => candidate.header.get('Channel')?.toLowerCase() === channelName.toLowerCase());
    if (!channel) return { error: 'No such channel' };
    const callerId = /^CALLERID\((num|name)\)$/i.exec(variable);
    if (callerId) {
      const value = channel.header.get(callerId[1].toLowerCase() === 'num' ? 'CallerIDNum' : 'CallerIDName') ?? '';
      return { value: value === '<unknown>' ? '' : value };
    }
    return { value: channel.variables.get(variable) ?? '' };
  }

  /**
   * A recorded member event as this PBX would send it: the recording's member was not paused by
   * the client replaying it, so Paused, PausedReason and LastPause are the member's here (a
   * client's QueuePause holds until it unpauses, as in Asterisk). A QueueMemberPause is a pause
   * change of its own and goes as recorded, as does an event of a member unknown here.
   */
  withPauseHere(lines: string[]): string[] {
    const fields = parse(lines);
    if (!this.pausesHere(fields)) return lines;
    const member = this.memberOf(fields);
    if (!member) return lines;
    return lines.map((line) => {
      const key = /^(Paused|PausedReason|LastPause):/.exec(line)?.[1];
      return key && member.has(key) ? `${key}: ${member.get(key)}` : line;
    });
  }

  /**
   * Whether applying the message changes a queue member (its status, pause, call): only those do,
   * and withPauseHere reads nothing else, so the other messages may be applied later, in their own
   * order (PbxModel state per channel and per queue entry does not depend on the members).
   */
  changesMembers(fields: Fields): boolean {
    const event = fields.get('Event');
    return event !== undefined && (MEMBER_EVENTS.has(event) || MEMBER_CALL_EVENTS.has(event));
  }

  /** Whether withPauseHere may rewrite a message: a member event other than a pause change. */
  pausesHere(fields: Fields): boolean {
    const event = fields.get('Event');
    return event !== undefined && event !== 'QueueMemberPause' && MEMBER_EVENTS.has(event);
  }

  /** The QueueMember items of an interface (in `queue` only, if given), as QueueStatus lists them. */
  memberships(memberInterface: string, queue?: string): string[][] {
    return [...this.queues.entries()]
      .filter(([name]) => !queue || name === queue.toLowerCase())
      .flatMap(([, entry]) => {
        const member = entry.members.get(memberInterface.toLowerCase());
        return member ? [render('QueueMember', QUEUE_MEMBER, member)] : [];
      });
  }

  private queue(name: string): Queue {
    const key = name.toLowerCase();
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { params: new Map([['Queue', name], ...Object.entries(DEFAULT_PARAMS)]), members: new Map(), entries: [] };
      this.queues.set(key, queue);
    }
    return queue;
  }

  private withParams(fields: Fields, change: (params: Fields) => void): void {
    const queue = this.queues.get((fields.get('Queue') ?? '').toLowerCase());
    if (queue) change(queue.params);
  }

  private memberOf(fields: Fields): Fields | undefined {
    return this.queues.get((fields.get('Queue') ?? '').toLowerCase())?.members.get((fields.get('Interface') ?? '').toLowerCase());
  }

  /** A member event names the member as MemberName/Interface; the list item as Name/Location. */
  private upsertMember(fields: Fields): void {
    const queueName = fields.get('Queue');
    const location = fields.get('Interface');
    if (!queueName || !location) return;
    const members = this.queue(queueName).members;
    const member = members.get(location.toLowerCase()) ?? new Map<string, string>();
    for (const key of QUEUE_MEMBER) {
      const value = key === 'Name' ? fields.get('MemberName') : key === 'Location' ? location : fields.get(key);
      if (value !== undefined) member.set(key, value);
    }
    members.set(location.toLowerCase(), member);
  }
}
