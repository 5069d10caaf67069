import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { formatProtocol, requestEventKindLabels, type PortalRequest } from '@receptivo/shared';
import { ApiError } from '../api/client';
import { describeAddress } from '../customers/AddressFields';
import { RequestActionButtons } from '../requests/RequestActionDialogs';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { TextWithProtocols } from '../ui/Protocol';
import { protocolsKey, requestActionCalls, requestQuery } from './portal-api';
import { portalPaths } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi } from './PortalSessionProvider';
import { groupNote, RequestBadges } from './RequestBadges';
import '../requests/requests.css';

const backToProtocols = (
  <p>
    <Link to={portalPaths.protocols}>Voltar para Meus protocolos</Link>
  </p>
);

/**
 * Solicitação: one of the citizen's requests, its progress and the organ's response, and the actions
 * the desk's rules allow now. Anyone else's request is "não encontrada", exactly like one that does not exist.
 */
export function RequestPage() {
  const api = usePortalApi();
  const { id = '' } = useParams();
  const request = useQuery(requestQuery(api, id));

  if (request.isPending) {
    return (
      <PortalPage title="Solicitação">
        <p className="muted">Carregando a solicitação…</p>
      </PortalPage>
    );
  }
  if (request.isError) {
    const missing = request.error instanceof ApiError && request.error.code === 'NOT_FOUND';
    return (
      <PortalPage title={missing ? 'Solicitação não encontrada' : 'Solicitação'}>
        {missing ? (
          <p>Não encontramos esta solicitação entre as suas. Confira o endereço ou escolha a solicitação em Meus protocolos.</p>
        ) : (
          <LoadFailed what="a solicitação" error={request.error} onRetry={() => void request.refetch()} />
        )}
        {backToProtocols}
      </PortalPage>
    );
  }
  return <RequestDetails request={request.data} />;
}

function RequestDetails({ request }: { request: PortalRequest }) {
  const api = usePortalApi();
  const queries = useQueryClient();
  /** The outcome of the last action; numbered so a repeated one is a new text to announce. */
  const [message, setMessage] = useState({ count: 0, text: '' });
  const responseId = useId();

  function done(updated: PortalRequest, text: string) {
    queries.setQueryData(requestQuery(api, updated.id).queryKey, updated);
    void queries.invalidateQueries({ queryKey: protocolsKey });
    setMessage((previous) => ({ count: previous.count + 1, text }));
  }

  return (
    <PortalPage title={`Solicitação ${formatProtocol(request.protocol)}`} lead={request.typeName}>
      <div role="status" className="status-line">
        {message.text && <p key={message.count}>{message.text}</p>}
      </div>
      <RequestBadges request={request} />
      {request.groupFirstProtocol && (
        <div className="alert alert--notice portal-group-note">
          <p>{groupNote(request.groupFirstProtocol)}</p>
          <p>Ela trata do mesmo problema no mesmo endereço: a situação e a resposta dela valem para esta.</p>
        </div>
      )}
      <dl className="portal-facts">
        <dt>Órgão responsável</dt>
        <dd>{request.organName}</dd>
        <dt>Registrada em</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
        <dt>Prazo</dt>
        <dd>{formatDateTime(request.deadline)}</dd>
        {request.finishedAt && (
          <>
            <dt>Finalizada em</dt>
            <dd>{formatDateTime(request.finishedAt)}</dd>
          </>
        )}
        {request.address && (
          <>
            <dt>Endereço</dt>
            <dd>{describeAddress(request.address)}</dd>
          </>
        )}
      </dl>
      {request.response && (
        <section className="portal-section" aria-labelledby={responseId}>
          <h2 id={responseId}>Resposta do órgão</h2>
          <p className="preserve-lines">{request.response}</p>
        </section>
      )}
      {request.allowedActions.length > 0 && (
        <div className="portal-actions">
          <RequestActionButtons request={request} calls={requestActionCalls(api, request.id)} onDone={done} />
        </div>
      )}
      <Timeline request={request} />
      {backToProtocols}
    </PortalPage>
  );
}

/** Every step, registration first; what the citizen did here is marked as theirs. */
function Timeline({ request }: { request: PortalRequest }) {
  const titleId = useId();
  return (
    <section className="request-timeline portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>Histórico</h2>
      <ol className="request-timeline__list" aria-labelledby={titleId}>
        {request.timeline.map((event, index) => (
          <li key={index} className="request-timeline__event">
            <p className="request-timeline__head">
              <span className="badge badge--off">{requestEventKindLabels[event.kind]}</span>
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              {event.viaPortal && <span>Você, pelo Autoatendimento</span>}
            </p>
            {event.description && (
              <p className="request-timeline__description preserve-lines">
                <TextWithProtocols text={event.description} />
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
