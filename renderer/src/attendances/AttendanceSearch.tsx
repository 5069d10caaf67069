import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import {
  attendanceSearchQuerySchema,
  channelLabels,
  channels,
  formatProtocol,
  requestStatusLabels,
  requestStatuses,
  type AttendanceSearchQuery,
  type AttendanceSearchResult,
  type RequestSummary,
} from '@receptivo/shared';
import { attendanceDetailsPath } from '../app/paths';
import { useApi } from '../auth/SessionProvider';
import { DateField } from '../ui/DateInput';
import { Dialog } from '../ui/Dialog';
import { Field, FormAlert } from '../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../ui/form-errors';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { EmptyState } from '../ui/Page';
import { Pagination } from '../ui/Pagination';
import { attendancesKey, organsQuery, searchAttendances } from './attendances-api';
import { RequestLoader, RequestStatus } from './RequestStatus';
import {
  attendanceFilterFields,
  attendanceFiltersFrom,
  attendancePageFrom,
  attendanceSearchParams,
  type AttendanceFilterField,
  type AttendanceFilters,
} from './search-params';
import { RequestStatusBadge } from '../ui/StatusBadge';

/** The filled-in filters as the server's query; the schema checks them (dates, order) before sending. */
function queryOf(filters: AttendanceFilters, paging: { page: number; pageSize: number }): AttendanceSearchQuery {
  const query: Record<string, string | number> = { ...paging };
  for (const field of attendanceFilterFields) {
    const value = filters[field].trim();
    if (value) query[field] = value;
  }
  return query as AttendanceSearchQuery;
}

/**
 * The Atendimentos tab: free text (keywords, attendance and request protocols) combined with organ,
 * situation, channel and period. The search lives in the URL, so a reload or coming back from a
 * request shows the same page of results.
 */
