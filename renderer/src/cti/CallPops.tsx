import { useEffect, useEffectEvent, useId } from 'react';
import { Link } from 'react-router-dom';
import { callEndReasonLabels, redactDocument, type CustomerSummary } from '@receptivo/shared';
import { customerEditorPath } from '../app/paths';
import { useElapsed } from '../attendances/elapsed';
import { callerText, queueText } from './call-display';
import { CallerHistoryFacts } from './CallerHistoryFacts';
import { UraFacts } from './UraFacts';
import { useCti } from './CtiProvider';
import type { EndedNotice, RingingCall } from './cti-state';
import './cti.css';

/** Long enough to read, short enough not to pile up in a busy queue. */
export const endedNoticeMs = 6000;

/** The screen-pops of ringing calls and the notices of calls that went elsewhere, over any page. */
export function CallPops() {
  const { enabled, ringing, notices, dismiss, expireNotice, linkOnAnswer, linkOnAnswerTo } = useCti();
  if (!enabled) return null;
  return (
    <div className="call-pops">
      {ringing.map((call) => (
        <CallPop
          key={call.callId}
          call={call}
          linkOnAnswer={linkOnAnswer[call.callId] ?? null}
          onLinkOnAnswer={(customer) => linkOnAnswerTo(call.callId, customer)}
          onDismiss={() => dismiss(call.callId)}
        />
      ))}
      {/* An alert, announced as it appears: the attendant was about to take this call. Rendered only
          while it has something to say, so pages keep their own status line as the only one. */}
      {notices.length > 0 && (
        <div role="alert" aria-label="Avisos de chamadas" className="call-pops__notices">
          {notices.map((notice) => (
            <EndedNoticeLine key={notice.id} notice={notice} onExpire={() => expireNotice(notice.id)} />
          ))}
        </div>
      )}
    </div>
  );
}

interface CallPopProps {
  call: RingingCall;
  /** The match chosen to be linked when the call is answered here. */
  linkOnAnswer: CustomerSummary | null;
  onLinkOnAnswer: (customer: CustomerSummary | null) => void;
  onDismiss: () => void;
}

/**
 * An alertdialog so assistive technology announces it, but it does not take the focus: the attendant
 * answers on the softphone and may be typing in the desk when the call arrives. Each match can be
 * opened, or chosen to be linked to the attendance the answer starts.
 */
function CallPop({ call, linkOnAnswer, onLinkOnAnswer, onDismiss }: CallPopProps) {
  const titleId = useId();
  const callerId = useId();
  const matchesId = useId();
  const wait = useElapsed(call.waitingSince);

  return (
    <section role="alertdialog" aria-modal="false" aria-labelledby={titleId} aria-describedby={callerId} className="call-pop">
      <div className="call-pop__header">
        <h2 id={titleId} className="call-pop__title">
          Chamada chegando
        </h2>
        <button type="button" className="button button--small" onClick={onDismiss}>
          Ocultar
        </button>
      </div>
      <p id={callerId} className="call-pop__caller">
        <span className="call-pop__number mono">{callerText(call)}</span>
        {call.callerName && <span className="call-pop__name">{call.callerName}</span>}
      </p>
      <dl className="call-pop__facts">
        <div>
          <dt>Fila</dt>
          <dd>{queueText(call.queue)}</dd>
        </div>
        <div>
          <dt>Espera</dt>
          <dd>
            <span role="timer" aria-label="Tempo de espera" className="mono">
              {wait}
            </span>
          </dd>
        </div>
        {call.uraRoute && (
          <div className="call-pop__fact--wide">
            <dt>Assunto</dt>
            <dd>{call.uraRoute.label}</dd>
          </div>
        )}
        <UraFacts ura={call.ura} className="call-pop__fact--wide" />
      </dl>
      {call.callerHistory && <CallerHistoryFacts history={call.callerHistory} />}
      <h3 id={matchesId} className="call-pop__subtitle">
        Clientes encontrados
      </h3>
      {call.matches.length === 0 ? (
        <p className="muted">Nenhum cliente encontrado para este número</p>
      ) : (
        <ul className="call-pop__matches" aria-labelledby={matchesId}>
          {call.matches.map((customer) => {
            const chosen = linkOnAnswer?.id === customer.id;
            return (
              <li key={customer.id} className={chosen ? 'call-pop__match call-pop__match--chosen' : 'call-pop__match'}>
                <p className="call-pop__match-facts">
                  <strong>{customer.name}</strong>
                  <span className="mono">{redactDocument(customer.document)}</span>
                  {customer.primaryPhone && <span className="mono">{customer.primaryPhone.display}</span>}
                </p>
                {chosen && <p className="call-pop__chosen">Será vinculado ao atender</p>}
                <div className="call-pop__match-actions">
                  <Link to={customerEditorPath(customer.id)} className="button button--small">
                    Abrir cadastro
                  </Link>
                  <button
                    type="button"
                    className={chosen ? 'button button--small button--primary' : 'button button--small'}
                    aria-pressed={chosen}
                    onClick={() => onLinkOnAnswer(chosen ? null : customer)}
                  >
                    Vincular ao atender
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function EndedNoticeLine({ notice, onExpire }: { notice: EndedNotice; onExpire: () => void }) {
  const expire = useEffectEvent(onExpire);
  useEffect(() => {
    const timer = setTimeout(expire, endedNoticeMs);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p className="call-notice">
      <strong>{callEndReasonLabels[notice.reason]}</strong>
      <span className="mono">{callerText(notice.call)}</span>
    </p>
  );
}
