import { ConnectedSocket, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { type CtiAck, ctiNamespace } from '@receptivo/shared';
import { SUPERVISORS_ROOM } from '../cti/cti-sockets';
import { LeaderLink, LeaderUnavailable } from '../cti/leader-link';

const failure = (code: string, message: string): CtiAck => ({ ok: false, error: { code, message } });

/**
 * The supervisors' requests on /cti. The namespace, its options and its handshake are CtiGateway's
 * (CtiModule comes first, so its gateway makes the namespace); this one only adds an event.
 */
@WebSocketGateway({ namespace: ctiNamespace })
export class SupervisionGateway {
  constructor(private readonly leader: LeaderLink) {}

  /** queues:resend: the whole board again, from the leader, to this socket on whichever node holds it. */
  @SubscribeMessage('queues:resend')
  async resend(@ConnectedSocket() socket: Socket): Promise<CtiAck> {
    if (!socket.rooms.has(SUPERVISORS_ROOM)) return failure('FORBIDDEN', 'Somente supervisores e administradores acompanham as filas.');
    try {
      await this.leader.ask('queues-resend', { socketId: socket.id });
      return { ok: true };
    } catch (error) {
      if (error instanceof LeaderUnavailable) return failure('CTI_UNAVAILABLE', error.message);
      throw error;
    }
  }
}
