import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { formatDocument, formatProtocol, type Request } from '@receptivo/shared';
import { describeError } from '../api/client';
import { requestPrintPath, requestStatusPath } from '../app/paths';
import { useApi, useCurrentUser } from '../auth/SessionProvider';
import { describeAddress } from '../customers/AddressFields';
import { customerHistoryKey } from '../customers/customers-api';
import { maskCep } from '../customers/masks';
import { BackofficeControls } from '../requests/BackofficeControls';
import { RequestActions } from '../requests/RequestActions';
import { requestPdfPath, requestsKey, resendRequestEmail } from '../requests/requests-api';
import { RequestTimeline } from '../requests/RequestTimeline';
import { DownloadLink } from '../ui/DownloadLink';
import { FormAlert } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { SchemaForm } from '../ui/schema-form/SchemaForm';
import { requestQuery } from './attendances-api';
import { RequestStatusBadge } from '../ui/StatusBadge';

/** The name the PDF is saved under: the protocol as read over the phone. */
export const requestPdfName = (request: Pick<Request, 'protocol'>) => `solicitacao-${formatProtocol(request.protocol)}.pdf`;

/** "Agrupada com a solicitação 2026.000123-4", or null for a request outside a group or first in it. */
export const groupingText = (request: Pick<Request, 'groupOf'>) =>
  request.groupOf ? `Agrupada com a solicitação ${formatProtocol(request.groupOf.protocol)}` : null;

export const requesterText = (customer: Request['customer']) =>
  customer ? `${customer.name} (${formatDocument(customer.document)})` : 'Cliente não identificado';

export const addressText = (address: NonNullable<Request['address']>) =>
  `${describeAddress(address)} — CEP ${maskCep(address.cep)}`;

interface RequestStatusProps {
  request: Request;
  onClose: () => void;
  /** Each change an action made, e.g. for the attendance summary to show the new situation. */
  onChanged?: (request: Request) => void;
  /**
   * The Atendimentos tab's [Ver]: facts, history, [Mostrar Formulário], [Reenviar Email], [Imprimir],
   * [Fechar]; the lifecycle actions stay on the request's own page, linked from here.
   */
  summary?: boolean;
}

/**
 * The Status Solicitação: what was registered and how it stands, its history, and the actions on it.
 * Each action answers with the whole request, which replaces the one shown.
 */
export function RequestStatus({ request: initial, onClose, onChanged, summary = false }: RequestStatusProps) {
  const api = useApi();
  const queries = useQueryClient();
  const { role } = useCurrentUser();
  const titleId = useId();
  const formId = useId();
  const [request, setRequest] = useState(initial);
  const [showForm, setShowForm] = useState(false);
  /** The outcome of the last action; numbered so a repeated one is a new text to announce. */
  const [message, setMessage] = useState({ count: 0, text: '' });
  const [failure, setFailure] = useState<string | null>(null);
  const [resending, setResending] = useState(false);
  const grouping = groupingText(request);
  const title = useRef<HTMLHeadingElement>(null);

  // The view replaces the form just saved (or the summary line clicked): reading goes on from here.
  useEffect(() => title.current?.focus(), [request.id]);

  function done(updated: Request, text: string) {
    setRequest(updated);
    queries.setQueryData(requestQuery(api, updated.id).queryKey, updated);
    // The lists showing it (the back office's, an address group) and the customer's history (e.g.
    // the desk's open requests) show this request's situation.
    void queries.invalidateQueries({ queryKey: requestsKey, predicate: (query) => query.queryKey[1] !== updated.id });
    if (updated.customer) void queries.invalidateQueries({ queryKey: customerHistoryKey(updated.customer.id) });
    setMessage((previous) => ({ count: previous.count + 1, text }));
    setFailure(null);
    onChanged?.(updated);
  }

  async function resendEmail() {
    setResending(true);
    setFailure(null);
    try {
      const updated = await resendRequestEmail(api, request.id);
      done(updated, updated.customer?.email ? `E-mail reenviado para ${updated.customer.email}.` : 'E-mail reenviado.');
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setResending(false);
    }
  }

  return (
    <section className="request-status" aria-labelledby={titleId}>
      <h2 id={titleId} ref={title} tabIndex={-1} className="request-status__title">
        Status Solicitação
      </h2>
      <div role="status" className="status-line">
        {message.text && <p key={message.count}>{message.text}</p>}
      </div>
      <FormAlert message={failure} />
      <p className="request-status__protocol">
        Protocolo <strong className="mono">{formatProtocol(request.protocol)}</strong>
      </p>
      {grouping && (
        <div className="alert alert--notice">
          <p className="request-status__grouping">{grouping}</p>
          <p>Mudanças de situação e respostas da primeira solicitação valem para todo o grupo.</p>
        </div>
      )}
      <RequestFacts request={request} />
      {request.response && <RequestResponse response={request.response} />}
      {request.group.length > 1 && <GroupList request={request} />}
      <div className="request-status__actions">
        {/* Reiterate, complain, restart and cancel are the citizen's, through the desk; the back office works the request below. */}
        {!summary && role !== 'backoffice' && <RequestActions request={request} onDone={done} />}
        <button type="button" className="button" aria-expanded={showForm} aria-controls={formId} onClick={() => setShowForm(!showForm)}>
          {showForm ? 'Ocultar Formulário' : 'Mostrar Formulário'}
        </button>
        <button type="button" className="button" onClick={() => window.open(requestPrintPath(request.id), '_blank')}>
          Imprimir
        </button>
        <button type="button" className="button" disabled={resending} onClick={resendEmail}>
          Reenviar Email
        </button>
        {summary ? (
          <Link className="button" to={requestStatusPath(request.id)}>
            Abrir solicitação
          </Link>
        ) : (
          <DownloadLink className="button" path={requestPdfPath(request.id)} fileName={requestPdfName(request)}>
            Baixar PDF
          </DownloadLink>
        )}
        <button type="button" className="button" onClick={onClose}>
          Fechar
        </button>
      </div>
      <div id={formId}>{showForm && <SavedForm request={request} />}</div>
      {!summary && role === 'backoffice' && <BackofficeControls key={request.status} request={request} onDone={done} />}
      <RequestTimeline request={request} />
    </section>
  );
}

