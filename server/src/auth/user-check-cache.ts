import type { AuthenticatedUser } from './authenticated-user';

/** What the per-request check reads of a user: whether its tokens still hold, and who it is. */
export interface UserCheck {
  active: boolean;
  tokenVersion: number;
  user: AuthenticatedUser;
}

export interface UserCheckLimits {
  /**
   * The backstop for a change no signal told of (a user edited by hand in SQL, a node that did not
   * confirm in time): every change through the server is forgotten at once, so this only bounds how
   * long such a miss lasts. Half a minute keeps the database read to about one per active user per
   * 30 s, which is nothing next to one per request.
   */
  maxAgeMs: number;
  /** Every user of a large contact center, with room: an entry is a few hundred bytes. */
  maxEntries: number;
}

export const USER_CHECK_LIMITS: UserCheckLimits = { maxAgeMs: 30_000, maxEntries: 20_000 };

interface Entry {
  check: UserCheck;
  keptAt: number;
}

/**
 * The users' checks in memory, by user id, so an authenticated request needs no database read
 * (issue 17). Pure: the caller passes the time, reads the database and forgets users as they change.
 * A read that began before a change must not be kept after it: `generation` moves on every
 * forget, and `keep` refuses a check read under an older one.
 */
export class UserCheckCache {
  private readonly entries = new Map<string, Entry>();
  private forgets = 0;

  constructor(private readonly limits: UserCheckLimits = USER_CHECK_LIMITS) {}

  /** Take it before reading the database; hand it back to `keep`. */
  get generation(): number {
    return this.forgets;
  }

  get(userId: string, now: number): UserCheck | undefined {
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (now - entry.keptAt >= this.limits.maxAgeMs) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.check;
  }

  /** `readAt`: when the read began, so the age counts from before the database answered. */
  keep(userId: string, check: UserCheck, generation: number, readAt: number): void {
    if (generation !== this.forgets) return;
    this.entries.delete(userId);
    // Map keeps insertion order: the first key is the one kept longest ago.
    if (this.entries.size >= this.limits.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // Shared by every request of the user: frozen, so no handler can change what another request sees.
    this.entries.set(userId, { check: Object.freeze({ ...check, user: Object.freeze({ ...check.user }) }), keptAt: readAt });
  }

  /** One user, or every user (null). */
  forget(userId: string | null): void {
    this.forgets += 1;
    if (userId === null) this.entries.clear();
    else this.entries.delete(userId);
  }
}
