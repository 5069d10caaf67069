import { z } from 'zod';
import { type Channel, channelSchema } from '../attendances/schemas';
import { type RequestStatus, requestStatusSchema } from '../requests/schemas';

/** Reports count days as the contact center lives them: in Brasília time. */
export const reportTimeZone = 'America/Sao_Paulo';
/** A year, leap day included: the longest period one report covers. */
export const maxReportDays = 366;

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both included (ISO dates, calendar arithmetic only). */
export function reportDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(from); time <= Date.parse(to); time += DAY_MS) days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}

/**
 * How a report's rows over time are grouped: by day, by week (Monday to Sunday, as PostgreSQL's
 * date_trunc counts them) or by calendar month, all in Brasília days. A group at an end of the
 * period keeps only the period's days.
 */
export const reportGroupings = ['day', 'week', 'month'] as const;
export const reportGroupingSchema = z.enum(reportGroupings, { error: 'Escolha o agrupamento: dia, semana ou mês.' });
export type ReportGrouping = z.infer<typeof reportGroupingSchema>;
export const reportGroupingLabels: Record<ReportGrouping, string> = { day: 'Dia', week: 'Semana', month: 'Mês' };

/** Periods up to this many days are grouped by day when nobody chose. */
export const longestDailyReport = 31;
/** Up to this many days (about six months), by week; beyond, by month. */
export const longestWeeklyReport = 186;

const periodLength = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

/** The grouping a period gets when none is asked for: rows enough to compare, few enough to read. */
export function defaultReportGrouping(from: string, to: string): ReportGrouping {
  const length = periodLength(from, to);
  if (length <= longestDailyReport) return 'day';
  return length <= longestWeeklyReport ? 'week' : 'month';
}

/** The first day of the group holding an ISO day (calendar arithmetic only). */
export function reportGroupStart(isoDay: string, groupBy: ReportGrouping): string {
  if (groupBy === 'day') return isoDay;
  if (groupBy === 'month') return `${isoDay.slice(0, 8)}01`;
  const time = Date.parse(isoDay);
  const daysSinceMonday = (new Date(time).getUTCDay() + 6) % 7;
  return new Date(time - daysSinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The groups of a period in order, each cut to the period's days: where every row over time begins and ends. */
export function reportGroups(from: string, to: string, groupBy: ReportGrouping): { from: string; to: string }[] {
  const groups: { from: string; to: string }[] = [];
  for (const day of reportDays(from, to)) {
    const last = groups.at(-1);
    if (last && reportGroupStart(day, groupBy) === reportGroupStart(last.from, groupBy)) last.to = day;
    else groups.push({ from: day, to: day });
  }
  return groups;
}

const isoDay = (missing: string, invalid: string) =>
  z.iso.date({ error: (issue) => (issue.input === undefined || issue.input === '' ? missing : invalid) });

/** A period of Brasília days, both ends included: the reports' and the knowledge gaps'. */
export const periodQueryFields = {
  from: isoDay('Informe a data inicial.', 'Data inicial inválida.'),
  to: isoDay('Informe a data final.', 'Data final inválida.'),
};

const reportQueryFields = {
  ...periodQueryFields,
  /** Absent: defaultReportGrouping of the period. */
  groupBy: reportGroupingSchema.optional(),
};

/** Refuses a period ending before it starts or longer than maxReportDays (superRefine of periodQueryFields). */
export function checkPeriod({ from, to }: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (from > to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'A data final é anterior à inicial.' });
  else if (periodLength(from, to) > maxReportDays) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `O período pode ter no máximo ${maxReportDays} dias.` });
  }
}

/** GET /api/reports?from&to&groupBy: days in Brasília time, both included. */
export const reportQuerySchema = z.object(reportQueryFields).superRefine(checkPeriod);
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The tables of a report, each exportable as CSV. */
export const reportSections = [
  'attendances-by-day',
  'attendances-by-organ',
  'attendances-by-category',
  'requests-by-status',
  'requests-by-deadline',
  'requests-by-organ',
  'handling-time-by-day',
] as const;
export const reportSectionSchema = z.enum(reportSections, { error: 'Escolha a tabela do relatório a exportar.' });
export type ReportSection = z.infer<typeof reportSectionSchema>;

/** GET /api/reports/csv?section&from&to&groupBy */
export const reportCsvQuerySchema = z.object({ ...reportQueryFields, section: reportSectionSchema }).superRefine(checkPeriod);
export type ReportCsvQuery = z.infer<typeof reportCsvQuerySchema>;

/**
 * Where a request stands against its deadline, by the server's clock when the report is made:
 * finished on or before the deadline (met) or after it (finished_late); still open or in progress
 * past the deadline (overdue) or before it (pending); cancelled ones have no outcome. Missed is
 * finished_late + overdue.
 */
