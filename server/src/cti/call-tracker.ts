import type { AgentStateName, CallEndReason } from '@receptivo/shared';

/**
 * The pure core of CTI (docs/architecture.md, docs/cti.md): AMI events in, call and agent state and
 * effects out, no I/O. The state lives in plain maps changed in place, O(1) an event whatever the
 * number of agents and calls; the records in them (a call, an agent) are replaced, never changed
 * once handed out, so an effect keeps its call as it was and a reader can compare records by
 * identity. Calls are keyed by Asterisk's Linkedid; agents by the extension taken from the queue
 * member interface with CTI_AGENT_PATTERN. The CTI service turns effects into socket events and
 * attendances.
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
  /** `call`: as it last stood (an abandoned call goes to the supervisors' call-back list). */
  | { type: 'ended'; callId: string; call: TrackedCall; reason: CallEndReason; answeredBy: string | null; talkSeconds: number | null; endedAt: number }
  | { type: 'agent_state'; extension: string; state: AgentStateName; reason: string | null };

/** How many calls ring at an extension and are answered by it: its state without a look at every call. */
export interface AgentLines {
  ringing: number;
  answered: number;
}

/** The tracker's state as others read it (CallTracker holds and changes it). */
export interface CallTrackerState {
  readonly calls: ReadonlyMap<string, TrackedCall>;
  readonly agents: ReadonlyMap<string, TrackedAgent>;
  /** Per extension with a call ringing or answered there; kept with `calls`. */
  readonly lines: ReadonlyMap<string, AgentLines>;
  /** The agent state last announced per extension, so agent_state fires on changes only. */
  readonly announced: ReadonlyMap<string, AnnouncedAgentState>;
}

/** The `UserEvent` name whose keys bring URA data (any case): Asterisk's `UserEvent(URA,CPF: …)`. */
export const URA_USER_EVENT = 'URA';

/** The `UserEvent: URA` key of each URA variable: its name without `URA_`, lowercased as asterisk-manager hands keys over. */
export function uraUserEventKey(variable: string): string {
  return variable.replace(/^URA_/i, '').toLowerCase();
}

/** What most events change in the lines: shared, not a new map per event. */
const NO_LINE_STEPS: ReadonlyMap<string, AgentLines> = new Map();

/**
 * How each extension's lines change when a call goes from `before` to `after` (undefined: not there,
 * or gone), the extensions whose lines stay the same left out: most events change no line (URA data,
 * a caller's other channels), and those leave the lines and the agents' states alone.
 */
function lineSteps(before: TrackedCall | undefined, after: TrackedCall | undefined): ReadonlyMap<string, AgentLines> {
  if (before?.ringing === after?.ringing && before?.answeredBy === after?.answeredBy) return NO_LINE_STEPS;
  const steps = new Map<string, AgentLines>();
  const step = (extension: string, kind: keyof AgentLines, by: number) => {
    const line = steps.get(extension) ?? { ringing: 0, answered: 0 };
    line[kind] += by;
    steps.set(extension, line);
  };
  for (const [call, by] of [[before, -1], [after, 1]] as const) {
    for (const extension of call?.ringing ?? []) step(extension, 'ringing', by);
    if (call?.answeredBy) step(call.answeredBy, 'answered', by);
  }
  for (const [extension, line] of steps) if (line.ringing === 0 && line.answered === 0) steps.delete(extension);
  return steps;
}

/** Takes `steps` (lineSteps) into the lines. */
function takeLineSteps(lines: Map<string, AgentLines>, steps: ReadonlyMap<string, AgentLines>): void {
  for (const [extension, step] of steps) {
    const line = lines.get(extension);
    const ringing = (line?.ringing ?? 0) + step.ringing;
    const answered = (line?.answered ?? 0) + step.answered;
    if (ringing === 0 && answered === 0) lines.delete(extension);
    else lines.set(extension, { ringing, answered });
  }
}

export const text = (value: AmiEvent[string] | undefined): string | null => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
};

export function newCall(id: string): TrackedCall {
  return { id, callerNumber: null, callerName: null, queue: null, callerUniqueid: null, joinedAt: null, ura: {}, ringing: [], answeredBy: null, answeredAt: null };
}

