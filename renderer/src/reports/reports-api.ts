import type { DeadlineAlerts, Report, ReportPeriod } from '@receptivo/shared';
import type { ApiClient } from '../api/client';

export function getReport(api: ApiClient, { from, to }: ReportPeriod): Promise<Report> {
  return api.get<Report>(`/api/reports?${new URLSearchParams({ from, to })}`);
}

export function getDeadlineAlerts(api: ApiClient): Promise<DeadlineAlerts> {
  return api.get<DeadlineAlerts>('/api/reports/deadline-alerts');
}
