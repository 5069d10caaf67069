import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  customerSearchSchema,
  customerTypeLabels,
  redactDocument,
  type CustomerList,
  type CustomerSearch as CustomerSearchQuery,
  type CustomerSummary,
} from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { Field, FormAlert } from '../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../ui/form-errors';
import { MaskedInput } from '../ui/MaskedInput';
import { LoadFailed } from '../ui/LoadFailed';
import { EmptyState } from '../ui/Page';
import { customersKey, searchCustomers } from './customers-api';
import { maskDocument } from './masks';
import { hasSearchTerms, searchFields, searchParamsOf, searchQueryFrom, type SearchField } from './search-params';

/** The answer a result row belongs to. */
export interface CustomerResults {
  list: CustomerList;
  query: CustomerSearchQuery;
}

export interface CustomerSearchProps {
  /** Fills the fields; with autoRun the search runs at once, and again whenever this query changes. */
  initialQuery?: Partial<CustomerSearchQuery>;
  autoRun?: boolean;
  /** The last column of each result row, e.g. [Editar] on the Clientes page or [Vincular] in an attendance. */
  renderActions?: (customer: CustomerSummary, results: CustomerResults) => ReactNode;
  /** Offered when nothing is found. */
  onRegisterNew?: () => void;
  /** Each query run, and null when the search is cleared; the Clientes page keeps it in its URL. */
  onSearch?: (query: CustomerSearchQuery | null) => void;
  /** Each answer shown, e.g. for an attendance to try another lookup when the first found nobody. */
  onResults?: (list: CustomerList, query: CustomerSearchQuery) => void;
  /** The keys that bring the cursor to the Busca field, said to assistive technology (the owner handles them). */
  searchShortcut?: string;
}

type Terms = Record<SearchField, string>;

const termsOf = (query: Partial<CustomerSearchQuery>): Terms => ({
  q: query.q ?? '',
  name: query.name ?? '',
  email: query.email ?? '',
  document: query.document ? maskDocument(query.document) : '',
  phone: query.phone ?? '',
});

/** Finds customers by any field or by Nome, E-mail, CPF/CNPJ or Telefone, a page at a time. */
export function CustomerSearch({
  initialQuery,
  autoRun = false,
  renderActions,
  onRegisterNew,
  onSearch,
  onResults,
  searchShortcut,
}: CustomerSearchProps) {
  const api = useApi();
  const [terms, setTerms] = useState<Terms>(() => termsOf(initialQuery ?? {}));
  /** What the form's own check found in the terms last searched for; null when they passed it. */
  const [invalid, setInvalid] = useState<FormErrors | null>(null);
  /** The query whose results are shown; null before the first search and after [Limpar]. */
  const [shown, setShown] = useState<CustomerSearchQuery | null>(null);
  const results = useQuery({
    queryKey: [...customersKey, 'search', shown],
    queryFn: () => searchCustomers(api, shown as CustomerSearchQuery),
    enabled: shown !== null,
    // A list the attendant is reading does not reorder itself when the window gets focus.
    refetchOnWindowFocus: false,
  });
  const firstInput = useRef<HTMLInputElement>(null);
  /** The query shown (or being fetched), so a caller echoing it back does not run it twice. */
  const shownKey = useRef('');

  useEffect(() => {
    if (results.isSuccess && shown) onResults?.(results.data, shown);
    // Told once per answer: a new fetch, not a new render or a new callback.
  }, [results.dataUpdatedAt]);

  // Terms the server refused go beside their inputs; the reason as a whole goes with the results.
  const errors: FormErrors =
    invalid ??
    (results.isError && !results.isFetching ? { fields: formErrorsFromFailure(results.error, searchFields).fields, alert: null } : noFormErrors);

  function run(query: CustomerSearchQuery, report: boolean) {
    const key = searchParamsOf(query).toString();
    // The same search asked again is asked to the server again, not answered from the cache.
    if (shown && key === shownKey.current) void results.refetch();
    shownKey.current = key;
    setShown(query);
    if (report) onSearch?.(query);
  }

  function showNothing(key: string) {
    shownKey.current = key;
    setShown(null);
  }

  function validateAndRun(query: Partial<CustomerSearchQuery>, report: boolean) {
    const parsed = customerSearchSchema.safeParse(query);
    if (!parsed.success) {
      setInvalid(formErrorsFromIssues(parsed.error.issues, searchFields));
      return;
    }
    setInvalid(null);
    run(parsed.data, report);
  }

  // Keyed by the canonical query string, so a new object with the same query does not search again.
  const initialKey = searchParamsOf(initialQuery ?? {}).toString();
  useEffect(() => {
    if (initialKey === shownKey.current) return;
    const query = searchQueryFrom(new URLSearchParams(initialKey));
    setTerms(termsOf(query));
    setInvalid(null);
    if (autoRun && hasSearchTerms(query)) validateAndRun(query, false);
    else showNothing(initialKey);
    // Only a different query from the caller runs a search, not new callbacks or a new autoRun flag.
  }, [initialKey]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    validateAndRun({ ...terms, pageSize: initialQuery?.pageSize }, true);
  }

  function clear() {
    setTerms(termsOf({}));
    setInvalid(null);
    showNothing('');
    onSearch?.(null);
    firstInput.current?.focus();
  }

  const set = (field: SearchField) => (value: string) => setTerms((current) => ({ ...current, [field]: value }));

  return (
    <div>
      <form className="search-form" role="search" aria-label="Pesquisar clientes" onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <div className="search-form__fields">
          <Field label="Busca" hint="Nome, CPF/CNPJ, telefone ou e-mail." error={errors.fields.q}>
            {(control) => (
              <input
                {...control}
                ref={firstInput}
                aria-keyshortcuts={searchShortcut}
                type="search"
                autoComplete="off"
                value={terms.q}
                onChange={(event) => set('q')(event.target.value)}
              />
            )}
          </Field>
          <Field label="Nome" error={errors.fields.name}>
            {(control) => (
              <input {...control} autoComplete="off" value={terms.name} onChange={(event) => set('name')(event.target.value)} />
            )}
          </Field>
          <Field label="E-mail" error={errors.fields.email}>
            {(control) => (
              <input
                {...control}
                inputMode="email"
                autoComplete="off"
                spellCheck={false}
                value={terms.email}
                onChange={(event) => set('email')(event.target.value)}
              />
            )}
          </Field>
          <Field label="CPF/CNPJ" error={errors.fields.document}>
            {(control) => (
              <MaskedInput
                {...control}
                autoComplete="off"
                spellCheck={false}
                value={terms.document}
                mask={maskDocument}
                onValueChange={set('document')}
              />
            )}
          </Field>
          <Field label="Telefone" error={errors.fields.phone}>
            {(control) => (
              <input
                {...control}
                inputMode="tel"
                autoComplete="off"
                value={terms.phone}
                onChange={(event) => set('phone')(event.target.value)}
              />
            )}
          </Field>
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
        {results.isFetching && <p className="muted">Pesquisando clientes…</p>}
        {shown && results.isError && !results.isFetching && (
          <LoadFailed what="os clientes" error={results.error} onRetry={() => void results.refetch()} />
        )}
        {shown && results.isSuccess && !results.isFetching && results.data.items.length === 0 && (
          <EmptyState title="Nenhum cliente encontrado.">
            <p>Confira os dados pesquisados ou cadastre o cliente.</p>
            {onRegisterNew && (
              <button type="button" className="button button--primary" onClick={onRegisterNew}>
                Cadastrar novo cliente
              </button>
            )}
          </EmptyState>
        )}
        {shown && results.isSuccess && !results.isFetching && results.data.items.length > 0 && (
          <ResultsTable
            list={results.data}
            query={shown}
            renderActions={renderActions}
            onPage={(page) => run({ ...shown, page }, true)}
          />
        )}
      </div>
    </div>
  );
}

