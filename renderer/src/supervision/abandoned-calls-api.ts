import type { AbandonedCall, AbandonedList } from '@receptivo/shared';
import type { ApiClient } from '../api/client';

export type AbandonedStatus = 'pending' | 'done' | 'all';

export function getAbandonedCalls(api: ApiClient, status: AbandonedStatus): Promise<AbandonedList> {
  return api.get<AbandonedList>(`/api/supervision/abandoned?${new URLSearchParams({ status, pageSize: '200' })}`);
}

export function callBack(api: ApiClient, id: string, extension: string): Promise<AbandonedCall> {
  return api.post<AbandonedCall>(`/api/supervision/abandoned/${encodeURIComponent(id)}/callback`, { extension });
}

export function markAbandonedDone(api: ApiClient, id: string): Promise<AbandonedCall> {
  return api.post<AbandonedCall>(`/api/supervision/abandoned/${encodeURIComponent(id)}/done`);
}
