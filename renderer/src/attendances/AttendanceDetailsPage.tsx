import { Fragment, useId, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import {
  attendedBy,
  channelLabels,
  formatDocument,
  formatProtocol,
  menuFor,
  type Attendance,
  type AttendanceCall,
} from '@receptivo/shared';
import { describeError } from '../api/client';
import { attendancePrintPath, customerEditorPath, requestStatusPath } from '../app/paths';
import { useLeavePage } from '../app/use-leave-page';
import { useApi, useCurrentUser } from '../auth/SessionProvider';
import { callerText, queueText, uraEntries } from '../cti/call-display';
import { randomId } from '../offline/ids';
import { DownloadLink } from '../ui/DownloadLink';
import { FormAlert } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { Page } from '../ui/Page';
import { Protocol } from '../ui/Protocol';
import { attendancePdfPath, attendanceQuery, takeOverAttendance } from './attendances-api';
import { formatDuration } from './elapsed';
import './attendances.css';
import { AttendanceStatusBadge, RequestStatusBadge } from '../ui/StatusBadge';

const secondsBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The name the PDF is saved under: the protocol as read over the phone. */
export const attendancePdfName = (attendance: Pick<Attendance, 'protocol'>) => `atendimento-${formatProtocol(attendance.protocol)}.pdf`;

/** /atendimentos/:id: one attendance as it was registered, from the customer's history or a search. */
export function AttendanceDetailsPage() {
  const { id = '' } = useParams();
  const close = useLeavePage();

  return (
    <Page title="Detalhes Atendimento">
      <AttendanceLoader id={id}>{(attendance) => <AttendanceDetails attendance={attendance} onClose={close} />}</AttendanceLoader>
    </Page>
  );
}

function AttendanceDetails({ attendance, onClose }: { attendance: Attendance; onClose: () => void }) {
  return (
    <div className="attendance-details">
      <p className="request-status__protocol">
        Protocolo <strong className="mono">{formatProtocol(attendance.protocol)}</strong>
      </p>
      <AttendanceFacts attendance={attendance} />
      {attendance.call && <AttendanceCallFacts call={attendance.call} />}
      <AttendanceInformations attendance={attendance} />
      <AttendanceRequests attendance={attendance} />
      <AttendanceHistory attendance={attendance} />
      <TakeOver attendance={attendance} />
      <div className="request-status__actions">
        <button type="button" className="button" onClick={() => window.open(attendancePrintPath(attendance.id), '_blank')}>
          Imprimir
        </button>
        <DownloadLink className="button" path={attendancePdfPath(attendance.id)} fileName={attendancePdfName(attendance)}>
          Baixar PDF
        </DownloadLink>
        <button type="button" className="button" onClick={onClose}>
          Fechar
        </button>
      </div>
    </div>
  );
}

/**
 * [Assumir atendimento]: a supervisor takes over an open attendance someone else holds (an attendant
 * away from the desk); from then on only the supervisor changes it, in their Receptivo.
 */
function TakeOver({ attendance }: { attendance: Attendance }) {
  const api = useApi();
  const queries = useQueryClient();
  const user = useCurrentUser();
  // One key per attendance: a click sent again after a lost answer takes it over once.
  const [key] = useState(randomId);
  const takeOver = useMutation({
    mutationFn: () => takeOverAttendance(api, attendance.id, key),
    onSuccess: (taken) => queries.setQueryData(attendanceQuery(api, taken.id).queryKey, taken),
  });
  if (user.role !== 'supervisor' || attendance.status !== 'open') return null;
  if (attendance.holder?.id === user.id) {
    return (
      <p className="alert alert--notice" role="status">
        Você conduz este atendimento: continue-o no <Link to="/receptivo">Receptivo</Link>.
      </p>
    );
  }

  return (
    <div className="request-status__actions">
      <button type="button" className="button button--primary" disabled={takeOver.isPending} onClick={() => takeOver.mutate()}>
        Assumir atendimento
      </button>
      <FormAlert message={takeOver.isError ? describeError(takeOver.error) : null} />
    </div>
  );
}

/** Takeovers, oldest first: who took the attendance over from whom, and when. */
export function AttendanceHistory({ attendance }: { attendance: Attendance }) {
  const titleId = useId();
  if (attendance.history.length === 0) return null;
  return (
    <section className="attendance-details__section" aria-labelledby={titleId}>
      <h2 id={titleId}>Histórico</h2>
      <ul aria-labelledby={titleId}>
        {attendance.history.map((event) => (
          <li key={`${event.at}-${event.actor.id}`}>
            {`${formatDateTime(event.at)} — assumido por ${event.actor.name}`}
            {event.previousHolder && ` (estava com ${event.previousHolder.name})`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Loads one attendance by id and hands it to `children`, with the loading and failure states. */
export function AttendanceLoader({ id, children }: { id: string; children: (attendance: Attendance) => ReactNode }) {
  const load = useQuery(attendanceQuery(useApi(), id));
  if (load.isPending) return <p className="muted">Carregando atendimento…</p>;
  if (load.isError) return <LoadFailed what="o atendimento" error={load.error} onRetry={() => void load.refetch()} />;
  return children(load.data);
}

/** Who, when and how: the facts of the details page and of the printed sheet. */
export function AttendanceFacts({ attendance }: { attendance: Attendance }) {
  const { role } = useCurrentUser();
  // Back office staff have no Clientes section to open the customer in.
  const customersOpen = menuFor(role).some((section) => section.key === 'customers');
  const { customer } = attendance;

  return (
    <dl className="details">
      <dt>Situação</dt>
      <dd>
        <AttendanceStatusBadge status={attendance.status} />
      </dd>
      <dt>Meio de comunicação</dt>
      <dd>{channelLabels[attendance.channel]}</dd>
      <dt>Início</dt>
      <dd>{formatDateTime(attendance.startedAt, { seconds: true })}</dd>
      {attendance.finishedAt && (
        <>
          <dt>Término</dt>
          <dd>{formatDateTime(attendance.finishedAt, { seconds: true })}</dd>
          <dt>Duração</dt>
          <dd className="mono">{formatDuration(secondsBetween(attendance.startedAt, attendance.finishedAt))}</dd>
        </>
      )}
      <dt>Atendente</dt>
      <dd>{attendedBy(attendance)}</dd>
      {attendance.holder && attendance.holder.id !== attendance.attendant?.id && (
        <>
          <dt>Responsável</dt>
          <dd>{attendance.holder.name}</dd>
        </>
      )}
      <dt>Cliente</dt>
      <dd>
        {customer ? (
          <>
            {customersOpen ? <Link to={customerEditorPath(customer.id)}>{customer.name}</Link> : customer.name}
            <span className="table__secondary">{formatDocument(customer.document)}</span>
          </>
        ) : (
          'Cliente não identificado'
        )}
      </dd>
      {attendance.scriptSentTo && (
        <>
          <dt>Script enviado para</dt>
          <dd>{attendance.scriptSentTo}</dd>
        </>
      )}
    </dl>
  );
}

export function AttendanceCallFacts({ call }: { call: AttendanceCall }) {
  const titleId = useId();
  return (
    <section className="attendance-details__section" aria-labelledby={titleId}>
      <h2 id={titleId}>Chamada</h2>
      <dl className="details">
        <dt>Número</dt>
        <dd className="mono">{callerText(call)}</dd>
        <dt>Fila</dt>
        <dd>{queueText(call.queue)}</dd>
        <dt>Espera</dt>
        <dd className="mono">{formatDuration(call.waitSeconds)}</dd>
        {call.talkSeconds !== null && (
          <>
            <dt>Conversa</dt>
            <dd className="mono">{formatDuration(call.talkSeconds)}</dd>
          </>
        )}
        {uraEntries(call.ura).map(({ key, label, value }) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

export function AttendanceInformations({ attendance }: { attendance: Attendance }) {
  const titleId = useId();
  return (
    <section className="attendance-details__section" aria-labelledby={titleId}>
      <h2 id={titleId}>Informações registradas</h2>
      {attendance.informations.length === 0 ? (
        <p className="muted">Nenhuma informação registrada.</p>
      ) : (
        <ul aria-labelledby={titleId}>
          {attendance.informations.map((information) => (
            <li key={information.id}>
              {information.title} <span className="muted">{`(${formatDateTime(information.registeredAt)})`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** On screen each request's title opens its Status Solicitação; on paper it is plain text. */
export function AttendanceRequests({ attendance, linked = true }: { attendance: Attendance; linked?: boolean }) {
  const titleId = useId();
  return (
    <section className="attendance-details__section" aria-labelledby={titleId}>
      <h2 id={titleId}>Solicitações registradas</h2>
      {attendance.requests.length === 0 ? (
        <p className="muted">Nenhuma solicitação registrada.</p>
      ) : (
        <table className="table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">Protocolo</th>
              <th scope="col">Solicitação</th>
              <th scope="col">Órgão</th>
              <th scope="col">Situação</th>
              <th scope="col">Prazo</th>
            </tr>
          </thead>
          <tbody>
            {attendance.requests.map((request) => (
              <tr key={request.id}>
                <td>
                  <Protocol value={request.protocol} />
                </td>
                <td>{linked ? <Link to={requestStatusPath(request.id)}>{request.typeName}</Link> : request.typeName}</td>
                <td>{request.organName}</td>
                <td>
                  <RequestStatusBadge status={request.status} />
                </td>
                <td>{formatDateTime(request.deadline)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
