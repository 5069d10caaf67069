import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { channelLabels, type CustomerHistory } from '@receptivo/shared';
import { attendanceDetailsPath, requestStatusPath } from '../app/paths';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { Protocol } from '../ui/Protocol';
import { OverdueBadge, RequestStatusBadge } from '../ui/StatusBadge';
import { useApi } from '../auth/SessionProvider';
import { customerHistoryQuery } from './customers-api';
import { HistoryTable } from './HistoryTable';

/** [Histórico]: every attendance of the customer and every request they made, each protocol a link. */
export function CustomerHistoryTab({ customerId }: { customerId: string }) {
  const load = useQuery(customerHistoryQuery(useApi(), customerId));
  if (load.isPending) return <p className="muted">Carregando histórico…</p>;
  if (load.isError) return <LoadFailed what="o histórico do cliente" error={load.error} onRetry={() => void load.refetch()} />;
  return (
    <div>
      <AttendanceHistory attendances={load.data.attendances} />
      <RequestHistory requests={load.data.requests} />
    </div>
  );
}

function AttendanceHistory({ attendances }: { attendances: CustomerHistory['attendances'] }) {
  const titleId = useId();
  return (
    <section className="page-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        Histórico de Atendimento
      </h2>
      <HistoryTable
        labelledBy={titleId}
        columns={['Protocolo', 'Início', 'Término', 'Meio de comunicação', 'Atendente', 'Informações', 'Solicitações']}
        empty="Nenhum atendimento registrado para este cliente."
        rows={attendances.map((attendance) => (
          <tr key={attendance.id}>
            <td>
              <Link to={attendanceDetailsPath(attendance.id)}>
                <Protocol value={attendance.protocol} />
              </Link>
            </td>
            <td>{formatDateTime(attendance.startedAt)}</td>
            <td>{attendance.finishedAt ? formatDateTime(attendance.finishedAt) : <span className="muted">Em andamento</span>}</td>
            <td>{channelLabels[attendance.channel]}</td>
            <td>{attendance.attendantName}</td>
            <td>{attendance.informationCount}</td>
            <td>{attendance.requestCount}</td>
          </tr>
        ))}
      />
    </section>
  );
}

function RequestHistory({ requests }: { requests: CustomerHistory['requests'] }) {
  const titleId = useId();
  return (
    <section className="page-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        Histórico de Solicitação
      </h2>
      <HistoryTable
        labelledBy={titleId}
        columns={['Protocolo', 'Tipo', 'Órgão', 'Situação', 'Registrada em', 'Prazo']}
        empty="Nenhuma solicitação registrada para este cliente."
        rows={requests.map((request) => (
          <tr key={request.id}>
            <td>
              <Link to={requestStatusPath(request.id)}>
                <Protocol value={request.protocol} />
              </Link>
            </td>
            <td>{request.typeName}</td>
            <td>{request.organName}</td>
            <td>
              <RequestStatusBadge status={request.status} />
            </td>
            <td>{formatDateTime(request.createdAt)}</td>
            <td>
              {formatDateTime(request.deadline)} {request.overdue && <OverdueBadge />}
            </td>
          </tr>
        ))}
      />
    </section>
  );
}
