import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDocument, formatProtocol, requestStatusLabels, type Request } from '@receptivo/shared';
import { formatDateTime } from '../ui/format';
import { SchemaForm } from '../ui/schema-form/SchemaForm';
import { addressText, groupingText, RequestLoader } from './RequestStatus';
import './attendances.css';

/** /solicitacoes/:id/imprimir: the request as a printed receipt; the print stylesheet drops the desk around it. */
export function RequestPrintPage() {
  const { id = '' } = useParams();
  return <RequestLoader id={id}>{(request) => <PrintableRequest request={request} />}</RequestLoader>;
}

function PrintableRequest({ request }: { request: Request }) {
  const protocol = formatProtocol(request.protocol);
  const grouping = groupingText(request);

  // The title is what the browser prints in the page header and offers as the PDF's name.
  useEffect(() => {
    document.title = `Solicitação ${protocol} · Receptivo`;
  }, [protocol]);

  return (
    <article className="request-print" aria-labelledby="request-print-title">
      <div className="request-print__toolbar">
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Imprimir
        </button>
        <Link to={`/solicitacoes/${encodeURIComponent(request.id)}`}>Voltar à solicitação</Link>
      </div>
      <header className="request-print__header">
        <p className="request-print__kind">Comprovante de solicitação</p>
        <h1 id="request-print-title">{`Solicitação ${protocol}`}</h1>
        {grouping && <p>{grouping}</p>}
      </header>
      <dl className="details request-print__details">
        <dt>Protocolo</dt>
        <dd className="mono">{protocol}</dd>
        <dt>Atendimento</dt>
        <dd className="mono">{formatProtocol(request.attendanceProtocol)}</dd>
        <dt>Registrada em</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
        <dt>Prazo</dt>
        <dd>{formatDateTime(request.deadline)}</dd>
        <dt>Situação</dt>
        <dd>{requestStatusLabels[request.status]}</dd>
        <dt>Tipo de solicitação</dt>
        <dd>{request.typeName}</dd>
        <dt>Órgão</dt>
        <dd>{request.organName}</dd>
        <dt>Solicitante</dt>
        <dd>
          {request.customer ? (
            <>
              {request.customer.name}
              <span className="table__secondary">{formatDocument(request.customer.document)}</span>
              {request.customer.email && <span className="table__secondary">{request.customer.email}</span>}
            </>
          ) : (
            'Cliente não identificado'
          )}
        </dd>
        <dt>Registrada por</dt>
        <dd>{request.registeredBy}</dd>
        <dt>Endereço</dt>
        <dd>{request.address ? addressText(request.address) : 'Não informado'}</dd>
      </dl>
      <section className="request-print__form" aria-labelledby="request-print-form">
        <h2 id="request-print-form">Dados da solicitação</h2>
        <SchemaForm schema={request.formSchema} value={request.form} readOnly onChange={() => undefined} />
      </section>
    </article>
  );
}
