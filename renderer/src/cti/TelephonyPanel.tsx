import { Fragment, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  agentStateLabels,
  ctiTestCallSchema,
  type CtiAgentRow,
  type CtiOverview,
  type CtiState,
  type CtiTapEntry,
} from '@receptivo/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { Field, FormAlert } from '../ui/Field';
import { formatDateTime, formatTime } from '../ui/format';
import { useFormSubmit } from '../ui/use-form-submit';
import { ctiOverviewQuery, getCtiEvents, sendTestCall } from './cti-api';
import { PbxWiringCheck } from './PbxWiringCheck';
import { UraRoutesEditor } from './UraRoutesEditor';
import './cti.css';

const stateLabels: Record<CtiState, string> = {
  connected: 'Conectado',
  reconnecting: 'Reconectando',
  login_refused: 'Login recusado (verifique AMI_USER e AMI_SECRET)',
  off: 'Desligado (AMI_HOST não configurado)',
};

const overviewEveryMs = 5000;
const tapEveryMs = 2000;
/** Waits for a pause in typing before asking the server with the new filter. */
const filterDelayMs = 300;

/** Telephony admin: the AMI link, extensions ↔ users, the PBX wiring check, the live event tap and a test call. */
export function TelephonyPanel() {
  const api = useApi();
  // Mounted only while its tab is shown (Tabs renders the selected panel alone), so polling stops with
  // it; a hidden window is not polled (TanStack Query's default), and the last answer stays on a failure.
  const overview = useQuery({ ...ctiOverviewQuery(api), refetchInterval: overviewEveryMs });

  return (
    <div className="telephony">
      {overview.error && (
        <p role="alert" className="alert alert--error">
          {`Não foi possível carregar o estado da telefonia. ${describeError(overview.error)}`}
        </p>
      )}
      {!overview.data && !overview.error && <p className="muted">Carregando telefonia…</p>}
      {overview.data && (
        <>
          <Connection overview={overview.data} />
          <Agents agents={overview.data.agents} />
          <PbxWiringCheck />
          <UraRoutesEditor />
          <TestCall agents={overview.data.agents} />
        </>
      )}
      <EventTap />
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="telephony__section" aria-labelledby={titleId}>
      <h2 id={titleId} className="telephony__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Connection({ overview }: { overview: CtiOverview }) {
  return (
    <Section title="Conexão com a central">
      <dl className="details">
        <dt>Estado</dt>
        <dd>
          <span className={overview.state === 'connected' ? 'badge badge--ok' : 'badge badge--off'}>{stateLabels[overview.state]}</span>
        </dd>
        <dt>Servidor</dt>
        <dd className="mono">{overview.host ?? '—'}</dd>
        <dt>Desde</dt>
        <dd>{overview.since ? formatDateTime(overview.since, { seconds: true }) : '—'}</dd>
        <dt>Último evento</dt>
        <dd>{overview.lastEventAt ? formatDateTime(overview.lastEventAt, { seconds: true }) : '—'}</dd>
        <dt>Chamadas em andamento</dt>
        <dd>{overview.activeCalls}</dd>
        {overview.role !== 'single' && (
          <>
            <dt>Nó líder (com a central)</dt>
            <dd className="mono">{overview.leader}</dd>
            <dt>Nó desta página</dt>
            <dd className="mono">
              {overview.node} ({overview.role === 'leader' ? 'líder' : 'seguidor'})
            </dd>
          </>
        )}
      </dl>
    </Section>
  );
}

function Agents({ agents }: { agents: CtiAgentRow[] }) {
  return (
    <Section title="Ramais">
      {agents.length === 0 ? (
        <p className="muted">Nenhum ramal nas filas nem usuário com ramal cadastrado.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Ramais e usuários</caption>
          <thead>
            <tr>
              <th scope="col">Ramal</th>
              <th scope="col">Usuário</th>
              <th scope="col">Estado</th>
              <th scope="col">Filas</th>
              <th scope="col">Desktop conectado</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.extension}>
                <td className="mono">{agent.extension}</td>
                <td>
                  {agent.user ? (
                    <>
                      {agent.user.name}
                      <span className="table__secondary mono">{agent.user.username}</span>
                    </>
                  ) : (
                    <span className="badge badge--warn">sem usuário</span>
                  )}
                </td>
                <td>
                  {agentStateLabels[agent.state]}
                  {agent.reason && <span className="table__secondary">{agent.reason}</span>}
                </td>
                <td>{agent.queues.length > 0 ? agent.queues.join(', ') : '—'}</td>
                <td>{agent.connected ? 'Sim' : 'Não'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

const testCallFields = ['extension', 'callerNumber', 'document'] as const;

function TestCall({ agents }: { agents: CtiAgentRow[] }) {
  const api = useApi();
  const [extension, setExtension] = useState('');
  const [callerNumber, setCallerNumber] = useState('11987654321');
  const [cpf, setCpf] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { submitting, errors, submit } = useFormSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    await submit({
      parsed: ctiTestCallSchema.safeParse({
        extension,
        callerNumber: callerNumber.trim() || undefined,
        document: cpf.trim() || undefined,
      }),
      fields: testCallFields,
      send: async (body) => {
        await sendTestCall(api, body);
        setSent(`Chamada de teste enviada ao ramal ${body.extension}`);
      },
    });
  }

  return (
    <Section title="Chamada de teste">
      <form className="telephony__test-call" aria-label="Chamada de teste" onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <p role="status" className="status-line">
          {sent}
        </p>
        <div className="telephony__fields">
          <Field label="Ramal" error={errors.fields.extension}>
            {(control) => (
              <select {...control} value={extension} onChange={(event) => setExtension(event.target.value)}>
                <option value="">Escolha o ramal</option>
                {agents.map((agent) => (
                  <option key={agent.extension} value={agent.extension}>
                    {`${agent.extension} — ${agent.user?.name ?? 'sem usuário'}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Número de origem" error={errors.fields.callerNumber}>
            {(control) => (
              <input
                {...control}
                inputMode="tel"
                autoComplete="off"
                value={callerNumber}
                onChange={(event) => setCallerNumber(event.target.value)}
              />
            )}
          </Field>
          <Field label="CPF" hint="Opcional: como se digitado na URA." error={errors.fields.document}>
            {(control) => (
              <input {...control} autoComplete="off" value={cpf} onChange={(event) => setCpf(event.target.value)} />
            )}
          </Field>
        </div>
        <button type="submit" className="button button--primary" disabled={submitting}>
          Enviar chamada de teste
        </button>
      </form>
    </Section>
  );
}

function EventTap() {
  const [filter, setFilter] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const api = useApi();
  const tap = useQuery({
    queryKey: ['cti', 'events', query],
    queryFn: () => getCtiEvents(api, query),
    refetchInterval: tapEveryMs,
    placeholderData: keepPreviousData,
  });
  const fieldsId = useId();

  useEffect(() => {
    const timer = setTimeout(() => setQuery(filter.trim()), filterDelayMs);
    return () => clearTimeout(timer);
  }, [filter]);

  const toggle = (seq: number) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  const items = tap.data?.items ?? [];
  return (
    <Section title="Eventos recentes">
      <div className="telephony__filter">
        <Field label="Filtrar eventos" hint="Texto em qualquer campo: nome do evento, linkedid, ramal, número…">
          {(control) => (
            <input {...control} type="search" autoComplete="off" value={filter} onChange={(event) => setFilter(event.target.value)} />
          )}
        </Field>
      </div>
      {tap.error && (
        <p role="alert" className="alert alert--error">
          {`Não foi possível carregar os eventos. ${describeError(tap.error)}`}
        </p>
      )}
      {tap.data && items.length === 0 && <p className="muted">Nenhum evento recebido.</p>}
      {items.length > 0 && (
        <table className="table telephony__tap">
          <caption className="visually-hidden">Últimos eventos da central</caption>
          <thead>
            <tr>
              <th scope="col">Hora</th>
              <th scope="col">Evento</th>
              <th scope="col">Linkedid</th>
              <th scope="col">
                <span className="visually-hidden">Campos</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <TapRow key={entry.seq} entry={entry} open={open.has(entry.seq)} fieldsId={`${fieldsId}-${entry.seq}`} onToggle={() => toggle(entry.seq)} />
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function TapRow({ entry, open, fieldsId, onToggle }: { entry: CtiTapEntry; open: boolean; fieldsId: string; onToggle: () => void }) {
  return (
    <Fragment>
      <tr>
        <td className="mono">{formatTime(entry.at)}</td>
        <td>{entry.event}</td>
        <td className="mono">{entry.linkedid ?? '—'}</td>
        <td className="table__actions">
          <button type="button" className="button button--small" aria-expanded={open} aria-controls={open ? fieldsId : undefined} onClick={onToggle}>
            {open ? 'Ocultar campos' : 'Ver campos'}
          </button>
        </td>
      </tr>
      {open && (
        <tr id={fieldsId} className="telephony__fields-row">
          <td colSpan={4}>
            <dl className="telephony__event-fields">
              {Object.entries(entry.fields).map(([name, value]) => (
                <div key={name}>
                  <dt className="mono">{name}</dt>
                  <dd className="mono">{value}</dd>
                </div>
              ))}
            </dl>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
