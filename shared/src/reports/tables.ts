import { channelLabels, channels } from '../attendances/schemas';
import { requestStatusLabels, requestStatuses } from '../requests/schemas';
import {
  type DeadlineOutcome,
  type HandlingTime,
  type OutcomeCounts,
  type Report,
  type ReportGrouping,
  type ReportSection,
  type StatusCounts,
  deadlineOutcomeLabels,
  deadlineOutcomes,
  reportGroupingLabels,
} from './schemas';

/**
 * One definition of every report table, for the screen and for CSV alike, so both show the same
 * numbers: values stay raw (counts, seconds, percentages) and each reader formats them
 * by the column's kind.
 */
export type ReportValueKind = 'text' | 'count' | 'seconds' | 'percent';
export type ReportValue = string | number | null;

export interface ReportColumn {
  label: string;
  kind: ReportValueKind;
}

export interface ReportTable {
  section: ReportSection;
  title: string;
  columns: ReportColumn[];
  rows: ReportValue[][];
  /** Lines under the rows (totals, what the rows leave out): a label in the first column, then values. */
  footer: { label: string; values: ReportValue[] }[];
}

const text = (label: string): ReportColumn => ({ label, kind: 'text' });
const counted = (label: string): ReportColumn => ({ label, kind: 'count' });

/** A share in percent with one decimal; null when there is nothing to divide. */
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** Of the requests whose deadline is settled or already missed, the share that met it. */
export function deadlineMetRate(counts: OutcomeCounts): number | null {
  return percent(counts.met, counts.met + counts.finished_late + counts.overdue);
}

const statusColumns = requestStatuses.map((status) => counted(requestStatusLabels[status]));
const outcomeColumns = deadlineOutcomes.filter((outcome) => outcome !== 'cancelled').map((outcome) => counted(deadlineOutcomeLabels[outcome]));
const requestCounts = (total: number, byStatus: StatusCounts, byDeadline: OutcomeCounts): ReportValue[] => [
  total,
  ...requestStatuses.map((status) => byStatus[status]),
  ...deadlineOutcomes.filter((outcome) => outcome !== 'cancelled').map((outcome) => byDeadline[outcome]),
  deadlineMetRate(byDeadline),
];
const handlingValues = (time: HandlingTime): ReportValue[] => [time.finished, time.averageSeconds, time.withCall, time.averageTalkSeconds];

const monthNames = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];
const groupingInTitles: Record<ReportGrouping, string> = { day: 'dia', week: 'semana', month: 'mês' };

/**
 * A row over time as people name it: "02/03/2026", "02/03 a 08/03/2026", "março de 2026" (a month
 * cut by the period's ends names its days instead).
 */
export function reportGroupLabel(group: { from: string; to: string }, groupBy: ReportGrouping): string {
  if (group.from === group.to) return brazilianDate(group.from);
  const [fromYear, fromMonth] = group.from.split('-');
  const wholeMonth = group.from.endsWith('-01') && reportMonthEnd(group.from) === group.to;
  if (groupBy === 'month' && wholeMonth) return `${monthNames[Number(fromMonth) - 1]} de ${fromYear}`;
  const first = group.from.slice(0, 4) === group.to.slice(0, 4) ? brazilianDate(group.from).slice(0, 5) : brazilianDate(group.from);
  return `${first} a ${brazilianDate(group.to)}`;
}

