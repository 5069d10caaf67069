import type {
  Attendance,
  AttendanceSearchQuery,
  AttendanceSearchResult,
  CurrentAttendance,
  FinishAttendance,
  LinkCustomer,
  OrganOptionList,
  RegisterInformation,
  RegisterRequest,
  Request,
  RequestSummary,
  StartAttendance,
} from '@receptivo/shared';
import type { ApiClient } from '../api/client';
import { attendanceSearchParams } from './search-params';

const attendancePath = (id: string) => `/api/attendances/${encodeURIComponent(id)}`;

export function startAttendance(api: ApiClient, body: StartAttendance): Promise<Attendance> {
  return api.post<Attendance>('/api/attendances', body);
}

/** The signed-in attendant's open attendance, so it survives a reload of the page. */
export async function getCurrentAttendance(api: ApiClient): Promise<Attendance | null> {
  const { attendance } = await api.get<CurrentAttendance>('/api/attendances/current');
  return attendance;
}

export function linkCustomer(api: ApiClient, attendanceId: string, body: LinkCustomer): Promise<Attendance> {
  return api.request<Attendance>('PUT', `${attendancePath(attendanceId)}/customer`, body);
}

export function registerInformation(api: ApiClient, attendanceId: string, body: RegisterInformation): Promise<Attendance> {
  return api.post<Attendance>(`${attendancePath(attendanceId)}/informations`, body);
}

export function registerRequest(api: ApiClient, attendanceId: string, body: RegisterRequest): Promise<Request> {
  return api.post<Request>(`${attendancePath(attendanceId)}/requests`, body);
}

export function finishAttendance(api: ApiClient, attendanceId: string, body: FinishAttendance): Promise<Attendance> {
  return api.post<Attendance>(`${attendancePath(attendanceId)}/finish`, body);
}

export function getRequest(api: ApiClient, id: string): Promise<Request> {
  return api.get<Request>(`/api/requests/${encodeURIComponent(id)}`);
}

/** The summary line of a request, as the attendance lists it. */
export function summaryOfRequest(request: Request): RequestSummary {
  const { id, protocol, status, requestTypeId, typeName, organName, deadline, createdAt, groupOf } = request;
  return { id, protocol, status, requestTypeId, typeName, organName, deadline, createdAt, groupOf };
}

export function getAttendance(api: ApiClient, id: string): Promise<Attendance> {
  return api.get<Attendance>(attendancePath(id));
}

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
