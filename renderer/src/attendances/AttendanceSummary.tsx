import { useId, type ReactNode } from 'react';
import {
  channelLabels,
  formatDocument,
  formatProtocol,
  type Attendance,
  type CustomerSummary,
  type RequestSummary,
} from '@receptivo/shared';
import { protocolOf, protocolPending, type AttendancePending } from '../offline/attendance-drafts';
import { isLocalAttendance } from '../offline/ids';
import { ShortcutHint, shortcuts } from '../ui/shortcuts';
import { useElapsed } from './elapsed';
import { RequestStatusBadge } from '../ui/StatusBadge';

interface AttendanceSummaryProps {
  attendance: Attendance;
  /** When its timer starts (ms): see timerStartOf. */
  timerStart: number;
  /** What of it still waits to be sent to the server (drafts). */
  pending: AttendancePending;
  onOpenRequest: (request: RequestSummary) => void;
  onFinish: () => void;
}

/** Marks what the desk keeps until the server confirms it. */
function Waiting({ refused = false }: { refused?: boolean }) {
  return <span className="badge badge--off draft-pending">{refused ? 'Recusado pelo servidor' : 'Aguardando envio'}</span>;
}

/** What the attendance holds so far, kept in sight while the attendant works beside it. */
export function AttendanceSummary({ attendance, timerStart, pending, onOpenRequest, onFinish }: AttendanceSummaryProps) {
  const titleId = useId();
  const elapsed = useElapsed(timerStart);

  return (
    <section className="attendance-summary" aria-labelledby={titleId}>
      <h2 id={titleId} className="attendance-summary__title">
        Resumo do atendimento
      </h2>
      <dl className="attendance-summary__facts">
        <div className="attendance-summary__fact attendance-summary__fact--wide">
          <dt>Protocolo</dt>
          <dd className={isLocalAttendance(attendance.id) ? 'attendance-summary__protocol' : 'attendance-summary__protocol mono'}>
            {protocolOf(attendance, pending.start)}
          </dd>
        </div>
        <div className="attendance-summary__fact">
          <dt>Meio de comunicação</dt>
          <dd>{channelLabels[attendance.channel]}</dd>
        </div>
        <div className="attendance-summary__fact">
          <dt>Tempo</dt>
          <dd>
            <span role="timer" aria-label="Tempo de atendimento" className="mono">
              {elapsed}
            </span>
          </dd>
        </div>
      </dl>
      <SummarySection title="Cliente">
        {attendance.customer ? (
          <>
            <CustomerLines customer={attendance.customer} />
            {pending.customer && <Waiting />}
          </>
        ) : (
          <p className="muted">Nenhum cliente vinculado</p>
        )}
      </SummarySection>
      <SummarySection title="Informações registradas">
        {(listId) =>
          attendance.informations.length === 0 ? (
            <p className="muted">Nenhuma informação registrada.</p>
          ) : (
            <ul className="attendance-summary__list" aria-labelledby={listId}>
              {attendance.informations.map((information) => (
                <li key={information.id}>
                  {information.title}
                  {pending.informations.has(information.informationId) && (
                    <Waiting refused={pending.informations.get(information.informationId) !== null} />
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </SummarySection>
      <SummarySection title="Solicitações registradas">
        {(listId) =>
          attendance.requests.length === 0 && pending.requests.length === 0 ? (
            <p className="muted">Nenhuma solicitação registrada.</p>
          ) : (
            <ul className="attendance-summary__list" aria-labelledby={listId}>
              {attendance.requests.map((request) => (
                <li key={request.id} className="attendance-summary__request">
                  <button type="button" className="link-button mono" onClick={() => onOpenRequest(request)}>
                    {formatProtocol(request.protocol)}
                  </button>
                  <span>{request.typeName}</span>
                  <RequestStatusBadge status={request.status} />
                </li>
              ))}
              {pending.requests.map((request) => (
                <li key={request.key} className="attendance-summary__request">
                  <span className="muted">{protocolPending}</span>
                  <span>{request.typeName}</span>
                  <Waiting refused={request.refusal !== null} />
                </li>
              ))}
            </ul>
          )
        }
      </SummarySection>
      <button
        type="button"
        className="button button--primary button--block"
        aria-keyshortcuts={shortcuts.finish.label}
        onClick={onFinish}
      >
        Finalizar <ShortcutHint shortcut={shortcuts.finish} />
      </button>
    </section>
  );
}

function SummarySection({ title, children }: { title: string; children: ReactNode | ((titleId: string) => ReactNode) }) {
  const titleId = useId();
  return (
    <div className="attendance-summary__section">
      <h3 id={titleId}>{title}</h3>
      {typeof children === 'function' ? children(titleId) : children}
    </div>
  );
}

/** Name, document, primary phone and e-mail: what the attendant confirms with the caller. */
export function CustomerLines({ customer }: { customer: CustomerSummary }) {
  return (
    <div className="customer-lines">
      <p className="customer-lines__name">{customer.name}</p>
      <p className="mono">{formatDocument(customer.document)}</p>
      {customer.primaryPhone && <p className="mono">{customer.primaryPhone.display}</p>}
      <p>{customer.email ?? <span className="muted">Sem e-mail cadastrado</span>}</p>
    </div>
  );
}
