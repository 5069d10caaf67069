import { queryOptions } from '@tanstack/react-query';
import type {
  CancelRequest,
  ComplaintRequest,
  PhoneInput,
  PortalCatalog,
  PortalChangePassword,
  PortalData,
  PortalEmail,
  PortalForgotPassword,
  PortalForgotPasswordAnswer,
  PortalKnowledgeResults,
  PortalLoginRequest,
  PortalNewRequest,
  PortalProtocols,
  PortalRecordAccesses,
  PortalRequest,
  PortalResetPassword,
  PortalSession,
  RestartRequest,
} from '@receptivo/shared';
import type { ApiClient } from '../api/client';
import type { RequestActionCalls } from '../requests/RequestActionDialogs';

/** The self-service portal's API (docs/http-api.md, Self-service portal). */

export const signIn = (api: ApiClient, body: PortalLoginRequest) => api.post<PortalSession>('/api/portal/auth/login', body);

export const changePassword = (api: ApiClient, body: PortalChangePassword) =>
  api.post<PortalSession>('/api/portal/auth/change-password', body);

export const forgotPassword = (api: ApiClient, body: PortalForgotPassword) =>
  api.post<PortalForgotPasswordAnswer>('/api/portal/auth/forgot-password', body);

export const resetPassword = (api: ApiClient, body: PortalResetPassword) =>
  api.post<PortalSession>('/api/portal/auth/reset-password', body);

/** Every cached read of the portal starts with this key; the session's end clears them all. */
const portalKey = ['portal'] as const;
export const protocolsKey = [...portalKey, 'protocols'] as const;
const requestKey = (id: string) => [...portalKey, 'requests', id] as const;
const myDataKey = [...portalKey, 'my-data'] as const;

export const protocolsQuery = (api: ApiClient) =>
  queryOptions({ queryKey: protocolsKey, queryFn: () => api.get<PortalProtocols>('/api/portal/protocols') });

const requestPath = (id: string) => `/api/portal/requests/${encodeURIComponent(id)}`;

export const requestQuery = (api: ApiClient, id: string) =>
  queryOptions({ queryKey: requestKey(id), queryFn: () => api.get<PortalRequest>(requestPath(id)) });

/** The desk's actions on the citizen's own request; the reiteration goes as multipart, with its files. */
export const requestActionCalls = (api: ApiClient, id: string): RequestActionCalls<PortalRequest> => ({
  reiterate(description, files) {
    const form = new FormData();
    form.append('description', description);
    for (const file of files) form.append('files', file, file.name);
    return api.postForm<PortalRequest>(`${requestPath(id)}/reiterate`, form);
  },
  complain: (body: ComplaintRequest) => api.post<PortalRequest>(`${requestPath(id)}/complaint`, body),
  restart: (body: RestartRequest) => api.post<PortalRequest>(`${requestPath(id)}/restart`, body),
  cancel: (body: CancelRequest) => api.post<PortalRequest>(`${requestPath(id)}/cancel`, body),
});

export const catalogQuery = (api: ApiClient) =>
  queryOptions({ queryKey: [...portalKey, 'catalog'], queryFn: () => api.get<PortalCatalog>('/api/portal/catalog'), staleTime: 60_000 });

export const registerRequest = (api: ApiClient, body: PortalNewRequest) => api.post<PortalRequest>('/api/portal/requests', body);

export const knowledgeQuery = (api: ApiClient, q: string) =>
  queryOptions({
    queryKey: [...portalKey, 'knowledge', q],
    queryFn: () => api.get<PortalKnowledgeResults>(`/api/portal/knowledge?${new URLSearchParams({ q })}`),
    // Each search asked is counted for the knowledge gaps: the same search is never asked again.
    staleTime: Infinity,
  });

export const myDataQuery = (api: ApiClient) => queryOptions({ queryKey: myDataKey, queryFn: () => api.get<PortalData>('/api/portal/my-data') });

export const changeEmail = (api: ApiClient, body: PortalEmail) => api.request<PortalData>('PUT', '/api/portal/my-data/email', body);

export const addPhone = (api: ApiClient, body: PhoneInput) => api.post<PortalData>('/api/portal/my-data/phones', body);

export const removePhone = (api: ApiClient, phoneId: string) =>
  api.request<PortalData>('DELETE', `/api/portal/my-data/phones/${encodeURIComponent(phoneId)}`);

export const accessesPageSize = 20;

export const accessesQuery = (api: ApiClient, page: number) =>
  queryOptions({
    queryKey: [...myDataKey, 'accesses', page],
    queryFn: () => api.get<PortalRecordAccesses>(`/api/portal/my-data/accesses?page=${page}&pageSize=${accessesPageSize}`),
  });
