import { io } from 'socket.io-client';
import { ctiNamespace, type CtiClientToServerEvents, type CtiHandshake, type CtiServerToClientEvents } from '@receptivo/shared';

/** Server events of /cti plus the connection's own; payloads arrive untrusted and are parsed. */
export type CtiSocketEvent = keyof CtiServerToClientEvents | 'connect' | 'disconnect' | 'connect_error';

/** The part of a socket.io client the provider uses; jsdom tests pass a fake. */
export interface CtiSocket {
  /** False once socket.io gave up reconnecting by itself (the server's middleware refused the link). */
  readonly active: boolean;
  on(event: CtiSocketEvent, listener: (payload?: unknown) => void): void;
  emit<Event extends keyof CtiClientToServerEvents>(event: Event, ...args: Parameters<CtiClientToServerEvents[Event]>): void;
  connect(): void;
  disconnect(): void;
}

export interface CtiSocketOptions {
  /** Origin of the API ('' in a browser, where the page comes from the server itself). */
  serverUrl: string;
  token: string;
  /** The calls shown ringing now: on a fresh connection the server ends those that are over. */
  shownPops: () => string[];
}

export type CtiSocketFactory = (options: CtiSocketOptions) => CtiSocket;

/** The production connection: the JWT and the pops shown go in each handshake (reconnections too). */
export const connectCtiSocket: CtiSocketFactory = ({ serverUrl, token, shownPops }) => {
  const handshake = (): CtiHandshake => ({ token, shownPops: shownPops() });
  const socket = io(`${serverUrl}${ctiNamespace}`, { auth: (send) => send(handshake()), transports: ['websocket'] });
  return {
    get active() {
      return socket.active;
    },
    on: (event, listener) => {
      socket.on(event, listener);
    },
    emit: (event, ...args) => {
      socket.emit(event, ...args);
    },
    connect: () => {
      socket.connect();
    },
    disconnect: () => {
      socket.disconnect();
    },
  };
};