/** What was registered, where (the address is what the attendant is asked most), when, by whom, and how it stands. */
function RequestFacts({ request }: { request: Request }) {
  return (
    <dl className="details">
      <dt>Tipo de solicitação</dt>
      <dd>{request.typeName}</dd>
      <dt>Endereço</dt>
      <dd>{request.address ? addressText(request.address) : 'Não informado'}</dd>
      <dt>Órgão</dt>
      <dd>{request.organName}</dd>
      <dt>Situação</dt>
      <dd>
        <RequestStatusBadge status={request.status} />
      </dd>
      <dt>Prazo</dt>
      <dd>{formatDateTime(request.deadline)}</dd>
      <dt>Registrada em</dt>
      <dd>{formatDateTime(request.createdAt)}</dd>
      {request.finishedAt && (
        <>
          <dt>Finalizada em</dt>
          <dd>{formatDateTime(request.finishedAt)}</dd>
        </>
      )}
      <dt>Solicitante</dt>
      <dd>{requesterText(request.customer)}</dd>
      <dt>Atendimento</dt>
      <dd className="mono">{formatProtocol(request.attendanceProtocol)}</dd>
      <dt>Registrada por</dt>
      <dd>{request.registeredBy}</dd>
    </dl>
  );
}

/** The back office's answer to the citizen. */
function RequestResponse({ response }: { response: string }) {
  const titleId = useId();
  return (
    <section className="request-status__response" aria-labelledby={titleId}>
      <h3 id={titleId}>Resposta</h3>
      <p className="preserve-lines">{response}</p>
    </section>
  );
}

function GroupList({ request }: { request: Request }) {
  const titleId = useId();
  return (
    <div className="request-status__group">
      <h3 id={titleId}>Solicitações do grupo</h3>
      <ul aria-labelledby={titleId}>
        {request.group.map((member) => (
          <li key={member.id}>
            <span className="mono">{formatProtocol(member.protocol)}</span>
            <RequestStatusBadge status={member.status} />
            {member.id === request.id && <span className="muted">(esta solicitação)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The form as it was saved, read-only; the address is among the facts, always shown. */
function SavedForm({ request }: { request: Request }) {
  const titleId = useId();
  return (
    <section className="request-status__form" aria-labelledby={titleId}>
      <h3 id={titleId}>Formulário</h3>
      <SchemaForm schema={request.formSchema} value={request.form} readOnly onChange={() => undefined} />
    </section>
  );
}

/** Loads one request by id and hands it to `children`, with the loading and failure states. */
export function RequestLoader({ id, children }: { id: string; children: (request: Request) => ReactNode }) {
  const load = useQuery(requestQuery(useApi(), id));
  if (load.isPending) return <p className="muted">Carregando solicitação…</p>;
  if (load.isError) return <LoadFailed what="a solicitação" error={load.error} onRetry={() => void load.refetch()} />;
  return children(load.data);
}
