import { useEffect, useId, useState, type ReactNode } from 'react';
import { agentStateLabels, agentStates, type QueueFigures, type SupervisedAgent } from '@receptivo/shared';
import { telephonyStatus } from '../cti/CtiIndicator';
import { useCti } from '../cti/CtiProvider';
import { Field } from '../ui/Field';
import { formatTime } from '../ui/format';
import { callText, formatAverage, formatElapsed, formatPercent } from './supervision-format';
import './supervision.css';

const ALL_QUEUES = '';

/**
 * The time now, again every second from `since` on: waits and times in state count up between two
 * updates, each second turning when the update's own seconds do.
 */
function useNow(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return now;
}

/**
 * [Supervisão] Ao vivo: the queues and the attendants as the server tells them (queues:snapshot,
 * then queues:delta, kept by the CTI provider), over the desk's own /cti link. Durations are as of
 * the last update plus the time since it arrived (no clock of the server needed); the queue filter
 * is applied here.
 */
export function LiveSupervision() {
  const cti = useCti();
  const { board: snapshot, receivedAt } = cti.queues;
  const now = useNow(receivedAt);
  const [queue, setQueue] = useState(ALL_QUEUES);
  const { label, tone } = telephonyStatus(cti);
  const elapsed = (ms: number | null) => (ms === null || receivedAt === null ? '—' : formatElapsed(ms + Math.max(0, now - receivedAt)));

  const queueNames = [...new Set([...(snapshot?.queues.map((figures) => figures.queue) ?? []), ...(queue ? [queue] : [])])];
  const queues = snapshot?.queues.filter((figures) => !queue || figures.queue === queue) ?? [];
  const agents = snapshot?.agents.filter((agent) => !queue || agent.queues.includes(queue)) ?? [];

  return (
    <div className="supervision">
      <div className="toolbar">
        <p className="toolbar__summary">
          <span className={`badge badge--${tone}`}>{label}</span>
          {snapshot && ` Atualizado às ${formatTime(snapshot.at)}.`}
        </p>
        <Field label="Fila">
          {(control) => (
            <select {...control} value={queue} onChange={(event) => setQueue(event.target.value)}>
              <option value={ALL_QUEUES}>Todas as filas</option>
              {queueNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {!snapshot ? (
        <p className="muted">Aguardando o quadro das filas…</p>
      ) : (
        <>
          <Section
            title="Filas"
            note={`Últimos ${snapshot.windowMinutes} min. Nível de serviço: atendidas em até ${snapshot.serviceLevelSeconds} s ÷ (atendidas + abandonadas). TME: espera média das atendidas. TMA: conversa média.`}
          >
            {queues.length === 0 ? <p className="muted">Nenhuma fila para mostrar.</p> : <QueuesTable queues={queues} elapsed={elapsed} />}
          </Section>
          <Section title="Atendentes" note={stateSummary(agents)}>
            {agents.length === 0 ? <p className="muted">Nenhum atendente nesta fila.</p> : <AgentsTable agents={agents} elapsed={elapsed} />}
          </Section>
        </>
      )}
    </div>
  );
}

function Section({ title, note, children }: { title: string; note: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="page-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {title}
      </h2>
      <p className="supervision__note">{note}</p>
      {children}
    </section>
  );
}

type Elapsed = (ms: number | null) => string;

function QueuesTable({ queues, elapsed }: { queues: QueueFigures[]; elapsed: Elapsed }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Filas</caption>
      <thead>
        <tr>
          <th scope="col">Fila</th>
          <th scope="col" className="supervision__number">Em espera</th>
          <th scope="col" className="supervision__number">Maior espera</th>
          <th scope="col" className="supervision__number">Atendidas</th>
          <th scope="col" className="supervision__number">Abandonadas</th>
          <th scope="col" className="supervision__number">Nível de serviço</th>
          <th scope="col" className="supervision__number">TME</th>
          <th scope="col" className="supervision__number">TMA</th>
        </tr>
      </thead>
      <tbody>
        {queues.map((figures) => (
          <tr key={figures.queue} className={figures.waiting > 0 ? 'supervision__queue--waiting' : undefined}>
            <th scope="row">{figures.queue}</th>
            <td className="supervision__number">{figures.waiting}</td>
            <td className="supervision__number">{elapsed(figures.longestWaitMs)}</td>
            <td className="supervision__number">{figures.answered}</td>
            <td className="supervision__number">{figures.abandoned}</td>
            <td className="supervision__number">{formatPercent(figures.serviceLevelPercent)}</td>
            <td className="supervision__number">{formatAverage(figures.averageWaitSeconds)}</td>
            <td className="supervision__number">{formatAverage(figures.averageTalkSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgentsTable({ agents, elapsed }: { agents: SupervisedAgent[]; elapsed: Elapsed }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Atendentes</caption>
      <thead>
        <tr>
          <th scope="col">Ramal</th>
          <th scope="col">Atendente</th>
          <th scope="col">Estado</th>
          <th scope="col" className="supervision__number">Tempo no estado</th>
          <th scope="col">Motivo da pausa</th>
          <th scope="col">Chamada atual</th>
          <th scope="col">Filas</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => (
          <tr key={agent.extension}>
            <td className="mono">{agent.extension}</td>
            <td>{agent.name ?? '—'}</td>
            <td>
              <span className={`agent-state agent-state--${agent.state}`}>{agentStateLabels[agent.state]}</span>
            </td>
            <td className="supervision__number">{elapsed(agent.inStateMs)}</td>
            <td>{agent.reason ?? '—'}</td>
            <td>{agent.call ? callText(agent.call) : '—'}</td>
            <td>{agent.queues.length > 0 ? agent.queues.join(', ') : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Disponível: 2 · Em pausa: 1": the states present among the listed attendants. */
function stateSummary(agents: SupervisedAgent[]): string {
  const counts = agentStates.map((state) => [state, agents.filter((agent) => agent.state === state).length] as const).filter(([, count]) => count > 0);
  return counts.length === 0 ? 'Nenhum atendente.' : counts.map(([state, count]) => `${agentStateLabels[state]}: ${count}`).join(' · ');
}
