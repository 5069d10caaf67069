import { useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useQuery } from '@tanstack/react-query';
import { agentPauseSchema, agentStateLabels } from '@receptivo/shared';
import { useApi, useCurrentUser } from '../auth/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { Field, FormAlert } from '../ui/Field';
import { LoadFailed } from '../ui/LoadFailed';
import { pauseReasonsQuery } from './cti-api';
import { useCti, type CtiHandle } from './CtiProvider';
import './cti.css';

type Tone = 'ok' | 'warn' | 'off';

/** The desk's link and the PBX's, read as one: calls pop only when both are up. */
export function telephonyStatus({ connection, status }: Pick<CtiHandle, 'connection' | 'status'>): { label: string; tone: Tone } {
  if (connection === 'down' || (connection === 'connected' && status && !status.connected)) {
    return { label: 'Telefonia indisponível', tone: 'off' };
  }
  if (connection === 'connected' && status?.connected) return { label: 'Telefonia conectada', tone: 'ok' };
  return { label: 'Telefonia reconectando…', tone: 'warn' };
}

/** Header block: telephony status, the agent's state and [Pausar]/[Retomar] for users with an extension. */
export function CtiIndicator() {
  const cti = useCti();
  const user = useCurrentUser();
  const [pausing, setPausing] = useState(false);
  const [resuming, setResuming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const statusId = useId();
  const pauseReasons = useQuery({ ...pauseReasonsQuery(useApi()), enabled: cti.enabled && Boolean(user.extension) });

  if (!cti.enabled) return null;
  const { label, tone } = telephonyStatus(cti);
  const paused = cti.agent?.state === 'paused';
  // The PBX cannot be asked while either link is down: the button says why it cannot be used.
  const unavailable = tone !== 'ok';
  const reason = unavailable ? { title: label, 'aria-describedby': statusId } : {};

  async function resume() {
    setResuming(true);
    setError(null);
    const ack = await cti.unpause();
    setResuming(false);
    if (!ack.ok) setError(ack.error.message);
  }

  return (
    <div role="group" aria-label="Telefonia" className="cti-indicator">
      <span id={statusId} className={`cti-indicator__status cti-indicator__status--${tone}`}>
        {label}
      </span>
      {cti.agent && (
        <span className="cti-indicator__agent">
          {agentStateLabels[cti.agent.state]}
          {cti.agent.reason && <span className="cti-indicator__reason">{` (${cti.agent.reason})`}</span>}
        </span>
      )}
      {user.extension &&
        (paused ? (
          <button type="button" className="button button--header button--small" disabled={resuming || unavailable} {...reason} onClick={resume}>
            Retomar
          </button>
        ) : (
          <button
            type="button"
            className="button button--header button--small"
            disabled={unavailable}
            {...reason}
            onClick={() => {
              setError(null);
              setPausing(true);
            }}
          >
            Pausar
          </button>
        ))}
      {error && (
        <span role="alert" className="cti-indicator__error">
          {error}
        </span>
      )}
      {paused && cti.agent?.reason && cti.agent.reason === pauseReasons.data?.ringNoAnswerReason && (
        <span role="alert" className="cti-indicator__error">
          Pausa automática: chamadas tocaram no seu ramal sem resposta. Clique em Retomar quando puder atender.
        </span>
      )}
      {/* Out of the header, whose colours and stacking the dialog must not inherit. */}
      {pausing && createPortal(<PauseDialog onDone={() => setPausing(false)} />, document.body)}
    </div>
  );
}

/** The reasons are the server's (CTI_PAUSE_REASONS): it refuses any other. */
function PauseDialog({ onDone }: { onDone: () => void }) {
  const { pause } = useCti();
  const reasons = useQuery(pauseReasonsQuery(useApi()));
  const [choice, setChoice] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = agentPauseSchema.safeParse({ reason: choice });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0].message);
      return;
    }
    setInvalid(null);
    setFailure(null);
    setSubmitting(true);
    const ack = await pause(parsed.data.reason);
    setSubmitting(false);
    if (ack.ok) onDone();
    else setFailure(ack.error.message);
  }

  return (
    <Dialog title="Pausar atendimento" onClose={onDone}>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={failure} />
        {reasons.isError && <LoadFailed what="os motivos de pausa" error={reasons.error} onRetry={() => void reasons.refetch()} />}
        <Field label="Motivo da pausa" error={invalid ?? undefined}>
          {(control) => (
            <select {...control} value={choice} disabled={!reasons.isSuccess} onChange={(event) => setChoice(event.target.value)}>
              <option value="">{reasons.isPending ? 'Carregando motivos…' : 'Escolha o motivo'}</option>
              {reasons.data?.reasons.map((reason) => (
                <option key={reason} value={reason}>
                  {reason}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onDone}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Pausar
          </button>
        </div>
      </form>
    </Dialog>
  );
}
