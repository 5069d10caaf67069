import type {
  BackofficeList,
  CancelRequest,
  ChangeRequestStatus,
  ComplaintRequest,
  Request,
  RequestStatus,
  RestartRequest,
} from '@receptivo/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';

const requestPath = (id: string) => `/api/requests/${encodeURIComponent(id)}`;
export const requestPdfPath = (id: string) => `${requestPath(id)}/pdf`;
export const attachmentPath = (requestId: string, attachmentId: string) =>
  `${requestPath(requestId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** Multipart: the description and each file under `files`, as the server's upload reads them. */
export function reiterateRequest(api: ApiClient, id: string, description: string, files: readonly File[]): Promise<Request> {
  const form = new FormData();
  form.append('description', description);
  for (const file of files) form.append('files', file, file.name);
  return api.postForm<Request>(`${requestPath(id)}/reiterate`, form);
}

export function complainAboutRequest(api: ApiClient, id: string, body: ComplaintRequest): Promise<Request> {
  return api.post<Request>(`${requestPath(id)}/complaint`, body);
}

export function restartRequest(api: ApiClient, id: string, body: RestartRequest): Promise<Request> {
  return api.post<Request>(`${requestPath(id)}/restart`, body);
}

export function cancelRequest(api: ApiClient, id: string, body: CancelRequest): Promise<Request> {
  return api.post<Request>(`${requestPath(id)}/cancel`, body);
}

export function resendRequestEmail(api: ApiClient, id: string): Promise<Request> {
  return api.post<Request>(`${requestPath(id)}/resend-email`);
}

export function changeRequestStatus(api: ApiClient, id: string, body: ChangeRequestStatus): Promise<Request> {
  return api.post<Request>(`${requestPath(id)}/status`, body);
}

export interface BackofficeFilter {
  status?: RequestStatus;
  q?: string;
  page: number;
}

/** The requests of the signed-in back office user's organ. */
export function listBackofficeRequests(api: ApiClient, query: BackofficeFilter): Promise<BackofficeList> {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  if (query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return api.get<BackofficeList>(`/api/backoffice/requests${search ? `?${search}` : ''}`);
}

/** Every cached read of requests starts with this key, so a change to one request refreshes them all. */
export const requestsKey = ['requests'] as const;

export const backofficeRequestsQuery = (api: ApiClient, query: BackofficeFilter) =>
  queryOptions({ queryKey: [...requestsKey, 'backoffice', query], queryFn: () => listBackofficeRequests(api, query) });
