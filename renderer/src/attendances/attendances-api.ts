import { queryOptions } from '@tanstack/react-query';
import {
  IDEMPOTENCY_KEY_HEADER,
  type Attendance,
  type AttendanceSearchQuery,
  type AttendanceSearchResult,
  type CurrentAttendance,
  type FinishAttendance,
  type LinkCustomer,
  type OrganOptionList,
  type RegisterInformation,
  type RegisterRequest,
  type Request,
  type RequestSummary,
  type StartAttendance,
} from '@receptivo/shared';
import type { ApiClient } from '../api/client';
import { requestsKey } from '../requests/requests-api';
import { attendanceSearchParams } from './search-params';

const attendancePath = (id: string) => `/api/attendances/${encodeURIComponent(id)}`;

/**
 * The writes of an attendance carry an Idempotency-Key: the desk's draft queue sends them again
 * after a lost connection, and the server registers each one once (offline/draft-queue.ts).
 */
const once = (key: string) => ({ [IDEMPOTENCY_KEY_HEADER]: key });

export function startAttendance(api: ApiClient, body: StartAttendance, key: string): Promise<Attendance> {
  return api.request<Attendance>('POST', '/api/attendances', body, once(key));
}

/** Every cached read of attendances starts with this key. */
export const attendancesKey = ['attendances'] as const;

/** The signed-in attendant's open attendance, so it survives a reload of the page. */
export async function getCurrentAttendance(api: ApiClient): Promise<Attendance | null> {
  const { attendance } = await api.get<CurrentAttendance>('/api/attendances/current');
  return attendance;
}

/**
 * The desk's open attendance. Dropped as soon as the desk unmounts and never refreshed on focus:
 * once shown, the desk's own actions and the CTI events drive it, and a desk opened again must not
 * show, even for an instant, one finished meanwhile.
 */
export const currentAttendanceQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: [...attendancesKey, 'current'],
    queryFn: () => getCurrentAttendance(api),
    gcTime: 0,
    refetchOnWindowFocus: false,
  });

export function linkCustomer(api: ApiClient, attendanceId: string, body: LinkCustomer, key: string): Promise<Attendance> {
  return api.request<Attendance>('PUT', `${attendancePath(attendanceId)}/customer`, body, once(key));
}

export function registerInformation(api: ApiClient, attendanceId: string, body: RegisterInformation, key: string): Promise<Attendance> {
  return api.request<Attendance>('POST', `${attendancePath(attendanceId)}/informations`, body, once(key));
}

export function registerRequest(api: ApiClient, attendanceId: string, body: RegisterRequest, key: string): Promise<Request> {
  return api.request<Request>('POST', `${attendancePath(attendanceId)}/requests`, body, once(key));
}

export function finishAttendance(api: ApiClient, attendanceId: string, body: FinishAttendance, key: string): Promise<Attendance> {
  return api.request<Attendance>('POST', `${attendancePath(attendanceId)}/finish`, body, once(key));
}

/** A supervisor takes an open attendance over from whoever holds it. */
export function takeOverAttendance(api: ApiClient, attendanceId: string, key: string): Promise<Attendance> {
  return api.request<Attendance>('POST', `${attendancePath(attendanceId)}/takeover`, undefined, once(key));
}

export function getRequest(api: ApiClient, id: string): Promise<Request> {
  return api.get<Request>(`/api/requests/${encodeURIComponent(id)}`);
}

export const requestQuery = (api: ApiClient, id: string) =>
  queryOptions({ queryKey: [...requestsKey, id], queryFn: () => getRequest(api, id) });

/** The summary line of a request, as the attendance lists it. */
export function summaryOfRequest(request: Request): RequestSummary {
  const { id, protocol, status, requestTypeId, typeName, organName, deadline, createdAt, groupOf } = request;
  return { id, protocol, status, requestTypeId, typeName, organName, deadline, createdAt, groupOf };
}

export function getAttendance(api: ApiClient, id: string): Promise<Attendance> {
  return api.get<Attendance>(attendancePath(id));
}

export const attendanceQuery = (api: ApiClient, id: string) =>
  queryOptions({ queryKey: [...attendancesKey, id], queryFn: () => getAttendance(api, id) });

export const attendancePdfPath = (id: string) => `${attendancePath(id)}/pdf`;

/** The Atendimentos tab: attendances with their requests that pass the filters, a page at a time. */
export function searchAttendances(api: ApiClient, query: AttendanceSearchQuery): Promise<AttendanceSearchResult> {
  return api.get<AttendanceSearchResult>(`/api/attendances?${attendanceSearchParams(query)}`);
}

/** The organs for the Órgão filter (any role may read them). */
export async function listOrgans(api: ApiClient): Promise<OrganOptionList['items']> {
  const { items } = await api.get<OrganOptionList>('/api/organs');
  return items;
}

export const organsQuery = (api: ApiClient) => queryOptions({ queryKey: ['organs'], queryFn: () => listOrgans(api) });
