import { useEffect, useState } from 'react';
import { useConnectivity } from '../auth/SessionProvider';
import { formatDateTime } from '../ui/format';
import { localKnowledge } from './knowledge-cache';

/** While the server is out of reach, says the knowledge shown is the local copy, and of when. */
export function OfflineKnowledgeNotice() {
  const { online } = useConnectivity();
  /** undefined while asked; null when this computer keeps no copy. */
  const [syncedAt, setSyncedAt] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    if (online) return;
    let current = true;
    localKnowledge()
      .syncedAt()
      .then(
        (at) => current && setSyncedAt(at),
        () => current && setSyncedAt(null),
      );
    return () => {
      current = false;
    };
  }, [online]);

  if (online || syncedAt === undefined) return null;
  return (
    <p role="status" className="alert alert--notice">
      {syncedAt
        ? `Modo offline: base de conhecimento local de ${formatDateTime(syncedAt)}`
        : 'Modo offline: não há base de conhecimento local neste computador.'}
    </p>
  );
}
