import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { Namespace } from 'socket.io';
import type { CtiClientToServerEvents, CtiServerToClientEvents, QueuesSnapshot } from '@receptivo/shared';

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
  /** Supervisors whose link was still busy when a snapshot was due: the newest one, sent when it is ready. */
  private readonly pendingSnapshots = new Map<string, QueuesSnapshot>();
  /** Supervisors' /cti connections on every node. */
  private supervisors = 0;

  toUser<Event extends CtiServerEvent>(userId: string, event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.to(userRoom(userId)).emit(event, ...payload);
  }

  /**
   * queues:snapshot to the supervisors' room (or to one supervisor's socket), encoded once. It is
   * a latest-state event, so it goes out volatile: not kept for connection recovery (a supervisor
   * who comes back is sent a fresh one) and never queued behind older ones; a supervisor whose
   * link is still writing the last one is sent only the newest, once the link is ready again.
   */
  sendQueuesSnapshot(snapshot: QueuesSnapshot, socketId?: string): void {
    const namespace = this.namespace;
    if (!namespace) return;
    const busy: string[] = [];
    for (const id of socketId ? [socketId] : (namespace.adapter.rooms.get(SUPERVISORS_ROOM) ?? [])) {
      const transport = namespace.sockets.get(id)?.conn.transport;
      if (!transport || transport.writable) continue;
      busy.push(id);
      if (!this.pendingSnapshots.has(id)) {
        // 'ready' comes once the transport is writable again ('drain' comes just before).
        transport.once('ready', () => {
          const latest = this.pendingSnapshots.get(id);
          this.pendingSnapshots.delete(id);
          if (latest) this.sendQueuesSnapshot(latest, id);
        });
        transport.once('close', () => this.pendingSnapshots.delete(id));
      }
      this.pendingSnapshots.set(id, snapshot);
    }
    namespace.to(socketId ?? SUPERVISORS_ROOM).except(busy).volatile.emit('queues:snapshot', snapshot);
  }

  /** Whether anyone would receive toSupervisors: a snapshot nobody watches is not built. */
  supervisorsConnected(): boolean {
    return this.supervisors > 0;
  }

  /** A supervisor's /cti connection on any node (the leader counts them), to be sent what is true now. */
  supervisorConnected(socketId: string): void {
    this.supervisors += 1;
    this.supervisorJoined$.next(socketId);
  }

  supervisorDisconnected(): void {
    this.supervisors = Math.max(0, this.supervisors - 1);
  }

  /** Starts the count over: a new leader counts the connections of every node again. */
  resetSupervisors(): void {
    this.supervisors = 0;
  }

  /** One socket, on whichever node it is connected to. */
  toSocket<Event extends CtiServerEvent>(socketId: string, event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.to(socketId).emit(event, ...payload);
  }

  broadcast<Event extends CtiServerEvent>(event: Event, ...payload: Parameters<CtiServerToClientEvents[Event]>): void {
    this.namespace?.emit(event, ...payload);
  }

  async connectedUsers(): Promise<Set<string>> {
    const sockets = (await this.namespace?.fetchSockets()) ?? [];
    return new Set(sockets.map((socket) => String(socket.data.userId)));
  }
}
