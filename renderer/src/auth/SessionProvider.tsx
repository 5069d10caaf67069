import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { SessionUser } from '@receptivo/shared';
import { ApiClient } from '../api/client';
import { serverBaseUrl } from '../api/server-url';
import { Connectivity, type ConnectivityState } from '../offline/connectivity';
import { sessionStorageKey, SessionStore, type Session, type SessionEnd, type SessionInterruption } from './session-store';

interface SessionContextValue {
  store: SessionStore;
  api: ApiClient;
  connectivity: Connectivity;
  queries: QueryClient;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** setTimeout fires at once for delays above 2^31-1 ms; such long tokens are left to the server's 401. */
const maxTimerDelay = 2 ** 31 - 1;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [value] = useState<SessionContextValue>(() => {
    const store = new SessionStore(window.localStorage);
    const connectivity: Connectivity = new Connectivity((): Promise<unknown> => api.get('/api/health'));
    const api = new ApiClient({
      baseUrl: serverBaseUrl,
      token: () => store.getSnapshot().session?.token ?? null,
      onSessionRejected: (token) => store.reject(token),
      onReachability: connectivity.report,
      screen: () => window.location.pathname,
    });
    return { store, api, connectivity, queries: createQueryClient() };
  });
  const { store, api, connectivity, queries } = value;
  const { session } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const expiresAt = session?.expiresAt;
  const userId = session?.user.id;

  // Answers fetched for one user must never be shown to the next one signing in on this desk.
  useEffect(() => {
    if (!userId) queries.clear();
  }, [queries, userId]);

  // A session restored from storage may belong to a user since disabled or changed; the server
  // has the last word. A fresh login needs no check.
  useEffect(() => {
    const restored = store.getSnapshot().session;
    if (!restored) return;
    let current = true;
    api
      .get<SessionUser>('/api/auth/me')
      .then((user) => {
        if (current && store.getSnapshot().session?.token === restored.token) store.updateUser(user);
      })
      .catch(() => {
        // A refused token already ended the session in the client; an unreachable server must not.
      });
    return () => {
      current = false;
    };
  }, [api, store]);

  useEffect(() => {
    connectivity.resume();
    return () => connectivity.stop();
  }, [connectivity]);

  useEffect(() => {
    if (!expiresAt) return;
    const delay = Date.parse(expiresAt) - Date.now();
    if (delay > maxTimerDelay) return;
    const timer = setTimeout(() => store.interrupt('expired'), Math.max(delay, 0));
    return () => clearTimeout(timer);
  }, [store, expiresAt]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === sessionStorageKey || event.key === null) store.syncFromStorage();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [store]);

  return (
    <SessionContext.Provider value={value}>
      <QueryClientProvider client={queries}>{children}</QueryClientProvider>
    </SessionContext.Provider>
  );
}

/**
 * Server state for every screen (TanStack Query): answers are cached and shared between screens,
 * refreshed in the background when the window gets focus or the network comes back, and invalidated
 * by the mutations. A failed load is not asked again by itself: the screen says why and offers
 * [Tentar novamente] when that can help (LoadFailed).
 */
function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('SessionProvider is missing above this component.');
  return value;
}

export function useApi(): ApiClient {
  return useSessionContext().api;
}

/** Whether the server answered the last calls (offline/connectivity.ts). */
export function useConnectivity(): ConnectivityState {
  const { connectivity } = useSessionContext();
  return useSyncExternalStore(connectivity.subscribe, connectivity.getSnapshot);
}

export interface SessionHandle {
  session: Session | null;
  /** The reason the previous session ended, until the next login. */
  ended: SessionEnd | null;
  /** The token no longer holds; the pages wait under the sign-in dialog. */
  interrupted: SessionInterruption | null;
  start(session: Session): void;
  updateUser(user: SessionUser): void;
  end(reason: SessionEnd): void;
  interrupt(reason: SessionEnd, message?: string): void;
}

export function useSession(): SessionHandle {
  const { store } = useSessionContext();
  const { session, ended, interrupted } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return {
    session,
    ended,
    interrupted,
    start: (next) => store.start(next),
    updateUser: (user) => store.updateUser(user),
    end: (reason) => store.end(reason),
    interrupt: (reason, message) => store.interrupt(reason, message),
  };
}

/** For pages under the session guard, where a signed-in user is certain. */
export function useCurrentUser(): SessionUser {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentUser needs a signed-in session.');
  return session.user;
}
