import { Map as PersistentMap } from 'immutable';
import type { AgentStateName, CallEndReason } from '@receptivo/shared';

/**
 * The pure core of CTI (docs/architecture.md, docs/cti.md): AMI events in, call and agent state and effects out, no
 * I/O. The state is persistent (immutable.js maps share their structure between versions): an event
 * costs the same with 50 agents or 2,000, where copying a Map per event cost 27–34 µs at 500. Calls
 * are keyed by Asterisk's Linkedid; agents by the extension taken from the queue member interface
 * with CTI_AGENT_PATTERN. The CTI service turns effects into socket events and attendances.
 */

/** One AMI message as asterisk-manager hands it over: lowercased keys, repeats as arrays. */
export type AmiEvent = Record<string, string | string[] | Record<string, string>>;

export interface CallTrackerConfig {
  /** Group 1 is the extension: `^(?:PJSIP|SIP|Local)/(\d+)` takes 1001 from Local/1001@agents. */
  agentPattern: RegExp;
  /** Channel variable → screen-pop URA field (CTI_URA_FIELDS): URA_CPF → document. */
  uraFields: Record<string, string>;
}

export interface TrackedCall {
  id: string;
  callerNumber: string | null;
  callerName: string | null;
  queue: string | null;
  /** The caller's channel in the queue (or the one dialing an extension): its hangup ends the call. */
  callerUniqueid: string | null;
  joinedAt: number | null;
  ura: Record<string, string>;
  ringing: string[];
  answeredBy: string | null;
  answeredAt: number | null;
}

/** One queue membership as QueueMemberStatus / QueueMemberPause / QueueMember report it. */
export interface Membership {
  paused: boolean;
  pausedReason: string | null;
  /** Asterisk device state: 1 not in use, 2 in use, 4 invalid, 5 unavailable, 6 ringing… */
  status: number;
  inCall: boolean;
  penalty: number;
  /** When the member's last call ended (Unix seconds; 0: none since login). */
  lastCall: number;
  /** When the member was last paused (Unix seconds; 0: never). */
  lastPause: number;
}

export interface TrackedAgent {
  extension: string;
  name: string | null;
  interface: string | null;
  memberships: Record<string, Membership>;
}

export interface AnnouncedAgentState {
  state: AgentStateName;
  reason: string | null;
}

export type CallEffect =
  /**
   * The caller's number or URA document became known or changed (URA data, the queue join, a caller
   * found at a rebuild): its customers are looked up now, seconds before an agent rings, so the pop
   * has them ready.
   */
  | { type: 'caller_known'; call: TrackedCall }
  | { type: 'ringing'; extension: string; call: TrackedCall; waitSeconds: number }
  | { type: 'ring_stopped'; extension: string; callId: string; reason: CallEndReason }
  | { type: 'answered'; extension: string; call: TrackedCall; waitSeconds: number }
  | { type: 'ended'; callId: string; reason: CallEndReason; answeredBy: string | null; talkSeconds: number | null; endedAt: number }
  | { type: 'agent_state'; extension: string; state: AgentStateName; reason: string | null };

/** How many calls ring at an extension and are answered by it: its state without a look at every call. */
export interface AgentLines {
  ringing: number;
  answered: number;
}

export interface CallTrackerState {
  calls: PersistentMap<string, TrackedCall>;
  agents: PersistentMap<string, TrackedAgent>;
  /** Per extension with a call ringing or answered there; kept with `calls` (linesAfter). */
  lines: PersistentMap<string, AgentLines>;
  /** The agent state last announced per extension, so agent_state fires on changes only. */
  announced: PersistentMap<string, AnnouncedAgentState>;
}

/** The `UserEvent` name whose keys bring URA data (any case): Asterisk's `UserEvent(URA,CPF: …)`. */
export const URA_USER_EVENT = 'URA';

