import { useState } from 'react';
import { formatProtocol } from '@receptivo/shared';
import { useConnectivity } from '../auth/SessionProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { describeConfirmation, describeEntry } from './attendance-drafts';
import type { DraftEntry } from './draft-queue';
import { useDrafts } from './DraftsProvider';
import './offline.css';

const offlineBanner = 'Sem conexão com o servidor — o atendimento continua e será enviado quando a conexão voltar';

const pendingLabel = (count: number) => (count === 1 ? '1 operação aguardando envio' : `${count} operações aguardando envio`);

const attendanceOf = (entry: DraftEntry) =>
  entry.attendanceProtocol ? `Atendimento ${formatProtocol(entry.attendanceProtocol)}` : 'Atendimento iniciado sem conexão';

/**
 * The desk's view of the draft queue: the offline banner, how many operations wait, the ones the
 * server refused (with its reason, to retry or discard), and what arrived after waiting.
 */
export function DraftStatus() {
  const { online } = useConnectivity();
  const { queue, drafts } = useDrafts();
  const [discarding, setDiscarding] = useState<DraftEntry | null>(null);
  const waiting = drafts.entries.filter((entry) => entry.refusal === null);
  const refused = drafts.entries.filter((entry) => entry.refusal !== null);

  return (
    <div className="draft-status">
      {!online && (
        <p role="status" className="alert alert--notice draft-status__offline">
          {offlineBanner}
        </p>
      )}
      {drafts.unsaved && (
        <p role="alert" className="alert alert--error">
          Não foi possível guardar o trabalho neste computador (armazenamento cheio ou bloqueado). Não recarregue nem feche a
          página até a conexão voltar.
        </p>
      )}
      {waiting.length > 0 && (
        <div className="draft-status__pending">
          <p role="status">{pendingLabel(waiting.length)}</p>
          <button type="button" className="button button--small" disabled={drafts.sending} onClick={() => void queue.flush()}>
            {drafts.sending ? 'Enviando…' : 'Enviar agora'}
          </button>
        </div>
      )}
      {refused.length > 0 && (
        <div role="alert" className="alert alert--error draft-status__refused">
          <p>O servidor recusou. Corrija e tente novamente, ou descarte:</p>
          <ul aria-label="Operações recusadas">
            {refused.map((entry) => (
              <li key={entry.key}>
                <p>
                  <strong>{describeEntry(entry)}</strong> {`(${attendanceOf(entry)}): ${entry.refusal}`}
                </p>
                <button type="button" className="button button--small" onClick={() => void queue.retry(entry.key)}>
                  Tentar novamente
                </button>{' '}
                <button type="button" className="button button--small button--danger-secondary" onClick={() => setDiscarding(entry)}>
                  Descartar
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {drafts.confirmations.length > 0 && (
        <div className="draft-status__sent">
          <p>Enviado ao servidor:</p>
          <ul aria-label="Enviado ao servidor">
            {drafts.confirmations.map((confirmation) => (
              <li key={confirmation.key}>{describeConfirmation(confirmation)}</li>
            ))}
          </ul>
          <button type="button" className="button button--small" onClick={() => queue.dismissConfirmations()}>
            OK
          </button>
        </div>
      )}
      {discarding && (
        <ConfirmDialog
          title="Descartar a operação?"
          confirmLabel="Descartar"
          danger
          onConfirm={async () => {
            queue.discard(discarding.key);
            setDiscarding(null);
          }}
          onClose={() => setDiscarding(null)}
        >
          <p>{`${describeEntry(discarding)} (${attendanceOf(discarding)}) não será enviado ao servidor.`}</p>
          {discarding.operation.kind === 'start' && <p>Tudo o que foi registrado neste atendimento também será descartado.</p>}
        </ConfirmDialog>
      )}
    </div>
  );
}