/** The last day of the month of an ISO day. */
function reportMonthEnd(isoDay: string): string {
  const [year, month] = isoDay.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function reportTables(report: Report): Record<ReportSection, ReportTable> {
  const { attendances, requests, handlingTime, groupBy } = report;
  const groupColumn = text(reportGroupingLabels[groupBy]);
  const groupOf = (group: { from: string; to: string }) => reportGroupLabel(group, groupBy);
  return {
    'attendances-by-day': {
      section: 'attendances-by-day',
      title: `Atendimentos por ${groupingInTitles[groupBy]} e meio de comunicação`,
      columns: [groupColumn, ...channels.map((channel) => counted(channelLabels[channel])), counted('Total')],
      rows: attendances.perPeriod.map((group) => [groupOf(group), ...channels.map((channel) => group.byChannel[channel]), group.total]),
      footer: [{ label: 'Total', values: [...channels.map((channel) => attendances.byChannel[channel]), attendances.total] }],
    },
    'attendances-by-organ': {
      section: 'attendances-by-organ',
      title: 'Atendimentos por órgão',
      columns: [text('Órgão'), counted('Atendimentos')],
      rows: attendances.byOrgan.map((organ) => [organ.organName, organ.attendances]),
      footer: [
        { label: 'Sem solicitação registrada', values: [attendances.withoutRequest] },
        { label: 'Atendimentos no período', values: [attendances.total] },
      ],
    },
    'attendances-by-category': {
      section: 'attendances-by-category',
      title: 'Atendimentos por categoria',
      columns: [text('Categoria'), counted('Atendimentos')],
      rows: attendances.byCategory.map((category) => [category.categoryName, category.attendances]),
      footer: [
        { label: 'Sem informação nem solicitação registrada', values: [attendances.withoutRegistration] },
        { label: 'Atendimentos no período', values: [attendances.total] },
      ],
    },
    'requests-by-status': {
      section: 'requests-by-status',
      title: 'Solicitações por situação',
      columns: [text('Situação'), counted('Solicitações'), { label: 'Participação', kind: 'percent' }],
      rows: requestStatuses.map((status) => [requestStatusLabels[status], requests.byStatus[status], percent(requests.byStatus[status], requests.total)]),
      footer: [{ label: 'Total', values: [requests.total, percent(requests.total, requests.total)] }],
    },
    'requests-by-deadline': {
      section: 'requests-by-deadline',
      title: 'Solicitações por prazo',
      columns: [text('Prazo'), counted('Solicitações'), { label: 'Participação', kind: 'percent' }],
      rows: deadlineOutcomes.map((outcome: DeadlineOutcome) => [
        deadlineOutcomeLabels[outcome],
        requests.byDeadline[outcome],
        percent(requests.byDeadline[outcome], requests.total),
      ]),
      footer: [
        { label: 'Total', values: [requests.total, percent(requests.total, requests.total)] },
        { label: 'Cumprimento do prazo', values: [null, deadlineMetRate(requests.byDeadline)] },
      ],
    },
    'requests-by-organ': {
      section: 'requests-by-organ',
      title: 'Solicitações por órgão',
      columns: [text('Órgão'), counted('Total'), ...statusColumns, ...outcomeColumns, { label: 'Cumprimento do prazo', kind: 'percent' }],
      rows: requests.byOrgan.map((organ) => [organ.organName, ...requestCounts(organ.total, organ.byStatus, organ.byDeadline)]),
      footer: [{ label: 'Total', values: requestCounts(requests.total, requests.byStatus, requests.byDeadline) }],
    },
    'handling-time-by-day': {
      section: 'handling-time-by-day',
      title: `Tempo médio de atendimento por ${groupingInTitles[groupBy]}`,
      columns: [
        groupColumn,
        counted('Atendimentos finalizados'),
        { label: 'Tempo médio de atendimento', kind: 'seconds' },
        counted('Com chamada'),
        { label: 'Tempo médio de conversa', kind: 'seconds' },
      ],
      rows: handlingTime.perPeriod.map((group) => [groupOf(group), ...handlingValues(group)]),
      footer: [{ label: 'Período', values: handlingValues(handlingTime.overall) }],
    },
  };
}

/** "2026-03-02" → "02/03/2026", as pt-BR spreadsheets read a date. */
export const brazilianDate = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** Report files are named after the table and the period. */
export const reportCsvFileName = (section: ReportSection, from: string, to: string) => `relatorio-${section}-${from}-a-${to}.csv`;

// Excel runs a cell starting with these as a formula (CSV injection); organ and category names come from users.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: ReportValue, kind: ReportValueKind): string {
  if (value === null) return '';
  if (typeof value === 'number') return kind === 'percent' ? value.toFixed(1).replace('.', ',') : String(value);
  const cell = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Text columns and rows (null for an empty cell) as CSV, the same way as the report tables. */
export function textTableCsv(columns: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return tableCsv(
    columns.map((label) => ({ label, kind: 'text' })),
    rows,
    [],
  );
}

const unitOf: Record<ReportValueKind, string> = { text: '', count: '', seconds: ' (s)', percent: ' (%)' };

/**
 * CSV as Excel in pt-BR opens it by double click: a UTF-8 byte order mark (or accents break), `;`
 * between cells (the comma is the decimal separator), CRLF lines, dd/mm/aaaa dates, durations in
 * whole seconds and percentages with a decimal comma.
 */
export function reportCsv(table: ReportTable): string {
  return tableCsv(table.columns, table.rows, table.footer);
}

function tableCsv(columns: readonly ReportColumn[], rows: readonly (readonly ReportValue[])[], footer: ReportTable['footer']): string {
  const header = columns.map((column) => csvCell(`${column.label}${unitOf[column.kind]}`, 'text'));
  const lines = [
    header,
    ...rows.map((row) => row.map((value, index) => csvCell(value, columns[index].kind))),
    ...footer.map((line) => [csvCell(line.label, 'text'), ...line.values.map((value, index) => csvCell(value, columns[index + 1].kind))]),
  ];
  return `\uFEFF${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`;
}
