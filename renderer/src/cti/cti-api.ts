import type { CtiDiagnostics, CtiOverview, CtiPauseReasons, CtiTap, CtiTestCall, CtiTestCallResult, UraRoutes, UraRoutesInput } from '@receptivo/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';

/** The link, the extension ↔ user table and the desks: Telefonia's overview, also the agents Supervisão › Abandonadas calls back from. */
export const ctiOverviewQuery = (api: ApiClient) => queryOptions({ queryKey: ['cti', 'overview'], queryFn: () => api.get<CtiOverview>('/api/cti/overview') });

/** The last AMI events, newest first; `q` filters them on the server. */
export function getCtiEvents(api: ApiClient, q: string): Promise<CtiTap> {
  const query = q.trim() ? `?${new URLSearchParams({ q: q.trim() })}` : '';
  return api.get<CtiTap>(`/api/cti/events${query}`);
}

export function sendTestCall(api: ApiClient, body: CtiTestCall): Promise<CtiTestCallResult> {
  return api.post<CtiTestCallResult>('/api/cti/test-call', body);
}

export function getPauseReasons(api: ApiClient): Promise<CtiPauseReasons> {
  return api.get<CtiPauseReasons>('/api/cti/pause-reasons');
}

/** The reasons change with the configuration only: asked once per session, shared by the desk and the tray. */
export const pauseReasonsQuery = (api: ApiClient) =>
  queryOptions({ queryKey: ['cti', 'pause-reasons'], queryFn: () => getPauseReasons(api), staleTime: Infinity });

/** The PBX wiring check: run on demand (it sends probes to the PBX), never polled. */
export function getCtiDiagnostics(api: ApiClient): Promise<CtiDiagnostics> {
  return api.get<CtiDiagnostics>('/api/cti/diagnostics');
}

export const uraRoutesQuery = (api: ApiClient) => queryOptions({ queryKey: ['cti', 'ura-routes'], queryFn: () => api.get<UraRoutes>('/api/cti/ura-routes') });

/** Replaces the whole table of URA routes. */
export function saveUraRoutes(api: ApiClient, body: UraRoutesInput): Promise<UraRoutes> {
  return api.request<UraRoutes>('PUT', '/api/cti/ura-routes', body);
}
