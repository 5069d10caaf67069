import { createContext, useContext, useEffect, useEffectEvent, useReducer, useRef, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  ctiAckSchema,
  ctiServerEventSchemas,
  menuSections,
  type CallEnded,
  type CallRinging,
  type CtiAck,
  type CustomerSummary,
} from '@receptivo/shared';
import { serverBaseUrl } from '../api/server-url';
import { useSession } from '../auth/SessionProvider';
import { connectCtiSocket, type CtiSocket, type CtiSocketFactory } from './cti-socket';
import { ctiReducer, initialCtiState, parseCtiEvent, type CtiEvent, type CtiState } from './cti-state';

const SocketFactoryContext = createContext<CtiSocketFactory>(connectCtiSocket);

/** Replaces the socket.io connection, e.g. with a fake in jsdom tests. */
export const CtiSocketFactoryProvider = SocketFactoryContext.Provider;

export interface CtiHandle extends CtiState {
  /** False for back-office users, who take no calls: no connection is made. */
  enabled: boolean;
  /** The last call:ended received, for any call. */
  lastEnded: CallEnded | null;
  pause(reason: string): Promise<CtiAck>;
  unpause(): Promise<CtiAck>;
  /** Hides a ringing pop on this desk only. */
  dismiss(callId: string): void;
  /** Remembers the customer to link when this call is answered here (null forgets it). */
  linkOnAnswerTo(callId: string, customer: CustomerSummary | null): void;
  expireNotice(id: number): void;
}

const CtiContext = createContext<CtiHandle | null>(null);

