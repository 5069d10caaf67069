import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { backOff } from 'exponential-backoff';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import { type CtiAck, type CtiClientToServerEvents, type CtiServerToClientEvents, agentPauseSchema, ctiHandshakeSchema, ctiNamespace } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import { AuthService } from '../auth/auth.service';
import { ClusterNode } from '../cluster/cluster-node';
import { AgentDirectory } from './agent-directory';
import { CallDesk } from './call-desk';
import { CLIENT_EVENT_LIMIT, limitClientEvents } from './client-event-limit';
import { type CtiNamespace, CtiSockets, SUPERVISORS_ROOM, userRoom } from './cti-sockets';
import { CtiSessions } from './cti-sessions';
import { CtiStatus } from './cti-status';
import { CtiService, CtiUnavailable } from './cti.service';
import { OneMessagePerTurn } from './one-message-per-turn';
import { LeaderLink, type LeaderRequests, LeaderUnavailable } from './leader-link';

interface SocketData {
  userId: string;
  role: string;
  /** Set once the leader was told of this connection (desk presence, supervisors). */
  counted?: boolean;
  /** The extension this connection counts as a desk of (AgentBoard's presence). */
  extension?: string;
  supervisor?: boolean;
}
type CtiSocket = Socket<CtiClientToServerEvents, CtiServerToClientEvents, Record<string, never>, SocketData>;

const failure = (code: string, message: string): CtiAck => ({ ok: false, error: { code, message } });
/** A connection's word to a leader that did not hear it is said again after this, doubling: a new leader is elected within a second. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 2_000;

/**
 * Socket.IO namespace /cti (docs/cti.md). The JWT is checked in the handshake, also when a desk
 * comes back; a desk back within two minutes gets the events it missed (connection state
 * recovery), any other gets what is true now: the link status, its agent state, its ringing pops.
 * Supervisors and admins also join the supervisors' room and get the queues' snapshot. Each
 * connection of a user with an extension counts as a desk of that extension while it lasts; it ends
 * with its session (CtiSessions), and sends client events at a limited rate (client-event-limit.ts).
 */