function countLabel({ total, totalCapped }: CustomerList): string {
  const count = total === 1 ? '1 cliente' : `${total} clientes`;
  return totalCapped ? `mais de ${count}` : count;
}

function ResultsTable({
  list,
  query,
  renderActions,
  onPage,
}: {
  list: CustomerList;
  query: CustomerSearchQuery;
  renderActions?: (customer: CustomerSummary, results: CustomerResults) => ReactNode;
  onPage: (page: number) => void;
}) {
  const { page, pageSize } = query;
  // A capped total hides how many pages there are; a full page then suggests there is another.
  const hasNext = page * pageSize < list.total || (list.totalCapped && list.items.length === pageSize);
  const pages = Math.max(1, Math.ceil(list.total / pageSize));

  return (
    <>
      <div className="toolbar">
        <p className="toolbar__summary">{countLabel(list)}</p>
      </div>
      <table className="table">
        <caption className="visually-hidden">Clientes encontrados</caption>
        <thead>
          <tr>
            <th scope="col">Nome/Razão social</th>
            <th scope="col">Tipo</th>
            <th scope="col">CPF/CNPJ</th>
            <th scope="col">Telefone principal</th>
            <th scope="col">E-mail</th>
            {renderActions && (
              <th scope="col">
                <span className="visually-hidden">Ações</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {list.items.map((customer) => (
            <tr key={customer.id}>
              <td>
                {customer.name}
                {customer.tradeName && <span className="table__secondary">{customer.tradeName}</span>}
              </td>
              <td>{customerTypeLabels[customer.type]}</td>
              <td className="mono">{redactDocument(customer.document)}</td>
              <td className="mono">{customer.primaryPhone?.display ?? <span aria-label="sem telefone">—</span>}</td>
              <td>{customer.email ?? <span aria-label="sem e-mail">—</span>}</td>
              {renderActions && <td className="table__actions">{renderActions(customer, { list, query })}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {(page > 1 || hasNext) && (
        <nav className="pagination" aria-label="Páginas de resultados">
          <button type="button" className="button button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Anterior
          </button>
          <span className="pagination__current">
            {list.totalCapped ? `Página ${page}` : `Página ${page} de ${pages}`}
          </span>
          <button type="button" className="button button--small" disabled={!hasNext} onClick={() => onPage(page + 1)}>
            Próxima
          </button>
        </nav>
      )}
    </>
  );
}
