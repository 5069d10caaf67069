import { Injectable } from '@nestjs/common';
import { type Observable, Subject, merge, map } from 'rxjs';
import { ClusterBroadcast } from '../cluster/cluster-broadcast';

const USERS_CHANGED = 'users:changed';

/**
 * Announces that users changed (created, password, extension, role, organ or activity edited, seeded),
 * for caches of them: on this node at once, and on every other node before `changed()` resolves
 * (or TELL_WAIT_MS later when a node does not confirm).
 */
@Injectable()
export class UserChanges {
  private readonly staleHere$ = new Subject<string | null>();
  /**
   * Users whose copies are stale, changed on any node: one id, or null for every user (seeds, or a
   * gap in hearing the other nodes, whose changes meanwhile are lost).
   */
  readonly stale$: Observable<string | null>;

  constructor(private readonly broadcast: ClusterBroadcast) {
    const staleElsewhere$ = new Subject<string | null>();
    broadcast.on<string | null>(USERS_CHANGED, (userId) => staleElsewhere$.next(userId));
    this.stale$ = merge(this.staleHere$, staleElsewhere$, broadcast.hearing$.pipe(map(() => null)));
  }

  /** Whether changes made on other nodes reach this one now; a copy kept while they do not may be stale. */
  get hearsEveryNode(): boolean {
    return this.broadcast.hearing;
  }

  /** Call once the change is committed: `userId`, or none when many users may have changed. */
  async changed(userId: string | null = null): Promise<void> {
    this.staleHere$.next(userId);
    await this.broadcast.tell(USERS_CHANGED, userId);
  }
}
