import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useApi, useConnectivity, useCurrentUser, useSession } from '../auth/SessionProvider';
import { attendanceSender } from './attendance-drafts';
import { DraftQueue, type DraftSnapshot } from './draft-queue';
import { draftStorageKey, localDraftStorage } from './draft-storage';

const DraftsContext = createContext<DraftQueue | null>(null);

/** The signed-in user's draft queue, sending while any page of the app is open. */
export function DraftsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { id: userId } = useCurrentUser();
  const { online } = useConnectivity();
  const { session, interrupted } = useSession();
  // Sent with a token that holds: after the session ended, once the user signed in again.
  const sendable = online && session !== null && !interrupted;
  const token = session?.token;
  const queue = useMemo(() => new DraftQueue(localDraftStorage(window.localStorage, userId), attendanceSender(api)), [api, userId]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === draftStorageKey(userId) || event.key === null) queue.reload();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [queue, userId]);

  // The server answers again, or the user signed in again after the session ended (issue 15): what
  // waited goes now rather than at the next retry. Retries run only meanwhile: one fired while the
  // session is interrupted would go with the token the server just refused.
  useEffect(() => {
    if (!sendable) return;
    queue.start();
    return () => queue.stop();
  }, [sendable, queue, token]);

  return <DraftsContext.Provider value={queue}>{children}</DraftsContext.Provider>;
}

export function useDrafts(): { queue: DraftQueue; drafts: DraftSnapshot } {
  const queue = useContext(DraftsContext);
  if (!queue) throw new Error('DraftsProvider is missing above this component.');
  const drafts = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  return { queue, drafts };
}