export const deadlineOutcomes = ['met', 'finished_late', 'overdue', 'pending', 'cancelled'] as const;
export type DeadlineOutcome = (typeof deadlineOutcomes)[number];
export const deadlineOutcomeLabels: Record<DeadlineOutcome, string> = {
  met: 'Finalizada no prazo',
  finished_late: 'Finalizada após o prazo',
  overdue: 'Em aberto com prazo vencido',
  pending: 'Em aberto dentro do prazo',
  cancelled: 'Cancelada',
};

const count = z.number().int().min(0);
const channelCountsSchema = z.record(channelSchema, count);
const statusCountsSchema = z.record(requestStatusSchema, count);
const outcomeCountsSchema = z.record(z.enum(deadlineOutcomes), count);
export type ChannelCounts = Record<Channel, number>;
export type StatusCounts = Record<RequestStatus, number>;
export type OutcomeCounts = Record<DeadlineOutcome, number>;

/** Averages in whole seconds; null when nothing was measured. */
export const handlingTimeSchema = z.object({
  /** Attendances finished (started in the period). */
  finished: count,
  /** finishedAt − startedAt. */
  averageSeconds: z.number().int().nullable(),
  /** Finished attendances whose call recorded its talk time (CTI). */
  withCall: count,
  averageTalkSeconds: z.number().int().nullable(),
});
export type HandlingTime = z.infer<typeof handlingTimeSchema>;

/** The first and last day of a row over time (one day when grouped by day). */
const groupDays = { from: z.iso.date(), to: z.iso.date() };

/**
 * Attendances are those started in the period, by the day they started; requests those registered
 * in it. An attendance counts once for each organ (of the types of the requests registered in it)
 * and once for each category (of those request types and of the informations registered in it) it
 * touched, so the organ and category lists may add up to more than the total.
 */
export const reportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** As asked, or the period's default. */
  groupBy: reportGroupingSchema,
  generatedAt: z.string().datetime(),
  attendances: z.object({
    total: count,
    byChannel: channelCountsSchema,
    /** Every group of the period (reportGroups), groups without attendances included. */
    perPeriod: z.array(z.object({ ...groupDays, total: count, byChannel: channelCountsSchema })),
    /** Most attendances first. */
    byOrgan: z.array(z.object({ organId: z.string().uuid(), organName: z.string(), attendances: count })),
    /** Attendances in which no request was registered (informations only, or nothing). */
    withoutRequest: count,
    byCategory: z.array(z.object({ categoryId: z.string().uuid(), categoryName: z.string(), attendances: count })),
    /** Attendances in which neither a request nor an information was registered. */
    withoutRegistration: count,
  }),
  requests: z.object({
    total: count,
    /** Status now, not when registered. */
    byStatus: statusCountsSchema,
    byDeadline: outcomeCountsSchema,
    /** The organ of each request's type; most requests first. */
    byOrgan: z.array(
      z.object({ organId: z.string().uuid(), organName: z.string(), total: count, byStatus: statusCountsSchema, byDeadline: outcomeCountsSchema }),
    ),
  }),
  handlingTime: z.object({
    overall: handlingTimeSchema,
    /** Every group of the period, by the day the attendances started. */
    perPeriod: z.array(handlingTimeSchema.extend(groupDays)),
  }),
});
export type Report = z.infer<typeof reportSchema>;

/** The deadline alerts list this many requests per organ at most, the most urgent; counts are complete. */
export const deadlineAlertItemLimit = 50;

export const deadlineAlertSchema = z.object({
  id: z.string().uuid(),
  protocol: z.string(),
  status: z.enum(['open', 'in_progress']),
  typeName: z.string(),
  customerName: z.string().nullable(),
  createdAt: z.string().datetime(),
  deadline: z.string().datetime(),
  slaHours: z.number().int(),
  /** Until the deadline by the server's clock when the list was made; negative once it has passed. */
  secondsLeft: z.number().int(),
  overdue: z.boolean(),
});
export type DeadlineAlert = z.infer<typeof deadlineAlertSchema>;

/**
 * GET /api/reports/deadline-alerts: open and in-progress requests already past their deadline
 * (overdue) or close to it (dueSoon: time left at most SUPERVISION_ALERT_HOURS and at most 20% of
 * the type's SLA), by organ; the most urgent (earliest deadline) first, organs too.
 */
export const deadlineAlertsSchema = z.object({
  generatedAt: z.string().datetime(),
  alertHours: z.number().int(),
  overdue: count,
  dueSoon: count,
  organs: z.array(
    z.object({
      organId: z.string().uuid(),
      organName: z.string(),
      overdue: count,
      dueSoon: count,
      items: z.array(deadlineAlertSchema),
    }),
  ),
});
export type DeadlineAlerts = z.infer<typeof deadlineAlertsSchema>;
