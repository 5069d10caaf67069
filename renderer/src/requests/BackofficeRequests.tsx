import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import {
  backofficeQuerySchema,
  formatProtocol,
  requestStatusLabels,
  requestStatuses,
  type RequestStatus,
} from '@receptivo/shared';
import { requestStatusPath } from '../app/paths';
import { useApi, useCurrentUser } from '../auth/SessionProvider';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { Pagination } from '../ui/Pagination';
import { backofficeRequestsQuery, type BackofficeFilter } from './requests-api';
import './requests.css';
import { RequestStatusBadge } from '../ui/StatusBadge';

const defaultPageSize = backofficeQuerySchema.shape.pageSize.parse(undefined);

/** The back office's work list: the requests of their organ, by situation or a search. */
export function BackofficeRequests() {
  const titleId = useId();
  // A session stored before organs were part of it has none until /api/auth/me refreshes it.
  const organ = useCurrentUser().organ ?? null;
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [q, setQ] = useState('');
  /** The query of the list shown; the inputs above apply on [Pesquisar]. */
  const [query, setQuery] = useState<BackofficeFilter>({ page: 1 });
  const load = useQuery({ ...backofficeRequestsQuery(useApi(), query), placeholderData: keepPreviousData });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery({ status: status || undefined, q: q.trim() || undefined, page: 1 });
  }

  return (
    <section className="page-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        Solicitações do órgão
      </h2>
      {organ && <p className="muted">{organ.name}</p>}
      <form className="search-form search-form--inline" role="search" aria-label="Pesquisar solicitações do órgão" onSubmit={onSubmit}>
        <Field label="Situação">
          {(control) => (
            <select {...control} value={status} onChange={(event) => setStatus(event.target.value as RequestStatus | '')}>
              <option value="">Todas</option>
              {requestStatuses.map((value) => (
                <option key={value} value={value}>
                  {requestStatusLabels[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Busca" hint="Protocolo, solicitante ou tipo de solicitação.">
          {(control) => <input {...control} type="search" autoComplete="off" value={q} onChange={(event) => setQ(event.target.value)} />}
        </Field>
        <button type="submit" className="button button--primary">
          Pesquisar
        </button>
      </form>
      <div aria-live="polite" aria-busy={load.isFetching}>
        {load.isPending && <p className="muted">Carregando solicitações…</p>}
        {load.isError && <LoadFailed what="as solicitações do órgão" error={load.error} onRetry={() => void load.refetch()} />}
        {load.isSuccess && load.data.items.length === 0 && <p className="note">Nenhuma solicitação encontrada.</p>}
        {load.isSuccess && load.data.items.length > 0 && (
          <>
            <table className="table">
              <caption className="visually-hidden">Solicitações do órgão</caption>
              <thead>
                <tr>
                  <th scope="col">Protocolo</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Solicitante</th>
                  <th scope="col">Atendimento</th>
                  <th scope="col">Registrada em</th>
                  <th scope="col">Prazo</th>
                  <th scope="col">Situação</th>
                </tr>
              </thead>
              <tbody>
                {load.data.items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <Link to={requestStatusPath(item.id)} className="mono">
                        {formatProtocol(item.protocol)}
                      </Link>
                      {item.groupOf && (
                        <span className="table__secondary">{`Grupo de ${formatProtocol(item.groupOf.protocol)}`}</span>
                      )}
                    </td>
                    <td>{item.typeName}</td>
                    <td>{item.customerName ?? 'Cliente não identificado'}</td>
                    <td className="mono">{formatProtocol(item.attendanceProtocol)}</td>
                    <td>{formatDateTime(item.createdAt)}</td>
                    <td>{formatDateTime(item.deadline)}</td>
                    <td>
                      <RequestStatusBadge status={item.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination
              page={query.page}
              pageSize={defaultPageSize}
              total={load.data.total}
              onPage={(next) => setQuery({ ...query, page: next })}
            />
          </>
        )}
      </div>
    </section>
  );
}
