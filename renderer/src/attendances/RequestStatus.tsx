import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { formatDocument, formatProtocol, requestStatusLabels, type Request } from '@receptivo/shared';
import { describeAddress } from '../customers/AddressFields';
import { maskCep } from '../customers/masks';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { SchemaForm } from '../ui/schema-form/SchemaForm';
import { useLoad } from '../ui/use-load';
import { getRequest } from './attendances-api';

export const requestPrintPath = (id: string) => `/solicitacoes/${encodeURIComponent(id)}/imprimir`;

/** "Agrupada com a solicitação 2026.000123-4", or null for a request outside a group or first in it. */
export const groupingText = (request: Pick<Request, 'groupOf'>) =>
  request.groupOf ? `Agrupada com a solicitação ${formatProtocol(request.groupOf.protocol)}` : null;

export const requesterText = (customer: Request['customer']) =>
  customer ? `${customer.name} (${formatDocument(customer.document)})` : 'Cliente não identificado';

export const addressText = (address: NonNullable<Request['address']>) =>
  `${describeAddress(address)} — CEP ${maskCep(address.cep)}`;

/** The Status Solicitação: what was registered and how it stands, with the actions on it. */
export function RequestStatus({ request, onClose }: { request: Request; onClose: () => void }) {
  const titleId = useId();
  const formId = useId();
  const [showForm, setShowForm] = useState(false);
  const grouping = groupingText(request);
  const title = useRef<HTMLHeadingElement>(null);

  // The view replaces the form just saved (or the summary line clicked): reading goes on from here.
  useEffect(() => title.current?.focus(), [request.id]);

  return (
    <section className="request-status" aria-labelledby={titleId}>
      <h2 id={titleId} ref={title} tabIndex={-1} className="request-status__title">
        Status Solicitação
      </h2>
      <p className="request-status__protocol">
        Protocolo <strong className="mono">{formatProtocol(request.protocol)}</strong>
      </p>
      {grouping && (
        <div className="alert alert--notice">
          <p className="request-status__grouping">{grouping}</p>
          <p>Mudanças de situação e respostas da primeira solicitação valem para todo o grupo.</p>
        </div>
      )}
      <dl className="details">
        <dt>Tipo de solicitação</dt>
        <dd>{request.typeName}</dd>
        <dt>Órgão</dt>
        <dd>{request.organName}</dd>
        <dt>Situação</dt>
        <dd>{requestStatusLabels[request.status]}</dd>
        <dt>Prazo</dt>
        <dd>{formatDateTime(request.deadline)}</dd>
        <dt>Registrada em</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
        <dt>Solicitante</dt>
        <dd>{requesterText(request.customer)}</dd>
        <dt>Atendimento</dt>
        <dd className="mono">{formatProtocol(request.attendanceProtocol)}</dd>
        <dt>Registrada por</dt>
        <dd>{request.registeredBy}</dd>
      </dl>
      {request.group.length > 1 && <GroupList request={request} />}
      {/* The request lifecycle actions ([Reiterar chamado], Reclamação, Reiniciar, Cancelar) go first in this bar. */}
      <div className="request-status__actions">
        <button type="button" className="button" aria-expanded={showForm} aria-controls={formId} onClick={() => setShowForm(!showForm)}>
          {showForm ? 'Ocultar Formulário' : 'Mostrar Formulário'}
        </button>
        <button type="button" className="button" onClick={() => window.open(requestPrintPath(request.id), '_blank')}>
          Imprimir
        </button>
        <button type="button" className="button" onClick={onClose}>
          Fechar
        </button>
      </div>
      <div id={formId}>{showForm && <SavedForm request={request} />}</div>
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
            <span className="badge badge--off">{requestStatusLabels[member.status]}</span>
            {member.id === request.id && <span className="muted">(esta solicitação)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The form as it was saved, read-only, with the address. */
export function SavedForm({ request }: { request: Request }) {
  const titleId = useId();
  return (
    <section className="request-status__form" aria-labelledby={titleId}>
      <h3 id={titleId}>Formulário</h3>
      <SchemaForm schema={request.formSchema} value={request.form} readOnly onChange={() => undefined} />
      <dl className="details">
        <dt>Endereço</dt>
        <dd>{request.address ? addressText(request.address) : 'Não informado'}</dd>
      </dl>
    </section>
  );
}

/** Loads one request by id and hands it to `children`, with the loading and failure states. */
export function RequestLoader({ id, children }: { id: string; children: (request: Request) => ReactNode }) {
  const [load, reload] = useLoad((api) => getRequest(api, id), id);
  if (load.state === 'loading') return <p className="muted">Carregando solicitação…</p>;
  if (load.state === 'failed') return <LoadFailed what="a solicitação" failure={load} onRetry={reload} />;
  return children(load.data);
}
