import type { CustomerAccessList, CustomerAccessQuery } from '@receptivo/shared';
import type { ApiClient } from '../api/client';

export type AccessFilters = Pick<CustomerAccessQuery, 'document' | 'userId' | 'from' | 'to'>;

/** The filters as a query string, empty ones left out. */
export function accessQueryString(filters: AccessFilters, paging?: { page: number; pageSize: number }): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...paging })) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  return params.toString();
}

export function listCustomerAccesses(api: ApiClient, filters: AccessFilters, page: number, pageSize: number): Promise<CustomerAccessList> {
  return api.get<CustomerAccessList>(`/api/customer-access?${accessQueryString(filters, { page, pageSize })}`);
}

export const customerAccessCsvPath = (filters: AccessFilters) => `/api/customer-access/csv?${accessQueryString(filters)}`;

export const customerDataReportPath = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/data-report`;