@WebSocketGateway({
  namespace: ctiNamespace,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  // Options of the Socket.IO server itself: Nest creates it with those of the first gateway, this one (cti-flood.test.ts checks it).
  wsEngine: OneMessagePerTurn,
})
export class CtiGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(CtiGateway.name);
  private readonly clientEvents = new RateLimiterMemory(CLIENT_EVENT_LIMIT);

  constructor(
    private readonly auth: AuthService,
    private readonly sockets: CtiSockets,
    private readonly desk: CallDesk,
    private readonly cti: CtiService,
    private readonly directory: AgentDirectory,
    private readonly leader: LeaderLink,
    private readonly status: CtiStatus,
    private readonly node: ClusterNode,
    private readonly sessions: CtiSessions,
  ) {}

  afterInit(namespace: CtiNamespace): void {
    this.sockets.namespace = namespace;
    this.leader.handle('desk-connected', (payload) => this.deskConnected(payload));
    this.leader.handle('desk-disconnected', async ({ socketId, extension, supervisor }) => {
      if (extension) this.desk.deskDisconnected(extension, socketId);
      if (supervisor) this.sockets.supervisorDisconnected(socketId);
      return true;
    });
    this.leader.handle('set-paused', (payload) => this.pauseInPbx(payload));
    this.leader.handle('cti-state', async () => this.status.state);
    this.leader.listen();
    namespace.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token !== 'string' || !token) {
        next(Object.assign(new Error('Entre no sistema para continuar.'), { data: { code: 'TOKEN_MISSING' } }));
        return;
      }
      this.sessions.checking(socket);
      this.auth.authenticate(token).then(
        (user) => {
          socket.data = { userId: user.id, role: user.role };
          limitClientEvents(socket, this.clientEvents);
          next();
        },
        (error: unknown) => {
          const code = error instanceof ApiException ? error.code : 'TOKEN_INVALID';
          next(Object.assign(new Error(error instanceof Error ? error.message : 'Sessão inválida.'), { data: { code } }));
        },
      );
    });
  }

  async handleConnection(socket: CtiSocket): Promise<void> {
    const { userId, role } = socket.data;
    this.sessions.follow(socket, userId, (socket.handshake.auth as { token: string }).token);
    await socket.join(userRoom(userId));
    const supervisor = role === 'supervisor' || role === 'admin';
    if (supervisor) await socket.join(SUPERVISORS_ROOM);
    const extension = await this.directory.extensionOf(userId);
    // Gone while we looked the extension up: handleDisconnect has already run and counted nothing.
    if (!socket.connected) return;
    socket.data.counted = true;
    if (extension) socket.data.extension = extension;
    if (supervisor) socket.data.supervisor = true;
    // Which node holds which desk: what an operator (and the cluster tests) read to follow a desk.
    this.logger.log(`/cti ${socket.id}: ${role} ${userId}${extension ? ` (extension ${extension})` : ''} connected to ${this.node.name}${socket.recovered ? ', session recovered' : ''}`);
    const handshake = ctiHandshakeSchema.safeParse(socket.handshake.auth);
    const shownPops = handshake.success ? handshake.data.shownPops : [];
    await this.tellLeader(socket, { socketId: socket.id, userId, extension, supervisor, recovered: socket.recovered, shownPops });
  }

  /**
   * desk-connected, said again until a leader hears it while the connection lasts: a desk that
   * connects while no node leads (the leader killed, or handing over in a rolling restart) would
   * otherwise never get its agent state, its open attendances nor the end of the pops it shows.
   */
  private async tellLeader(socket: CtiSocket, payload: LeaderRequests['desk-connected']['payload']): Promise<void> {
    let tries = 0;
    const told = backOff(
      async () => {
        // Closed while waiting for the next try: the leader must not count a connection that is gone.
        if (!socket.connected) return;
        tries += 1;
        await this.leader.ask('desk-connected', payload);
        if (tries > 1) this.logger.log(`/cti ${socket.id}: the leader heard this connection at try ${tries}`);
      },
      {
        numOfAttempts: Infinity,
        startingDelay: FIRST_RETRY_MS,
        maxDelay: MAX_RETRY_MS,
        retry: (error: unknown, failures) => {
          if (failures === 1) this.logger.warn(`/cti ${socket.id}: ${String(error)}; said again until a leader hears it`);
          return socket.connected;
        },
      },
    );
    // Given up only once the connection closed: there is nobody left to tell.
    await told.catch(() => undefined);
  }

  handleDisconnect(socket: CtiSocket): void {
    if (!socket.data.counted) return;
    const { extension = null, supervisor = false } = socket.data;
    void this.leader.ask('desk-disconnected', { socketId: socket.id, extension, supervisor }).catch((error: unknown) => this.logger.warn(`/cti ${socket.id}: ${String(error)}`));
  }

  /** On the leader: a desk connected to any node is counted and sent what is true now. */
  private async deskConnected({ socketId, userId, extension, supervisor, recovered, shownPops }: LeaderRequests['desk-connected']['payload']): Promise<true> {
    if (extension) this.desk.deskConnected(extension, socketId);
    if (supervisor) this.sockets.supervisorConnected(socketId);
    if (recovered) return true;
    this.sockets.toSocket(socketId, 'cti:status', this.cti.currentStatus());
    const { agentState, pops } = this.desk.snapshotFor(extension);
    if (agentState) this.sockets.toSocket(socketId, 'agent:state', agentState);
    for (const pop of pops) this.sockets.toSocket(socketId, 'call:ringing', pop);
    const answered = await this.desk.answeredFor(userId);
    for (const call of answered) this.sockets.toSocket(socketId, 'call:answered', call);
    // An answered call that ended while the desk was away would read "Em ligação" until a reload.
    // A pop shown when its answer was missed is both: one call:ended for it.
    this.desk.settleShownCalls(userId, extension, [...new Set([...shownPops, ...answered.map((call) => call.callId)])]);
    return true;
  }

  @SubscribeMessage('agent:pause')
  pause(@ConnectedSocket() socket: CtiSocket, @MessageBody() body: unknown): Promise<CtiAck> {
    const parsed = agentPauseSchema.safeParse(body);
    if (!parsed.success) return Promise.resolve(failure('VALIDATION_FAILED', parsed.error.issues[0].message));
    const reasons = this.cti.pauseReasons;
    if (!reasons.includes(parsed.data.reason)) {
      return Promise.resolve(failure('VALIDATION_FAILED', `"${parsed.data.reason}" não é um motivo de pausa aceito. Escolha um destes: ${reasons.join(', ')}.`));
    }
    return this.setPaused(socket, true, parsed.data.reason);
  }

  @SubscribeMessage('agent:unpause')
  unpause(@ConnectedSocket() socket: CtiSocket): Promise<CtiAck> {
    return this.setPaused(socket, false);
  }

  private async setPaused(socket: CtiSocket, paused: boolean, reason?: string): Promise<CtiAck> {
    const extension = await this.directory.extensionOf(socket.data.userId);
    if (!extension) return failure('BUSINESS_RULE', 'Você não tem ramal cadastrado. Peça a um administrador para cadastrá-lo.');
    return this.leader.ask('set-paused', { extension, paused, reason }).catch((error: unknown) => {
      if (error instanceof LeaderUnavailable) return failure('CTI_UNAVAILABLE', error.message);
      throw error;
    });
  }

  /** On the leader: QueuePause for a desk on any node, answered as the desk's acknowledgement. */
  private async pauseInPbx({ extension, paused, reason }: LeaderRequests['set-paused']['payload']): Promise<CtiAck> {
    try {
      await this.cti.setPaused(extension, paused, reason);
      return { ok: true };
    } catch (error) {
      if (error instanceof CtiUnavailable) return failure('CTI_UNAVAILABLE', error.message);
      this.logger.warn(`QueuePause ${extension}: ${String(error)}`);
      const refusal = error instanceof Error ? error.message : String(error);
      return failure('CTI_REFUSED', `A central recusou ${paused ? 'a pausa' : 'a retomada'}: ${refusal}`);
    }
  }
}
