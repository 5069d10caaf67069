import { useId, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { type AbandonedCall, abandonedCallbackSchema, abandonedDoneReasonLabels, callbackResultLabels } from '@receptivo/shared';
import { describeError } from '../api/client';
import { customerEditorPath } from '../app/paths';
import { useApi } from '../auth/SessionProvider';
import { ctiOverviewQuery } from '../cti/cti-api';
import { formatDuration } from '../reports/report-format';
import { Dialog } from '../ui/Dialog';
import { Field, FormAlert } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { useFormSubmit } from '../ui/use-form-submit';
import { type AbandonedStatus, callBack, getAbandonedCalls, markAbandonedDone } from './abandoned-calls-api';

const refreshEveryMs = 30_000;
const statusLabels: Record<AbandonedStatus, string> = { pending: 'Pendentes', done: 'Resolvidas', all: 'Todas' };

/** Chamadas abandonadas: callers who hung up waiting, to call back; refreshed every 30 s. */
export function AbandonedCallsPanel() {
  const api = useApi();
  const queries = useQueryClient();
  const titleId = useId();
  const [status, setStatus] = useState<AbandonedStatus>('pending');
  const [calling, setCalling] = useState<AbandonedCall | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const calls = useQuery({ queryKey: ['supervision', 'abandoned', status], queryFn: () => getAbandonedCalls(api, status), refetchInterval: refreshEveryMs });
  const refresh = () => queries.invalidateQueries({ queryKey: ['supervision', 'abandoned'] });

  async function done(call: AbandonedCall) {
    setNotice(null);
    setFailure(null);
    try {
      await markAbandonedDone(api, call.id);
      setNotice(`Chamada de ${call.callerNumber ?? 'número desconhecido'} marcada como resolvida.`);
    } catch (error) {
      setFailure(describeError(error));
    }
    await refresh();
  }

  return (
    <section className="page-section" aria-labelledby={titleId}>
      <div className="toolbar">
        <h2 id={titleId} className="section-title">
          Chamadas abandonadas
        </h2>
        <Field label="Situação">
          {(control) => (
            <select {...control} value={status} onChange={(event) => setStatus(event.target.value as AbandonedStatus)}>
              {Object.entries(statusLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {notice && <p role="status">{notice}</p>}
      {(failure || calls.error) && (
        <p role="alert" className="alert alert--error">
          {failure ?? `Não foi possível carregar as chamadas abandonadas. ${describeError(calls.error)}`}
        </p>
      )}
      {!calls.data && !calls.error && <p className="muted">Carregando chamadas abandonadas…</p>}
      {calls.data && calls.data.items.length === 0 && <p className="muted">Nenhuma chamada abandonada {status === 'pending' ? 'pendente' : 'no período'}.</p>}
      {calls.data && calls.data.items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Chamadas abandonadas, as mais recentes primeiro</caption>
          <thead>
            <tr>
              <th scope="col">Quando</th>
              <th scope="col">Número</th>
              <th scope="col">Cliente</th>
              <th scope="col">Fila</th>
              <th scope="col">Espera</th>
              <th scope="col">Retornos</th>
              <th scope="col">Ações</th>
            </tr>
          </thead>
          <tbody>
            {calls.data.items.map((call) => (
              <tr key={call.id}>
                <td>{formatDateTime(call.abandonedAt)}</td>
                <td className="mono">{call.callerNumber ?? '—'}</td>
                <td>{call.customer ? <Link to={customerEditorPath(call.customer.id)}>{call.customer.name}</Link> : <span className="muted">—</span>}</td>
                <td>{call.queue ?? '—'}</td>
                <td className="mono">{formatDuration(call.waitSeconds)}</td>
                <td>
                  {call.attempts.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="plain-list">
                      {call.attempts.map((attempt) => (
                        <li key={attempt.at}>
                          {`${formatDateTime(attempt.at)} · ${attempt.userName} · ramal ${attempt.extension}: ${callbackResultLabels[attempt.result]}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {call.status === 'done' ? (
                    <span>{`${abandonedDoneReasonLabels[call.doneReason!]}${call.doneBy ? ` (${call.doneBy})` : ''}`}</span>
                  ) : (
                    <span className="table__actions">
                      <button type="button" className="button button--small button--primary" onClick={() => setCalling(call)} disabled={!call.callerNumber}>
                        Ligar de volta
                      </button>
                      <button type="button" className="button button--small" onClick={() => void done(call)}>
                        Marcar como resolvida
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {calling && (
        <CallBackDialog
          call={calling}
          onClose={() => setCalling(null)}
          onCalled={async (extension) => {
            setCalling(null);
            setNotice(`Ligando para o ramal ${extension}; quando o atendente atender, a central chama ${calling.callerNumber}.`);
            await refresh();
          }}
        />
      )}
    </section>
  );
}

function CallBackDialog({ call, onClose, onCalled }: { call: AbandonedCall; onClose: () => void; onCalled: (extension: string) => Promise<void> }) {
  const api = useApi();
  const agents = useQuery(ctiOverviewQuery(api));
  const [extension, setExtension] = useState('');
  const { submitting, errors, submit } = useFormSubmit();
  const attendants = (agents.data?.agents ?? []).filter((agent) => agent.user && agent.queues.length > 0);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({
      parsed: abandonedCallbackSchema.safeParse({ extension }),
      fields: ['extension'],
      send: async (body) => {
        await callBack(api, call.id, body.extension);
        await onCalled(body.extension);
      },
    });
  }

  return (
    <Dialog title={`Ligar de volta para ${call.callerNumber}`} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <p>O telefone do atendente toca primeiro; quando ele atende, a central chama o cidadão e o atendimento abre na mesa dele.</p>
        <FormAlert message={errors.alert} />
        <Field label="Atendente" error={errors.fields.extension}>
          {(control) => (
            <select {...control} value={extension} onChange={(event) => setExtension(event.target.value)}>
              <option value="">{agents.isPending ? 'Carregando ramais…' : 'Escolha o atendente'}</option>
              {attendants.map((agent) => (
                <option key={agent.extension} value={agent.extension}>
                  {`${agent.user!.name} — ramal ${agent.extension}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? 'Ligando…' : 'Ligar'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
