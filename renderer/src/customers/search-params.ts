import { customerSearchSchema, stripDocument, type CustomerSearch } from '@receptivo/shared';

export const searchFields = ['q', 'name', 'email', 'document', 'phone'] as const;
export type SearchField = (typeof searchFields)[number];

/** The server's own default, read from the shared schema, so URLs need not carry it. */
const defaultPageSize = customerSearchSchema.shape.pageSize.parse(undefined);

/**
 * One canonical query string for a search: the request to the server, the Clientes page URL and
 * the key that tells whether a query has already been run. Empty fields and default paging are
 * left out; the document goes without its mask.
 */
export function searchParamsOf(query: Partial<CustomerSearch>): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of searchFields) {
    const value = query[field]?.trim();
    if (value) params.set(field, field === 'document' ? stripDocument(value) : value);
  }
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== defaultPageSize) params.set('pageSize', String(query.pageSize));
  return params;
}

/** The inverse of searchParamsOf, for a URL a user may have edited by hand. */
export function searchQueryFrom(params: URLSearchParams): Partial<CustomerSearch> {
  const query: Partial<CustomerSearch> = {};
  for (const field of searchFields) {
    const value = params.get(field);
    if (value) query[field] = value;
  }
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) query.page = page;
  const pageSize = Number(params.get('pageSize'));
  if (Number.isInteger(pageSize) && pageSize > 0) query.pageSize = pageSize;
  return query;
}

export const hasSearchTerms = (query: Partial<CustomerSearch>) => searchFields.some((field) => query[field]?.trim());