/**
 * A call copied field by field, in newCall's order: every call then has one shape, and copying it
 * costs a third of what a spread did (a spread of calls of several shapes took V8's slow path).
 * `ringing` is shared: it is replaced, never changed in place.
 */
function copyOf(call: TrackedCall): TrackedCall {
  const { id, callerNumber, callerName, queue, callerUniqueid, joinedAt, ura, ringing, answeredBy, answeredAt } = call;
  return { id, callerNumber, callerName, queue, callerUniqueid, joinedAt, ura: { ...ura }, ringing, answeredBy, answeredAt };
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
 * The tracker reads its call and member events, of VarSet only the URA variables, and any event
 * carrying channel variables (manager.conf `channelvars`), which may bring URA data. Most of what a
 * PBX sends (VarSet of other variables, Newexten, Newstate, Cdr…: 9 frames in 10 of a burst) says
 * nothing to it. This is the rule for the event names; the door (trackerReads) and the tracker
 * (`ignored`) add the other two.
 */
const readsByName = (event: string): boolean => CALL_EVENTS.has(event) || MEMBER_EVENTS.has(event);

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
  // From the end: Asterisk writes Variable second to last. indexOf scanned the whole frame from the
  // start (and set up its Boyer-Moore table each call): 0.8 µs a VarSet against 0.3.
  const line = frame.lastIndexOf(VARIABLE_LINE);
  if (line === -1) return null;
  let at = line + VARIABLE_LINE.length;
  while (frame.charCodeAt(at) === UNDERSCORE) at += 1;
  // A loop, not find(): no closure made for each of a burst's hundreds of VarSets.
  for (const name of names) {
    if (!frame.startsWith(name, at)) continue;
    const after = frame.charCodeAt(at + name.length);
    if (after === CR || after === LF || after === EQUALS || Number.isNaN(after)) return name;
  }
  return null;
}

/** How a `channelvars` line starts in a message's raw text; the reader looks for it once per read. */
export const CHANNEL_VARIABLE_LINE = '\nChanVariable';

/**
 * What the tracker reads, told from an event's raw text before it is parsed (FrameDoor). Given the
 * state as of the event before (events tracked as they are read, AmiLink), also what would change
 * nothing in it: a URA variable set again to the value its call holds (Asterisk copies `__URA_*` to
 * every channel of a call: three VarSets in four of a burst's URA data), the dials a queue makes to
 * its members (AgentCalled and AgentConnect tell of those), dials of no call tracked, and a URA
 * UserEvent bringing what its call holds (the URA set the same values as variables before: 38 of the
 * ~145 events read around a burst's 40 AgentCalled). Of UserEvents it reads only the URA's.
 * `channelVariables`: whether the text has a ChanVariable line, when the reader knows already.
 */
