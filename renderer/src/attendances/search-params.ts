import { attendanceSearchQuerySchema } from '@receptivo/shared';

/** The Atendimentos tab's filters, in the order of the form; each is a query parameter of the same name. */
export const attendanceFilterFields = ['q', 'organId', 'status', 'channel', 'from', 'to'] as const;
export type AttendanceFilterField = (typeof attendanceFilterFields)[number];
export type AttendanceFilters = Record<AttendanceFilterField, string>;

/** The server's own default, read from the shared schema, so URLs need not carry it. */
const defaultAttendancePageSize = attendanceSearchQuerySchema.shape.pageSize.parse(undefined);

/**
 * One canonical query string for a search: the request to the server and the page's URL, so a
 * reload shows the same results. Empty filters and default paging are left out.
 */
export function attendanceSearchParams(
  query: Partial<Record<AttendanceFilterField, string>> & { page?: unknown; pageSize?: unknown },
): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of attendanceFilterFields) {
    const value = query[field]?.trim();
    if (value) params.set(field, value);
  }
  if (query.page && Number(query.page) > 1) params.set('page', String(query.page));
  if (query.pageSize && Number(query.pageSize) !== defaultAttendancePageSize) params.set('pageSize', String(query.pageSize));
  return params;
}

/** The filters as the form holds them, from a URL a user may have edited by hand. */
export function attendanceFiltersFrom(params: URLSearchParams): AttendanceFilters {
  return Object.fromEntries(attendanceFilterFields.map((field) => [field, params.get(field) ?? ''])) as AttendanceFilters;
}

export function attendancePageFrom(params: URLSearchParams): { page: number; pageSize: number } {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page > 1 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : defaultAttendancePageSize,
  };
}
