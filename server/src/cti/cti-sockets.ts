import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { CtiClientToServerEvents, CtiServerToClientEvents } from '@receptivo/shared';

export type CtiNamespace = Namespace<CtiClientToServerEvents, CtiServerToClientEvents>;
export type CtiServerEvent = keyof CtiServerToClientEvents;

export const userRoom = (userId: string) => `user:${userId}`;
export const SUPERVISORS_ROOM = 'supervisors';

/** The /cti namespace once the gateway is up, so the desk can emit without depending on the gateway. */
@Injectable()
export class CtiSockets {
  namespace: CtiNamespace | undefined;

  toUser<Event extends CtiServerEvent>(userId: string, event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.to(userRoom(userId)).emit(event, ...payload);
  }

  broadcast<Event extends CtiServerEvent>(event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.emit(event, ...payload);
  }

  async connectedUsers(): Promise<Set<string>> {
    const sockets = (await this.namespace?.fetchSockets()) ?? [];
    return new Set(sockets.map((socket) => String(socket.data.userId)));
  }
}
