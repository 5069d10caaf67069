import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { PortalSession } from '@receptivo/shared';
import { ApiClient, ApiError } from '../api/client';
import { PortalSessionStore, type PortalSessionEnd, type PortalSessionState } from './portal-session';

interface PortalContextValue {
  store: PortalSessionStore;
  api: ApiClient;
  queries: QueryClient;
}

const PortalContext = createContext<PortalContextValue | null>(null);

function usePortalContext(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal* must be used inside PortalSessionProvider');
  return value;
}

/** A temporary password opens nothing but its change: any such refusal sends the citizen to choose one. */
const asksForNewPassword = (error: unknown) => error instanceof ApiError && error.code === 'PASSWORD_CHANGE_REQUIRED';

/**
 * The citizen's session and the portal's API client and query cache. The portal is served by the
 * API server itself, so paths stay relative. A 401 on the token ends the session (the sign-in page
 * says why); a 403 PASSWORD_CHANGE_REQUIRED marks it, and the routes lead to the password change.
 */
export function PortalSessionProvider({ children }: { children: ReactNode }) {
  const [value] = useState<PortalContextValue>(() => {
    const store = new PortalSessionStore(window.sessionStorage);
    const api = new ApiClient({
      baseUrl: async () => '',
      token: () => store.getSnapshot().session?.token ?? null,
      onSessionRejected: (token) => store.reject(token),
    });
    const onError = (error: unknown) => {
      if (asksForNewPassword(error)) store.requirePasswordChange();
    };
    const queries = new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      // A failed load says why and offers to try again (LoadFailed); answers are fresh for 5 s.
      defaultOptions: { queries: { retry: false, staleTime: 5_000 } },
    });
    // Answers fetched for one citizen are never shown after the session ends, nor to the next one.
    let citizen = store.getSnapshot().session?.citizen.login;
    store.subscribe(() => {
      const next = store.getSnapshot().session?.citizen.login;
      if (next !== citizen) queries.clear();
      citizen = next;
    });
    return { store, api, queries };
  });
  return (
    <PortalContext.Provider value={value}>
      <QueryClientProvider client={value.queries}>{children}</QueryClientProvider>
    </PortalContext.Provider>
  );
}

export const usePortalApi = (): ApiClient => usePortalContext().api;

export function usePortalSession(): PortalSessionState & {
  start: (session: PortalSession) => void;
  end: (reason: PortalSessionEnd) => void;
} {
  const { store } = usePortalContext();
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return {
    ...state,
    start: (session) => store.start(session),
    end: (reason) => store.end(reason),
  };
}
