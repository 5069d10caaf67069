import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
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
  /** Socket ids of supervisors and admins as they connect, to be sent what is true now. */
  readonly supervisorJoined$ = new Subject<string>();
  /** Ids of the supervisors' /cti connections on every node (one told twice counts once). */
  private readonly supervisors = new Set<string>();

  toUser<Event extends CtiServerEvent>(userId: string, event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.to(userRoom(userId)).emit(event, ...payload);
  }

  /** To the supervisors' and admins' room, on every node. */
  toSupervisors<Event extends CtiServerEvent>(event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.to(SUPERVISORS_ROOM).emit(event, ...payload);
  }

  /** Whether anyone would receive toSupervisors: a snapshot nobody watches is not built. */
  supervisorsConnected(): boolean {
    return this.supervisors.size > 0;
  }

  /** A supervisor's /cti connection on any node (the leader counts them), to be sent what is true now. */
  supervisorConnected(socketId: string): void {
    this.supervisors.add(socketId);
    this.supervisorJoined$.next(socketId);
  }

  supervisorDisconnected(socketId: string): void {
    this.supervisors.delete(socketId);
  }

  /** Starts the count over: a new leader counts the connections of every node again. */
  resetSupervisors(): void {
    this.supervisors.clear();
  }

  /** One socket, on whichever node it is connected to. */
  toSocket<Event extends CtiServerEvent>(socketId: string, event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.to(socketId).emit(event, ...payload);
  }

  broadcast<Event extends CtiServerEvent>(event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.emit(event, ...payload);
  }
}