/** The `UserEvent: URA` key of each URA variable: its name without `URA_`, lowercased as asterisk-manager hands keys over. */
export function uraUserEventKey(variable: string): string {
  return variable.replace(/^URA_/i, '').toLowerCase();
}

export const emptyCallTrackerState: CallTrackerState = { calls: PersistentMap(), agents: PersistentMap(), lines: PersistentMap(), announced: PersistentMap() };

/** The lines once a call went from `before` to `after` (undefined: not there, or gone). */
export function linesAfter(lines: PersistentMap<string, AgentLines>, before: TrackedCall | undefined, after: TrackedCall | undefined): PersistentMap<string, AgentLines> {
  let next = lines;
  const bump = (extension: string, kind: keyof AgentLines, step: number) => {
    const line = { ...(next.get(extension) ?? { ringing: 0, answered: 0 }) };
    line[kind] += step;
    next = line.ringing === 0 && line.answered === 0 ? next.delete(extension) : next.set(extension, line);
  };
  for (const [call, step] of [[before, -1], [after, 1]] as const) {
    for (const extension of call?.ringing ?? []) bump(extension, 'ringing', step);
    if (call?.answeredBy) bump(call.answeredBy, 'answered', step);
  }
  return next;
}

export const text = (value: AmiEvent[string] | undefined): string | null => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
};

export function newCall(id: string): TrackedCall {
  return { id, callerNumber: null, callerName: null, queue: null, callerUniqueid: null, joinedAt: null, ura: {}, ringing: [], answeredBy: null, answeredAt: null };
}

/** The variable a VarSet sets, without the inheritance prefixes `_` / `__`. */
function varSetName(event: AmiEvent): string | null {
  const variable = event.variable;
  const name = typeof variable === 'object' && !Array.isArray(variable) ? Object.keys(variable)[0] : text(variable);
  return name ? name.replace(/^_+/, '') : null;
}

const UNAVAILABLE_DEVICE = new Set([4, 5]);
/** The call events the tracker reads (the cases of track's switch). */
const CALL_EVENTS = new Set(['VarSet', 'UserEvent', 'QueueCallerJoin', 'AgentCalled', 'AgentRingNoAnswer', 'AgentConnect', 'DialBegin', 'DialEnd', 'QueueCallerAbandon', 'AgentComplete', 'Hangup']);
const MEMBER_EVENTS = new Set(['QueueMemberStatus', 'QueueMemberPause', 'QueueMemberAdded', 'QueueMemberRemoved', 'QueueMemberPenalty']);

/**
 * Whether the tracker reads an event: its call and member events, of VarSet only the URA variables
 * (`setsUraVariable`: asked of a VarSet only, parsed or raw), and any event carrying channel variables
 * (manager.conf `channelvars`), which may bring URA data. Most of what a PBX sends (VarSet of other
 * variables, Newexten, Newstate, Cdr…: 9 frames in 10 of a burst) says nothing to it.
 */
function reads(event: string, setsUraVariable: () => boolean, channelVariables: boolean): boolean {
  if (channelVariables) return true;
  if (event === 'VarSet') return setsUraVariable();
  return CALL_EVENTS.has(event) || MEMBER_EVENTS.has(event);
}

const VARIABLE_LINE = '\nVariable: ';
const UNDERSCORE = 95;
const EQUALS = 61;
const CR = 13;
const LF = 10;

/**
 * Which of `names` a VarSet's raw text sets (its inheritance prefixes `_` / `__` skipped), or null,
 * read in place: 840 of the 1,837 frames around a burst's AgentCalled are VarSets, and cutting each
 * one's variable out with a regular expression was a fifth of what the door cost.
 */
function setsOneOf(frame: string, names: readonly string[]): string | null {
  const line = frame.indexOf(VARIABLE_LINE);
  if (line === -1) return null;
  let at = line + VARIABLE_LINE.length;
  while (frame.charCodeAt(at) === UNDERSCORE) at += 1;
  const set = names.find((name) => {
    if (!frame.startsWith(name, at)) return false;
    const after = frame.charCodeAt(at + name.length);
    return after === CR || after === LF || after === EQUALS || Number.isNaN(after);
  });
  return set ?? null;
}

