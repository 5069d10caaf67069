import { act, waitFor } from '@testing-library/react';
import type { CtiAck, CtiClientToServerEvents, CtiServerToClientEvents } from '@receptivo/shared';
import type { CtiSocket, CtiSocketEvent, CtiSocketFactory, CtiSocketOptions } from '../cti/cti-socket';

type ClientEvent = keyof CtiClientToServerEvents;

/** One desk's socket as the server side of a test sees it. */
export class FakeCtiSocket implements CtiSocket {
  readonly emitted: { event: ClientEvent; payload: unknown }[] = [];
  /** Events whose ack has been delivered, in order. */
  readonly acknowledged: ClientEvent[] = [];
  disconnected = false;
  /** Set false before delivering 'connect_error' to act as a refusal by the server's middleware. */
  active = true;
  connectCalls = 0;
  private readonly listeners = new Map<string, ((payload?: unknown) => void)[]>();

  constructor(
    readonly options: CtiSocketOptions,
    private readonly answer: (event: ClientEvent, payload: unknown) => CtiAck | undefined,
  ) {}

  on(event: CtiSocketEvent, listener: (payload?: unknown) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit<Event extends ClientEvent>(event: Event, ...args: Parameters<CtiClientToServerEvents[Event]>): void {
    const ack = args[args.length - 1] as (answer: CtiAck) => void;
    const payload = args.length > 1 ? args[0] : undefined;
    this.emitted.push({ event, payload });
    const answer = this.answer(event, payload);
    // Acks arrive later, as over a network (like fakeServer's answers); undefined leaves it unanswered.
    if (answer) {
      setTimeout(() => {
        ack(answer);
        this.acknowledged.push(event);
      }, 0);
    }
  }

  connect(): void {
    this.connectCalls++;
  }

  disconnect(): void {
    this.disconnected = true;
  }

  /** Delivers anything, valid or not, as the server would send it. */
  deliver(event: CtiSocketEvent, payload?: unknown): void {
    act(() => {
      for (const listener of this.listeners.get(event) ?? []) listener(payload);
    });
  }

  send<Event extends keyof CtiServerToClientEvents>(event: Event, payload: Parameters<CtiServerToClientEvents[Event]>[0]): void {
    this.deliver(event, payload);
  }
}

/**
 * A /cti server for jsdom tests: pass `factory` to CtiSocketFactoryProvider (renderApp does), then
 * drive the desk's socket. Acks to agent:pause / agent:unpause come from `answers` ({ok: true} by default).
 */
export function fakeCti() {
  const sockets: FakeCtiSocket[] = [];
  const answers: Partial<Record<ClientEvent, (payload: unknown) => CtiAck | undefined>> = {};
  const factory: CtiSocketFactory = (options) => {
    const socket = new FakeCtiSocket(options, (event, payload) => (answers[event] ? answers[event](payload) : { ok: true }));
    sockets.push(socket);
    return socket;
  };
  return {
    factory,
    sockets,
    answers,
    /** The socket of the current session, once the desk opened it. */
    async socket(): Promise<FakeCtiSocket> {
      await waitFor(() => expect(sockets.filter((socket) => !socket.disconnected)).toHaveLength(1));
      return sockets.find((socket) => !socket.disconnected)!;
    },
    /** Opens the link and reports the PBX connected, as the server does on connection. */
    async connected(): Promise<FakeCtiSocket> {
      const socket = await this.socket();
      socket.deliver('connect');
      socket.send('cti:status', { connected: true, since: '2026-03-10T12:00:00.000Z', lastEventAt: null });
      return socket;
    },
  };
}

export type FakeCti = ReturnType<typeof fakeCti>;
