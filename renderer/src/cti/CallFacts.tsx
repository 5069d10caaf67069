import { useId } from 'react';
import type { AttendanceCall } from '@receptivo/shared';
import { formatDuration } from '../attendances/elapsed';
import { callerText, queueText } from './call-display';
import { UraFacts } from './UraFacts';
import { useCallEnded } from './CtiProvider';
import './cti.css';

/** The call an attendance came from, beside its summary; the attendance outlives the call. */
export function CallFacts({ call }: { call: AttendanceCall }) {
  const titleId = useId();
  const endedNow = useCallEnded(call.callId);
  // talkSeconds is known once the call is over, e.g. when the desk reloads after it ended.
  const ended = endedNow !== null || call.talkSeconds !== null;

  return (
    <section className="call-facts" aria-labelledby={titleId}>
      <h2 id={titleId} className="call-facts__title">
        Chamada
      </h2>
      <p role="status" className={ended ? 'call-facts__state call-facts__state--ended' : 'call-facts__state'}>
        {ended ? 'Chamada encerrada' : 'Em ligação'}
      </p>
      <dl className="call-facts__list">
        <div className="call-facts__wide">
          <dt>Número</dt>
          <dd className="call-facts__number mono">{callerText(call)}</dd>
        </div>
        <div>
          <dt>Fila</dt>
          <dd>{queueText(call.queue)}</dd>
        </div>
        <div>
          <dt>Espera</dt>
          <dd className="mono">{formatDuration(call.waitSeconds)}</dd>
        </div>
        {call.talkSeconds !== null && (
          <div>
            <dt>Conversa</dt>
            <dd className="mono">{formatDuration(call.talkSeconds)}</dd>
          </div>
        )}
        <UraFacts ura={call.ura} className="call-facts__wide" />
      </dl>
    </section>
  );
}