/** How a `channelvars` line starts in a message's raw text; the reader looks for it once per read. */
export const CHANNEL_VARIABLE_LINE = '\nChanVariable';

/**
 * What the tracker reads, told from an event's raw text before it is parsed (FrameDoor). Given the
 * state as of the event before (events tracked as they are read, AmiLink), also what would change
 * nothing in it: a URA variable set again to the value its call holds (Asterisk copies `__URA_*` to
 * every channel of a call: three VarSets in four of a burst's URA data), the dials a queue makes to
 * its members (AgentCalled and AgentConnect tell of those) and dials of no call tracked.
 * `channelVariables`: whether the text has a ChanVariable line, when the reader knows already.
 */
export function trackerReads(
  config: CallTrackerConfig,
): (event: string, frame: string, state?: CallTrackerState, channelVariables?: boolean) => boolean {
  const uraVariables = Object.keys(config.uraFields);
  return (event, frame, state, channelVariables = frame.includes(CHANNEL_VARIABLE_LINE)) => {
    let variable: string | null = null;
    if (!reads(event, () => (variable = setsOneOf(frame, uraVariables)) !== null, channelVariables)) return false;
    if (!state || channelVariables) return true;
    if (event === 'VarSet') return !holdsAlready(state, frame, config.uraFields[variable!]);
    if (event === 'DialBegin' || event === 'DialEnd') {
      // A dial of no channel (an Originate's) is of no call; a DialEnd of no call tracked ends no ringing.
      const linkedid = headerIn(frame, LINKEDID);
      const call = linkedid === null ? undefined : state.calls.get(linkedid);
      return linkedid !== null && !call?.queue && (event === 'DialBegin' || call !== undefined);
    }
    return true;
  };
}

/** Whether the call of a URA VarSet holds its value already, and its caller ID too (what tracking it would set). */
function holdsAlready(state: CallTrackerState, frame: string, field: string): boolean {
  const linkedid = headerIn(frame, LINKEDID);
  const call = linkedid === null ? undefined : state.calls.get(linkedid);
  if (!call || call.ura[field] !== headerIn(frame, VALUE)) return false;
  return (call.callerNumber !== null || !headerIn(frame, CALLER_ID_NUM)) && (call.callerName !== null || !headerIn(frame, CALLER_ID_NAME));
}

// Header lines as Asterisk spells them, built once: a needle made per search was most of the search.
const LINKEDID = '\nLinkedid: ';
const VALUE = '\nValue: ';
const CALLER_ID_NUM = '\nCallerIDNum: ';
const CALLER_ID_NAME = '\nCallerIDName: ';

/** The value of a header (`line`: its `\nName: `) in a frame's raw text, '' when empty, null when absent. */
function headerIn(frame: string, line: string): string | null {
  const at = frame.indexOf(line);
  if (at === -1) return null;
  const start = at + line.length;
  const lineEnd = frame.indexOf('\n', start);
  const end = lineEnd === -1 ? frame.length : frame.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
  return frame.slice(start, end);
}

/** One state per agent, the most telling first: a call beats a pause, a dead device beats all. */
export function agentStateOf(agent: TrackedAgent | undefined, lines: AgentLines | undefined): AnnouncedAgentState {
  const memberships = Object.values(agent?.memberships ?? {});
  if (memberships.length > 0 && memberships.every((membership) => UNAVAILABLE_DEVICE.has(membership.status))) {
    return { state: 'offline', reason: null };
  }
  if (lines?.answered) return { state: 'on_call', reason: null };
  if (memberships.some((membership) => membership.inCall)) return { state: 'on_call', reason: null };
  if (lines?.ringing) return { state: 'ringing', reason: null };
  // Taken out of every queue (QueueMemberRemoved): no queue call can reach this agent.
  if (agent && memberships.length === 0) return { state: 'offline', reason: null };
  const pause = pbxPause(agent);
  if (typeof pause === 'string') return { state: 'paused', reason: pause || null };
  return { state: 'available', reason: null };
}

