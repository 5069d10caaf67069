import type { CreateCustomer, Customer, CustomerHistory, CustomerList, CustomerSearch, UpdateCustomer } from '@receptivo/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';
import { searchParamsOf } from './search-params';

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}`;
const phonePath = (id: string, phoneId: string) => `${customerPath(id)}/phones/${encodeURIComponent(phoneId)}`;

export function searchCustomers(api: ApiClient, query: CustomerSearch): Promise<CustomerList> {
  return api.get<CustomerList>(`/api/customers?${searchParamsOf(query)}`);
}

export function createCustomer(api: ApiClient, body: CreateCustomer): Promise<Customer> {
  return api.post<Customer>('/api/customers', body);
}

export function getCustomer(api: ApiClient, id: string): Promise<Customer> {
  return api.get<Customer>(customerPath(id));
}

/** Every cached read of customers starts with this key. */
export const customersKey = ['customers'] as const;

/**
 * Every read of a customer is recorded in the access audit (LGPD), so a record on screen is not
 * fetched again just because the window got focus.
 */
export const customerQuery = (api: ApiClient, id: string) =>
  queryOptions({ queryKey: [...customersKey, id], queryFn: () => getCustomer(api, id), refetchOnWindowFocus: false });

export function updateCustomer(api: ApiClient, id: string, patch: UpdateCustomer): Promise<Customer> {
  return api.patch<Customer>(customerPath(id), patch);
}

export function addPhone(api: ApiClient, id: string, number: string): Promise<Customer> {
  return api.post<Customer>(`${customerPath(id)}/phones`, { number });
}

export function removePhone(api: ApiClient, id: string, phoneId: string): Promise<Customer> {
  return api.request<Customer>('DELETE', phonePath(id, phoneId));
}

export function makePhonePrimary(api: ApiClient, id: string, phoneId: string): Promise<Customer> {
  return api.post<Customer>(`${phonePath(id, phoneId)}/primary`);
}

export function createPortalAccount(api: ApiClient, id: string): Promise<Customer> {
  return api.post<Customer>(`${customerPath(id)}/portal-account`);
}

export function resendPortalPassword(api: ApiClient, id: string): Promise<Customer> {
  return api.post<Customer>(`${customerPath(id)}/portal-account/resend-password`);
}

/** The query key of a customer's history: invalidated by whatever changes their requests. */
export const customerHistoryKey = (id: string) => [...customersKey, id, 'history'] as const;

/** The customer's attendances and requests, for the Histórico tab and the desk. */
export function getCustomerHistory(api: ApiClient, id: string): Promise<CustomerHistory> {
  return api.get<CustomerHistory>(`${customerPath(id)}/history`);
}

/**
 * Audited like the record (a read of the history is a read of the customer), so it is kept a minute
 * and not fetched again on focus; the requests' changes invalidate it.
 */
export const customerHistoryQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: customerHistoryKey(id),
    queryFn: () => getCustomerHistory(api, id),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
