import { useEffect, useId, useRef, type ReactNode } from 'react';
import { fieldsOf } from '../ui/schema-form/schema-form';
import { hoursLabel } from './labels';
import type { RequestTypeSummary } from './knowledge-api';
import { KnowledgeIcon } from './KnowledgeIcon';
import { RichText } from './RichText';
import './knowledge.css';

export interface RequestTypeDetailProps {
  requestType: RequestTypeSummary;
  onBack?: () => void;
  /** Buttons beside [Voltar], e.g. [Registrar] inside an attendance. */
  actions?: (requestType: RequestTypeSummary) => ReactNode;
}

/** A request type: who works it, its deadline and the Orientação ao Operador. */
export function RequestTypeDetail({ requestType, onBack, actions }: RequestTypeDetailProps) {
  const titleId = useId();
  const guidanceId = useId();
  const fieldsId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  // The fields the request's form will ask for, so the attendant can gather them while talking.
  const fields = fieldsOf(requestType.formSchema);
  const restart = requestType.restartWindowHours;

  useEffect(() => title.current?.focus(), [requestType.id]);

  return (
    <article className="knowledge-detail" aria-labelledby={titleId}>
      <div className="knowledge-detail__bar">
        {onBack && (
          <button type="button" className="button" onClick={onBack}>
            Voltar
          </button>
        )}
        {actions && <div className="knowledge-detail__actions">{actions(requestType)}</div>}
      </div>
      <header className="knowledge-detail__header">
        <KnowledgeIcon kind="request" />
        <h3 id={titleId} ref={title} tabIndex={-1} className="knowledge-detail__title">
          {requestType.name}
        </h3>
      </header>
      <ul className="knowledge-facts">
        <li>{`Órgão: ${requestType.organName}`}</li>
        <li>{`Prazo: ${hoursLabel(requestType.slaHours)}`}</li>
        <li>{restart ? `Reinício: até ${hoursLabel(restart)} após a finalização` : 'Reinício: não permitido'}</li>
        {requestType.addressRequired && <li>Endereço obrigatório</li>}
        {requestType.groupByAddress && <li>Agrupa solicitações abertas no mesmo endereço</li>}
      </ul>
      {/* Inside an attendance the caller's actions register it; here there is no attendance to hold it. */}
      {!actions && (
        <p className="alert alert--notice">
          O registro de solicitações é feito dentro de um atendimento. Inicie um atendimento para registrar esta
          solicitação.
        </p>
      )}
      <section className="knowledge-detail__section" aria-labelledby={guidanceId}>
        <h4 id={guidanceId}>Orientação ao Operador</h4>
        <RichText html={requestType.operatorGuidance} />
      </section>
      {fields.length > 0 && (
        <section className="knowledge-detail__section" aria-labelledby={fieldsId}>
          <h4 id={fieldsId}>Dados pedidos no formulário</h4>
          <ul className="knowledge-fields">
            {fields.map((field) => (
              <li key={field.name}>
                {field.label}
                {field.required && <span className="muted"> (obrigatório)</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
