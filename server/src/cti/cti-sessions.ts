import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { Socket } from 'socket.io';
import type { CtiClientToServerEvents, CtiServerToClientEvents, SessionEnded } from '@receptivo/shared';
import { AuthService } from '../auth/auth.service';
import { UserChanges } from '../auth/user-changes';
import { ApiException } from '../common/api-exception';

/** setTimeout fires at once beyond 2^31-1 ms; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type CtiSocket = Socket<CtiClientToServerEvents, CtiServerToClientEvents>;

interface FollowedSocket {
  socket: CtiSocket;
  userId: string;
  token: string;
  expiresAt: number;
  timer?: NodeJS.Timeout;
}

const isSessionEnd = (error: unknown): error is ApiException & { code: SessionEnded['code'] } =>
  error instanceof ApiException && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_INVALID');

/**
 * Ends the /cti connections of this node with their session (issue 15): a connection is checked in
 * the handshake only, so without this it would keep receiving the user's calls after a password
 * reset, a role change, a deactivation or the token's expiry. Every change of users reaches every
 * node through UserChanges (over ClusterBroadcast in a cluster), and each node checks its own
 * sockets' tokens again; a timer per socket ends it at the token's `exp`. The socket is told why
 * (`session:ended`) just before the server disconnects it.
 */
@Injectable()
export class CtiSessions implements OnModuleDestroy {
  private readonly logger = new Logger(CtiSessions.name);
  /** By socket id: the tokens stay on this node, not in socket.data, which the cluster adapter shares. */
  private readonly followed = new Map<string, FollowedSocket>();
  private readonly rechecking: Subscription;
  /** Changes of users heard so far, and how many had been heard when each handshake checked its token. */
  private changesHeard = 0;
  private readonly checkedAfter = new WeakMap<CtiSocket, number>();

  constructor(
    private readonly auth: AuthService,
    changes: UserChanges,
  ) {
    // AuthService subscribed first (it is constructed before this), so its copy is forgotten before the checks below read.
    this.rechecking = changes.stale$.subscribe((userId) => {
      this.changesHeard += 1;
      void this.recheck(userId);
    });
  }

  onModuleDestroy(): void {
    this.rechecking.unsubscribe();
    for (const entry of this.followed.values()) clearTimeout(entry.timer);
    this.followed.clear();
  }

  /** Call as the handshake starts checking the token. */
  checking(socket: CtiSocket): void {
    this.checkedAfter.set(socket, this.changesHeard);
  }

  /** Once the handshake accepted `token` for `userId`; forgotten when the socket disconnects. */
  follow(socket: CtiSocket, userId: string, token: string): void {
    const entry: FollowedSocket = { socket, userId, token, expiresAt: this.auth.expiryOf(token) };
    this.followed.set(socket.id, entry);
    socket.once('disconnect', () => {
      clearTimeout(entry.timer);
      this.followed.delete(socket.id);
    });
    this.armExpiry(entry);
    // A change heard between the handshake's check and now found no entry to check: checked here.
    if (this.checkedAfter.get(socket) !== this.changesHeard) void this.check(entry);
  }

  private armExpiry(entry: FollowedSocket): void {
    const left = entry.expiresAt - Date.now();
    if (left <= 0) {
      this.end(entry, { code: 'TOKEN_EXPIRED', message: 'Sua sessão expirou. Entre novamente.' });
      return;
    }
    entry.timer = setTimeout(() => this.armExpiry(entry), Math.min(left, MAX_TIMER_MS));
  }

  /** One user's sockets, or every socket of this node (null: many users may have changed). */
  private async recheck(userId: string | null): Promise<void> {
    const entries = [...this.followed.values()].filter((entry) => userId === null || entry.userId === userId);
    await Promise.all(entries.map((entry) => this.check(entry)));
  }

  private check(entry: FollowedSocket): Promise<void> {
    return this.auth.authenticate(entry.token).then(
      () => undefined,
      (error: unknown) => {
        if (isSessionEnd(error)) this.end(entry, { code: error.code, message: error.message });
        // The database away: the socket stays; the next change or its expiry checks it again.
        else this.logger.warn(`/cti ${entry.socket.id}: session not checked (${error instanceof Error ? error.message : String(error)})`);
      },
    );
  }

  private end(entry: FollowedSocket, reason: SessionEnded): void {
    if (!this.followed.has(entry.socket.id)) return;
    this.logger.log(`/cti ${entry.socket.id}: session of ${entry.userId} ended (${reason.code}), disconnected`);
    // Written to the connection before the disconnect packet, so the desk reads it first. Through
    // `local`: with connection state recovery a plain emit goes round the cluster adapter (Redis)
    // to get its offset, and would arrive after the disconnect.
    entry.socket.nsp.local.to(entry.socket.id).emit('session:ended', reason);
    entry.socket.disconnect();
  }
}