/** The member's pause in the PBX: the reason ('' for none) when every membership is paused, null when not, undefined in no queue. */
export function pbxPause(agent: TrackedAgent | undefined): string | null | undefined {
  const memberships = Object.values(agent?.memberships ?? {});
  if (memberships.length === 0) return undefined;
  return memberships.every((membership) => membership.paused) ? (memberships.find((membership) => membership.pausedReason)?.pausedReason ?? '') : null;
}

/** Reads a QueueMemberStatus / QueueMemberPause / QueueMemberAdded / QueueMember item. */
export function membershipOf(event: AmiEvent): Membership {
  return {
    paused: text(event.paused) === '1',
    pausedReason: text(event.pausedreason),
    status: Number(text(event.status) ?? 0),
    inCall: text(event.incall) === '1',
    penalty: Number(text(event.penalty) ?? 0),
    lastCall: Number(text(event.lastcall) ?? 0),
    lastPause: Number(text(event.lastpause) ?? 0),
  };
}

/** Announces the agent state of each extension whose state may have changed, only if it did; returns the announced states. */
export function announceAgents(
  extensions: Iterable<string>,
  lines: PersistentMap<string, AgentLines>,
  agents: PersistentMap<string, TrackedAgent>,
  announced: PersistentMap<string, AnnouncedAgentState>,
  effects: CallEffect[],
): PersistentMap<string, AnnouncedAgentState> {
  let result = announced;
  for (const extension of new Set(extensions)) {
    const next = agentStateOf(agents.get(extension), lines.get(extension));
    const previous = announced.get(extension);
    if (previous && previous.state === next.state && previous.reason === next.reason) continue;
    result = result.set(extension, next);
    effects.push({ type: 'agent_state', extension, ...next });
  }
  return result;
}

