import type { CreateOpen311Client, IssuedOpen311Key, Open311Client, Open311ClientList, UpdateOpen311Client } from '@receptivo/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';

const clientPath = (id: string) => `/api/open311-clients/${encodeURIComponent(id)}`;

/** The applications allowed to post Open311 requests (Administração › Aplicativos Open311). */
export const open311ClientsQuery = (api: ApiClient) =>
  queryOptions({ queryKey: ['open311-clients'], queryFn: () => api.get<Open311ClientList>('/api/open311-clients') });

/** The answer carries the application's key, shown this once. */
export function createOpen311Client(api: ApiClient, body: CreateOpen311Client): Promise<IssuedOpen311Key> {
  return api.post<IssuedOpen311Key>('/api/open311-clients', body);
}

export function updateOpen311Client(api: ApiClient, id: string, patch: UpdateOpen311Client): Promise<Open311Client> {
  return api.patch<Open311Client>(clientPath(id), patch);
}
