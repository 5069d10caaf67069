import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { type DeadlineAlert, type DeadlineAlerts, requestStatusLabels } from '@receptivo/shared';
import { describeError } from '../api/client';
import { requestStatusPath } from '../app/paths';
import { useApi } from '../auth/SessionProvider';
import { countLabel, formatCount, formatDateTime, formatTime } from '../ui/format';
import { Protocol } from '../ui/Protocol';
import { formatDuration } from './report-format';
import { getDeadlineAlerts } from './reports-api';
import './reports.css';

const refreshEveryMs = 60_000;

function timeLeft(alert: DeadlineAlert): string {
  return alert.overdue ? `vencida há ${formatDuration(alert.secondsLeft)}` : `vence em ${formatDuration(alert.secondsLeft)}`;
}

function Counts({ overdue, dueSoon }: { overdue: number; dueSoon: number }) {
  return (
    <span className="deadline-alerts__counts">
      <span className={overdue > 0 ? 'badge badge--overdue' : 'badge badge--off'}>{countLabel(overdue, 'vencida', 'vencidas')}</span>
      <span className={dueSoon > 0 ? 'badge badge--due-soon' : 'badge badge--off'}>{`${formatCount(dueSoon)} a vencer`}</span>
    </span>
  );
}

/**
 * Open and in-progress requests past their deadline or close to it, by organ, the most urgent
 * first; asked again every minute (the server's clock decides what is late).
 */
export function DeadlineAlertsPanel() {
  const api = useApi();
  const alerts = useQuery({ queryKey: ['reports', 'deadline-alerts'], queryFn: () => getDeadlineAlerts(api), refetchInterval: refreshEveryMs });
  const titleId = useId();

  return (
    <section className="page-section deadline-alerts" aria-labelledby={titleId}>
      <div className="toolbar">
        <h2 id={titleId} className="section-title">
          Prazos em risco
        </h2>
        {alerts.data && (
          <p className="toolbar__summary">
            <Counts overdue={alerts.data.overdue} dueSoon={alerts.data.dueSoon} />{' '}
            {`Atualizado às ${formatTime(alerts.data.generatedAt)}.`}
          </p>
        )}
      </div>
      {alerts.error && (
        <p role="alert" className="alert alert--error">
          {`Não foi possível atualizar os prazos em risco. ${describeError(alerts.error)}`}
        </p>
      )}
      {!alerts.data && !alerts.error && <p className="muted">Carregando prazos…</p>}
      {alerts.data && <AlertList alerts={alerts.data} />}
    </section>
  );
}

function AlertList({ alerts }: { alerts: DeadlineAlerts }) {
  if (alerts.organs.length === 0) {
    return <p className="muted">Nenhuma solicitação vencida ou perto de vencer.</p>;
  }
  return (
    <>
      <p className="muted">
        {`Em alerta: solicitações abertas ou em andamento já vencidas, ou que vencem em até ${alerts.alertHours} h e em até 20% do prazo do seu tipo.`}
      </p>
      {alerts.organs.map((organ) => (
        <OrganAlerts key={organ.organId} organ={organ} />
      ))}
    </>
  );
}

function OrganAlerts({ organ }: { organ: DeadlineAlerts['organs'][number] }) {
  const titleId = useId();
  const total = organ.overdue + organ.dueSoon;
  return (
    <section className="deadline-alerts__organ" aria-labelledby={titleId}>
      <h3 id={titleId} className="deadline-alerts__organ-title">
        {organ.organName}
      </h3>
      <Counts overdue={organ.overdue} dueSoon={organ.dueSoon} />
      <table className="table">
        <caption className="visually-hidden">{`Solicitações em alerta: ${organ.organName}`}</caption>
        <thead>
          <tr>
            <th scope="col">Protocolo</th>
            <th scope="col">Tipo</th>
            <th scope="col">Cliente</th>
            <th scope="col">Situação</th>
            <th scope="col">Prazo</th>
            <th scope="col">Tempo</th>
          </tr>
        </thead>
        <tbody>
          {organ.items.map((alert) => (
            <tr key={alert.id} className={alert.overdue ? 'deadline-alerts__row--overdue' : undefined}>
              <td>
                <Link to={requestStatusPath(alert.id)}>
                  <Protocol value={alert.protocol} />
                </Link>
              </td>
              <td>{alert.typeName}</td>
              <td>{alert.customerName ?? '—'}</td>
              <td>{requestStatusLabels[alert.status]}</td>
              <td>{formatDateTime(alert.deadline)}</td>
              <td>{timeLeft(alert)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {organ.items.length < total && (
        <p className="muted">{`Mostrando ${formatCount(organ.items.length)} de ${formatCount(total)}, as mais urgentes.`}</p>
      )}
    </section>
  );
}
