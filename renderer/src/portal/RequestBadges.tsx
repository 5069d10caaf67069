import { formatProtocol, type PortalRequestSummary } from '@receptivo/shared';
import { RequestStatusBadge, StatusBadge } from '../ui/StatusBadge';

/** The request's situation, and "Prazo vencido" beside it when the server says the deadline passed. */
export function RequestBadges({ request }: { request: Pick<PortalRequestSummary, 'status' | 'overdue'> }) {
  return (
    <span className="portal-badges">
      <RequestStatusBadge status={request.status} />
      {request.overdue && <StatusBadge look="overdue" label="Prazo vencido" />}
    </span>
  );
}

/** A grouped request follows the first one of its group: its situation and response are the first's. */
export const groupNote = (firstProtocol: string) => `Acompanha a solicitação ${formatProtocol(firstProtocol)}`;
