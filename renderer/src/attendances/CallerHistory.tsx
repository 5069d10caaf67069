import { useEffect, useId, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  channelLabels,
  formatProtocol,
  type Attendance,
  type CustomerHistoryAttendance,
  type CustomerHistoryRequest,
} from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { customerHistoryKey, customerHistoryQuery } from '../customers/customers-api';
import { HistoryTable } from '../customers/HistoryTable';
import { callFrequency } from '../cti/CallerHistoryFacts';
import { formatDateTime } from '../ui/format';
import { Protocol } from '../ui/Protocol';
import { OverdueBadge, RequestStatusBadge } from '../ui/StatusBadge';

/** The desk shows this many earlier attendances; the whole history is on the customer's record. */
const RECENT_ATTENDANCES = 5;

const isActive = (request: CustomerHistoryRequest) => request.status === 'open' || request.status === 'in_progress';

const HOUR_MS = 3_600_000;
/** The earlier attendances of the last 24 h and 7 days, as the pop counts them ("Ligou 3 vezes hoje"). */
function frequencyOf(attendances: CustomerHistoryAttendance[], now: number): string | null {
  const since = (hours: number) => attendances.filter((item) => now - Date.parse(item.startedAt) <= hours * HOUR_MS).length;
  return callFrequency({ attendancesLast24h: since(24), attendancesLast7d: since(24 * 7), openRequests: [] });
}

interface CallerHistoryProps {
  customerId: string;
  /** The attendance on the desk: left out of the earlier ones; a request registered in it refreshes the lists. */
  attendance: Attendance;
  /** Opens the Status Solicitação on the desk, keeping the attendance and whatever is being typed. */
  onOpenRequest: (requestId: string) => void;
}

/** The linked caller at hand: their open requests (one click from the Status Solicitação) and latest attendances. */
export function CallerHistory({ customerId, attendance, onOpenRequest }: CallerHistoryProps) {
  const api = useApi();
  const queries = useQueryClient();
  const titleId = useId();
  const history = useQuery(customerHistoryQuery(api, customerId));

  // A request registered in this attendance is news for the lists. A new situation is not told here:
  // the action that changed it (RequestStatus) refreshes the history itself, and every read is audited.
  const requestsSeen = attendance.requests.map((request) => request.id).join();
  const lastSeen = useRef(requestsSeen);
  useEffect(() => {
    if (requestsSeen === lastSeen.current) return;
    lastSeen.current = requestsSeen;
    void queries.invalidateQueries({ queryKey: customerHistoryKey(customerId) });
  }, [requestsSeen, customerId, queries]);

  return (
    <section className="caller-history" aria-labelledby={titleId}>
      <h3 id={titleId} className="caller-history__title">
        Histórico do cliente
      </h3>
      {history.isPending && <p className="muted">Carregando histórico…</p>}
      {history.isError && (
        <div className="alert alert--error">
          <p>{`Não foi possível carregar o histórico do cliente. ${describeError(history.error)}`}</p>
          <button type="button" className="button button--small" onClick={() => void history.refetch()}>
            Tentar novamente
          </button>
        </div>
      )}
      {history.data && (
        <>
          <Frequency text={frequencyOf(history.data.attendances.filter((item) => item.id !== attendance.id), Date.now())} />
          <OpenRequests requests={history.data.requests.filter(isActive)} onOpen={onOpenRequest} />
          <RecentAttendances
            attendances={history.data.attendances.filter((item) => item.id !== attendance.id).slice(0, RECENT_ATTENDANCES)}
          />
        </>
      )}
    </section>
  );
}

function Frequency({ text }: { text: string | null }) {
  return text ? <p className="caller-history__frequency">{text}</p> : null;
}

function OpenRequests({ requests, onOpen }: { requests: CustomerHistoryRequest[]; onOpen: (requestId: string) => void }) {
  const titleId = useId();
  return (
    <>
      <h4 id={titleId} className="caller-history__subtitle">
        Solicitações em aberto
      </h4>
      <HistoryTable
        labelledBy={titleId}
        className="caller-history__table"
        columns={['Protocolo', 'Tipo', 'Situação', 'Prazo']}
        empty="Nenhuma solicitação em aberto."
        rows={requests.map((request) => (
          <tr key={request.id}>
            <td>
              <button
                type="button"
                className="link-button"
                aria-label={`Ver solicitação ${formatProtocol(request.protocol)}`}
                onClick={() => onOpen(request.id)}
              >
                <Protocol value={request.protocol} />
              </button>
            </td>
            <td>{request.typeName}</td>
            <td>
              <RequestStatusBadge status={request.status} />
            </td>
            <td>
              <span className="caller-history__deadline">
                {formatDateTime(request.deadline)}
                {request.overdue && <OverdueBadge />}
              </span>
            </td>
          </tr>
        ))}
      />
    </>
  );
}

/** What was registered in an attendance, in a line: informations first, then requests. */
const registeredText = (attendance: CustomerHistoryAttendance) =>
  [...attendance.informationTitles, ...attendance.requestTypeNames].join('; ') || 'Nada registrado';

function RecentAttendances({ attendances }: { attendances: CustomerHistoryAttendance[] }) {
  const titleId = useId();
  return (
    <>
      <h4 id={titleId} className="caller-history__subtitle">
        Atendimentos anteriores
      </h4>
      <HistoryTable
        labelledBy={titleId}
        className="caller-history__table"
        columns={['Protocolo', 'Data', 'Meio', 'Registrado']}
        empty="Nenhum atendimento anterior."
        rows={attendances.map((attendance) => (
          <tr key={attendance.id}>
            <td>
              <Protocol value={attendance.protocol} />
            </td>
            <td>{formatDateTime(attendance.startedAt)}</td>
            <td>{channelLabels[attendance.channel]}</td>
            <td>{registeredText(attendance)}</td>
          </tr>
        ))}
      />
    </>
  );
}
