import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { customerAccessQuerySchema, type CustomerAccessList, type User } from '@receptivo/shared';
import { isRefusal } from '../api/client';
import { usersQuery } from '../administration/users-api';
import { useApi } from '../auth/SessionProvider';
import { DateField } from '../ui/DateInput';
import { DownloadLink } from '../ui/DownloadLink';
import { Field, FormAlert } from '../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../ui/form-errors';
import { countLabel, formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { EmptyState } from '../ui/Page';
import { Pagination } from '../ui/Pagination';
import { type AccessFilters, customerAccessCsvPath, customerDataReportPath, listCustomerAccesses } from './customer-access-api';

const PAGE_SIZE = 50;
const filterFields = ['document', 'userId', 'from', 'to'] as const;
const noFilters: Required<AccessFilters> = { document: '', userId: '', from: '', to: '' };

/**
 * The access audit for admins (LGPD): who looked at which customer's data, searched per customer
 * (the CPF/CNPJ a citizen gives) and per user, exported as CSV; with one customer found, its data
 * report (everything held about them, JSON).
 */
export function CustomerAccessPanel() {
  const [form, setForm] = useState(noFilters);
  const [applied, setApplied] = useState<AccessFilters>({});
  const [page, setPage] = useState(1);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const api = useApi();
  const users = useQuery(usersQuery(api));
  const accesses = useQuery({
    queryKey: ['customer-accesses', applied, page],
    queryFn: () => listCustomerAccesses(api, applied, page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  // A refusal of the filters is told beside them; a failure to reach the server below the form, with a retry.
  const refused = isRefusal(accesses.error);
  const shownErrors = refused ? formErrorsFromFailure(accesses.error, filterFields) : errors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const filters: AccessFilters = Object.fromEntries(filterFields.map((field) => [field, form[field].trim() || undefined]));
    const parsed = customerAccessQuerySchema.safeParse(filters);
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, filterFields));
      return;
    }
    setErrors(noFormErrors);
    setApplied(filters);
    setPage(1);
  }

  const bind = (field: (typeof filterFields)[number]) => ({
    value: form[field],
    onChange: (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [field]: event.target.value })),
  });

  return (
    <section aria-labelledby="customer-access-title">
      <h2 id="customer-access-title">Acessos a dados de clientes</h2>
      <p className="muted">Cada consulta ao cadastro, ao histórico ou ao relatório de dados de um cliente fica registrada (LGPD).</p>
      <form className="search-form search-form--inline" aria-label="Filtros de acessos" onSubmit={onSubmit} noValidate>
        <FormAlert message={shownErrors.alert} />
        <Field label="CPF/CNPJ do cliente" error={shownErrors.fields.document} hint="Completo, com ou sem pontuação.">
          {(control) => <input {...control} inputMode="text" autoComplete="off" {...bind('document')} />}
        </Field>
        <Field label="Usuário" error={shownErrors.fields.userId}>
          {(control) => (
            <select {...control} {...bind('userId')}>
              <option value="">Todos</option>
              {users.data?.items.map((user: User) => (
                <option key={user.id} value={user.id}>
                  {`${user.name} (${user.username})`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateField label="De" value={form.from} onChange={(from) => setForm((previous) => ({ ...previous, from }))} error={shownErrors.fields.from} />
        <DateField
          label="Até"
          value={form.to}
          onChange={(to) => setForm((previous) => ({ ...previous, to }))}
          error={shownErrors.fields.to}
          hint="Dias em horário de Brasília."
        />
        <button type="submit" className="button button--primary">
          Pesquisar
        </button>
      </form>
      {accesses.isPending && <p aria-live="polite">Carregando acessos…</p>}
      {accesses.isError && !refused && <LoadFailed what="os acessos" error={accesses.error} onRetry={() => void accesses.refetch()} />}
      {accesses.isSuccess && <AccessResults list={accesses.data} filters={applied} page={page} onPage={setPage} />}
    </section>
  );
}

function AccessResults({ list, filters, page, onPage }: { list: CustomerAccessList; filters: AccessFilters; page: number; onPage: (page: number) => void }) {
  if (list.total === 0) return <EmptyState title="Nenhum acesso encontrado">Nenhuma consulta a dados de clientes com estes filtros.</EmptyState>;
  const customers = new Map(list.items.map((item) => [item.customer.id, item.customer]));
  const onlyCustomer = filters.document && customers.size === 1 ? [...customers.values()][0] : null;
  return (
    <>
      <div className="toolbar">
        <p aria-live="polite">{countLabel(list.total, 'acesso', 'acessos')}</p>
        <DownloadLink className="button button--small" path={customerAccessCsvPath(filters)} fileName="acessos-a-dados-de-clientes.csv">
          Exportar CSV
        </DownloadLink>
        {onlyCustomer && (
          <DownloadLink className="button button--small" path={customerDataReportPath(onlyCustomer.id)} fileName={`dados-do-cliente-${onlyCustomer.document.replace(/\W/g, '')}.json`}>
            Relatório de dados do cliente (JSON)
          </DownloadLink>
        )}
      </div>
      <table className="table" aria-label="Acessos a dados de clientes">
        <thead>
          <tr>
            <th scope="col">Data e hora</th>
            <th scope="col">Cliente</th>
            <th scope="col">CPF/CNPJ</th>
            <th scope="col">Usuário</th>
            <th scope="col">Tela</th>
            <th scope="col">Rota</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((access) => (
            <tr key={access.id}>
              <td>{formatDateTime(access.accessedAt, { seconds: true })}</td>
              <td>{access.customer.name}</td>
              <td className="mono">{access.customer.document}</td>
              <td>{access.user.name}</td>
              <td className="mono">{access.screen ?? <span aria-label="não informada">—</span>}</td>
              <td className="mono">{access.route}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.total} onPage={onPage} />
    </>
  );
}
