import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { CallerHistory } from '@receptivo/shared';
import { requestStatusPath } from '../app/paths';
import { formatDateTime } from '../ui/format';
import { Protocol } from '../ui/Protocol';
import { OverdueBadge, RequestStatusBadge } from '../ui/StatusBadge';

const times = (count: number) => (count === 1 ? '1 vez' : `${count} vezes`);

/** How often the caller called lately, in words: "Ligou 3 vezes hoje · 5 nos últimos 7 dias". */
export function callFrequency({ attendancesLast24h, attendancesLast7d }: CallerHistory): string | null {
  if (attendancesLast7d === 0) return null;
  const week = `${attendancesLast7d} nos últimos 7 dias`;
  return attendancesLast24h > 0 ? `Ligou ${times(attendancesLast24h)} hoje · ${week}` : `Ligou ${times(attendancesLast7d)} nos últimos 7 dias`;
}

/** Why the caller probably calls: how often lately, and the best match's open requests, each one click from its Status Solicitação. */
export function CallerHistoryFacts({ history }: { history: CallerHistory }) {
  const openId = useId();
  const frequency = callFrequency(history);
  if (!frequency && history.openRequests.length === 0) return null;
  return (
    <div className="call-pop__history">
      {frequency && <p className="call-pop__frequency">{frequency}</p>}
      {history.openRequests.length > 0 && (
        <>
          <h3 id={openId} className="call-pop__subtitle">
            Solicitações em aberto
          </h3>
          <ul className="call-pop__open-requests" aria-labelledby={openId}>
            {history.openRequests.map((request) => (
              <li key={request.id}>
                <Link to={requestStatusPath(request.id)}>
                  <Protocol value={request.protocol} /> {request.typeName}
                </Link>{' '}
                <RequestStatusBadge status={request.status} />
                {request.overdue && (
                  <>
                    {' '}
                    <OverdueBadge />
                  </>
                )}
                {' '}
                <span className="table__secondary">Prazo {formatDateTime(request.deadline)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
