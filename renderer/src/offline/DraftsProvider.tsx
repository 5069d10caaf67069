import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useApi, useConnectivity, useCurrentUser } from '../auth/SessionProvider';
import { attendanceSender } from './attendance-drafts';
import { DraftQueue, type DraftSnapshot } from './draft-queue';
import { draftStorageKey, localDraftStorage } from './draft-storage';

const DraftsContext = createContext<DraftQueue | null>(null);

/** The signed-in user's draft queue, sending while any page of the app is open. */
export function DraftsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { id: userId } = useCurrentUser();
  const { online } = useConnectivity();
  const queue = useMemo(() => new DraftQueue(localDraftStorage(window.localStorage, userId), attendanceSender(api)), [api, userId]);

  useEffect(() => {
    queue.start();
    const onStorage = (event: StorageEvent) => {
      if (event.key === draftStorageKey(userId) || event.key === null) queue.reload();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      queue.stop();
      window.removeEventListener('storage', onStorage);
    };
  }, [queue, userId]);

  // The server answers again: what waited goes now rather than at the next retry.
  useEffect(() => {
    if (online) void queue.flush();
  }, [online, queue]);

  return <DraftsContext.Provider value={queue}>{children}</DraftsContext.Provider>;
}

export function useDrafts(): { queue: DraftQueue; drafts: DraftSnapshot } {
  const queue = useContext(DraftsContext);
  if (!queue) throw new Error('DraftsProvider is missing above this component.');
  const drafts = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  return { queue, drafts };
}
