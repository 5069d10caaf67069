import { brazilianDate } from '@receptivo/shared';

/**
 * Dates typed as dd/mm/aaaa, whatever the browser's language: the native date input shows the
 * browser's locale (mm/dd/yyyy and English names in an English browser), so the desk reads and
 * checks the text itself and hands the code ISO dates.
 */

const monthNames = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const BRAZILIAN_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** As typed or pasted, to dd/mm/aaaa: digits get their slashes, a pasted ISO date is turned around. */
export function maskBrazilianDate(text: string): string {
  const pasted = text.trim();
  if (ISO_DATE.test(pasted)) return brazilianDate(pasted);
  const digits = text.replace(/\D/g, '').slice(0, 8);
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter(Boolean).join('/');
}

/** An ISO date as dd/mm/aaaa; anything else as it is. */
export function brazilianDateText(value: string): string {
  return ISO_DATE.test(value) ? brazilianDate(value) : value;
}

export type DateReading = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid'; message: string };

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** What a dd/mm/aaaa text means, or why it is not a date, in words a user can act on. */
export function readBrazilianDate(text: string): DateReading {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const parts = BRAZILIAN_DATE.exec(trimmed);
  if (!parts) return { kind: 'invalid', message: 'Data incompleta: digite dia, mês e ano (dd/mm/aaaa).' };
  const [, day, month, year] = parts;
  if (Number(month) < 1 || Number(month) > 12) return { kind: 'invalid', message: `Mês ${month} não existe: use de 01 a 12.` };
  const lastDay = daysInMonth(Number(year), Number(month));
  if (Number(day) < 1 || Number(day) > lastDay) {
    return { kind: 'invalid', message: `${trimmed} não existe: ${monthNames[Number(month) - 1]} de ${year} tem ${lastDay} dias.` };
  }
  return { kind: 'date', iso: `${year}-${month}-${day}` };
}

/**
 * The value a date field hands its form: the ISO date, '' when blank, or the text as typed when it
 * is not a date, so the form's own check refuses it and nothing typed is lost.
 */
export function dateFieldValue(text: string): string {
  const reading = readBrazilianDate(text);
  return reading.kind === 'date' ? reading.iso : reading.kind === 'empty' ? '' : text;
}

/** Why a date field's value (see dateFieldValue) is not a date; undefined when it is one or blank. */
export function dateFieldProblem(value: string): string | undefined {
  const reading = readBrazilianDate(brazilianDateText(value));
  return reading.kind === 'invalid' ? reading.message : undefined;
}
