import {
  ctiServerEventSchemas,
  emptyQueuesFeed,
  queuesFeedReducer,
  type AgentState,
  type AttendanceTakenOver,
  type CallAnswered,
  type CallEnded,
  type CallRinging,
  type CtiServerToClientEvents,
  type CustomerSummary,
  type CtiStatusEvent,
  type QueuesFeed,
} from '@receptivo/shared';

type ServerEventName = keyof CtiServerToClientEvents;

/** One server event after its schema accepted it. */
export type CtiEvent = {
  [Name in ServerEventName]: { name: Name; payload: Parameters<CtiServerToClientEvents[Name]>[0] };
}[ServerEventName];

/** Parses a payload with the event's shared schema; anything else is dropped with a warning. */
export function parseCtiEvent(name: ServerEventName, payload: unknown): CtiEvent | null {
  const parsed = ctiServerEventSchemas[name].safeParse(payload);
  if (!parsed.success) {
    console.warn(`CTI: ignoring an invalid "${name}" event`, parsed.error.issues);
    return null;
  }
  return { name, payload: parsed.data } as CtiEvent;
}

/** The desk's own link to /cti, apart from the PBX link that cti:status reports. */
export type CtiConnection = 'connecting' | 'connected' | 'down';

export interface RingingCall extends CallRinging {
  /** When the caller started waiting, by the desk's clock (ms), so the wait counts up from waitSeconds. */
  waitingSince: number;
}

/** A ringing call that ended without coming to this desk; shown for a few seconds. */
export interface EndedNotice {
  id: number;
  call: RingingCall;
  reason: CallEnded['reason'];
}

export interface CtiState {
  connection: CtiConnection;
  status: CtiStatusEvent | null;
  agent: AgentState | null;
  ringing: RingingCall[];
  notices: EndedNotice[];
  /** Calls ended lately, newest last, so an attendance can tell its call is over. */
  ended: CallEnded[];
  answered: { count: number; last: CallAnswered | null };
  /** By call id: the customer the attendant chose on the pop, to link when that call's attendance starts. */
  linkOnAnswer: Record<string, CustomerSummary>;
  /** Attendances of this user a supervisor took over; counted so the desk reacts to each one. */
  takenOver: { count: number; last: AttendanceTakenOver | null };
  nextNoticeId: number;
  /** Supervisors: the queues' board from queues:snapshot and the queues:delta after it. */
  queues: QueuesFeed;
}

export const initialCtiState: CtiState = {
  connection: 'connecting',
  status: null,
  agent: null,
  ringing: [],
  notices: [],
  ended: [],
  answered: { count: 0, last: null },
  linkOnAnswer: {},
  takenOver: { count: 0, last: null },
  nextNoticeId: 1,
  queues: emptyQueuesFeed,
};

const endedKept = 50;

export type CtiAction =
  | { type: 'connection'; connection: CtiConnection }
  | { type: 'event'; event: CtiEvent; now: number }
  | { type: 'dismiss'; callId: string }
  | { type: 'notice-expired'; id: number }
  /** [Vincular ao atender] on a pop (a customer), undone or carried out (null). */
  | { type: 'link-on-answer'; callId: string; customer: CustomerSummary | null }
  /** The provider asked the server for the whole board again, or that request failed. */
  | { type: 'queues-resend'; outcome: 'asked' | 'failed' };

export function ctiReducer(state: CtiState, action: CtiAction): CtiState {
  switch (action.type) {
    case 'connection': {
      // Pops survive a blip: a recovered link replays what it missed, and a fresh one (the server
      // restarted) sends the calls ringing now and call:ended for the pops it was told of in the
      // handshake. A link given up on can bring no call:ended at all.
      const keep = action.connection === 'connecting' || action.connection === 'connected';
      return { ...state, connection: action.connection, ringing: keep ? state.ringing : [] };
    }
    case 'dismiss':
      return { ...state, ringing: withoutCall(state.ringing, action.callId) };
    case 'notice-expired':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
    case 'link-on-answer':
      return { ...state, linkOnAnswer: withChoice(state.linkOnAnswer, action.callId, action.customer) };
    case 'queues-resend':
      return { ...state, queues: queuesFeedReducer(state.queues, { type: action.outcome === 'asked' ? 'resend-asked' : 'resend-failed' }) };
    case 'event':
      return onEvent(state, action.event, action.now);
  }
}

function onEvent(state: CtiState, event: CtiEvent, now: number): CtiState {
  switch (event.name) {
    case 'cti:status':
      return { ...state, status: event.payload };
    case 'agent:state':
      return { ...state, agent: event.payload };
    case 'queues:snapshot':
      return { ...state, queues: queuesFeedReducer(state.queues, { type: 'snapshot', snapshot: event.payload, now }) };
    case 'queues:delta':
      return { ...state, queues: queuesFeedReducer(state.queues, { type: 'delta', delta: event.payload, now }) };
    case 'call:ringing': {
      const call: RingingCall = { ...event.payload, waitingSince: now - event.payload.waitSeconds * 1000 };
      return { ...state, ringing: [...withoutCall(state.ringing, call.callId), call] };
    }
    case 'call:answered':
      return {
        ...state,
        ringing: withoutCall(state.ringing, event.payload.callId),
        answered: { count: state.answered.count + 1, last: event.payload },
      };
    case 'attendance:taken_over':
      return { ...state, takenOver: { count: state.takenOver.count + 1, last: event.payload } };
    case 'session:ended':
      // CtiProvider ends the session on it; the desk's state is gone with the socket.
      return state;
    case 'call:ended': {
      const { callId, reason } = event.payload;
      const call = state.ringing.find((item) => item.callId === callId);
      const ended = [...state.ended.filter((item) => item.callId !== callId), event.payload].slice(-endedKept);
      if (!call) return { ...state, ended };
      // Ended while ringing here: no attendance will start for it, so nothing is left to link.
      return {
        ...state,
        ended,
        linkOnAnswer: withChoice(state.linkOnAnswer, callId, null),
        ringing: withoutCall(state.ringing, callId),
        notices: [...state.notices, { id: state.nextNoticeId, call, reason }],
        nextNoticeId: state.nextNoticeId + 1,
      };
    }
  }
}

const withoutCall = (calls: RingingCall[], callId: string) => calls.filter((call) => call.callId !== callId);

function withChoice(choices: Record<string, CustomerSummary>, callId: string, customer: CustomerSummary | null): Record<string, CustomerSummary> {
  const { [callId]: _previous, ...others } = choices;
  return customer ? { ...others, [callId]: customer } : others;
}