export function trackerReads(
  config: CallTrackerConfig,
): (event: string, frame: string, state?: CallTrackerState, channelVariables?: boolean) => boolean {
  const uraVariables = Object.keys(config.uraFields);
  const uraKeys = Object.entries(config.uraFields).map(([variable, field]) => {
    const key = uraUserEventKey(variable);
    return { key, line: `\n${key}: `, field };
  });
  // Runs for every frame the PBX sends: nothing made per frame (no closure), names looked up once.
  return (event, frame, state, channelVariables = frame.includes(CHANNEL_VARIABLE_LINE)) => {
    if (channelVariables) return true;
    if (event === 'VarSet') {
      const variable = setsOneOf(frame, uraVariables);
      return variable !== null && (!state || !holdsAlready(state, frame, config.uraFields[variable]));
    }
    if (event === 'UserEvent') return userEventNameIn(frame)?.toUpperCase() === URA_USER_EVENT && (!state || !bringsWhatItsCallHolds(state, frame, uraKeys));
    if (!readsByName(event)) return false;
    if (!state) return true;
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
  const call = callOf(state, frame);
  return call !== undefined && call.ura[field] === headerIn(frame, VALUE) && knowsCallerOf(call, frame);
}

/** The tracked call an event's raw text names (its Linkedid). */
function callOf(state: CallTrackerState, frame: string): TrackedCall | undefined {
  const linkedid = headerIn(frame, LINKEDID);
  return linkedid === null ? undefined : state.calls.get(linkedid);
}

/** Whether the call has the caller ID the event's raw text brings, as far as tracking it would set it (only where missing). */
function knowsCallerOf(call: TrackedCall, frame: string): boolean {
  return (call.callerNumber !== null || !headerIn(frame, CALLER_ID_NUM)) && (call.callerName !== null || !headerIn(frame, CALLER_ID_NAME));
}

/**
 * Whether a URA UserEvent would change nothing in its call: the call holds every URA value it brings,
 * and the caller ID too. Its keys are the dialplan's (`UserEvent(URA,CPF: …)`), read in any case as
 * asterisk-manager lowercases them; a key written otherwise (spaces, twice, text the lowercasing
 * would lengthen) counts as a change, so the event is read and parsed as before.
 */
function bringsWhatItsCallHolds(state: CallTrackerState, frame: string, uraKeys: readonly { key: string; line: string; field: string }[]): boolean {
  const call = callOf(state, frame);
  if (!call) return false;
  const lowered = frame.toLowerCase();
  if (lowered.length !== frame.length) return false;
  for (const { key, line, field } of uraKeys) {
    const at = lowered.indexOf(line);
    if (at === -1) {
      if (lowered.includes(key)) return false;
      continue;
    }
    if (lowered.indexOf(line, at + 1) !== -1) return false;
    const value = lineValueAt(frame, at + line.length);
    if (value !== '' && call.ura[field] !== value) return false;
  }
  return knowsCallerOf(call, frame);
}

/** The name a UserEvent's raw text gives itself (its first `UserEvent:` header, as the parsed event has it), or null. */
export function userEventNameIn(frame: string): string | null {
  const at = frame.indexOf(USER_EVENT);
  return at === -1 ? null : lineValueAt(frame, at + USER_EVENT.length);
}

// Header lines as Asterisk spells them, built once: a needle made per search was most of the search.
const USER_EVENT = '\nUserEvent: ';
const LINKEDID = '\nLinkedid: ';
const VALUE = '\nValue: ';
const CALLER_ID_NUM = '\nCallerIDNum: ';
const CALLER_ID_NAME = '\nCallerIDName: ';

/**
 * The value of a header (`line`: its `\nName: `) in a frame's raw text, '' when empty, null when
 * absent. Looked for from the end (a header comes once): as cheap as indexOf for a header near the
 * start, a third of it for Linkedid and Value, near the end.
 */
function headerIn(frame: string, line: string): string | null {
  const at = frame.lastIndexOf(line);
  return at === -1 ? null : lineValueAt(frame, at + line.length);
}

/** The rest of the line that starts at `start`, without its line break. */
function lineValueAt(frame: string, start: number): string {
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

/** Announces the agent state of each extension whose state may have changed, only if it did. */
function announceAgents(extensions: Iterable<string>, state: CallTracker, effects: CallEffect[]): void {
  for (const extension of extensions) {
    const next = agentStateOf(state.agents.get(extension), state.lines.get(extension));
    const previous = state.announced.get(extension);
    if (previous && previous.state === next.state && previous.reason === next.reason) continue;
    state.announced.set(extension, next);
    effects.push({ type: 'agent_state', extension, ...next });
  }
}

/**
 * Folds AMI events, one at a time, into the calls and agents the PBX has now, and says what they
 * mean (effects). Given the same events from the same state it gives the same effects: `now` is an
 * argument, nothing is read from outside.
 */
export class CallTracker implements CallTrackerState {
  readonly calls = new Map<string, TrackedCall>();
  readonly agents = new Map<string, TrackedAgent>();
  readonly lines = new Map<string, AgentLines>();
  readonly announced = new Map<string, AnnouncedAgentState>();
  private readonly userEventKeys: (readonly [string, string])[];

  constructor(private readonly config: CallTrackerConfig) {
    this.userEventKeys = Object.entries(config.uraFields).map(([variable, field]) => [uraUserEventKey(variable), field] as const);
  }

  /** An AMI event (`now` in ms): the state moves on, and what that means comes back. */
  track(event: AmiEvent, now: number): CallEffect[] {
    if (MEMBER_EVENTS.has(String(event.event))) return this.trackMember(event);
    const id = text(event.linkedid);
    if (!id || this.ignored(event)) return [];
    return this.trackCall(id, event, now);
  }

  /**
   * After a rebuild (createSnapshotReconciler): the calls and agents the PBX shows replace all there
   * was, and the agents in `touched` are announced where their state changed.
   */
  replace(calls: ReadonlyMap<string, TrackedCall>, agents: ReadonlyMap<string, TrackedAgent>, touched: ReadonlySet<string>, effects: CallEffect[]): void {
    this.calls.clear();
    this.agents.clear();
    this.lines.clear();
    for (const [id, call] of calls) {
      this.calls.set(id, call);
      takeLineSteps(this.lines, lineSteps(undefined, call));
    }
    for (const [extension, agent] of agents) this.agents.set(extension, agent);
    announceAgents(touched, this, effects);
  }

  private extensionIn(channel: string | null): string | null {
    return channel ? (this.config.agentPattern.exec(channel)?.[1] ?? null) : null;
  }

  private memberExtension(event: AmiEvent): string | null {
    return this.extensionIn(text(event.interface) ?? text(event.destchannel));
  }

  /** An event the tracker does not read (what the door drops, when one was read in full): dropped before the call is copied. */
  private ignored(event: AmiEvent): boolean {
    const chanVariables = event.chanvariable;
    if (typeof chanVariables === 'object' && !Array.isArray(chanVariables)) return false;
    return event.event === 'VarSet' ? !this.config.uraFields[varSetName(event) ?? ''] : !readsByName(String(event.event));
  }

  /** A membership reported, added (`queue add member`, a reload), removed, or its penalty changed. */
  private trackMember(event: AmiEvent): CallEffect[] {
    const memberInterface = text(event.interface);
    const extension = this.extensionIn(memberInterface);
    const queue = text(event.queue);
    if (!extension || !queue) return [];
    const previous = this.agents.get(extension);
    const memberships = { ...previous?.memberships };
    if (event.event === 'QueueMemberRemoved') delete memberships[queue];
    else if (event.event === 'QueueMemberPenalty') {
      // Only the penalty changes: the state a membership reports stays as last said.
      if (!memberships[queue]) return [];
      memberships[queue] = { ...memberships[queue], penalty: Number(text(event.penalty) ?? 0) };
    } else memberships[queue] = membershipOf(event);
    this.agents.set(extension, { extension, name: text(event.membername) ?? previous?.name ?? null, interface: memberInterface, memberships });
    const effects: CallEffect[] = [];
    announceAgents([extension], this, effects);
    return effects;
  }

  private trackCall(id: string, event: AmiEvent, now: number): CallEffect[] {
    const { uraFields } = this.config;
    const existing = this.calls.get(id);
    // A copy of the call for this event: the one handed out stays as it was. An event that rings
    // nobody new leaves `ringing` as it was (lineSteps).
    const call: TrackedCall = existing ? copyOf(existing) : newCall(id);
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
        const field = uraFields[variable.replace(/^_+/, '')];
        if (field && value && call.ura[field] !== value) {
          call.ura[field] = value;
          uraChanged = true;
        }
      }
      if (uraChanged) knowCaller();
    }
    const waitSeconds = () => (call.joinedAt === null ? 0 : Math.max(0, Math.round((now - call.joinedAt) / 1000)));
    const stopRinging = (reason: CallEndReason, except?: string) => {
      if (call.ringing.length === 0) return;
      for (const extension of call.ringing) if (extension !== except) effects.push({ type: 'ring_stopped', extension, callId: id, reason });
      call.ringing = [];
    };
    const ring = (extension: string) => {
      call.ringing = [...call.ringing, extension];
      effects.push({ type: 'ringing', extension, call, waitSeconds: waitSeconds() });
    };
    const answer = (extension: string, waited: number) => {
      stopRinging('answered_elsewhere', extension);
      call.answeredBy = extension;
      call.answeredAt = now;
      effects.push({ type: 'answered', extension, call, waitSeconds: waited });
    };
    /** The call kept as this event left it (or gone: `kept` false), its lines and its agents' states with it. */
    const finish = (kept: boolean) => {
      if (kept) this.calls.set(id, call);
      else this.calls.delete(id);
      const lookupChanged = existing?.callerNumber !== call.callerNumber || existing?.ura.document !== call.ura.document;
      if (kept && lookupChanged && (call.callerNumber || call.ura.document)) effects.unshift({ type: 'caller_known', call });
      const steps = lineSteps(existing, kept ? call : undefined);
      if (steps.size === 0) return effects;
      takeLineSteps(this.lines, steps);
      // Only a change of its lines changes an agent's state here: the others' stay as announced.
      announceAgents(steps.keys(), this, effects);
      return effects;
    };
    /** Nothing this event is about happened; channel variables it carried are still kept. */
    const unchanged = () => (uraChanged ? finish(true) : effects);
    /** `reportedTalk`: the PBX's own count (AgentComplete TalkTime), better than ours after a rebuild. */
    const end = (reason: CallEndReason, reportedTalk: number | null = null) => {
      stopRinging(reason);
      const talkSeconds = call.answeredAt === null ? null : (reportedTalk ?? Math.max(0, Math.round((now - call.answeredAt) / 1000)));
      effects.push({ type: 'ended', callId: id, call, reason, answeredBy: call.answeredBy, talkSeconds, endedAt: now });
      return finish(false);
    };

    switch (event.event) {
      // Only URA data opens a call before the queue: other variables of other calls leave no trace.
      case 'VarSet': {
        const field = uraFields[varSetName(event) ?? ''];
        const value = text(event.value);
        if (!field || !value) return unchanged();
        call.ura[field] = value;
        knowCaller();
        break;
      }
      case 'UserEvent': {
        if (text(event.userevent)?.toUpperCase() !== URA_USER_EVENT) return unchanged();
        const found = this.userEventKeys.filter(([key]) => text(event[key]));
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
        const extension = this.memberExtension(event);
        if (!extension || call.answeredBy || call.ringing.includes(extension)) break;
        call.queue ??= text(event.queue);
        call.callerNumber ??= text(event.calleridnum);
        call.callerName ??= text(event.calleridname);
        ring(extension);
        break;
      }
      case 'AgentRingNoAnswer': {
        const extension = this.memberExtension(event);
        if (!extension || !call.ringing.includes(extension)) break;
        call.ringing = call.ringing.filter((ringing) => ringing !== extension);
        effects.push({ type: 'ring_stopped', extension, callId: id, reason: 'not_answered' });
        break;
      }
      case 'AgentConnect': {
        const extension = this.memberExtension(event);
        if (!extension || call.answeredBy === extension) break;
        const holdTime = Number(text(event.holdtime));
        answer(extension, Number.isFinite(holdTime) && holdTime >= 0 ? holdTime : waitSeconds());
        break;
      }
      // A call dialed straight to an extension (no queue): the dialing channel is the caller.
      // Dials a queue makes to its members are left to AgentCalled/AgentConnect.
      case 'DialBegin': {
        const extension = this.extensionIn(text(event.destchannel));
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
        const extension = this.extensionIn(text(event.destchannel));
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
        return existing ? end('abandoned') : effects;
      case 'AgentComplete': {
        const talkTime = Number(text(event.talktime));
        return existing ? end('hangup', Number.isFinite(talkTime) && talkTime >= 0 ? talkTime : null) : effects;
      }
      case 'Hangup': {
        // The caller's channel, or the call's first channel, going away ends the call.
        const uniqueid = text(event.uniqueid);
        if (!existing) return effects;
        if (uniqueid !== call.callerUniqueid && uniqueid !== id) return unchanged();
        // Hung up in the URA too: nobody was shown that call, but its customer lookup is let go.
        return end(call.answeredBy === null ? 'abandoned' : 'hangup');
      }
      default:
        return unchanged();
    }
    return finish(true);
  }
}
