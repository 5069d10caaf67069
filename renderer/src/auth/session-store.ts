import { loginResponseSchema, type LoginResponse, type SessionUser } from '@receptivo/shared';

export type Session = LoginResponse;

/**
 * Why the last session ended; the login page explains an expiry or a password change (the server
 * ends every session of the user then), not a deliberate logout. `ended`: the server ended it
 * (password reset, role change, deactivation).
 */
export type SessionEnd = 'logout' | 'expired' | 'password-changed' | 'ended';

/** What the sign-in screens say of the session's end. */
export const sessionEndNotices: Record<SessionEnd, string | null> = {
  logout: null,
  expired: 'Sua sessão expirou. Entre novamente.',
  'password-changed': 'Senha alterada. Entre com a nova senha.',
  ended: 'Sua sessão foi encerrada. Entre novamente.',
};

/** A session whose token no longer holds while the desk stays on screen, waiting for the user to sign in again. */
export interface SessionInterruption {
  reason: SessionEnd;
  /** In pt-BR, from the server when it said why. */
  message: string;
}

export interface SessionState {
  session: Session | null;
  ended: SessionEnd | null;
  /**
   * Set when the token stopped holding (expired, refused by the server, or the server ended the
   * session): the pages stay mounted under a sign-in dialog, so what the user typed survives until
   * they sign in again (issue 15). The stored token is removed at once.
   */
  interrupted: SessionInterruption | null;
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
        ? { session: null, ended: 'expired', interrupted: null }
        : { session: stored, ended: null, interrupted: null };
    if (!this.state.session) storage.removeItem(sessionStorageKey);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionState => this.state;

  start(session: Session): void {
    this.storage.setItem(sessionStorageKey, JSON.stringify(session));
    this.set({ session, ended: null, interrupted: null });
  }

  updateUser(user: SessionUser): void {
    const current = this.state.session;
    if (!current || this.state.interrupted) return;
    this.start({ ...current, user });
  }

  end(reason: SessionEnd): void {
    if (!this.state.session) return;
    this.storage.removeItem(sessionStorageKey);
    this.set({ session: null, ended: reason, interrupted: null });
  }

  /** The token no longer holds: sign in again over the pages left as they are (see `interrupted`). */
  interrupt(reason: SessionEnd, message = sessionEndNotices[reason] ?? ''): void {
    const { session } = this.state;
    if (!session || this.state.interrupted) return;
    this.storage.removeItem(sessionStorageKey);
    this.set({ session, ended: null, interrupted: { reason, message } });
  }

  /** Interrupts the session only if it still uses the token the server refused. */
  reject(token: string): void {
    if (this.state.session?.token === token) this.interrupt('expired');
  }

  /** Follows a login or logout made in another tab of the same browser. */
  syncFromStorage(): void {
    const stored = this.read();
    if (!stored) this.end('logout');
    else if (stored.token !== this.state.session?.token) this.set({ session: stored, ended: null, interrupted: null });
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
