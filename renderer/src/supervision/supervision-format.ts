import type { SupervisedCall } from '@receptivo/shared';

const percent = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/** Durations as a call center reads them: m:ss, or h:mm:ss from an hour on. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** TME/TMA: the average rounded to the second, m:ss. */
export const formatAverage = (seconds: number | null) => (seconds === null ? '—' : formatElapsed(Math.round(seconds) * 1000));

export const formatPercent = (value: number | null) => (value === null ? '—' : `${percent.format(value)}%`);

/** "Maria Silva · 11987654321": the caller as the PBX sent it (name, number). */
export function callText(call: SupervisedCall): string {
  const number = call.callerNumber ?? 'Número não identificado';
  return call.callerName ? `${call.callerName} · ${number}` : number;
}
