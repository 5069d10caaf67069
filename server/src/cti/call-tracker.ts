/**
 * The pure core of CTI (DESIGN §2, §5): AMI events in, call state and effects out, no I/O.
 * Calls are keyed by Asterisk's Linkedid; agents by the extension taken from the queue member
 * interface with CTI_AGENT_PATTERN. The gateway turns effects into socket events and attendances.
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
  /** The caller's channel in the queue: its hangup ends the call. */
  callerUniqueid: string | null;
  joinedAt: number | null;
  ura: Record<string, string>;
  ringing: string[];
  answeredBy: string | null;
  answeredAt: number | null;
}

export type CallEndReason = 'hangup' | 'abandoned' | 'answered_elsewhere' | 'not_answered';

export type CallEffect =
  | { type: 'ringing'; extension: string; call: TrackedCall; waitSeconds: number }
  | { type: 'ring_stopped'; extension: string; callId: string; reason: CallEndReason }
  | { type: 'answered'; extension: string; call: TrackedCall; waitSeconds: number }
  | { type: 'ended'; callId: string; reason: CallEndReason; answeredBy: string | null; talkSeconds: number | null };

export interface CallTrackerState {
  calls: ReadonlyMap<string, TrackedCall>;
}

export const emptyCallTrackerState: CallTrackerState = { calls: new Map() };

const text = (value: AmiEvent[string] | undefined): string | null => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
};

function newCall(id: string): TrackedCall {
  return { id, callerNumber: null, callerName: null, queue: null, callerUniqueid: null, joinedAt: null, ura: {}, ringing: [], answeredBy: null, answeredAt: null };
}

/** The variable a VarSet sets, without the inheritance prefixes `_` / `__`. */
function varSetName(event: AmiEvent): string | null {
  const variable = event.variable;
  const name = typeof variable === 'object' && !Array.isArray(variable) ? Object.keys(variable)[0] : text(variable);
  return name ? name.replace(/^_+/, '') : null;
}

export function createCallTracker(config: CallTrackerConfig) {
  const extensionOf = (event: AmiEvent): string | null => {
    const member = text(event.interface) ?? text(event.destchannel);
    return member ? (config.agentPattern.exec(member)?.[1] ?? null) : null;
  };
  // A `UserEvent: URA` key is the variable name without URA_, in any case (asterisk-manager lowercases it).
  const userEventKeys = Object.entries(config.uraFields).map(([variable, field]) => [variable.replace(/^URA_/i, '').toLowerCase(), field] as const);

  /** (state, event, now in ms) → (state, effects). State is never mutated in place. */
  return function track(state: CallTrackerState, event: AmiEvent, now: number): { state: CallTrackerState; effects: CallEffect[] } {
    const id = text(event.linkedid);
    if (!id) return { state, effects: [] };
    const existing = state.calls.get(id);
    const call: TrackedCall = existing ? { ...existing, ura: { ...existing.ura }, ringing: [...existing.ringing] } : newCall(id);
    const effects: CallEffect[] = [];
    const waitSeconds = () => (call.joinedAt === null ? 0 : Math.max(0, Math.round((now - call.joinedAt) / 1000)));
    const stopRinging = (reason: CallEndReason, except?: string) => {
      for (const extension of call.ringing) if (extension !== except) effects.push({ type: 'ring_stopped', extension, callId: id, reason });
      call.ringing = [];
    };
    const end = (reason: CallEndReason) => {
      stopRinging(reason);
      const talkSeconds = call.answeredAt === null ? null : Math.max(0, Math.round((now - call.answeredAt) / 1000));
      effects.push({ type: 'ended', callId: id, reason, answeredBy: call.answeredBy, talkSeconds });
      const calls = new Map(state.calls);
      calls.delete(id);
      return { state: { calls }, effects };
    };

    switch (event.event) {
      // Only URA data opens a call before the queue: other variables of other calls leave no trace.
      case 'VarSet': {
        const field = config.uraFields[varSetName(event) ?? ''];
        const value = text(event.value);
        if (!field || !value) return { state, effects };
        call.ura[field] = value;
        break;
      }
      case 'UserEvent': {
        if (text(event.userevent)?.toUpperCase() !== 'URA') return { state, effects };
        const found = userEventKeys.filter(([key]) => text(event[key]));
        if (found.length === 0) return { state, effects };
        for (const [key, field] of found) call.ura[field] = text(event[key])!;
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
        const extension = extensionOf(event);
        if (!extension || call.answeredBy || call.ringing.includes(extension)) break;
        call.ringing.push(extension);
        call.queue ??= text(event.queue);
        call.callerNumber ??= text(event.calleridnum);
        call.callerName ??= text(event.calleridname);
        effects.push({ type: 'ringing', extension, call, waitSeconds: waitSeconds() });
        break;
      }
      case 'AgentRingNoAnswer': {
        const extension = extensionOf(event);
        if (!extension || !call.ringing.includes(extension)) break;
        call.ringing = call.ringing.filter((ringing) => ringing !== extension);
        effects.push({ type: 'ring_stopped', extension, callId: id, reason: 'not_answered' });
        break;
      }
      case 'AgentConnect': {
        const extension = extensionOf(event);
        if (!extension) break;
        stopRinging('answered_elsewhere', extension);
        call.answeredBy = extension;
        call.answeredAt = now;
        const holdTime = Number(text(event.holdtime));
        effects.push({ type: 'answered', extension, call, waitSeconds: Number.isFinite(holdTime) && holdTime >= 0 ? holdTime : waitSeconds() });
        break;
      }
      case 'QueueCallerAbandon':
        return existing ? end('abandoned') : { state, effects };
      case 'AgentComplete':
        return existing ? end('hangup') : { state, effects };
      case 'Hangup': {
        // The caller's queue channel, or the call's first channel, going away ends the call.
        const uniqueid = text(event.uniqueid);
        if (!existing || (uniqueid !== call.callerUniqueid && uniqueid !== id)) return { state, effects };
        if (call.joinedAt === null && call.answeredBy === null) {
          // Hung up in the URA: nobody was shown this call.
          const calls = new Map(state.calls);
          calls.delete(id);
          return { state: { calls }, effects };
        }
        return end('hangup');
      }
      default:
        return { state, effects };
    }
    const calls = new Map(state.calls);
    calls.set(id, call);
    return { state: { calls }, effects };
  };
}
