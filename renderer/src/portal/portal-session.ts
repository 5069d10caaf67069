import { portalSessionSchema, type PortalSession } from '@receptivo/shared';

/**
 * Why the last session ended, for the sign-in page to say: signed out on purpose, or the server
 * stopped accepting the token (2 hours passed, or a new password ended it).
 */
export type PortalSessionEnd = 'signed-out' | 'expired';

export const portalSessionEndNotices: Record<PortalSessionEnd, string> = {
  'signed-out': 'Você saiu do Autoatendimento.',
  expired: 'Sua sessão terminou. Entre novamente para continuar.',
};

export interface PortalSessionState {
  session: PortalSession | null;
  ended: PortalSessionEnd | null;
}

const storageKey = 'receptivo.portal.session';

/**
 * The citizen's session, kept in sessionStorage: it lasts while the tab is open (a phone or a shared
 * computer forgets it with the tab) and is never shared with the desk's, kept under another key.
 */
export class PortalSessionStore {
  private state: PortalSessionState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage) {
    const stored = this.read();
    const expired = stored !== null && Date.parse(stored.expiresAt) <= Date.now();
    if (!stored || expired) storage.removeItem(storageKey);
    this.state = { session: expired ? null : stored, ended: expired ? 'expired' : null };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PortalSessionState => this.state;

  start(session: PortalSession): void {
    this.storage.setItem(storageKey, JSON.stringify(session));
    this.set({ session, ended: null });
  }

  /** The server asked for a new password first (403 PASSWORD_CHANGE_REQUIRED): the pages send the citizen to choose one. */
  requirePasswordChange(): void {
    const current = this.state.session;
    if (current && !current.citizen.mustChangePassword) this.start({ ...current, citizen: { ...current.citizen, mustChangePassword: true } });
  }

  end(reason: PortalSessionEnd): void {
    if (!this.state.session) return;
    this.storage.removeItem(storageKey);
    this.set({ session: null, ended: reason });
  }

  /** A refusal of `token` ends the session only while it is still the current one (not a newer sign-in's). */
  reject(token: string): void {
    if (this.state.session?.token === token) this.end('expired');
  }

  private set(state: PortalSessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private read(): PortalSession | null {
    try {
      const parsed = portalSessionSchema.safeParse(JSON.parse(this.storage.getItem(storageKey) ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
