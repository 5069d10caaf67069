import type { Notice } from '@receptivo/shared';

const pad = (number: number) => String(number).padStart(2, '0');

/** An instant as a datetime-local input shows it: "2025-03-10T08:00", in the browser's time zone. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/**
 * A datetime-local value as ISO 8601 with the browser's offset at that moment
 * ("2025-03-10T08:00:00-03:00"), so the server stores the instant the administrator meant.
 * Blank or malformed input gives null.
 */
export function localInputToIso(input: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(input.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day, hour, minute);
  // A time skipped by a daylight-saving change moves forward; the input must show what is stored.
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const local = isoToLocalInput(date.toISOString());
  return `${local}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

export type NoticeExhibition = 'showing' | 'scheduled' | 'ended' | 'hidden';

export const noticeExhibitionLabels: Record<NoticeExhibition, string> = {
  showing: 'Exibindo agora',
  scheduled: 'Agendado',
  ended: 'Encerrado',
  hidden: 'Oculto (inativo)',
};

/** Whether the Receptivo shows the notice at `now`: active and within its validity. */
export function noticeExhibition(
  notice: Pick<Notice, 'active' | 'validFrom' | 'validUntil'>,
  now: Date,
): NoticeExhibition {
  if (!notice.active) return 'hidden';
  if (Date.parse(notice.validFrom) > now.getTime()) return 'scheduled';
  if (notice.validUntil && Date.parse(notice.validUntil) <= now.getTime()) return 'ended';
  return 'showing';
}
