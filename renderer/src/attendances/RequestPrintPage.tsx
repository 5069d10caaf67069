import { useId } from 'react';
import { useParams } from 'react-router-dom';
import { formatDocument, requestStatusLabels, type Request } from '@receptivo/shared';
import { requestStatusPath } from '../app/paths';
import { requestPdfPath } from '../requests/requests-api';
import { RequestTimeline } from '../requests/RequestTimeline';
import { formatDateTime } from '../ui/format';
import { PrintSheet } from '../ui/PrintSheet';
import { Protocol, TextWithProtocols } from '../ui/Protocol';
import { SchemaForm } from '../ui/schema-form/SchemaForm';
import { addressText, groupingText, RequestLoader, requestPdfName } from './RequestStatus';
import './attendances.css';

/** /solicitacoes/:id/imprimir: the request as a printed receipt. */
export function RequestPrintPage() {
  const { id = '' } = useParams();
  return <RequestLoader id={id}>{(request) => <PrintableRequest request={request} />}</RequestLoader>;
}

function PrintableRequest({ request }: { request: Request }) {
  const formTitleId = useId();
  const responseTitleId = useId();
  const grouping = groupingText(request);

  return (
    <PrintSheet
      kind="Comprovante de solicitação"
      title="Solicitação"
      protocol={request.protocol}
      subtitle={grouping && (
        <p>
          <TextWithProtocols text={grouping} />
        </p>
      )}
      pdf={{ path: requestPdfPath(request.id), fileName: requestPdfName(request) }}
      back={{ to: requestStatusPath(request.id), label: 'Voltar à solicitação' }}
    >
      <dl className="details">
        <dt>Protocolo</dt>
        <dd>
          <Protocol value={request.protocol} />
        </dd>
        <dt>Atendimento</dt>
        <dd>
          <Protocol value={request.attendanceProtocol} />
        </dd>
        <dt>Registrada em</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
        <dt>Prazo</dt>
        <dd>{formatDateTime(request.deadline)}</dd>
        <dt>Situação</dt>
        <dd>{requestStatusLabels[request.status]}</dd>
        {request.finishedAt && (
          <>
            <dt>Finalizada em</dt>
            <dd>{formatDateTime(request.finishedAt)}</dd>
          </>
        )}
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
      <section className="print-sheet__section" aria-labelledby={formTitleId}>
        <h2 id={formTitleId}>Dados da solicitação</h2>
        <SchemaForm schema={request.formSchema} value={request.form} readOnly onChange={() => undefined} />
      </section>
      {request.response && (
        <section className="print-sheet__section" aria-labelledby={responseTitleId}>
          <h2 id={responseTitleId}>Resposta</h2>
          <p className="preserve-lines">{request.response}</p>
        </section>
      )}
      <div className="print-sheet__section">
        <RequestTimeline request={request} headingLevel={2} />
      </div>
    </PrintSheet>
  );
}
