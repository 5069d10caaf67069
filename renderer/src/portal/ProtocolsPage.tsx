import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { channelLabels, type PortalAttendance, type PortalRequestSummary } from '@receptivo/shared';
import { AttendanceStatusBadge } from '../ui/StatusBadge';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { Protocol } from '../ui/Protocol';
import { protocolsQuery } from './portal-api';
import { portalPaths } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi } from './PortalSessionProvider';
import { groupNote, RequestBadges } from './RequestBadges';

/** Meus protocolos: the citizen's requests and attendances, newest first. */
export function ProtocolsPage() {
  const api = usePortalApi();
  const protocols = useQuery(protocolsQuery(api));

  return (
    <PortalPage title="Meus protocolos" lead="Suas solicitações e atendimentos na Central de Atendimento.">
      <p>
        <Link to={portalPaths.newRequest()} className="button button--primary">
          Nova solicitação
        </Link>
      </p>
      {protocols.isPending && <p className="muted">Carregando seus protocolos…</p>}
      {protocols.isError && <LoadFailed what="seus protocolos" error={protocols.error} onRetry={() => void protocols.refetch()} />}
      {protocols.data && (
        <>
          <RequestList requests={protocols.data.requests} />
          <AttendanceList attendances={protocols.data.attendances} />
        </>
      )}
    </PortalPage>
  );
}

function RequestList({ requests }: { requests: PortalRequestSummary[] }) {
  const titleId = useId();
  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>Solicitações</h2>
      {requests.length === 0 ? (
        <p className="muted">Você ainda não tem solicitações.</p>
      ) : (
        <ul className="portal-list" aria-labelledby={titleId}>
          {requests.map((request) => (
            <li key={request.id} className="portal-item">
              <h3 className="portal-item__title">
                <Link to={portalPaths.request(request.id)}>{request.typeName}</Link>
              </h3>
              <p className="portal-item__line">
                Protocolo <Protocol value={request.protocol} />
              </p>
              <RequestBadges request={request} />
              <dl className="portal-facts">
                <dt>Órgão</dt>
                <dd>{request.organName}</dd>
                <dt>Registrada em</dt>
                <dd>{formatDateTime(request.createdAt)}</dd>
                <dt>Prazo</dt>
                <dd>{formatDateTime(request.deadline)}</dd>
              </dl>
              {request.groupFirstProtocol && <p className="portal-item__note">{groupNote(request.groupFirstProtocol)}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AttendanceList({ attendances }: { attendances: PortalAttendance[] }) {
  const titleId = useId();
  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>Atendimentos</h2>
      {attendances.length === 0 ? (
        <p className="muted">Você ainda não tem atendimentos.</p>
      ) : (
        <ul className="portal-list" aria-labelledby={titleId}>
          {attendances.map((attendance) => (
            <li key={attendance.protocol} className="portal-item">
              <h3 className="portal-item__title">
                Atendimento <Protocol value={attendance.protocol} />
              </h3>
              <AttendanceStatusBadge status={attendance.status} />
              <dl className="portal-facts">
                <dt>Canal</dt>
                <dd>{channelLabels[attendance.channel]}</dd>
                <dt>Data</dt>
                <dd>{formatDateTime(attendance.startedAt)}</dd>
                {attendance.informationTitles.length > 0 && (
                  <>
                    <dt>Informações</dt>
                    <dd>{attendance.informationTitles.join('; ')}</dd>
                  </>
                )}
                {attendance.requestTypeNames.length > 0 && (
                  <>
                    <dt>Solicitações</dt>
                    <dd>{attendance.requestTypeNames.join('; ')}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