/** Long enough for a PBX round trip, short enough that a stuck click is reported. */
const ackTimeoutMs = 8000;
/** socket.io stops retrying when the server's middleware refuses the link; a refusal other than the token's may pass. */
export const refusedRetryMs = 10_000;
const tokenRefusals = new Set(['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'USER_DISABLED']);

const receptivoPath = menuSections.find((section) => section.key === 'receptivo')!.path;
const eventNames = Object.keys(ctiServerEventSchemas) as (keyof typeof ctiServerEventSchemas)[];

const failure = (code: string, message: string): CtiAck => ({ ok: false, error: { code, message } });

interface CtiProviderProps {
  children: ReactNode;
  /** Called on every accepted call:ringing, e.g. for the desktop shell to bring the window forward. */
  onRinging?: (call: CallRinging) => void;
}

/**
 * The signed-in desk's link to /cti: one socket per session token (a new token reconnects, logout
 * disconnects), every payload parsed with its shared schema before it reaches the UI. The server
 * ends the socket with its session (session:ended), which asks the user to sign in again.
 */
export function CtiProvider({ children, onRinging }: CtiProviderProps) {
  const connect = useContext(SocketFactoryContext);
  const { session, interrupt } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [state, dispatch] = useReducer(ctiReducer, initialCtiState);
  const socketRef = useRef<CtiSocket | null>(null);
  const shownPops = useRef<string[]>([]);
  shownPops.current = state.ringing.map((call) => call.callId);
  const token = session?.token ?? null;
  const enabled = session !== null && session.user.role !== 'backoffice';

  const onEvent = useEffectEvent((event: CtiEvent) => {
    // The server is about to disconnect: the user signs in again over the desk, which keeps what they typed.
    if (event.name === 'session:ended') {
      interrupt(event.payload.code === 'TOKEN_EXPIRED' ? 'expired' : 'ended', event.payload.message);
      return;
    }
    dispatch({ type: 'event', event, now: Date.now() });
    if (event.name === 'call:ringing') onRinging?.(event.payload);
    // The server has just started the attendance; the Receptivo shows it.
    if (event.name === 'call:answered' && pathname !== receptivoPath) navigate(receptivoPath);
  });

  useEffect(() => {
    if (!enabled || !token) return;
    let closed = false;
    let socket: CtiSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    dispatch({ type: 'connection', connection: 'connecting' });
    serverBaseUrl().then(
      (serverUrl) => {
        if (closed) return;
        const link = connect({ serverUrl, token, shownPops: () => shownPops.current });
        socket = link;
        socketRef.current = link;
        const live = (listener: (payload?: unknown) => void) => (payload?: unknown) => {
          if (!closed) listener(payload);
        };
        link.on('connect', live(() => dispatch({ type: 'connection', connection: 'connected' })));
        // socket.io reconnects by itself unless the server closed the link on purpose.
        link.on(
          'disconnect',
          live((reason) => dispatch({ type: 'connection', connection: reason === 'io server disconnect' ? 'down' : 'connecting' })),
        );
        link.on(
          'connect_error',
          live((error) => {
            dispatch({ type: 'connection', connection: 'down' });
            // A refused token is the session's end, which a new token (login) answers with a new socket.
            if (!link.active && !tokenRefusals.has(refusalCode(error))) retry = setTimeout(() => link.connect(), refusedRetryMs);
          }),
        );
        for (const name of eventNames) {
          link.on(
            name,
            live((payload) => {
              const event = parseCtiEvent(name, payload);
              if (event) onEvent(event);
            }),
          );
        }
      },
      () => !closed && dispatch({ type: 'connection', connection: 'down' }),
    );
    return () => {
      closed = true;
      clearTimeout(retry);
      socket?.disconnect();
      socketRef.current = null;
    };
  }, [connect, enabled, token]);

  function request(send: (socket: CtiSocket, ack: (answer: CtiAck) => void) => void): Promise<CtiAck> {
    const socket = socketRef.current;
    // socket.io would buffer the emit until it reconnects; the attendant must know now.
    if (!socket || state.connection !== 'connected') {
      return Promise.resolve(failure('OFFLINE', 'Sem conexão com a telefonia. Aguarde a reconexão e tente novamente.'));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(failure('TIMEOUT', 'A telefonia não respondeu. Tente novamente.')), ackTimeoutMs);
      send(socket, (answer) => {
        clearTimeout(timer);
        const parsed = ctiAckSchema.safeParse(answer);
        resolve(parsed.success ? parsed.data : failure('INVALID_ANSWER', 'A telefonia respondeu de forma inesperada. Tente novamente.'));
      });
    });
  }

  // A gap in the queues' deltas (supervisors): the board is asked for again, once per gap.
  const resendDue = state.queues.resend === 'due';
  const askForQueues = useEffectEvent(() => {
    dispatch({ type: 'queues-resend', outcome: 'asked' });
    void request((socket, ack) => socket.emit('queues:resend', ack)).then((answer) => {
      if (!answer.ok) dispatch({ type: 'queues-resend', outcome: 'failed' });
    });
  });
  useEffect(() => {
    if (resendDue) askForQueues();
  }, [resendDue]);

  const value: CtiHandle = {
    ...state,
    enabled,
    lastEnded: state.ended.at(-1) ?? null,
    pause: (reason) => request((socket, ack) => socket.emit('agent:pause', { reason }, ack)),
    unpause: () => request((socket, ack) => socket.emit('agent:unpause', ack)),
    dismiss: (callId) => dispatch({ type: 'dismiss', callId }),
    linkOnAnswerTo: (callId, customer) => dispatch({ type: 'link-on-answer', callId, customer }),
    expireNotice: (id) => dispatch({ type: 'notice-expired', id }),
  };
  return <CtiContext.Provider value={value}>{children}</CtiContext.Provider>;
}

/** The code the server's handshake middleware puts in `error.data`. */
function refusalCode(error: unknown): string {
  const data = (error as { data?: { code?: unknown } } | undefined)?.data;
  return typeof data?.code === 'string' ? data.code : '';
}

export function useCti(): CtiHandle {
  const value = useContext(CtiContext);
  if (!value) throw new Error('CtiProvider is missing above this component.');
  return value;
}

/** How the call ended, once call:ended arrived for it; null while it lasts (or when unknown). */
export function useCallEnded(callId: string | null | undefined) {
  const { ended } = useCti();
  return (callId && ended.find((item) => item.callId === callId)?.reason) || null;
}