export function AttendanceSearch() {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const key = attendanceSearchParams({ ...attendanceFiltersFrom(params), ...attendancePageFrom(params) }).toString();
  const [filters, setFilters] = useState<AttendanceFilters>(() => attendanceFiltersFrom(params));
  /** What the form's own check found in the filters [Pesquisar] was pressed with; null when they passed it. */
  const [invalid, setInvalid] = useState<FormErrors | null>(null);
  const [viewing, setViewing] = useState<RequestSummary | null>(null);
  const organs = useQuery(organsQuery(api));

  const shown = new URLSearchParams(key);
  const paging = attendancePageFrom(shown);
  const parsed = attendanceSearchQuerySchema.safeParse(queryOf(attendanceFiltersFrom(shown), paging));
  const results = useQuery({
    queryKey: [...attendancesKey, 'search', key],
    queryFn: () => searchAttendances(api, parsed.data as AttendanceSearchQuery),
    enabled: parsed.success,
  });

  // The inputs follow the URL (a reload, the back button, a page change).
  useEffect(() => {
    setFilters(attendanceFiltersFrom(shown));
    setInvalid(null);
  }, [key]);

  // A URL the schema refuses is told beside the inputs, and so are filters the server refused; the
  // server's reason as a whole goes with the results.
  const errors: FormErrors =
    invalid ??
    (!parsed.success
      ? formErrorsFromIssues(parsed.error.issues, attendanceFilterFields)
      : results.isError && !results.isFetching
        ? { fields: formErrorsFromFailure(results.error, attendanceFilterFields).fields, alert: null }
        : noFormErrors);

  /** [Pesquisar] and [Limpar] ask again even when the URL, and so the query, stays the same. */
  function search(next: URLSearchParams) {
    if (next.toString() === key) void results.refetch();
    else setParams(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = attendanceSearchQuerySchema.safeParse(queryOf(filters, { ...attendancePageFrom(params), page: 1 }));
    if (!parsed.success) {
      setInvalid(formErrorsFromIssues(parsed.error.issues, attendanceFilterFields));
      return;
    }
    setInvalid(null);
    search(attendanceSearchParams(parsed.data));
  }

  function clear() {
    setInvalid(null);
    search(new URLSearchParams());
  }

  /** value + onChange of one filter's input or select. */
  const bind = (field: AttendanceFilterField) => ({
    value: filters[field],
    onChange: (event: { target: { value: string } }) => setFilters((previous) => ({ ...previous, [field]: event.target.value })),
  });

  return (
    <div>
      <form className="search-form attendance-search" role="search" aria-label="Pesquisar atendimentos" onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <div className="attendance-search__fields">
          <Field
            label="Busca"
            hint="Protocolo, CPF/CNPJ ou telefone do cliente, com ou sem pontuação, ou palavras-chave."
            error={errors.fields.q}
          >
            {(control) => <input {...control} type="search" autoComplete="off" {...bind('q')} />}
          </Field>
          <Field
            label="Órgão"
            hint={organs.isError ? 'Não foi possível carregar a lista de órgãos.' : undefined}
            error={errors.fields.organId}
          >
            {(control) => (
              <select {...control} {...bind('organId')} disabled={!organs.isSuccess}>
                <option value="">Todos</option>
                {organs.data?.map((organ) => (
                  <option key={organ.id} value={organ.id}>
                    {organ.active ? organ.name : `${organ.name} (inativo)`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Situação" error={errors.fields.status}>
            {(control) => (
              <select {...control} {...bind('status')}>
                <option value="">Todas</option>
                {requestStatuses.map((status) => (
                  <option key={status} value={status}>
                    {requestStatusLabels[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Meio de comunicação" error={errors.fields.channel}>
            {(control) => (
              <select {...control} {...bind('channel')}>
                <option value="">Todos</option>
                {channels.map((channel) => (
                  <option key={channel} value={channel}>
                    {channelLabels[channel]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="attendance-search__period">
            <legend>Período</legend>
            <DateField label="De" value={filters.from} onChange={(from) => setFilters((previous) => ({ ...previous, from }))} error={errors.fields.from} />
            <DateField label="Até" value={filters.to} onChange={(to) => setFilters((previous) => ({ ...previous, to }))} error={errors.fields.to} />
          </fieldset>
        </div>
        <div className="search-form__actions">
          <button type="submit" className="button button--primary">
            Pesquisar
          </button>
          <button type="button" className="button" onClick={clear}>
            Limpar
          </button>
        </div>
      </form>

      <div aria-live="polite" aria-busy={results.isFetching}>
        {results.isFetching && <p className="muted">Pesquisando atendimentos…</p>}
        {results.isError && !results.isFetching && (
          <LoadFailed what="os atendimentos" error={results.error} onRetry={() => void results.refetch()} />
        )}
        {results.isSuccess && !results.isFetching && results.data.items.length === 0 && (
          <EmptyState title="Nenhum atendimento encontrado.">
            <p>Confira o texto pesquisado ou afrouxe os filtros.</p>
          </EmptyState>
        )}
        {results.isSuccess && !results.isFetching && results.data.items.length > 0 && (
          <>
            <ResultsTable result={results.data} onView={setViewing} />
            <Pagination
              page={paging.page}
              pageSize={paging.pageSize}
              total={results.data.total}
              onPage={(page) => setParams(attendanceSearchParams(queryOf(attendanceFiltersFrom(params), { page, pageSize: paging.pageSize })))}
            />
          </>
        )}
      </div>
      {viewing && <RequestSummaryDialog request={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}

function ResultsTable({ result, onView }: { result: AttendanceSearchResult; onView: (request: RequestSummary) => void }) {
  return (
    <>
      <div className="toolbar">
        <p className="toolbar__summary">
          {result.total === 1 ? '1 atendimento encontrado' : `${result.total} atendimentos encontrados`}
        </p>
      </div>
      <table className="table attendance-results">
        <caption className="visually-hidden">Atendimentos encontrados</caption>
        <thead>
          <tr>
            <th scope="col">Atendimento</th>
            <th scope="col">Data</th>
            <th scope="col">Meio de comunicação</th>
            <th scope="col">Cliente</th>
            <th scope="col">Atendente</th>
            <th scope="col">Solicitações</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((attendance) => (
            <tr key={attendance.id}>
              <td>
                <Link to={attendanceDetailsPath(attendance.id)} className="mono">
                  {formatProtocol(attendance.protocol)}
                </Link>
              </td>
              <td>{formatDateTime(attendance.startedAt)}</td>
              <td>{channelLabels[attendance.channel]}</td>
              <td>{attendance.customerName ?? <span className="muted">Cliente não identificado</span>}</td>
              <td>{attendance.attendantName}</td>
              <td>
                {attendance.requests.length === 0 ? (
                  <span className="muted">Nenhuma</span>
                ) : (
                  <ul className="attendance-results__requests">
                    {attendance.requests.map((request) => (
                      <li key={request.id}>
                        <span className="mono">{formatProtocol(request.protocol)}</span>
                        <span>{request.typeName}</span>
                        <RequestStatusBadge status={request.status} />
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`Ver solicitação ${formatProtocol(request.protocol)}`}
                          onClick={() => onView(request)}
                        >
                          Ver
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** [Ver]: the request's summary and history over the results, without leaving the search. */
function RequestSummaryDialog({ request, onClose }: { request: RequestSummary; onClose: () => void }) {
  return (
    <Dialog title={`Solicitação ${formatProtocol(request.protocol)}`} onClose={onClose}>
      <RequestLoader id={request.id}>{(loaded) => <RequestStatus request={loaded} onClose={onClose} summary />}</RequestLoader>
    </Dialog>
  );
}
