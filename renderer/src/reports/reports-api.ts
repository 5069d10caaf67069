import type { DeadlineAlerts, Report, ReportQuery } from '@receptivo/shared';
import type { ApiClient } from '../api/client';

export function getReport(api: ApiClient, { from, to, groupBy }: ReportQuery): Promise<Report> {
  return api.get<Report>(`/api/reports?${new URLSearchParams({ from, to, ...(groupBy && { groupBy }) })}`);
}

export function getDeadlineAlerts(api: ApiClient): Promise<DeadlineAlerts> {
  return api.get<DeadlineAlerts>('/api/reports/deadline-alerts');
}
