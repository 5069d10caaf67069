import { type ReportValue, type ReportValueKind, reportTimeZone } from '@receptivo/shared';
import { formatCount } from '../ui/format';

const percents = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "45 s", "6 min 36 s", "2 h 05 min": how long, as a supervisor reads it. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(Math.abs(seconds));
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${twoDigits(whole % 60)} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${twoDigits(minutes % 60)} min`;
  return `${Math.floor(minutes / 1440)} d ${Math.floor((minutes % 1440) / 60)} h`;
}

/** A report value on screen, by its column's kind; nothing measured shows as a dash. */
export function formatReportValue(value: ReportValue, kind: ReportValueKind): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (kind === 'seconds') return formatDuration(value);
  if (kind === 'percent') return `${percents.format(value)}%`;
  return formatCount(value);
}

/** Today in Brasília as an ISO date, whatever this machine's zone. */
export function todayInBrasilia(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: reportTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
