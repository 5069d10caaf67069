import { useId, useState } from 'react';
import { channelLabels, formatProtocol, requestStatusLabels, type Attendance } from '@receptivo/shared';
import { protocolOf } from '../offline/attendance-drafts';
import { useDrafts } from '../offline/DraftsProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CustomerLines } from './AttendanceSummary';
import { useElapsed } from './elapsed';

interface FinishDialogProps {
  attendance: Attendance;
  onFinished: (attendance: Attendance) => void;
  /** The finish waits in the draft queue for the server. */
  onQueued: () => void;
  onClose: () => void;
  /** Takes a refusal because the attendance was already finished; false for any other error. */
  onFinishedElsewhere: (error: unknown) => boolean;
}

function scriptHint(attendance: Attendance): string {
  if (!attendance.customer) return 'Vincule um cliente com e-mail para enviar o script.';
  if (!attendance.customer.email) return 'O cliente vinculado não tem e-mail cadastrado.';
  return `O resumo e as soluções propostas serão enviados para ${attendance.customer.email}.`;
}

/** [Finalizar]: the whole attendance to read back to the caller, and the script by e-mail when asked. */
export function FinishDialog({ attendance, onFinished, onQueued, onClose, onFinishedElsewhere }: FinishDialogProps) {
  const { queue } = useDrafts();
  const hintId = useId();
  const elapsed = useElapsed(attendance.startedAt);
  const canSend = Boolean(attendance.customer?.email);
  const [sendScript, setSendScript] = useState(false);

  async function finish() {
    try {
      const outcome = await queue.submit(attendance, { kind: 'finish', body: { sendScript: canSend && sendScript } });
      if (outcome.state === 'sent') onFinished(outcome.answer);
      else onQueued();
    } catch (error) {
      if (!onFinishedElsewhere(error)) throw error;
    }
  }

  return (
    <ConfirmDialog title="Finalizar atendimento" confirmLabel="Finalizar" onConfirm={finish} onClose={onClose}>
      <div className="finish-summary">
        <dl className="details">
          <dt>Protocolo</dt>
          <dd className="mono">{protocolOf(attendance)}</dd>
          <dt>Meio de comunicação</dt>
          <dd>{channelLabels[attendance.channel]}</dd>
          <dt>Tempo</dt>
          <dd className="mono">{elapsed}</dd>
          <dt>Cliente</dt>
          <dd>{attendance.customer ? <CustomerLines customer={attendance.customer} /> : 'Nenhum cliente vinculado'}</dd>
        </dl>
        <h3>Informações registradas</h3>
        {attendance.informations.length === 0 ? (
          <p className="muted">Nenhuma informação registrada.</p>
        ) : (
          <ul aria-label="Informações registradas">
            {attendance.informations.map((information) => (
              <li key={information.id}>{information.title}</li>
            ))}
          </ul>
        )}
        <h3>Solicitações registradas</h3>
        {attendance.requests.length === 0 ? (
          <p className="muted">Nenhuma solicitação registrada.</p>
        ) : (
          <ul aria-label="Solicitações registradas">
            {attendance.requests.map((request) => (
              <li key={request.id}>
                <span className="mono">{formatProtocol(request.protocol)}</span>
                {` — ${request.typeName} (${requestStatusLabels[request.status]})`}
              </li>
            ))}
          </ul>
        )}
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={canSend && sendScript}
              disabled={!canSend}
              aria-describedby={hintId}
              onChange={(event) => setSendScript(event.target.checked)}
            />
            Enviar script de atendimento
          </label>
          <p id={hintId} className="field__hint">
            {scriptHint(attendance)}
          </p>
        </div>
      </div>
    </ConfirmDialog>
  );
}
