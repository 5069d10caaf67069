import { io } from 'socket.io-client';
import { ctiNamespace, type CtiClientToServerEvents, type CtiServerToClientEvents } from '@receptivo/shared';

/** Server events of /cti plus the connection's own; payloads arrive untrusted and are parsed. */
export type CtiSocketEvent = keyof CtiServerToClientEvents | 'connect' | 'disconnect' | 'connect_error';

/** The part of a socket.io client the provider uses; jsdom tests pass a fake. */
export interface CtiSocket {
  /** After 'connect': the server replayed what was missed, instead of sending the current state anew. */
  readonly recovered: boolean;
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
}

export type CtiSocketFactory = (options: CtiSocketOptions) => CtiSocket;

/** The production connection: the JWT goes in the handshake, as the server's gateway reads it. */
export const connectCtiSocket: CtiSocketFactory = ({ serverUrl, token }) => {
  const socket = io(`${serverUrl}${ctiNamespace}`, { auth: { token }, transports: ['websocket'] });
  return {
    get recovered() {
      return socket.recovered;
    },
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
