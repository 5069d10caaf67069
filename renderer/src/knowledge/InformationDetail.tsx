import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Information } from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { LoadFailed } from '../ui/LoadFailed';
import { requestTypeFocusKey } from './CategoryBrowser';
import { knowledgeQueries, type RequestTypeSummary } from './knowledge-api';
import { KnowledgeIcon } from './KnowledgeIcon';
import { RichText } from './RichText';
import './knowledge.css';

export interface InformationDetailProps {
  informationId: string;
  /** Shows [Voltar] when the detail replaced a list the user may return to. */
  onBack?: () => void;
  /** Buttons beside [Voltar] for the loaded information, e.g. [Registrar] in an attendance. */
  actions?: (information: Information) => ReactNode;
  /** The request types of the sessões, by id: the related ones the information names are shown from these. */
  requestTypes?: ReadonlyMap<string, RequestTypeSummary>;
  onOpenRequestType?: (requestType: RequestTypeSummary) => void;
  /** What registers a request of a related type, e.g. [Registrar solicitação] during an attendance. */
  requestTypeActions?: (requestType: RequestTypeSummary) => ReactNode;
}

/** An information as the attendant reads it to the caller: text, Solução Proposta and keywords. */
export function InformationDetail({ informationId, onBack, actions, requestTypes, onOpenRequestType, requestTypeActions }: InformationDetailProps) {
  const load = useQuery(knowledgeQueries.information(useApi(), informationId));
  const titleId = useId();
  const solutionId = useId();
  const keywordsId = useId();
  const relatedId = useId();
  const title = useRef<HTMLHeadingElement>(null);

  // The detail replaces what was clicked; reading should go on from its title.
  useEffect(() => {
    if (load.isSuccess) title.current?.focus();
  }, [load.isSuccess]);

  // A type deactivated or of a deactivated organ takes no requests: it is left out.
  const related = (load.data?.requestTypeIds ?? []).flatMap((id) => {
    const type = requestTypes?.get(id);
    return type ? [type] : [];
  });

  return (
    <article className="knowledge-detail" aria-labelledby={load.isSuccess ? titleId : undefined}>
      {(onBack || (actions && load.isSuccess)) && (
        <div className="knowledge-detail__bar">
          {onBack && (
            <button type="button" className="button" onClick={onBack}>
              Voltar
            </button>
          )}
          {actions && load.isSuccess && <div className="knowledge-detail__actions">{actions(load.data)}</div>}
        </div>
      )}
      {load.isPending && <p className="muted">Carregando informação…</p>}
      {load.isError && <LoadFailed what="a informação" error={load.error} onRetry={() => void load.refetch()} />}
      {load.isSuccess && (
        <>
          <header className="knowledge-detail__header">
            <KnowledgeIcon kind="information" />
            <h3 id={titleId} ref={title} tabIndex={-1} className="knowledge-detail__title">
              {load.data.title}
            </h3>
          </header>
          <RichText html={load.data.body} />
          <section className="knowledge-detail__section knowledge-detail__solution" aria-labelledby={solutionId}>
            <h4 id={solutionId}>Solução Proposta</h4>
            <RichText html={load.data.proposedSolution} />
          </section>
          {related.length > 0 && (
            <section className="knowledge-detail__section" aria-labelledby={relatedId}>
              <h4 id={relatedId}>Solicitações relacionadas</h4>
              <ul className="related-request-types" aria-labelledby={relatedId}>
                {related.map((type) => (
                  <li key={type.id} className="related-request-type">
                    <KnowledgeIcon kind="request" />
                    {onOpenRequestType ? (
                      <button
                        type="button"
                        className="link-button"
                        data-focus-key={requestTypeFocusKey(type.id)}
                        onClick={() => onOpenRequestType(type)}
                      >
                        {type.name}
                      </button>
                    ) : (
                      <span>{type.name}</span>
                    )}
                    {requestTypeActions && (
                      // Named after its type: every row offers the same [Registrar solicitação].
                      <div className="related-request-type__actions" role="group" aria-label={type.name}>
                        {requestTypeActions(type)}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {load.data.keywords.length > 0 && (
            <section className="knowledge-detail__section" aria-labelledby={keywordsId}>
              <h4 id={keywordsId}>Palavras-chave</h4>
              <ul className="tag-list" aria-labelledby={keywordsId}>
                {load.data.keywords.map((keyword) => (
                  <li key={keyword} className="tag">
                    {keyword}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </article>
  );
}