export function createCallTracker(config: CallTrackerConfig) {
  const extensionIn = (channel: string | null): string | null => (channel ? (config.agentPattern.exec(channel)?.[1] ?? null) : null);
  const memberExtension = (event: AmiEvent): string | null => extensionIn(text(event.interface) ?? text(event.destchannel));
  const userEventKeys = Object.entries(config.uraFields).map(([variable, field]) => [uraUserEventKey(variable), field] as const);

  /** A membership reported, added (`queue add member`, a reload), removed, or its penalty changed. */
  const trackMember = (state: CallTrackerState, event: AmiEvent): { state: CallTrackerState; effects: CallEffect[] } => {
    const memberInterface = text(event.interface);
    const extension = extensionIn(memberInterface);
    const queue = text(event.queue);
    if (!extension || !queue) return { state, effects: [] };
    const previous = state.agents.get(extension);
    const memberships = { ...previous?.memberships };
    if (event.event === 'QueueMemberRemoved') delete memberships[queue];
    else if (event.event === 'QueueMemberPenalty') {
      // Only the penalty changes: the state a membership reports stays as last said.
      if (!memberships[queue]) return { state, effects: [] };
      memberships[queue] = { ...memberships[queue], penalty: Number(text(event.penalty) ?? 0) };
    } else memberships[queue] = membershipOf(event);
    const agent: TrackedAgent = {
      extension,
      name: text(event.membername) ?? previous?.name ?? null,
      interface: memberInterface,
      memberships,
    };
    const agents = state.agents.set(extension, agent);
    const effects: CallEffect[] = [];
    const announced = announceAgents([extension], state.lines, agents, state.announced, effects);
    return { state: { ...state, agents, announced }, effects };
  };

  /** An event the tracker does not read (what the door drops, when one was read in full): dropped before the call is copied. */
  const ignored = (event: AmiEvent): boolean => {
    const chanVariables = event.chanvariable;
    return !reads(String(event.event), () => Boolean(config.uraFields[varSetName(event) ?? '']), typeof chanVariables === 'object' && !Array.isArray(chanVariables));
  };

  /** (state, event, now in ms) → (state, effects). State is never mutated in place. */
  return function track(state: CallTrackerState, event: AmiEvent, now: number): { state: CallTrackerState; effects: CallEffect[] } {
    if (MEMBER_EVENTS.has(String(event.event))) return trackMember(state, event);
    const id = text(event.linkedid);
    if (!id || ignored(event)) return { state, effects: [] };
    const existing = state.calls.get(id);
    const call: TrackedCall = existing ? { ...existing, ura: { ...existing.ura }, ringing: [...existing.ringing] } : newCall(id);
    const effects: CallEffect[] = [];
    /** URA data comes from the caller's channel: its caller ID is the caller's, before any queue says so. */
    const knowCaller = () => {
      call.callerNumber ??= text(event.calleridnum);
      call.callerName ??= text(event.calleridname);
    };
    // Channel variables manager.conf's `channelvars` attaches to every event of the channel.
    let uraChanged = false;
    const chanVariables = event.chanvariable;
    if (typeof chanVariables === 'object' && !Array.isArray(chanVariables)) {
      for (const [variable, value] of Object.entries(chanVariables)) {
        const field = config.uraFields[variable.replace(/^_+/, '')];
        if (field && value && call.ura[field] !== value) {
          call.ura[field] = value;
          uraChanged = true;
        }
      }
      if (uraChanged) knowCaller();
    }
    const touched: string[] = [...call.ringing, ...(call.answeredBy ? [call.answeredBy] : [])];
    const waitSeconds = () => (call.joinedAt === null ? 0 : Math.max(0, Math.round((now - call.joinedAt) / 1000)));
    const stopRinging = (reason: CallEndReason, except?: string) => {
      for (const extension of call.ringing) if (extension !== except) effects.push({ type: 'ring_stopped', extension, callId: id, reason });
      call.ringing = [];
    };
    const ring = (extension: string) => {
      call.ringing.push(extension);
      touched.push(extension);
      effects.push({ type: 'ringing', extension, call, waitSeconds: waitSeconds() });
    };
    const answer = (extension: string, waited: number) => {
      stopRinging('answered_elsewhere', extension);
      call.answeredBy = extension;
      call.answeredAt = now;
      touched.push(extension);
      effects.push({ type: 'answered', extension, call, waitSeconds: waited });
    };
    const finish = (calls: PersistentMap<string, TrackedCall>) => {
      const kept = calls.has(id);
      const lookupChanged = existing?.callerNumber !== call.callerNumber || existing?.ura.document !== call.ura.document;
      if (kept && lookupChanged && (call.callerNumber || call.ura.document)) effects.unshift({ type: 'caller_known', call });
      const lines = linesAfter(state.lines, existing, kept ? call : undefined);
      const announced = announceAgents(touched, lines, state.agents, state.announced, effects);
      return { state: { ...state, calls, lines, announced }, effects };
    };
    /** Nothing this event is about happened; channel variables it carried are still kept. */
    const unchanged = () => (uraChanged ? finish(state.calls.set(id, call)) : { state, effects });
    /** `reportedTalk`: the PBX's own count (AgentComplete TalkTime), better than ours after a rebuild. */
    const end = (reason: CallEndReason, reportedTalk: number | null = null) => {
      stopRinging(reason);
      const talkSeconds = call.answeredAt === null ? null : (reportedTalk ?? Math.max(0, Math.round((now - call.answeredAt) / 1000)));
      effects.push({ type: 'ended', callId: id, reason, answeredBy: call.answeredBy, talkSeconds, endedAt: now });
      return finish(state.calls.delete(id));
    };

    switch (event.event) {
      // Only URA data opens a call before the queue: other variables of other calls leave no trace.
      case 'VarSet': {
        const field = config.uraFields[varSetName(event) ?? ''];
        const value = text(event.value);
        if (!field || !value) return unchanged();
        call.ura[field] = value;
        knowCaller();
        break;
      }
      case 'UserEvent': {
        if (text(event.userevent)?.toUpperCase() !== URA_USER_EVENT) return unchanged();
        const found = userEventKeys.filter(([key]) => text(event[key]));
        if (found.length === 0) return unchanged();
        for (const [key, field] of found) call.ura[field] = text(event[key])!;
        knowCaller();
        break;
      }
      case 'QueueCallerJoin':
        call.queue = text(event.queue);
        call.callerNumber = text(event.calleridnum);
        call.callerName = text(event.calleridname);
        call.callerUniqueid = text(event.uniqueid);
        call.joinedAt = now;
        break;
      case 'AgentCalled': {
        const extension = memberExtension(event);
        if (!extension || call.answeredBy || call.ringing.includes(extension)) break;
        call.queue ??= text(event.queue);
        call.callerNumber ??= text(event.calleridnum);
        call.callerName ??= text(event.calleridname);
        ring(extension);
        break;
      }
      case 'AgentRingNoAnswer': {
        const extension = memberExtension(event);
        if (!extension || !call.ringing.includes(extension)) break;
        call.ringing = call.ringing.filter((ringing) => ringing !== extension);
        effects.push({ type: 'ring_stopped', extension, callId: id, reason: 'not_answered' });
        break;
      }
      case 'AgentConnect': {
        const extension = memberExtension(event);
        if (!extension || call.answeredBy === extension) break;
        const holdTime = Number(text(event.holdtime));
        answer(extension, Number.isFinite(holdTime) && holdTime >= 0 ? holdTime : waitSeconds());
        break;
      }
      // A call dialed straight to an extension (no queue): the dialing channel is the caller.
      // Dials a queue makes to its members are left to AgentCalled/AgentConnect.
      case 'DialBegin': {
        const extension = extensionIn(text(event.destchannel));
        const callerUniqueid = text(event.uniqueid);
        if (!extension || !callerUniqueid || call.queue || call.answeredBy || call.ringing.includes(extension)) {
          return unchanged();
        }
        call.callerUniqueid ??= callerUniqueid;
        call.callerNumber ??= text(event.calleridnum);
        call.callerName ??= text(event.calleridname);
        call.joinedAt ??= now;
        ring(extension);
        break;
      }
      case 'DialEnd': {
        const extension = extensionIn(text(event.destchannel));
        if (!existing || !extension || call.queue || !call.ringing.includes(extension)) return unchanged();
        const status = text(event.dialstatus);
        if (status === 'ANSWER') {
          answer(extension, waitSeconds());
        } else {
          call.ringing = call.ringing.filter((ringing) => ringing !== extension);
          effects.push({ type: 'ring_stopped', extension, callId: id, reason: status === 'CANCEL' ? 'abandoned' : 'not_answered' });
        }
        break;
      }
      case 'QueueCallerAbandon':
        return existing ? end('abandoned') : { state, effects };
      case 'AgentComplete': {
        const talkTime = Number(text(event.talktime));
        return existing ? end('hangup', Number.isFinite(talkTime) && talkTime >= 0 ? talkTime : null) : { state, effects };
      }
      case 'Hangup': {
        // The caller's channel, or the call's first channel, going away ends the call.
        const uniqueid = text(event.uniqueid);
        if (!existing) return { state, effects };
        if (uniqueid !== call.callerUniqueid && uniqueid !== id) return unchanged();
        // Hung up in the URA too: nobody was shown that call, but its customer lookup is let go.
        return end(call.answeredBy === null ? 'abandoned' : 'hangup');
      }
      default:
        return unchanged();
    }
    return finish(state.calls.set(id, call));
  };
}
