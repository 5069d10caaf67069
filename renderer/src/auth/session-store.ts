import { loginResponseSchema, type LoginResponse, type SessionUser } from '@receptivo/shared';

export type Session = LoginResponse;

/**
 * Why the last session ended; the login page explains an expiry or a password change (the server
 * ends every session of the user then), not a deliberate logout.
 */
export type SessionEnd = 'logout' | 'expired' | 'password-changed';

export interface SessionState {
  session: Session | null;
  ended: SessionEnd | null;
}

export const sessionStorageKey = 'receptivo.session';

export function isExpired(session: Session, now = Date.now()): boolean {
  return Date.parse(session.expiresAt) <= now;
}

/** The signed-in session, kept in localStorage so it survives a reload. */
export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage) {
    const stored = this.read();
    this.state =
      stored && isExpired(stored)
        ? { session: null, ended: 'expired' }
        : { session: stored, ended: null };
    if (!this.state.session) storage.removeItem(sessionStorageKey);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionState => this.state;

  start(session: Session): void {
    this.storage.setItem(sessionStorageKey, JSON.stringify(session));
    this.set({ session, ended: null });
  }

  updateUser(user: SessionUser): void {
    const current = this.state.session;
    if (!current) return;
    this.start({ ...current, user });
  }

  end(reason: SessionEnd): void {
    if (!this.state.session) return;
    this.storage.removeItem(sessionStorageKey);
    this.set({ session: null, ended: reason });
  }

  /** Ends the session only if it still uses the token the server refused. */
  reject(token: string): void {
    if (this.state.session?.token === token) this.end('expired');
  }

  /** Follows a login or logout made in another tab of the same browser. */
  syncFromStorage(): void {
    const stored = this.read();
    if (!stored) this.end('logout');
    else if (stored.token !== this.state.session?.token) this.set({ session: stored, ended: null });
  }

  private read(): Session | null {
    const raw = this.storage.getItem(sessionStorageKey);
    if (!raw) return null;
    try {
      const parsed = loginResponseSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
